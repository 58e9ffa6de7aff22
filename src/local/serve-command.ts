// -- `cognito-trigger-router serve` ------------------------------------------------------------
// The router (or a built handler module) on the Lambda Invoke API, one line per invocation.

import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { ConfigurationError } from '../errors.js'
import { jsonLogger } from '../logger.js'
import { enabledPlugins } from './example.js'
import { parseCommandArgs, portOption, timeoutOption, type Command } from './args.js'
import { teeRouterLines } from './console-tee.js'
import { UsageError } from './errors.js'
import { formatInvocation, paint } from './format.js'
import { loadConfig, routerFrom } from './router-config.js'
import { startLocalLambda, type LambdaHandler } from './server.js'
import { untilStopped } from './signals.js'
import { createRouterTrace, type RouterTrace } from './trace.js'

const help = `Usage: cognito-trigger-router serve [options]

Serves the router on the AWS Lambda Invoke API at http://127.0.0.1:<port>
(POST /2015-03-31/functions/{FunctionName}/invocations, any function name), for cognito-local,
\`aws lambda invoke --endpoint-url\` and @aws-sdk/client-lambda. Replies as Lambda does: the
handler's result, or X-Amz-Function-Error: Unhandled with { errorType, errorMessage, trace }.
Prints one line per invocation: time, triggerSource, plugins that ran, outcome, duration.
Answers programs on this machine only: a Host other than 127.0.0.1, localhost or [::1], or a web
page's Origin, gets 403; a body that is not application/json, application/octet-stream,
binary/octet-stream or untyped gets 415 (send curl's with -H 'content-type: application/json').

Options:
  --port N          Port on 127.0.0.1 (default 0: a free port)
  --config FILE     JSON configuration of the built-in plugins (default: COGNITO_ROUTER_CONFIG,
                    then COGNITO_ROUTER_CONFIG_FILE, then the bundled src/lambda/config.json)
  --handler FILE    Serve the "handler" export of a module instead, e.g. dist/index.mjs
  --timeout MS      Function timeout; the remaining time counts down from it (default 4000)
  --verbose         Also print the router's JSON log lines
  -h, --help        Show this help

Example:
  cognito-trigger-router serve --port 3001 --config router.json
  aws lambda invoke --endpoint-url http://127.0.0.1:3001 --function-name PreSignUp \\
    --cli-binary-format raw-in-base64-out --payload file://event.json reply.json
`

interface Served {
  readonly handler: LambdaHandler
  readonly description: string
  readonly restore: () => void
}

const fromModule = async (file: string, trace: RouterTrace, verbose: boolean): Promise<Served> => {
  const absolute = path.resolve(file)
  let module: { handler?: unknown }
  try {
    module = (await import(pathToFileURL(absolute).href)) as { handler?: unknown }
  } catch (cause) {
    throw new ConfigurationError(`cannot load --handler ${file}: ${(cause as Error).message}`, { cause })
  }
  if (typeof module.handler !== 'function') throw new ConfigurationError(`--handler ${file} has no "handler" function export`)
  return { handler: module.handler as LambdaHandler, description: `the handler of ${file}`, restore: teeRouterLines(trace, verbose) }
}

const run = async (argv: readonly string[]): Promise<number> => {
  const values = parseCommandArgs(
    'serve',
    argv,
    {
      port: { type: 'string' },
      config: { type: 'string' },
      handler: { type: 'string' },
      timeout: { type: 'string' },
      verbose: { type: 'boolean', default: false },
    },
    help,
  )
  if (values === undefined) return 0
  if (values.config !== undefined && values.handler !== undefined) throw new UsageError('give --config or --handler, not both', 'serve')
  const port = portOption(values.port, '--port', 'serve')
  const timeoutMs = timeoutOption(values.timeout, 'serve')
  const trace = createRouterTrace(values.verbose ? jsonLogger({ level: 'DEBUG' }) : undefined)

  let served: Served
  if (values.handler === undefined) {
    const loaded = loadConfig(values.config)
    const plugins = enabledPlugins(loaded.config)
    served = {
      handler: routerFrom(loaded, trace),
      description: `the router from ${loaded.source} (plugins: ${plugins.length > 0 ? plugins.join(', ') : 'none'})`,
      restore: () => undefined,
    }
  } else {
    served = await fromModule(values.handler, trace, values.verbose)
  }

  try {
    const endpoint = await startLocalLambda({ handler: served.handler, trace, port, timeoutMs, onInvocation: (record) => console.log(formatInvocation(record)) })
    // Listen before saying "Ctrl-C to stop", so no signal meets Node's default action in between.
    const stopped = untilStopped()
    console.log(
      [
        `${paint('bold', 'Lambda Invoke endpoint')} ${endpoint.url}  serving ${served.description}`,
        `POST ${endpoint.url}/2015-03-31/functions/<any name>/invocations   (Ctrl-C to stop)`,
      ].join('\n'),
    )
    await stopped
    await endpoint.close()
    console.log('Stopped.')
    return 0
  } finally {
    served.restore()
  }
}

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Serve the router on the AWS Lambda Invoke API on 127.0.0.1',
  help,
  run,
}
