// The built CLI's `start` with a configuration, a sign-up through the printed endpoint and client
// id, then Ctrl-C. `npm start` itself, with the example configuration: test/package/npm-start.test.ts.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { exampleConfig } from '../../src/local/example.js'
import { localCognitoClient } from '../../src/local/stack.js'
import { runCli, type RunningCli } from './support/cli.js'
import { signUp, STACK_TIMEOUT } from './support/stack.js'

const dir = mkdtempSync(path.join(tmpdir(), 'ctr-start-test-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
let cli: RunningCli | undefined
afterEach(async () => {
  await cli?.stop('SIGKILL')
})

const endpoints = async (running: RunningCli) => {
  await running.waitFor(/^Invocations \(Ctrl-C to stop\):$/, 20_000)
  const value = async (label: RegExp) => (await running.waitFor(label))[1]!
  return { cognitoUrl: await value(/^ {2}cognito-local \(Cognito\) +(\S+)$/), clientId: await value(/^ {2}App client id +(\S+)$/) }
}

describe('cognito-trigger-router start', () => {
  it('starts the stack with a configuration, prints endpoints and a walkthrough, one line per invocation, and stops cleanly on Ctrl-C', async () => {
    // Prepare
    const config = path.join(dir, 'router.json')
    writeFileSync(config, JSON.stringify({ plugins: { 'sign-in-audit': true, 'add-to-group': { groups: ['users'] }, 'user-migration': exampleConfig.plugins['user-migration'] } }))
    cli = runCli(['start', '--config', config])
    const { cognitoUrl, clientId } = await endpoints(cli)
    const client = localCognitoClient(cognitoUrl)

    // Act
    await signUp({ client, clientId }, 'someone@example.com')
    await cli.waitFor(/PreSignUp_SignUp\s+\(no plugin\)\s+ok\s+\d+ ms/)
    client.destroy()
    const code = await cli.stop('SIGINT')

    // Assess
    expect(code).toBe(0)
    const text = cli.lines.join('\n')
    expect(text).toMatch(/^cognito-trigger-router: starting a local Cognito stack\n {2}· starting the legacy user store/)
    expect(text).toMatch(/Ready in \d+\.\d s\./)
    expect(text).toContain('  Plugins                   sign-in-audit, add-to-group, user-migration')
    expect(text).toContain('  Idempotency               (off)')
    expect(text).toContain(`aws cognito-idp --endpoint-url ${cognitoUrl} sign-up --client-id ${clientId} --username someone@example.com --password 'Passw0rd!'`)
    const removed = /Stopped; removed (.+)\.$/.exec(cli.lines.at(-1)!)
    expect(removed).not.toBeNull()
    expect(existsSync(removed![1]!)).toBe(false)
  }, STACK_TIMEOUT)
})
