// -- logger contract -----------------------------------------------------------------
// A minimal structural interface, so a Powertools Logger, pino, or console-like object
// can be injected. The default writes one JSON object per line, which CloudWatch Logs
// Insights queries without parsing rules.

/** The levels the router writes at, as its loggers' methods are named. */
export type LoggerLevel = 'debug' | 'info' | 'warn' | 'error'

/**
 * Anything with these four methods can log for the router (a Powertools `Logger` and pino do).
 *
 * `isLevelEnabled` is optional, named as pino names it. When present, the router asks it before
 * building a line that may be dropped: the event and reply lines (DEBUG by default) then cost
 * nothing at INFO. Without it every line is built and handed over, which is what a Powertools
 * `Logger` with log buffering needs (it keeps DEBUG lines below its level and flushes them on error).
 *
 * @example
 * ```ts
 * import pino from 'pino'
 * import { createRouter, type Logger } from 'cognito-trigger-router'
 *
 * const base = pino()
 * const logger: Logger = {
 *   debug: (message, attributes) => base.debug(attributes, message),
 *   info: (message, attributes) => base.info(attributes, message),
 *   warn: (message, attributes) => base.warn(attributes, message),
 *   error: (message, attributes) => base.error(attributes, message),
 *   isLevelEnabled: (level) => base.isLevelEnabled(level),
 * }
 * export const handler = createRouter({ plugins: [], logger })
 * ```
 */
export interface Logger {
  debug(message: string, attributes?: Record<string, unknown>): void
  info(message: string, attributes?: Record<string, unknown>): void
  warn(message: string, attributes?: Record<string, unknown>): void
  error(message: string, attributes?: Record<string, unknown>): void
  isLevelEnabled?(level: LoggerLevel): boolean
}

export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR'

const LEVELS: Record<LogLevel, number> = { DEBUG: 10, INFO: 20, WARN: 30, ERROR: 40 }
const UPPER = { debug: 'DEBUG', info: 'INFO', warn: 'WARN', error: 'ERROR' } as const satisfies Record<LoggerLevel, LogLevel>

/** What a line's attributes become when they cannot be turned into JSON (cycles, BigInt, a throwing `toJSON`). */
export const UNSERIALIZABLE = '[unserializable]'

/**
 * Whether `logger` would write a line at `level`: its own `isLevelEnabled` when it has one, else
 * true. A check that throws counts as true, so a broken check costs a line's work, never the line.
 *
 * @example
 * ```ts
 * import { isLevelEnabled, jsonLogger } from 'cognito-trigger-router'
 *
 * isLevelEnabled(jsonLogger({ level: 'INFO' }), 'debug') // false
 * isLevelEnabled(console, 'debug') // true: console cannot tell
 * ```
 */
export const isLevelEnabled = (logger: Logger, level: LoggerLevel): boolean => {
  if (typeof logger.isLevelEnabled !== 'function') return true
  try {
    return logger.isLevelEnabled(level) !== false
  } catch {
    return true
  }
}

/**
 * What a {@link JsonLogger} asks of a redaction before it writes a line: whether a text holds a
 * secret, and a copy of the attributes with every secret removed. The scrubber of
 * `./redaction/scrub.ts` is one.
 */
export interface LineRedaction {
  /** Whether `text` (a finished JSON line) holds any form of any secret. */
  hits(text: string): boolean
  /** The JSON form of `attributes` as a new object, every secret removed from its strings, keys and numbers. */
  snapshot(attributes: unknown): Record<string, unknown>
}

/**
 * Fields that belong to a line itself rather than to what it reports, such as the correlation
 * fields `triggerSource`, `userPoolId`, `clientId` and `requestId` a reader filters on: redaction
 * writes them as given. Undefined values are left out, as JSON leaves them out.
 */
export type LineFields = Readonly<Record<string, string | undefined>>

/** Reads the level Lambda's advanced logging controls set, then `LOG_LEVEL`, defaulting to INFO. */
export const levelFromEnv = (env: NodeJS.ProcessEnv = process.env): LogLevel => {
  const raw = (env.AWS_LAMBDA_LOG_LEVEL ?? env.LOG_LEVEL ?? 'INFO').toUpperCase()
  if (raw === 'TRACE') return 'DEBUG'
  if (raw === 'FATAL') return 'ERROR'
  return Object.hasOwn(LEVELS, raw) ? (raw as LogLevel) : 'INFO'
}

/** Options of {@link jsonLogger}. */
export interface JsonLoggerOptions {
  /** Lines below this level are dropped. Default: {@link levelFromEnv}. */
  level?: LogLevel
  /** Where each finished line goes. Default: `console.log`, `console.warn` at WARN, `console.error` at ERROR. */
  sink?: (line: string, level: LogLevel) => void
  /** Added to every line after `level` and `message`, as given. */
  fields?: Record<string, unknown>
}

/**
 * The default logger: one JSON object per line, `{ level, message, ...fields, ...attributes }`,
 * serialized once, when the line is written (so what a caller changes afterwards never reaches
 * it). Its level, message and fields are the line's own; {@link JsonLogger.writeRedacted} scrubs
 * only the attributes. Create it with {@link jsonLogger}.
 */
export class JsonLogger implements Logger {
  readonly #level: LogLevel
  readonly #threshold: number
  readonly #sink: (line: string, level: LogLevel) => void
  readonly #fields: Record<string, unknown>

  constructor(options: JsonLoggerOptions = {}) {
    this.#level = options.level ?? levelFromEnv()
    this.#threshold = LEVELS[this.#level]
    this.#sink = options.sink ?? consoleSink
    this.#fields = options.fields ?? {}
  }

  // Own properties, so the methods survive being passed around detached (`const { info } = logger`).
  readonly debug = (message: string, attributes?: Record<string, unknown>): void => this.#write('debug', message, attributes, undefined, undefined)
  readonly info = (message: string, attributes?: Record<string, unknown>): void => this.#write('info', message, attributes, undefined, undefined)
  readonly warn = (message: string, attributes?: Record<string, unknown>): void => this.#write('warn', message, attributes, undefined, undefined)
  readonly error = (message: string, attributes?: Record<string, unknown>): void => this.#write('error', message, attributes, undefined, undefined)
  readonly isLevelEnabled = (level: LoggerLevel): boolean => LEVELS[UPPER[level]] >= this.#threshold

  /**
   * Writes one line whose attributes may hold secrets. The line is serialized once and searched
   * for secrets; only when `redaction` finds one is it built again, from
   * `redaction.snapshot(attributes)`. The level, the message, this logger's fields and `fields`
   * (the line's own, such as the correlation fields, written after this logger's) are written as
   * given, whatever the secrets are: a secret that happens to read `ERROR` or a user pool id must
   * not hide an error line from a metric filter or a query.
   *
   * @example
   * ```ts
   * import { jsonLogger } from 'cognito-trigger-router'
   * import { scrubberFor } from './redaction/scrub.js' // internal: not in the package's entry
   *
   * jsonLogger().writeRedacted('error', 'cognito trigger failed', { note: 'pin 918273' }, scrubberFor(['918273']), { requestId: 'r-1' })
   * // {"level":"ERROR","message":"cognito trigger failed","requestId":"r-1","note":"pin [REDACTED]"}
   * ```
   */
  writeRedacted(
    level: LoggerLevel,
    message: string,
    attributes: Record<string, unknown> | undefined,
    redaction: LineRedaction,
    fields?: LineFields,
  ): void {
    this.#write(level, message, attributes, redaction, fields)
  }

  /**
   * A logger writing to the same sink at the same level, with `fields` added to this logger's
   * (and, like them, written as given and under the line's own attributes).
   */
  child(fields: Record<string, unknown>): JsonLogger {
    return new JsonLogger({ level: this.#level, sink: this.#sink, fields: { ...this.#fields, ...fields } })
  }

  #serialize(level: LogLevel, message: string, attributes: Record<string, unknown> | undefined, fields: LineFields | undefined): string {
    try {
      return JSON.stringify({ level, message, ...this.#fields, ...fields, ...attributes })
    } catch {
      return JSON.stringify({ level, message, ...this.#fields, ...fields, attributes: UNSERIALIZABLE })
    }
  }

  #write(
    name: LoggerLevel,
    message: string,
    attributes: Record<string, unknown> | undefined,
    redaction: LineRedaction | undefined,
    fields: LineFields | undefined,
  ): void {
    const level = UPPER[name]
    if (LEVELS[level] < this.#threshold) return
    let line = this.#serialize(level, message, attributes, fields)
    if (redaction !== undefined && attributes !== undefined && redaction.hits(line)) {
      line = this.#serialize(level, message, redaction.snapshot(attributes), fields)
    }
    this.#sink(line, level)
  }
}

/**
 * One JSON line to a sink (by default `console`), dropping lines below `level`. Attributes that
 * cannot be serialized are written as `{ "attributes": "[unserializable]" }` rather than lost.
 *
 * @example
 * ```ts
 * import { jsonLogger } from 'cognito-trigger-router'
 *
 * const logger = jsonLogger({ level: 'DEBUG', fields: { service: 'sign-up' } })
 * logger.info('hello', { a: 1 }) // {"level":"INFO","message":"hello","service":"sign-up","a":1}
 * ```
 */
export const jsonLogger = (options: JsonLoggerOptions = {}): JsonLogger => new JsonLogger(options)

const consoleSink = (line: string, level: LogLevel): void => {
  if (level === 'ERROR') console.error(line)
  else if (level === 'WARN') console.warn(line)
  else console.log(line)
}

/**
 * A logger that adds `fields` to every line of `logger`, and answers `isLevelEnabled` as it does.
 * The fields are the line's own, like its level: redaction leaves them as given, so put no event
 * data in them. Of a {@link JsonLogger}, it is `logger.child(fields)`.
 *
 * @example
 * ```ts
 * import { childLogger, jsonLogger } from 'cognito-trigger-router'
 *
 * const logger = childLogger(jsonLogger(), { plugin: 'welcome-email' })
 * logger.info('sent') // {"level":"INFO","message":"sent","plugin":"welcome-email"}
 * ```
 */
export const childLogger = (logger: Logger, fields: Record<string, unknown>): Logger => {
  // A JSON logger keeps its fields apart from the attributes, so redaction leaves them alone.
  if (logger instanceof JsonLogger) return logger.child(fields)
  const child: Logger = {
    debug: (message, attributes) => logger.debug(message, { ...fields, ...attributes }),
    info: (message, attributes) => logger.info(message, { ...fields, ...attributes }),
    warn: (message, attributes) => logger.warn(message, { ...fields, ...attributes }),
    error: (message, attributes) => logger.error(message, { ...fields, ...attributes }),
  }
  if (typeof logger.isLevelEnabled === 'function') child.isLevelEnabled = (level) => isLevelEnabled(logger, level)
  return child
}

/**
 * What is wrong with `value` as a {@link Logger}, or undefined when nothing is. Checked once at
 * cold start, so a wrong injection fails fast rather than at the first line.
 */
export const loggerProblem = (value: unknown): string | undefined => {
  if (typeof value !== 'object' || value === null) return 'must be an object with debug, info, warn and error methods'
  const methods = value as Record<string, unknown>
  const missing = (['debug', 'info', 'warn', 'error'] as const).filter((method) => typeof methods[method] !== 'function')
  if (missing.length > 0) return `must have debug, info, warn and error methods (missing ${missing.join(', ')})`
  if (methods.isLevelEnabled !== undefined && typeof methods.isLevelEnabled !== 'function') {
    return 'has an "isLevelEnabled" that is not a function'
  }
  return undefined
}

/** Whether `value` can log for the router; {@link loggerProblem} says why not. */
export const isLogger = (value: unknown): value is Logger => loggerProblem(value) === undefined
