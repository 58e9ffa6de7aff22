// -- `cognito-trigger-router invoke` ----------------------------------------------------------
// Runs the router on one event file, as Lambda would, and prints the reply on stdout, or on
// stderr the refusal exactly as Cognito shows it (exit code 1). What ran goes to stderr, so
// stdout stays pipeable JSON.

import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { text } from 'node:stream/consumers'
import { ConfigurationError } from '../errors.js'
import { jsonLogger } from '../logger.js'
import { invoke } from '../testing/invoke.js'
import { parseCommandArgs, timeoutOption, type Command } from './args.js'
import { UsageError } from './errors.js'
import { formatInvocation } from './format.js'
import { loadConfig, routerFrom } from './router-config.js'
import { createRouterTrace } from './trace.js'

const help = `Usage: cognito-trigger-router invoke --event FILE [options]

Runs the router on the event in FILE ("-" for standard input) with a Lambda-like context, and
prints the reply as JSON on stdout. When the router refuses, prints on stderr what Cognito shows
the user, "<Trigger> failed with error <message>.", and exits with code 1. A line on stderr says
which plugins ran, and for an internal error, what it was (the user only sees the generic message).

Options:
  --event FILE      The event as JSON, e.g. from \`cognito-trigger-router event\`; "-" reads stdin
  --config FILE     JSON configuration of the built-in plugins (default: COGNITO_ROUTER_CONFIG,
                    then COGNITO_ROUTER_CONFIG_FILE, then the bundled src/lambda/config.json)
  --timeout MS      Function timeout; the remaining time counts down from it (default 4000)
  --verbose         Also print the router's JSON log lines on stderr
  -h, --help        Show this help

Example:
  cognito-trigger-router event PreSignUp_SignUp --attr email=eve@blocked.example \\
    | cognito-trigger-router invoke --event - --config router.json
`

const readEvent = async (file: string): Promise<unknown> => {
  let source: string
  try {
    source = file === '-' ? await text(process.stdin) : readFileSync(file, 'utf8')
  } catch (cause) {
    throw new ConfigurationError(`cannot read --event ${file}: ${(cause as Error).message}`, { cause })
  }
  try {
    return JSON.parse(source)
  } catch (cause) {
    throw new ConfigurationError(`--event ${file} is not valid JSON: ${(cause as Error).message}`, { cause })
  }
}

const run = async (argv: readonly string[]): Promise<number> => {
  const values = parseCommandArgs(
    'invoke',
    argv,
    {
      event: { type: 'string' },
      config: { type: 'string' },
      timeout: { type: 'string' },
      verbose: { type: 'boolean', default: false },
    },
    help,
  )
  if (values === undefined) return 0
  if (values.event === undefined) throw new UsageError('--event FILE is required ("-" for standard input)', 'invoke')
  const timeoutMs = timeoutOption(values.timeout, 'invoke')
  const trace = createRouterTrace(values.verbose ? jsonLogger({ level: 'DEBUG', sink: (line) => console.error(line) }) : undefined)
  const router = routerFrom(loadConfig(values.config), trace)
  const event = await readEvent(values.event)
  if (typeof event !== 'object' || event === null) throw new ConfigurationError(`--event ${values.event} must hold a JSON object`)

  const requestId = randomUUID()
  const startedAt = new Date()
  const started = performance.now()
  const result = await invoke(router, event, { timeoutMs, context: { awsRequestId: requestId, functionName: 'cognito-trigger-router' } })
  const source = (event as { triggerSource?: unknown }).triggerSource
  console.error(
    formatInvocation({
      seq: 1,
      requestId,
      functionName: 'cognito-trigger-router',
      invocationType: 'RequestResponse',
      triggerSource: typeof source === 'string' ? source : undefined,
      startedAt: startedAt.toISOString(),
      ms: Math.round(performance.now() - started),
      outcome: result.ok ? 'ok' : 'rejected',
      ...(result.ok ? {} : { errorMessage: result.message }),
      ...trace.take(requestId),
    }),
  )
  if (!result.ok) {
    console.error(result.shownToUser)
    return 1
  }
  process.stdout.write(`${JSON.stringify(result.reply, null, 2)}\n`)
  return 0
}

export const invokeCommand: Command = {
  name: 'invoke',
  summary: 'Run the router on an event file; print the reply, or the refusal as Cognito shows it',
  help,
  run,
}
