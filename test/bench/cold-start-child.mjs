// One cold start in a fresh process: `node cold-start-child.mjs <bundle.mjs> <whole|preloaded|sdk>`.
// Plain JavaScript on purpose: a .ts child would make Node load its type stripper first, the same
// constant in every process, which would dilute the whole-process ratios.
//
// Imports the bundle, handles the event in BENCH_EVENT once, and prints one JSON line after the
// marker `@@cold-start@@`; the parent takes the wall time from spawning to that line.
//   whole      nothing else: what a fresh `node` process pays.
//   preloaded  first loads what the Node.js Lambda runtime has loaded before it imports a handler
//              (RUNTIME_MODULES below), then times import + event: what a deployed function feels.
//   sdk        a module hook records every specifier resolved during the import and during the
//              event, for the parent to see which `@aws-sdk/*` packages and which chunks load
//              (timing runs go without the hook, so it costs them nothing).

/**
 * The built-in modules the Node.js runtime interface client (github.com/aws/aws-lambda-nodejs-runtime-interface-client,
 * the code the nodejs22.x/24.x runtimes run) has required when it imports the handler:
 * - node:module, for createRequire (src/utils/cjs-require.ts), through which it loads the others;
 * - node:http, Agent and request for the Runtime API (src/client/rapid-client.ts);
 * - node:net, createConnection for response streaming (src/stream/response-stream.ts, imported by
 *   the client at start-up);
 * - node:util, format for log lines (src/logging/formatter.ts);
 * - node:fs, the log socket and handler lookup (src/logging/socket-logger.ts, src/function/dynamic-imports.ts);
 * - node:path, the handler path (src/utils/handler-path.ts, src/function/module-loader.ts);
 * - node:stream, which node:http loads anyway, and node:stream/web: the client's source requires
 *   neither directly; they are here because the coldPreloaded target (test/bench/stats.ts) was
 *   set with them loaded, as observed in a deployed function.
 * node:async_hooks is left out: @aws/lambda-invoke-store loads it only for multi-concurrency.
 */
/* global performance -- Node's global; importing node:perf_hooks would load a module the timed import does not need */
const RUNTIME_MODULES = ['node:module', 'node:http', 'node:net', 'node:util', 'node:fs', 'node:path', 'node:stream', 'node:stream/web']

const [bundle, mode = 'whole'] = process.argv.slice(2)
if (bundle === undefined || !['whole', 'preloaded', 'sdk'].includes(mode)) {
  throw new Error('usage: node cold-start-child.mjs <absolute path of bundle.mjs> <whole|preloaded|sdk>')
}

if (mode === 'preloaded') for (const name of RUNTIME_MODULES) process.getBuiltinModule(name)

const resolved = []
if (mode === 'sdk') {
  process.getBuiltinModule('node:module').registerHooks({
    resolve(specifier, context, nextResolve) {
      resolved.push(specifier)
      return nextResolve(specifier, context)
    },
  })
}

const context = {
  awsRequestId: 'cold-0000-1111',
  functionName: 'cognito-trigger-router',
  getRemainingTimeInMillis: () => 4000,
}
const event = JSON.parse(process.env.BENCH_EVENT ?? 'null')

const cpuAtStart = process.cpuUsage()
const started = performance.now()
const module = await import(bundle)
const imported = performance.now()
const resolvedAtImport = [...resolved]
let outcome = 'ok'
try {
  await module.handler(event, context)
} catch (error) {
  outcome = `rejected: ${error instanceof Error ? error.message : String(error)}`
}
const handled = performance.now()
const cpuOfImportAndEvent = process.cpuUsage(cpuAtStart)
const cpuOfProcess = process.cpuUsage()
const cpuMs = (usage) => (usage.user + usage.system) / 1000

console.log(
  '@@cold-start@@' +
    JSON.stringify({
      importMs: imported - started,
      invokeMs: handled - imported,
      // Since the process started (performance.timeOrigin): Node's own start-up included.
      sinceProcessStartMs: handled,
      // CPU time (user + system, every thread of the process): what the load of other processes
      // changes least, and what a Lambda function with a fraction of a vCPU pays for.
      processCpuMs: cpuMs(cpuOfProcess),
      importAndEventCpuMs: cpuMs(cpuOfImportAndEvent),
      outcome,
      resolvedAtImport,
      resolvedDuringEvent: resolved.slice(resolvedAtImport.length),
    }),
)
// stdout to a pipe is written synchronously on Linux, so the line is out; a timer the handler
// left (a deadline, say) must not keep the process, and the next one, waiting.
process.exit(0)
