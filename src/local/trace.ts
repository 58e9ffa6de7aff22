// -- router trace ------------------------------------------------------------------------------
// A logger for the router that keeps, per request id, what a person running it locally wants to
// see: which plugins ran (the `plugins` of the router's reply, error or `cognito trigger dispatched`
// line, whichever it wrote), what each plugin said
// (its own info/warn/error lines) and the internal error behind a generic rejection. The lines
// arrive already scrubbed of the event's secrets by the router.

import type { PluginRun } from '../router.js'
import type { Logger } from '../logger.js'

/** One line a plugin (or the router about a plugin) logged at info level or above. */
export interface PluginNote {
  readonly plugin: string
  readonly level: 'info' | 'warn' | 'error'
  readonly message: string
  /** The line's own attributes, without the correlation fields every line carries. */
  readonly details: Readonly<Record<string, unknown>>
}

/** The internal error behind a rejection, from the router's `cognito trigger failed` line. */
export interface TracedFailure {
  readonly name: string
  readonly message: string
  readonly plugin?: string
}

/** What the router logged about one invocation. */
export interface InvocationTrace {
  readonly plugins: readonly PluginRun[]
  readonly notes: readonly PluginNote[]
  readonly failure?: TracedFailure
}

/** A logger to give the router, and the traces it collected. */
export interface RouterTrace {
  readonly logger: Logger
  /** Feeds one parsed JSON log line (`{ level, message, ...attributes }`), e.g. from a handler module's stdout. */
  ingest(line: Readonly<Record<string, unknown>>): void
  /** Returns and forgets what was logged for `requestId`. */
  take(requestId: string): InvocationTrace
}

export const DISPATCHED = 'cognito trigger dispatched'
export const FAILED = 'cognito trigger failed'
const REPLY = 'cognito trigger reply'
// The lines that carry the plugins that ran: the reply line when it is written, else the
// dispatched line; the error line when the invocation failed.
const CARRY_RUNS = new Set([DISPATCHED, FAILED, REPLY])
// The event and reply lines (debug by default, info with `logging.eventLevel`) are dumps, not notes.
const DUMPS = new Set(['cognito trigger event', REPLY])
const CORRELATION = new Set(['level', 'message', 'triggerSource', 'userPoolId', 'clientId', 'requestId', 'plugin'])
// A trace nobody takes (a handler invoked outside the server) must not grow without bound.
const MAX_PENDING = 500

type Level = 'debug' | 'info' | 'warn' | 'error'

interface Pending {
  plugins: readonly PluginRun[]
  notes: PluginNote[]
  failure?: TracedFailure
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined)

const isRun = (value: unknown): value is PluginRun =>
  typeof value === 'object' && value !== null && typeof (value as PluginRun).plugin === 'string'

/**
 * Creates a trace. `forward`, if given, also receives every line (for a verbose mode).
 *
 * @example
 * ```ts
 * const trace = createRouterTrace()
 * const router = createRouterFromConfig(config, builtinPlugins, { logger: trace.logger })
 * await router(event, context)
 * trace.take(context.awsRequestId).plugins // [{ plugin: 'add-to-group', ms: 12.3, outcome: 'ok' }]
 * ```
 */
export const createRouterTrace = (forward?: Logger): RouterTrace => {
  const pending = new Map<string, Pending>()

  const entry = (requestId: string): Pending => {
    let found = pending.get(requestId)
    if (found === undefined) {
      found = { plugins: [], notes: [] }
      pending.set(requestId, found)
      if (pending.size > MAX_PENDING) pending.delete(pending.keys().next().value as string)
    }
    return found
  }

  const record = (level: Level, message: string, attributes: Readonly<Record<string, unknown>>): void => {
    const requestId = str(attributes.requestId)
    if (requestId === undefined) return
    if (CARRY_RUNS.has(message) && Object.hasOwn(attributes, 'plugins')) {
      entry(requestId).plugins = Array.isArray(attributes.plugins) ? attributes.plugins.filter(isRun) : []
    }
    if (message === DISPATCHED) return
    if (message === FAILED) {
      const plugin = str(attributes.plugin)
      entry(requestId).failure = {
        name: str(attributes.errorName) ?? 'Error',
        message: str(attributes.errorMessage) ?? '',
        ...(plugin === undefined ? {} : { plugin }),
      }
      return
    }
    if (level === 'debug' || DUMPS.has(message)) return
    const details = Object.fromEntries(Object.entries(attributes).filter(([key]) => !CORRELATION.has(key)))
    entry(requestId).notes.push({ plugin: str(attributes.plugin) ?? 'router', level, message, details })
  }

  const at = (level: Level) => (message: string, attributes: Record<string, unknown> = {}) => {
    record(level, message, attributes)
    forward?.[level](message, attributes)
  }

  return {
    logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') },
    ingest: (line) => {
      const level = str(line.level)?.toLowerCase()
      const message = str(line.message)
      if (message === undefined || (level !== 'debug' && level !== 'info' && level !== 'warn' && level !== 'error')) return
      record(level, message, line)
    },
    take: (requestId) => {
      const found = pending.get(requestId)
      pending.delete(requestId)
      if (found === undefined) return { plugins: [], notes: [] }
      return { plugins: found.plugins, notes: found.notes, ...(found.failure === undefined ? {} : { failure: found.failure }) }
    },
  }
}
