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
 * Internal to the router, not exported from the package: a logger that serializes its own lines
 * offers this writer under {@link LINE_WRITER}. `finish` receives the finished JSON line and
 * returns what is written, so redaction can look for secrets in the line itself (one substring
 * search) rather than walking the attributes before they are serialized.
 */
export type LineWriter = (
  level: LoggerLevel,
  message: string,
  attributes: Record<string, unknown> | undefined,
  finish: (line: string) => string,
) => void

export const LINE_WRITER: unique symbol = Symbol('cognito-trigger-router.lineWriter')

/** The line writer of `logger`, when it has one. */
export const lineWriterOf = (logger: Logger): LineWriter | undefined => {
  const writer = (logger as { [LINE_WRITER]?: unknown })[LINE_WRITER]
  return typeof writer === 'function' ? (writer as LineWriter) : undefined
}

/** Reads the level Lambda's advanced logging controls set, then `LOG_LEVEL`, defaulting to INFO. */
export const levelFromEnv = (env: NodeJS.ProcessEnv = process.env): LogLevel => {
  const raw = (env.AWS_LAMBDA_LOG_LEVEL ?? env.LOG_LEVEL ?? 'INFO').toUpperCase()
  if (raw === 'TRACE') return 'DEBUG'
  if (raw === 'FATAL') return 'ERROR'
  return Object.hasOwn(LEVELS, raw) ? (raw as LogLevel) : 'INFO'
}

const identity = (line: string): string => line

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
export const jsonLogger = (
  options: { level?: LogLevel; sink?: (line: string, level: LogLevel) => void; fields?: Record<string, unknown> } = {},
): Logger => {
  const threshold = LEVELS[options.level ?? levelFromEnv()]
  const sink = options.sink ?? consoleSink
  const fields = options.fields ?? {}
  const serialize = (level: LogLevel, message: string, attributes: Record<string, unknown> | undefined): string => {
    try {
      return JSON.stringify({ level, message, ...fields, ...attributes })
    } catch {
      return JSON.stringify({ level, message, ...fields, attributes: UNSERIALIZABLE })
    }
  }
  const writeLine: LineWriter = (name, message, attributes, finish) => {
    const level = UPPER[name]
    if (LEVELS[level] < threshold) return
    sink(finish(serialize(level, message, attributes)), level)
  }
  const write = (name: LoggerLevel) => (message: string, attributes?: Record<string, unknown>) =>
    writeLine(name, message, attributes, identity)
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    isLevelEnabled: (name) => LEVELS[UPPER[name]] >= threshold,
    [LINE_WRITER]: writeLine,
  } as Logger
}

const consoleSink = (line: string, level: LogLevel): void => {
  if (level === 'ERROR') console.error(line)
  else if (level === 'WARN') console.warn(line)
  else console.log(line)
}

/**
 * A logger that adds `fields` to every line of `logger`, and answers `isLevelEnabled` as it does.
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
  const child: Logger & { [LINE_WRITER]?: LineWriter } = {
    debug: (message, attributes) => logger.debug(message, { ...fields, ...attributes }),
    info: (message, attributes) => logger.info(message, { ...fields, ...attributes }),
    warn: (message, attributes) => logger.warn(message, { ...fields, ...attributes }),
    error: (message, attributes) => logger.error(message, { ...fields, ...attributes }),
  }
  if (typeof logger.isLevelEnabled === 'function') child.isLevelEnabled = (level) => isLevelEnabled(logger, level)
  const writer = lineWriterOf(logger)
  if (writer !== undefined) {
    child[LINE_WRITER] = (level, message, attributes, finish) => writer(level, message, { ...fields, ...attributes }, finish)
  }
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
