import type { Context } from 'aws-lambda'
import type { Logger } from '../../src/logger.js'

/** A Lambda context as the Node.js runtime builds it, with a fixed request id to assert on. */
export const lambdaContext = (overrides: Partial<Context> = {}): Context => ({
  callbackWaitsForEmptyEventLoop: true,
  functionName: 'cognito-trigger-router',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:cognito-trigger-router',
  memoryLimitInMB: '256',
  awsRequestId: 'req-0000-1111',
  logGroupName: '/aws/lambda/cognito-trigger-router',
  logStreamName: '2026/11/22/[$LATEST]abc',
  getRemainingTimeInMillis: () => 4000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
  ...overrides,
})

export interface CapturedLine {
  level: 'debug' | 'info' | 'warn' | 'error'
  message: string
  attributes: Record<string, unknown> | undefined
}

const RANKS = { debug: 0, info: 1, warn: 2, error: 3 } as const

/**
 * A logger that keeps every line, to assert on what was (and was not) logged. Given a `level`, it
 * also answers `isLevelEnabled` (as pino does) and keeps only the lines at or above it.
 */
export const capturingLogger = (level?: CapturedLine['level']): Logger & { lines: CapturedLine[]; text(): string } => {
  const lines: CapturedLine[] = []
  const enabled = (at: CapturedLine['level']) => level === undefined || RANKS[at] >= RANKS[level]
  const at = (name: CapturedLine['level']) => (message: string, attributes?: Record<string, unknown>) => {
    if (enabled(name)) lines.push({ level: name, message, attributes })
  }
  return {
    lines,
    text: () => lines.map((line) => JSON.stringify(line)).join('\n'),
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    ...(level === undefined ? {} : { isLevelEnabled: enabled }),
  }
}

/** Runs a handler and returns either its reply or the error it rejected with. */
export const settle = async (
  handler: (event: unknown, context: Context) => Promise<unknown>,
  event: unknown,
  context: Context = lambdaContext(),
): Promise<{ reply?: unknown; error?: Error }> => {
  try {
    return { reply: await handler(event, context) }
  } catch (error) {
    return { error: error as Error }
  }
}

/** A deferred promise: the test decides when it settles (a held plugin finishes, a mock was reached). */
export const deferred = <T = void>() => {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((done) => (resolve = done))
  return { promise, resolve }
}
