// `npm start` as a new user runs it: the example configuration, with its walkthrough, a sign-up
// through the printed endpoint and client id, then a stop from another terminal: `kill -INT` of
// the npm process must reach the CLI (npm passes a signal to its child only, so that child must be
// the CLI and not a shell), which stops cognito-local and the endpoint and removes its folder. A
// folder left by a run killed with SIGKILL goes on the next start.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { EXAMPLE } from '../../src/local/example.js'
import { OWNER_FILE, RUN_DIR_PREFIX } from '../../src/local/run-dir.js'
import { localCognitoClient } from '../../src/local/stack.js'
import { signUp } from '../e2e/support/stack.js'

const root = fileURLToPath(new URL('../..', import.meta.url))
// As in exports.test.ts: npm_* variables of an enclosing `npm test` must not reach the nested npm.
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_|^INIT_CWD$/.test(key)))
// The run's own temporary folder, so the assertions see only its folders.
const temp = mkdtempSync(path.join(tmpdir(), 'ctr-npm-start-test-'))
let group: number | undefined
afterAll(() => {
  try {
    if (group !== undefined) process.kill(-group, 'SIGKILL')
  } catch {
    // the group has already ended, as it should
  }
  rmSync(temp, { recursive: true, force: true })
})

describe('npm start', () => {
  it('runs the example configuration with its walkthrough, stops everything on kill -INT of the npm process, and removes a killed run\'s folder on start', async () => {
    // Prepare: the folder of a run killed with SIGKILL, whose process is gone.
    const stale = path.join(temp, `${RUN_DIR_PREFIX}killed`)
    mkdirSync(path.join(stale, '.cognito'), { recursive: true })
    writeFileSync(path.join(stale, OWNER_FILE), String(spawnSync(process.execPath, ['-e', '']).pid))
    // Its own process group, so that whatever happens the test can end everything it started;
    // the signal under test goes to the npm process alone, as `kill -INT <pid>` sends it.
    const npm = spawn('npm', ['start'], { cwd: root, env: { ...env, TMPDIR: temp, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
    group = npm.pid
    let output = ''
    const exited = new Promise<number | null>((resolve) => npm.once('exit', (code) => resolve(code)))
    const ready = new Promise<void>((resolve, reject) => {
      const read = (chunk: Buffer) => {
        output += chunk.toString('utf8')
        if (output.includes('Invocations (Ctrl-C to stop):')) resolve()
      }
      npm.stdout.on('data', read)
      npm.stderr.on('data', read)
      void exited.then(() => reject(new Error(`npm start exited before it was ready:\n${output}`)))
    })
    await ready
    const cognitoUrl = /cognito-local \(Cognito\) +(\S+)/.exec(output)![1]!
    const lambdaUrl = /Lambda Invoke endpoint +(\S+)/.exec(output)![1]!
    const clientId = /App client id +(\S+)/.exec(output)![1]!
    const confirmed = new Promise<void>((resolve) => {
      const seen = () => /PostConfirmation_ConfirmSignUp\s+add-to-group\s+ok/.test(output) && resolve()
      npm.stdout.on('data', seen)
      seen()
    })

    // Act
    const client = localCognitoClient(cognitoUrl)
    const signedUp = await signUp({ client, clientId }, EXAMPLE.trusted)
    await confirmed
    client.destroy()
    npm.kill('SIGINT')
    const code = await exited

    // Assess: the walkthrough, and the sign-up it suggests going through the example's plugins.
    expect(signedUp.UserConfirmed).toBe(true)
    expect(output).toContain('  Plugins                   signup-policy, user-migration, add-to-group, token-claims, sign-in-audit')
    expect(output).toMatch(/^ {2}Idempotency {15}table cognito-trigger-router-idempotency in dynalite \(DynamoDB\) at http:\/\/127\.0\.0\.1:\d+: /m)
    expect(output).toContain(`--username ${EXAMPLE.blocked}`)
    expect(output).toContain(`'USERNAME=${EXAMPLE.legacy.username},PASSWORD=${EXAMPLE.legacy.password}'`)
    // The stop.
    expect(code).toBe(0)
    const removed = /Stopped; removed (.+)\.\n/.exec(output)?.[1]
    expect(removed?.startsWith(path.join(temp, RUN_DIR_PREFIX))).toBe(true)
    expect(existsSync(removed!)).toBe(false)
    expect(existsSync(stale)).toBe(false)
    await expect(fetch(`${cognitoUrl}/health`)).rejects.toThrow()
    await expect(fetch(`${lambdaUrl}/_local/invocations`)).rejects.toThrow()
  }, 120_000)
})
