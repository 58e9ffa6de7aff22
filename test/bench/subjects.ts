// The handlers the benchmark compares, built through the package's public entries only
// (src/index.ts, src/testing/index.ts, plugins/index.ts), so the benchmark measures whatever the
// router is behind its API. run.ts bundles this file with esbuild (npm packages external) and
// imports it: no build step, and exactly what is in src/ and plugins/ now.

import { readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import middy from '@middy/core'
import type { Context } from 'aws-lambda'
import { mockClient } from 'aws-sdk-client-mock'
import { builtinPlugins } from '../../plugins/index.js'
import {
  DEFAULT_MASK,
  DEFAULT_REDACT_PATHS,
  TriggerRejectedError,
  cognitoDeadline,
  cognitoEnvelope,
  cognitoFailClosed,
  cognitoLogging,
  cognitoReplyValidation,
  createRouter,
  definePlugin,
  expandPattern,
  jsonLogger,
  type AnyPlugin,
  type Logger,
  type TriggerSource,
} from '../../src/index.js'
import { createEvent } from '../../src/testing/index.js'
import { handWrittenMiddy as handWrittenMiddyAround, type Redaction } from './middy-entry.js'
import { examplesFor } from './plugin-examples.js'

export type Handler = (event: unknown, context: Context) => Promise<unknown>

/**
 * Every variant writes its log lines here, the router's logger and the baseline's loggers alike.
 * It does with each line what a real Lambda log write does before any I/O: it encodes the string
 * as UTF-8 bytes (Node's `process.stdout.write` and the Lambda runtime's log frames both hand
 * bytes to the kernel), here into one reused buffer, so no variant pays for I/O yet every variant
 * pays for turning its line into bytes. A sink that only read `line.length` would flatter a
 * variant whose lines are still unflattened concatenations (`JSON.stringify` output joined with
 * `+`), since it would never pay for flattening them; a real write always does. `bytes` counts
 * the encoded bytes. While `capture` is set (only outside timing) the sink also keeps the lines,
 * to check what a router did.
 */
export const sink: { lines: number; bytes: number; capture: string[] | undefined } = { lines: 0, bytes: 0, capture: undefined }
let scratch = Buffer.allocUnsafe(64 * 1024)
const write = (line: string): void => {
  // A UTF-8 character takes at most 3 bytes per UTF-16 unit, so this buffer always holds the line.
  if (line.length * 3 > scratch.length) scratch = Buffer.allocUnsafe(line.length * 3)
  sink.lines += 1
  sink.bytes += scratch.write(line, 0, 'utf8')
  sink.capture?.push(line)
}

export const lambdaContext = (): Context => ({
  callbackWaitsForEmptyEventLoop: true,
  functionName: 'cognito-trigger-router',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:cognito-trigger-router',
  memoryLimitInMB: '256',
  awsRequestId: 'bench-0000-1111',
  logGroupName: '/aws/lambda/cognito-trigger-router',
  logStreamName: '2026/11/22/[$LATEST]bench',
  getRemainingTimeInMillis: () => 4000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
})

/** The router's default redaction, which the hand-written baseline applies with middy's logger. */
export const defaultRedaction: Redaction = { paths: [...DEFAULT_REDACT_PATHS], mask: DEFAULT_MASK }

// -- the work every variant does -----------------------------------------------------------

/** The main benchmark event: a sign-up from the company domain, the most common gate trigger. */
export const BENCH_SOURCE = 'PreSignUp_SignUp' satisfies TriggerSource
/**
 * The event of the every-built-in comparison: no built-in plugin handles PreAuthentication
 * (plugins/index.ts), so with every built-in enabled the one plugin is still the only one to run.
 */
export const ONLY_ONE_SOURCE = 'PreAuthentication_Authentication' satisfies TriggerSource
const COMPANY = '@example.com'

const attributes = (i: number): Record<string, string> => ({
  sub: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  email: `user${i}${COMPANY}`,
  email_verified: 'false',
  phone_number: `+1555555${String(i % 10_000).padStart(4, '0')}`,
  given_name: `User ${i}`,
})

/** `count` distinct sign-up events, prepared before any timing starts. */
export const signUpEvents = (count: number): unknown[] =>
  Array.from({ length: count }, (_, i) => createEvent(BENCH_SOURCE, { userAttributes: attributes(i) }))

/** `count` distinct sign-in events of the company's users. */
export const onlyOneEvents = (count: number): unknown[] =>
  Array.from({ length: count }, (_, i) => createEvent(ONLY_ONE_SOURCE, { userAttributes: { ...attributes(i), email_verified: 'true' } }))

/**
 * The one plugin: auto-confirms company addresses at sign-up, and lets them sign in (a
 * PreAuthentication plugin that returns nothing lets the sign-in go on).
 */
export const companyPlugin = definePlugin({
  name: 'company-domain',
  triggers: [BENCH_SOURCE, ONLY_ONE_SOURCE],
  handler: (event) => {
    if (event.triggerSource === BENCH_SOURCE && event.request.userAttributes.email?.endsWith(COMPANY)) return { autoConfirmUser: true }
    return undefined
  },
})

// -- (a) bare handler ------------------------------------------------------------------------

export const bare: Handler = async (event) => event

// -- (b) hand-written middy --------------------------------------------------------------------
// What a careful team writes without the router: the same two middy loggers with the router's
// default redaction paths and mask, lines at INFO as JSON, and the plugin's logic inline.

interface SignUpEvent {
  request: { userAttributes: Record<string, string | undefined> }
  response: Record<string, unknown>
}

const autoConfirmInline = async (event: SignUpEvent): Promise<SignUpEvent> => {
  if (event.request.userAttributes.email?.endsWith(COMPANY)) event.response.autoConfirmUser = true
  return event
}

export const handWrittenMiddy = (): Handler => handWrittenMiddyAround(autoConfirmInline, write, 'INFO', defaultRedaction) as unknown as Handler

// -- (c), (d) the router --------------------------------------------------------------------------

export const routerLogger = (): Logger => jsonLogger({ level: 'INFO', sink: write })
// The router logs the event and the reply at INFO: the same two lines the middy variant writes.
const eventsAtInfo = { eventLevel: 'info' } as const

export const routerWithOnePlugin = (): Handler =>
  createRouter({ plugins: [companyPlugin], logger: routerLogger(), logging: eventsAtInfo }) as unknown as Handler

/** The same router as deployed with the defaults: event and reply lines at DEBUG on a logger at INFO. */
export const routerWithDefaultLogging = (): Handler => createRouter({ plugins: [companyPlugin], logger: routerLogger() }) as unknown as Handler

export const routerWithAllBuiltins = (builtins: readonly AnyPlugin[]): Handler =>
  createRouter({ plugins: [companyPlugin, ...builtins], logger: routerLogger(), logging: eventsAtInfo }) as unknown as Handler

/** One built-in plugin as the benchmark could (or could not) construct it. */
export interface BuiltinStatus {
  readonly name: string
  readonly constructed: boolean
  /** Where the options came from (`README.md`, `{}`), or why construction failed. */
  readonly detail: string
  readonly triggers: readonly TriggerSource[]
  /** The JSON options it was constructed with, for the Lambda configuration of the cold-start run. */
  readonly options?: unknown
}

/** Constructs every registered built-in from the first example options its factory accepts. */
export const constructBuiltins = (): { plugins: AnyPlugin[]; status: BuiltinStatus[] } => {
  const plugins: AnyPlugin[] = []
  const status: BuiltinStatus[] = []
  for (const [name, factory] of Object.entries(builtinPlugins)) {
    const problems: string[] = []
    let made: AnyPlugin | undefined
    let from = ''
    let options: unknown
    for (const example of examplesFor(name)) {
      try {
        made = factory(example.options as never)
        from = example.from
        options = example.options
        break
      } catch (error) {
        problems.push(`${example.from}: ${error instanceof Error ? error.message : String(error)}`)
      }
    }
    if (made === undefined) {
      status.push({ name, constructed: false, detail: problems.join('; ') || 'no example options', triggers: [] })
      continue
    }
    plugins.push(made)
    const triggers = made.triggers.flatMap((pattern) => {
      const expanded = expandPattern(pattern)
      return typeof expanded === 'string' ? [] : expanded
    })
    status.push({ name, constructed: true, detail: from, triggers: [...new Set(triggers)], options })
  }
  return { plugins, status }
}

// -- (e) what each guarantee adds --------------------------------------------------------------

/**
 * The hand-written handler with the package's standalone middlewares in place of the two middy
 * loggers, added one at a time with their defaults: what each guarantee costs, without dispatch.
 * The last step registers all five as a user would who wants every guarantee (fail-closed first,
 * so that its onError runs last; README "Guarantees"). A step the middlewares refuse to compose is
 * left out of the run with a note.
 */
export const guaranteeLadder = (): { key: string; label: string; handler: Handler }[] => {
  const logged = () => middy(autoConfirmInline).use(cognitoLogging({ logger: routerLogger(), ...eventsAtInfo }))
  const steps = [
    { key: 'e-logging', label: '(e) inline body + cognitoLogging', handler: logged() },
    { key: 'e-envelope', label: '    + cognitoEnvelope', handler: logged().use(cognitoEnvelope()) },
    { key: 'e-validation', label: '    + cognitoReplyValidation', handler: logged().use(cognitoReplyValidation()).use(cognitoEnvelope()) },
    {
      key: 'e-deadline',
      label: '    + cognitoDeadline',
      handler: logged().use(cognitoReplyValidation()).use(cognitoEnvelope()).use(cognitoDeadline()),
    },
    {
      key: 'e-failclosed',
      label: '    + cognitoFailClosed (all five)',
      handler: middy(autoConfirmInline)
        .use(cognitoFailClosed())
        .use(cognitoLogging({ logger: routerLogger(), ...eventsAtInfo }))
        .use(cognitoReplyValidation())
        .use(cognitoEnvelope())
        .use(cognitoDeadline()),
    },
  ]
  return steps.map((step) => ({ ...step, handler: step.handler as unknown as Handler }))
}

// -- AWS stubs ------------------------------------------------------------------------------------

/**
 * Answers every command of every installed AWS SDK v3 client with `{}` in-process, and every
 * fetch with a 404, so plugins run their real code path without a network. Returns what was stubbed.
 */
export const stubAwsClients = async (): Promise<string[]> => {
  const require = createRequire(import.meta.url)
  const scope = path.dirname(path.dirname(require.resolve('@aws-sdk/client-sesv2/package.json')))
  const stubbed: string[] = []
  for (const dir of readdirSync(scope).filter((name) => name.startsWith('client-'))) {
    const module = (await import(`@aws-sdk/${dir}`)) as Record<string, unknown>
    for (const [exported, value] of Object.entries(module)) {
      // `__Client` is smithy's base class, re-exported by every client package.
      const isClient =
        /^[A-Z]\w*Client$/.test(exported) && typeof value === 'function' && typeof (value.prototype as { send?: unknown }).send === 'function'
      if (!isClient) continue
      mockClient(value as Parameters<typeof mockClient>[0])
        .onAnyCommand()
        .resolves({})
      stubbed.push(exported)
    }
  }
  // No benchmark request leaves the process: plugins that call an HTTP endpoint get a 404.
  globalThis.fetch = async () => new Response('{"message":"not found"}', { status: 404, headers: { 'content-type': 'application/json' } })
  stubbed.push('fetch (404)')
  return stubbed
}

/** A realistic event for a source that a built-in handles, for the mixed-traffic row and the cold start. */
export const eventFor = (source: TriggerSource, i: number): unknown =>
  createEvent(source, {
    tokenVersion: 2,
    userAttributes: {
      sub: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      email: `user${i}${COMPANY}`,
      email_verified: 'true',
      given_name: `User ${i}`,
      locale: 'en',
    },
  })

/** Settles one invocation; a rejection is returned, not thrown. */
export const outcomeOf = async (handler: Handler, event: unknown): Promise<{ ok: true } | { ok: false; reason: string }> => {
  try {
    await handler(event, lambdaContext())
    return { ok: true }
  } catch (error) {
    const reason = error instanceof TriggerRejectedError ? `rejected: ${error.message}` : String(error)
    return { ok: false, reason }
  }
}

/**
 * The names of the plugins one invocation ran, read from the `plugins` field of the lines it
 * logged (the reply line carries it, README "Logging and redaction"), or undefined when no line
 * has one.
 */
export const pluginsRun = async (handler: Handler, event: unknown): Promise<string[] | undefined> => {
  sink.capture = []
  try {
    await handler(event, lambdaContext())
    for (const line of sink.capture) {
      const parsed = JSON.parse(line) as { plugins?: unknown }
      if (!Array.isArray(parsed.plugins)) continue
      // Each entry names its plugin (PluginRun's `plugin`; a bare name or `name` is read too).
      return parsed.plugins.map((run: unknown) => {
        if (typeof run === 'string') return run
        const { plugin, name } = (run ?? {}) as { plugin?: unknown; name?: unknown }
        return String(plugin ?? name)
      })
    }
    return undefined
  } finally {
    sink.capture = undefined
  }
}
