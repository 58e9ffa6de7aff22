// The contract suite sets its own timeouts: in a project with vitest's defaults, a plugin that
// hangs fails describePluginContract with a violation that names the problem, after the router's
// 3 s deadline, instead of running into vitest's 5 s test timeout.
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { root } from './support/cli.js'

const dir = mkdtempSync(path.join(tmpdir(), 'ctr-contract-timeout-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

interface JsonReport {
  testResults: { assertionResults: { title: string; status: string; failureMessages: string[] }[] }[]
}

describe('describePluginContract in a project with vitest’s default timeout', () => {
  it('fails a plugin that ignores its signal with a deadline violation, not with the test timeout', async () => {
    // Prepare: the vitest of this run must not leak into the nested one.
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(VITEST|NODE_V8_COVERAGE$|NODE_OPTIONS$)/.test(key)))
    const report = path.join(dir, 'report.json')
    const args = [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--config', 'test/e2e/fixtures/vitest.config.ts', '--reporter=json', `--outputFile=${report}`]

    // Act: the nested run fails (exit code 1), as it should.
    await promisify(execFile)(process.execPath, args, { cwd: root, env }).catch((error: { code?: number }) => {
      if (error.code !== 1) throw error
    })

    // Assess
    const results = (JSON.parse(readFileSync(report, 'utf8')) as JsonReport).testResults.flatMap((file) => file.assertionResults)
    expect(results.map(({ title, status }) => ({ title, status }))).toStrictEqual([{ title: 'keeps the contract on PreSignUp_SignUp', status: 'failed' }])
    const failure = results[0]!.failureMessages.join('\n')
    expect(failure).toContain('the plugin was still running after its 3000 ms deadline aborted context.signal')
    expect(failure).not.toMatch(/timed out/i)
  }, 60_000)
})
