// One cold start, in a fresh process: `node cold-start-child.ts <bundle.mjs> <time|sdk>`.
// Imports the bundle, handles the event in BENCH_EVENT, and prints one JSON line after the
// marker. In `sdk` mode a module hook records every `@aws-sdk/*` specifier resolved during the
// import and during the invocation (timing runs go without the hook, so it costs them nothing).

import { registerHooks } from 'node:module'
import { pathToFileURL } from 'node:url'

const [bundle, mode = 'time'] = process.argv.slice(2)
if (bundle === undefined) throw new Error('usage: node cold-start-child.ts <bundle.mjs> <time|sdk>')

const resolved: string[] = []
if (mode === 'sdk') {
  registerHooks({
    resolve(specifier, context, nextResolve) {
      if (specifier.startsWith('@aws-sdk/')) resolved.push(specifier)
      return nextResolve(specifier, context)
    },
  })
}

const context = {
  awsRequestId: 'cold-0000-1111',
  functionName: 'cognito-trigger-router',
  getRemainingTimeInMillis: () => 4000,
}
const event: unknown = JSON.parse(process.env.BENCH_EVENT ?? 'null')

const started = performance.now()
const module = (await import(pathToFileURL(bundle).href)) as { handler: (event: unknown, context: unknown) => Promise<unknown> }
const imported = performance.now()
const sdkAtImport = [...resolved]
let outcome = 'ok'
try {
  await module.handler(event, context)
} catch (error) {
  outcome = `rejected: ${error instanceof Error ? error.message : String(error)}`
}
const handled = performance.now()

console.log(
  '@@cold-start@@' +
    JSON.stringify({
      importMs: imported - started,
      invokeMs: handled - imported,
      // Since the process started (performance.timeOrigin): Node's own boot included.
      sinceProcessStartMs: handled,
      outcome,
      sdkAtImport,
      sdkAfterInvoke: resolved.slice(sdkAtImport.length),
    }),
)
