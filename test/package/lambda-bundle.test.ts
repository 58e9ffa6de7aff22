// Proves the deployable artifact works as the Lambda runtime loads it: dist/index.mjs imported
// by a plain node process (no vitest transforms, no node_modules besides the @aws-sdk/* the
// runtime provides), and the zip holding it at its root for the handler `index.handler`.
// Its errors keep their class names through minification, as the README's log searches need.
// Needs `npm run build` first (`npm test` runs it).
import { execFile } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { createServer, type AddressInfo, type Socket } from 'node:net'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { unzipSync } from 'fflate'
import { beforeAll, describe, expect, it } from 'vitest'
import { createEvent } from '../../src/testing/events.js'

const root = fileURLToPath(new URL('../..', import.meta.url))
const bundle = path.join(root, 'dist/index.mjs')
const zip = path.join(root, 'dist/cognito-trigger-router.zip')

const event = {
  version: '1',
  region: 'us-east-1',
  userPoolId: 'us-east-1_EXAMPLE',
  userName: 'jane.doe',
  callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: '1example23456789' },
  triggerSource: 'PreAuthentication_Authentication',
  request: {
    userAttributes: { sub: '5d5a1e8e-1c2b-4a6f-9f0e-2b1f6f7a3c11', email: 'jane.doe@example.com' },
    validationData: null,
  },
  response: {},
}

// Runs in a child node as the Lambda runtime would: import the file, call the handler, and print
// the outcome after a marker, because the router's own log lines share stdout. An import that
// fails is the cold start failing, which Lambda reports by the error's name.
const INVOKE = `
const describe = (error) => ({ name: error?.name, message: error?.message, stack: String(error?.stack ?? error) })
let mod
try { mod = await import(process.env.BUNDLE_URL) }
catch (error) { console.log('@@OUTCOME ' + JSON.stringify({ coldStartError: describe(error) })); process.exit(0) }
const remaining = Number(process.env.REMAINING_MS ?? 3000)
const started = Date.now()
const context = {
  functionName: 'cognito-trigger-router', functionVersion: '$LATEST', memoryLimitInMB: '128',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:cognito-trigger-router',
  awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678', logGroupName: '/aws/lambda/cognito-trigger-router',
  logStreamName: '2026/01/01/[$LATEST]abcdef', callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => Math.max(0, remaining - (Date.now() - started)), done() {}, fail() {}, succeed() {},
}
const outcome = { handlerType: typeof mod.handler }
try { outcome.result = await mod.handler(JSON.parse(process.env.EVENT), context) }
catch (error) { outcome.error = describe(error) }
console.log('@@OUTCOME ' + JSON.stringify(outcome))
process.exit(0)
`

interface Outcome {
  readonly handlerType?: string
  readonly result?: unknown
  readonly error?: { name: string; message: string; stack: string }
  readonly coldStartError?: { name: string; message: string; stack: string }
}

/** Imports the bundle in a child node and invokes it once: the outcome and the router's JSON log lines. */
const runBundle = async (invocation: unknown, extraEnv: Record<string, string> = {}): Promise<{ outcome: Outcome; logLines: Record<string, unknown>[] }> => {
  // Only the bundled configuration: no overrides from the environment this test runs in.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(npm_|COGNITO_ROUTER_|VITEST|NODE_OPTIONS$)/.test(key)))
  const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', INVOKE], {
    cwd: path.dirname(bundle),
    env: { ...env, BUNDLE_URL: pathToFileURL(bundle).href, EVENT: JSON.stringify(invocation), AWS_REGION: 'us-east-1', ...extraEnv },
  }).catch((error: { stdout?: string; stderr?: string }) => ({ stdout: error.stdout ?? '', stderr: error.stderr ?? '' }))
  const lines = stdout.split('\n')
  const line = lines.find((l) => l.startsWith('@@OUTCOME '))
  if (!line) {
    // A load error prints the offending line of the minified bundle: clip it to keep the log readable.
    const clip = (text: string) => text.split('\n').map((l) => (l.length > 400 ? `${l.slice(0, 400)}…` : l)).join('\n')
    throw new Error(`importing dist/index.mjs failed:\n${clip(stderr)}\n${clip(stdout)}`)
  }
  // The router's JSON lines: ERROR and WARN go to stderr, the rest to stdout, as on Lambda.
  const logLines = [...lines, ...stderr.split('\n')].filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>)
  return { outcome: JSON.parse(line.slice('@@OUTCOME '.length)) as Outcome, logLines }
}

const failureLine = (logLines: readonly Record<string, unknown>[]) => logLines.find((line) => line.message === 'cognito trigger failed')

describe('the Lambda bundle', () => {
  beforeAll(() => {
    for (const file of [bundle, zip]) {
      if (!existsSync(file)) {
        throw new Error(`${path.relative(root, file)} is missing: run \`npm run build\` first (\`npm test\` does)`)
      }
    }
  })

  it('exports a handler that echoes a PreAuthentication event when no plugin handles it', async () => {
    // Act
    const { outcome } = await runBundle(event)

    // Assess
    expect(outcome.error).toBeUndefined()
    expect(outcome.handlerType).toBe('function')
    expect(outcome.result).toEqual(event)
  }, 30_000)

  // The README tells operators to search the logs for these names: minifying must not rename them.
  it('logs the real name of the error when a custom sender event finds no sender plugin', async () => {
    // Act
    const { outcome, logLines } = await runBundle(createEvent('CustomEmailSender_SignUp'))

    // Assess
    expect(failureLine(logLines)).toMatchObject({ level: 'ERROR', errorName: 'MissingSenderPluginError' })
    expect(outcome.error?.name).toBe('TriggerRejectedError')
  }, 30_000)

  it('logs the real name of the error when the deadline runs out', async () => {
    // Prepare: a legacy store that accepts the connection and never answers, so only the deadline ends the call.
    const sockets: Socket[] = []
    const hanging = createServer((socket) => void sockets.push(socket))
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve))
    const config = {
      plugins: { 'user-migration': { http: { url: `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/`, bearerTokenEnv: 'LEGACY_TOKEN' } } },
      deadlineMs: 300,
    }

    // Act
    const { outcome, logLines } = await runBundle(createEvent('UserMigration_Authentication'), {
      COGNITO_ROUTER_CONFIG: JSON.stringify(config),
      LEGACY_TOKEN: 'token',
    }).finally(() => {
      sockets.forEach((socket) => socket.destroy())
      hanging.close()
    })

    // Assess
    expect(failureLine(logLines)).toMatchObject({ errorName: 'DeadlineExceededError', plugin: 'user-migration' })
    expect(outcome.error?.name).toBe('TriggerRejectedError')
  }, 30_000)

  it('fails the cold start of an invalid configuration with a ConfigurationError, by name', async () => {
    // Act
    const { outcome } = await runBundle(event, { COGNITO_ROUTER_CONFIG: JSON.stringify({ plugins: { 'no-such-plugin': true } }) })

    // Assess
    expect(outcome.coldStartError).toMatchObject({ name: 'ConfigurationError', message: expect.stringContaining('unknown plugin "plugins.no-such-plugin"') })
    expect(outcome.coldStartError?.stack).toMatch(/^ConfigurationError: configuration: unknown plugin/)
  }, 30_000)

  it('is zipped with index.mjs and its lazily loaded chunks at the root', () => {
    const entries = unzipSync(readFileSync(zip))
    const chunks = readdirSync(path.join(root, 'dist/chunks')).map((name) => `chunks/${name}`)
    expect(Object.keys(entries).sort()).toEqual(['index.mjs', ...chunks].sort())
    for (const chunk of chunks) expect(Buffer.from(entries[chunk]!).equals(readFileSync(path.join(root, 'dist', chunk)))).toBe(true)
    expect(Buffer.from(entries['index.mjs']!).equals(readFileSync(bundle))).toBe(true)
  })
})
