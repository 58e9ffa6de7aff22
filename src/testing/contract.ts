// -- plugin contract -------------------------------------------------------------------------
// What every plugin must do, checked the same way for built-in and user plugins: run through a
// real router, the reply is a valid echo or a fail-closed rejection; a retried invocation (Cognito
// retries on timeout) behaves the same; no secret of the event reaches a log line or the user;
// the plugin leaves `event.request` alone; and it stops when its deadline aborts `context.signal`.

import { isDeepStrictEqual } from 'node:util'
import type { Context } from 'aws-lambda'
import { isTriggerSource, TRIGGERS, type TriggerSource } from '../catalogue.js'
import { ConfigurationError, DeadlineExceededError, TriggerRejectedError } from '../errors.js'
import type { Logger } from '../logger.js'
import { validatePlugin, type AnyPlugin, type PluginContext } from '../plugin.js'
import { DEFAULT_SECRET_PATHS } from '../redaction/paths.js'
import { collectSecrets } from '../redaction/secrets.js'
import { describe, isPlainObject, type JsonObject } from '../response.js'
import { createRouter } from '../router.js'
import { echoProblem } from './echo.js'
import { createEvent } from './events.js'

/**
 * Options of {@link checkPluginContract} and {@link describePluginContract}. They are checked
 * before the plugin runs, and a mistake throws a ConfigurationError naming it: a source the plugin
 * does not handle, or an event the router would reject as malformed, would otherwise let the
 * contract pass without checking anything.
 */
export interface ContractOptions {
  /**
   * Events to try for a source; default: one realistic event per source the plugin handles.
   * Keys are sources the plugin handles; each holds a non-empty array of events whose
   * `triggerSource` is that key, with a `request` object and, for a synchronous trigger, a
   * `response` object (Cognito always sends one).
   */
  events?: Partial<Record<TriggerSource, readonly JsonObject[]>>
  /** Runs before every invocation, e.g. to reset AWS SDK client mocks. */
  beforeEach?: () => void | Promise<void>
  /** Check only these sources, each one the plugin handles; default: every source the plugin handles. */
  sources?: readonly TriggerSource[]
  /**
   * The router's deadline in the contract's invocations, in ms (an integer from 1 to 4999, as for
   * `createRouter`); default 3000, the router's own default. A plugin still running after the
   * deadline aborted its `context.signal` breaks the contract; see {@link contractTimeoutMs} for
   * how long a check can take.
   */
  deadlineMs?: number
}

/** One contract violation, with the source and rule it broke. */
export interface ContractViolation {
  readonly source: TriggerSource
  readonly rule: 'echo' | 'retry' | 'secrets' | 'request' | 'deadline'
  readonly detail: string
}

// Credentials, not contact data: an email in the user's own ID token is fine, a password in a
// reply field that goes back to the client is not.
const CREDENTIAL_PATHS = [
  'event.request.password',
  'event.request.challengeAnswer',
  'event.request.privateChallengeParameters',
  'event.request.code',
  'event.request.attributes.tokenResponse',
] as const

/** The router's default deadline (createRouter in src/router.ts), used unless deadlineMs is given. */
const CONTRACT_DEADLINE_MS = 3000

// Cognito gives up after 5 s ("Customizing user pool workflows with Lambda triggers", Amazon
// Cognito Developer Guide), so a deadline is at most 4999 ms, as createRouter requires.
const isDeadline = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 1 && (value as number) < 5000

// A Lambda with more time left than any deadline, so the router's budget is exactly deadlineMs.
const context = (): Context =>
  ({
    awsRequestId: 'contract-0000',
    functionName: 'contract',
    getRemainingTimeInMillis: () => 6000,
  }) as Context

const capture = (): Logger & { lines: string[] } => {
  const lines: string[] = []
  const at = (level: string) => (message: string, attributes?: Record<string, unknown>) => {
    lines.push(JSON.stringify({ level, message, attributes }))
  }
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }
}

type Outcome = { reply: unknown } | { rejection: string }

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function'

/**
 * The plugin as the router runs it, counting what it returned that has not settled yet: once the
 * router gave up at its deadline (and aborted the signal), a plugin still running ignores it.
 */
const watched = (plugin: AnyPlugin): { plugin: AnyPlugin; running: () => boolean } => {
  let pending = 0
  const handler = (event: never, context: PluginContext): unknown => {
    const result: unknown = (plugin.handler as (event: never, context: PluginContext) => unknown)(event, context)
    if (!isThenable(result)) return result
    // One promise for the router and the count, so a thenable's `then` is called once, as without the contract.
    const settled = Promise.resolve(result)
    pending += 1
    const done = (): void => void (pending -= 1)
    settled.then(done, done)
    return settled
  }
  // Every other field (failOpen, sideEffects, ...) as the plugin declared it: only the handler is watched.
  return { plugin: { ...plugin, handler } as AnyPlugin, running: () => pending > 0 }
}

// A plugin that stops on the abort settles within a few turns of the event loop (an aborted fetch
// or AWS SDK call rejects at once); one still running after them ignores its signal.
const GRACE_TURNS = 10
const stillRunning = async (running: () => boolean): Promise<boolean> => {
  for (let turn = 0; turn < GRACE_TURNS && running(); turn += 1) await new Promise((resolve) => setImmediate(resolve))
  return running()
}

const ignoredSignal = (deadlineMs: number): string =>
  `the plugin was still running after its ${deadlineMs} ms deadline aborted context.signal; stop when it aborts (pass it to every fetch and AWS SDK call)`

const invoke = async (plugin: AnyPlugin, event: JsonObject, logger: Logger, deadlineMs: number): Promise<Outcome & { hung: boolean }> => {
  const { plugin: routed, running } = watched(plugin)
  const router = createRouter({ plugins: [routed], logger, logging: { eventLevel: 'info' }, deadlineMs })
  const copy = structuredClone(event)
  // A failOpen plugin past its deadline still gets a reply: look whether it stopped either way.
  try {
    const reply = await router(copy, context())
    return { reply, hung: await stillRunning(running) }
  } catch (error) {
    // The router fails closed: whatever goes wrong, plugin included, leaves as a
    // TriggerRejectedError. Anything else is a bug in the router, not in the plugin.
    if (error instanceof TriggerRejectedError) return { rejection: error.message, hung: await stillRunning(running) }
    throw error
  }
}

/**
 * Calls the plugin directly, as the router would, and aborts its signal at the deadline; resolves
 * to true when the plugin was still running after that.
 */
const callDirectly = async (plugin: AnyPlugin, event: JsonObject, deadlineMs: number): Promise<boolean> => {
  const controller = new AbortController()
  let settled = false
  const call = (async () => {
    await (plugin.handler as (event: unknown, context: PluginContext) => unknown)(event, {
      signal: controller.signal,
      logger: capture(),
      lambdaContext: context(),
      remainingTimeInMillis: () => deadlineMs,
    })
  })().then(
    () => void (settled = true),
    // Throwing is allowed; the router turns it into a rejection (checked with the router).
    () => void (settled = true),
  )
  let timer: ReturnType<typeof setTimeout> | undefined
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new DeadlineExceededError(deadlineMs, plugin.name))
      resolve()
    }, deadlineMs)
  })
  await Promise.race([call, deadline])
  clearTimeout(timer)
  return stillRunning(() => !settled)
}

const fault = (message: string): ConfigurationError => new ConfigurationError(`checkPluginContract: ${message}`)

const shown = (value: unknown): string => {
  if (typeof value === 'string') return JSON.stringify(value)
  if (Array.isArray(value) && value.length === 0) return 'an empty array'
  if (isPlainObject(value)) return 'an object'
  return value === undefined ? 'undefined' : describe(value)
}

interface Checked {
  readonly sources: readonly TriggerSource[]
  readonly events: ContractOptions['events']
  readonly beforeEach: () => unknown
  readonly deadlineMs: number
}

// Every mistake named before the plugin runs; see ContractOptions for why.
const checkOptions = (plugin: AnyPlugin, options: unknown): Checked => {
  const handled = validatePlugin(plugin)
  if (!isPlainObject(options)) throw fault(`options must be an object, got ${shown(options)}`)
  const { events, sources, beforeEach, deadlineMs, ...rest } = options
  const unknown = Object.keys(rest)
  if (unknown.length > 0) throw fault(`unknown option(s) ${unknown.map((key) => `"${key}"`).join(', ')}`)
  const checkSource = (what: string, source: unknown): void => {
    if (!isTriggerSource(source)) throw fault(`${what}, which is not a trigger source; see TRIGGER_SOURCES for the list`)
    if (!handled.includes(source)) throw fault(`${what}, which plugin "${plugin.name}" does not handle`)
  }

  if (beforeEach !== undefined && typeof beforeEach !== 'function') throw fault(`options.beforeEach must be a function, got ${shown(beforeEach)}`)
  if (deadlineMs !== undefined && !isDeadline(deadlineMs)) {
    const got = typeof deadlineMs === 'number' ? String(deadlineMs) : shown(deadlineMs)
    throw fault(`options.deadlineMs must be an integer from 1 to 4999 (Cognito gives up at 5000 ms), got ${got}`)
  }

  if (sources !== undefined) {
    if (!Array.isArray(sources) || sources.length === 0) throw fault(`options.sources must be a non-empty array of trigger sources, got ${shown(sources)}`)
    for (const [index, source] of sources.entries()) checkSource(`options.sources[${index}] is ${shown(source)}`, source)
  }

  if (events !== undefined) {
    if (!isPlainObject(events)) throw fault(`options.events must be an object keyed by trigger source, got ${shown(events)}`)
    for (const [key, list] of Object.entries(events)) {
      const at = `options.events[${JSON.stringify(key)}]`
      checkSource(`options.events has the key ${JSON.stringify(key)}`, key)
      if (!Array.isArray(list) || list.length === 0) throw fault(`${at} must be a non-empty array of events, got ${shown(list)}`)
      for (const [index, event] of list.entries()) checkEvent(`${at}[${index}]`, key as TriggerSource, event)
    }
  }

  return {
    sources: (sources as readonly TriggerSource[] | undefined) ?? handled,
    events: events as ContractOptions['events'],
    beforeEach: (beforeEach as (() => unknown) | undefined) ?? (() => undefined),
    deadlineMs: (deadlineMs as number | undefined) ?? CONTRACT_DEADLINE_MS,
  }
}

// The event must reach the plugin: one the router rejects as malformed would pass as a refusal.
const checkEvent = (at: string, source: TriggerSource, event: unknown): void => {
  if (!isPlainObject(event)) throw fault(`${at} must be an event object, got ${shown(event)}`)
  if (event.triggerSource !== source) throw fault(`${at}.triggerSource is ${shown(event.triggerSource)}; expected ${JSON.stringify(source)}`)
  if (!isPlainObject(event.request)) throw fault(`${at}.request must be an object, got ${shown(event.request)}`)
  if (event.response === undefined && TRIGGERS[source].invocation === 'sync') {
    throw fault(`${at}.response is missing; Cognito always sends one to a synchronous trigger`)
  }
  if (event.response !== undefined && event.response !== null && !isPlainObject(event.response)) {
    throw fault(`${at}.response must be an object or null, got ${shown(event.response)}`)
  }
}

/**
 * Runs the contract against a plugin and returns every violation (empty when it passes).
 * Rejects with a ConfigurationError, before the plugin runs, when the plugin or an option is
 * wrong (see {@link ContractOptions}), and with whatever the router threw if that is not the
 * TriggerRejectedError it always fails closed with: a bug in the router, not in the plugin.
 *
 * @example
 * ```ts
 * const violations = await checkPluginContract(myPlugin)
 * expect(violations).toStrictEqual([])
 * ```
 */
export const checkPluginContract = async (plugin: AnyPlugin, options: ContractOptions = {}): Promise<ContractViolation[]> => {
  const { sources, events, beforeEach, deadlineMs } = checkOptions(plugin, options)
  const violations: ContractViolation[] = []
  for (const source of sources) {
    for (const event of events?.[source] ?? [createEvent(source) as unknown as JsonObject]) {
      const fail = (rule: ContractViolation['rule'], detail: string) => violations.push({ source, rule, detail })
      const secrets = collectSecrets(event, DEFAULT_SECRET_PATHS)
      const credentials = collectSecrets(event, CREDENTIAL_PATHS)

      await beforeEach()
      const logger = capture()
      const { hung, ...first } = await invoke(plugin, event, logger, deadlineMs)
      const problem = 'reply' in first ? echoProblem(source, event, first.reply) : undefined
      if (problem !== undefined) fail('echo', problem)

      // A plugin that ignores its signal would hang the retry and the direct call as well.
      let ignored = hung
      if (!ignored) {
        await beforeEach()
        const { hung: retryHung, ...second } = await invoke(plugin, event, capture(), deadlineMs)
        if (!isDeepStrictEqual(first, second)) fail('retry', 'a retried invocation (Cognito retries on timeout) gave a different outcome')
        ignored = retryHung
      }

      const leaked = secrets.filter((secret) => logger.lines.some((line) => line.includes(secret)) || ('rejection' in first && first.rejection.includes(secret)))
      if (leaked.length > 0) fail('secrets', `${leaked.length} secret value(s) of the event reached a log line or the user`)
      const reply = 'reply' in first && isPlainObject(first.reply) ? JSON.stringify(first.reply.response ?? null) : ''
      if (credentials.some((secret) => reply.includes(secret))) fail('secrets', 'a credential of the event was copied into the response')

      if (!ignored) {
        await beforeEach()
        const copy = structuredClone(event) as JsonObject & { request: JsonObject }
        const before = structuredClone(copy.request)
        ignored = await callDirectly(plugin, copy, deadlineMs)
        if (!isDeepStrictEqual(before, copy.request)) fail('request', 'the plugin modified event.request; write to event.response or return a patch')
      }
      if (ignored) fail('deadline', ignoredSignal(deadlineMs))
    }
  }
  return violations
}

/**
 * The most time {@link checkPluginContract} can take on one source, in ms, to use as the test's
 * timeout: each of its events is run three times (two routed invocations and a direct call), each
 * ended by the deadline at the latest, and 5 s (vitest's and jest's default test timeout) are left
 * for the rest, such as `beforeEach`. A plugin that hangs then fails the contract with a
 * `deadline` violation instead of the test runner's timeout. Invalid options count as the
 * defaults: checkPluginContract refuses them before anything runs.
 *
 * @example
 * ```ts
 * // jest or node:test: one test per source, each with the timeout it needs
 * for (const source of ['PreSignUp_SignUp'] as const) {
 *   test(`keeps the contract on ${source}`, async () => {
 *     expect(await checkPluginContract(myPlugin, { sources: [source] })).toStrictEqual([])
 *   }, contractTimeoutMs({}, source))
 * }
 * ```
 */
export const contractTimeoutMs = (options: ContractOptions, source: TriggerSource): number => {
  const deadlineMs = isDeadline(options.deadlineMs) ? options.deadlineMs : CONTRACT_DEADLINE_MS
  const given = isPlainObject(options.events) ? options.events[source] : undefined
  const events = Array.isArray(given) && given.length > 0 ? given.length : 1
  return events * 3 * deadlineMs + 5000
}
