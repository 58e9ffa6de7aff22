// -- plugin contract -------------------------------------------------------------------------
// What every plugin must do, checked the same way for built-in and user plugins: run through a
// real router, the reply is a valid echo or a fail-closed rejection; a retried invocation (Cognito
// retries on timeout) behaves the same; no secret of the event reaches a log line or the user;
// and the plugin leaves `event.request` alone.

import { isDeepStrictEqual } from 'node:util'
import type { Context } from 'aws-lambda'
import { isTriggerSource, TRIGGERS, type TriggerSource } from '../catalogue.js'
import { ConfigurationError, TriggerRejectedError } from '../errors.js'
import type { Logger } from '../logger.js'
import { validatePlugin, type AnyPlugin } from '../plugin.js'
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
}

/** One contract violation, with the source and rule it broke. */
export interface ContractViolation {
  readonly source: TriggerSource
  readonly rule: 'echo' | 'retry' | 'secrets' | 'request'
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

const context = (): Context =>
  ({
    awsRequestId: 'contract-0000',
    functionName: 'contract',
    getRemainingTimeInMillis: () => 4000,
  }) as Context

const capture = (): Logger & { lines: string[] } => {
  const lines: string[] = []
  const at = (level: string) => (message: string, attributes?: Record<string, unknown>) => {
    lines.push(JSON.stringify({ level, message, attributes }))
  }
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }
}

type Outcome = { reply: unknown } | { rejection: string }

const invoke = async (plugin: AnyPlugin, event: JsonObject, logger: Logger): Promise<Outcome> => {
  const router = createRouter({ plugins: [plugin], logger, logging: { eventLevel: 'info' } })
  const copy = structuredClone(event)
  try {
    return { reply: await router(copy, context()) }
  } catch (error) {
    // The router fails closed: whatever goes wrong, plugin included, leaves as a
    // TriggerRejectedError. Anything else is a bug in the router, not in the plugin.
    if (error instanceof TriggerRejectedError) return { rejection: error.message }
    throw error
  }
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
}

// Every mistake named before the plugin runs; see ContractOptions for why.
const checkOptions = (plugin: AnyPlugin, options: unknown): Checked => {
  const handled = validatePlugin(plugin)
  if (!isPlainObject(options)) throw fault(`options must be an object, got ${shown(options)}`)
  const { events, sources, beforeEach, ...rest } = options
  const unknown = Object.keys(rest)
  if (unknown.length > 0) throw fault(`unknown option(s) ${unknown.map((key) => `"${key}"`).join(', ')}`)
  const checkSource = (what: string, source: unknown): void => {
    if (!isTriggerSource(source)) throw fault(`${what}, which is not a trigger source; see TRIGGER_SOURCES for the list`)
    if (!handled.includes(source)) throw fault(`${what}, which plugin "${plugin.name}" does not handle`)
  }

  if (beforeEach !== undefined && typeof beforeEach !== 'function') throw fault(`options.beforeEach must be a function, got ${shown(beforeEach)}`)

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
  const { sources, events, beforeEach } = checkOptions(plugin, options)
  const violations: ContractViolation[] = []
  for (const source of sources) {
    for (const event of events?.[source] ?? [createEvent(source) as unknown as JsonObject]) {
      const fail = (rule: ContractViolation['rule'], detail: string) => violations.push({ source, rule, detail })
      const secrets = collectSecrets(event, DEFAULT_SECRET_PATHS)
      const credentials = collectSecrets(event, CREDENTIAL_PATHS)

      await beforeEach()
      const logger = capture()
      const first = await invoke(plugin, event, logger)
      const problem = 'reply' in first ? echoProblem(source, event, first.reply) : undefined
      if (problem !== undefined) fail('echo', problem)

      await beforeEach()
      const second = await invoke(plugin, event, capture())
      if (!isDeepStrictEqual(first, second)) fail('retry', 'a retried invocation (Cognito retries on timeout) gave a different outcome')

      const leaked = secrets.filter((secret) => logger.lines.some((line) => line.includes(secret)) || ('rejection' in first && first.rejection.includes(secret)))
      if (leaked.length > 0) fail('secrets', `${leaked.length} secret value(s) of the event reached a log line or the user`)
      const reply = 'reply' in first && isPlainObject(first.reply) ? JSON.stringify(first.reply.response ?? null) : ''
      if (credentials.some((secret) => reply.includes(secret))) fail('secrets', 'a credential of the event was copied into the response')

      await beforeEach()
      const copy = structuredClone(event) as JsonObject & { request: JsonObject }
      const before = structuredClone(copy.request)
      try {
        await (plugin.handler as (event: unknown, context: unknown) => unknown)(copy, {
          signal: new AbortController().signal,
          logger: capture(),
          lambdaContext: context(),
          remainingTimeInMillis: () => 3000,
        })
      } catch {
        // Throwing is allowed; the router turns it into a rejection (checked above).
      }
      if (!isDeepStrictEqual(before, copy.request)) fail('request', 'the plugin modified event.request; write to event.response or return a patch')
    }
  }
  return violations
}
