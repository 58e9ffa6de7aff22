// Proves the deployable artifact works as the Lambda runtime loads it: dist/index.mjs imported
// by a plain node process (no vitest transforms, no node_modules besides the @aws-sdk/* the
// runtime provides), and the zip holding it at its root for the handler `index.handler`.
// Needs `npm run build` first (`npm test` runs it).
import { execFile } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { unzipSync } from 'fflate'
import { beforeAll, describe, expect, it } from 'vitest'

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
// the outcome after a marker, because the router's own log lines share stdout.
const INVOKE = `
const mod = await import(process.env.BUNDLE_URL)
const context = {
  functionName: 'cognito-trigger-router', functionVersion: '$LATEST', memoryLimitInMB: '128',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:cognito-trigger-router',
  awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678', logGroupName: '/aws/lambda/cognito-trigger-router',
  logStreamName: '2026/01/01/[$LATEST]abcdef', callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => 3000, done() {}, fail() {}, succeed() {},
}
const outcome = { handlerType: typeof mod.handler }
try { outcome.result = await mod.handler(JSON.parse(process.env.EVENT), context) }
catch (error) { outcome.error = String(error?.stack ?? error) }
console.log('@@OUTCOME ' + JSON.stringify(outcome))
`

describe('the Lambda bundle', () => {
  beforeAll(() => {
    for (const file of [bundle, zip]) {
      if (!existsSync(file)) {
        throw new Error(`${path.relative(root, file)} is missing: run \`npm run build\` first (\`npm test\` does)`)
      }
    }
  })

  it('exports a handler that echoes a PreAuthentication event when no plugin handles it', async () => {
    // Only the bundled configuration: no overrides from the environment this test runs in.
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([key]) => !/^(npm_|COGNITO_ROUTER_|VITEST|NODE_OPTIONS$)/.test(key)),
    )
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', INVOKE], {
      cwd: path.dirname(bundle),
      env: { ...env, BUNDLE_URL: pathToFileURL(bundle).href, EVENT: JSON.stringify(event), AWS_REGION: 'us-east-1' },
    }).catch((error: { stdout?: string; stderr?: string }) => ({ stdout: error.stdout ?? '', stderr: error.stderr ?? '' }))
    const line = stdout.split('\n').find((l) => l.startsWith('@@OUTCOME '))
    if (!line) {
      // A load error prints the offending line of the minified bundle: clip it to keep the log readable.
      const clip = (text: string) => text.split('\n').map((l) => (l.length > 400 ? `${l.slice(0, 400)}…` : l)).join('\n')
      throw new Error(`importing dist/index.mjs failed:\n${clip(stderr)}\n${clip(stdout)}`)
    }
    const outcome = JSON.parse(line.slice('@@OUTCOME '.length))
    expect(outcome.error).toBeUndefined()
    expect(outcome.handlerType).toBe('function')
    expect(outcome.result).toEqual(event)
  }, 30_000)

  it('is zipped with index.mjs and its lazily loaded chunks at the root', () => {
    const entries = unzipSync(readFileSync(zip))
    const chunks = readdirSync(path.join(root, 'dist/chunks')).map((name) => `chunks/${name}`)
    expect(Object.keys(entries).sort()).toEqual(['index.mjs', ...chunks].sort())
    for (const chunk of chunks) expect(Buffer.from(entries[chunk]!).equals(readFileSync(path.join(root, 'dist', chunk)))).toBe(true)
    expect(Buffer.from(entries['index.mjs']!).equals(readFileSync(bundle))).toBe(true)
  })
})
