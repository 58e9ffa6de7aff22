// -- logger contract -----------------------------------------------------------------
// A minimal structural interface, so a Powertools Logger, pino, or console-like object
// can be injected. The default writes one JSON object per line, which CloudWatch Logs
// Insights queries without parsing rules.

/** Anything with these four methods can log for the router (a Powertools `Logger` does). */
export interface Logger {
  debug(message: string, attributes?: Record<string, unknown>): void
  info(message: string, attributes?: Record<string, unknown>): void
  warn(message: string, attributes?: Record<string, unknown>): void
  error(message: string, attributes?: Record<string, unknown>): void
}

export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR'

const LEVELS: Record<LogLevel, number> = { DEBUG: 10, INFO: 20, WARN: 30, ERROR: 40 }

/** Reads the level Lambda's advanced logging controls set, then `LOG_LEVEL`, defaulting to INFO. */
export const levelFromEnv = (env: NodeJS.ProcessEnv = process.env): LogLevel => {
  const raw = (env.AWS_LAMBDA_LOG_LEVEL ?? env.LOG_LEVEL ?? 'INFO').toUpperCase()
  if (raw === 'TRACE') return 'DEBUG'
  if (raw === 'FATAL') return 'ERROR'
  return Object.hasOwn(LEVELS, raw) ? (raw as LogLevel) : 'INFO'
}

/** One JSON line to a sink (by default `console`), dropping lines below `level`. */
export const jsonLogger = (
  options: { level?: LogLevel; sink?: (line: string, level: LogLevel) => void; fields?: Record<string, unknown> } = {},
): Logger => {
  const threshold = LEVELS[options.level ?? levelFromEnv()]
  const sink = options.sink ?? consoleSink
  const fields = options.fields ?? {}
  const write = (level: LogLevel) => (message: string, attributes?: Record<string, unknown>) => {
    if (LEVELS[level] < threshold) return
    sink(JSON.stringify({ level, message, ...fields, ...attributes }), level)
  }
  return { debug: write('DEBUG'), info: write('INFO'), warn: write('WARN'), error: write('ERROR') }
}

const consoleSink = (line: string, level: LogLevel): void => {
  if (level === 'ERROR') console.error(line)
  else if (level === 'WARN') console.warn(line)
  else console.log(line)
}

/** A logger that adds `fields` to every line of `logger`. */
export const childLogger = (logger: Logger, fields: Record<string, unknown>): Logger => ({
  debug: (message, attributes) => logger.debug(message, { ...fields, ...attributes }),
  info: (message, attributes) => logger.info(message, { ...fields, ...attributes }),
  warn: (message, attributes) => logger.warn(message, { ...fields, ...attributes }),
  error: (message, attributes) => logger.error(message, { ...fields, ...attributes }),
})

/** The logger interface is checked once at cold start, so a wrong injection fails fast. */
export const isLogger = (value: unknown): value is Logger =>
  typeof value === 'object' &&
  value !== null &&
  (['debug', 'info', 'warn', 'error'] as const).every(
    (method) => typeof (value as Record<string, unknown>)[method] === 'function',
  )
