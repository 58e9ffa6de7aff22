// -- logging -----------------------------------------------------------------------------
// Event, reply and error lines for every invocation, with the event's secrets masked by path
// (@middy/input-output-logger) and scrubbed by value everywhere else (../redaction/).
// Logging must never decide an invocation: every hook swallows its own failures, returns
// undefined (a value from a `before` hook would short-circuit the handler) and never sets
// `request.response` (which in `onError` would swallow the error and let the operation through).

import type { MiddlewareObj, Request } from '@middy/core'
import inputOutputLogger from '@middy/input-output-logger'
import { ConfigurationError } from '../errors.js'
import { isLevelEnabled, jsonLogger, loggerProblem, type Logger } from '../logger.js'
import { resolveRedaction, validateRedactionOptions, type RedactionOptions, type ResolvedRedaction } from '../redaction/paths.js'
import { describe, isPlainObject } from '../json.js'
import { invocationOf, type Invocation } from '../invocation.js'
import { causeChain, describeThrown, kindOf, pluginOf } from './thrown.js'

/** Options of {@link cognitoLogging}. Every mistake throws a ConfigurationError at cold start. */
export interface CognitoLoggingOptions {
  /** Where lines go. Default: `jsonLogger()`, JSON lines at the level of `AWS_LAMBDA_LOG_LEVEL` or `LOG_LEVEL`. */
  logger?: Logger
  /** Log the incoming event and the outgoing reply (redacted). Default true. Errors are always logged. */
  logEvents?: boolean
  /** The level of the event and reply lines. Default `'debug'`. */
  eventLevel?: 'debug' | 'info'
  /** Extra paths to redact, or a different mask; see {@link RedactionOptions}. */
  redact?: RedactionOptions
  /**
   * Attributes to add to the reply line and the error line of an invocation (the router adds the
   * plugins that ran). They are scrubbed like the rest of the line. If it throws, the line is
   * written without them and says so in `annotateFailed`.
   */
  annotate?: (request: Request) => Record<string, unknown> | undefined
}

const defaults = {
  logEvents: true,
  eventLevel: 'debug',
  redact: {},
} as const satisfies Required<Omit<CognitoLoggingOptions, 'logger' | 'annotate'>>

const OPTION_KEYS = new Set(['logger', 'logEvents', 'eventLevel', 'redact', 'annotate'])
const EVENT_LEVELS = new Set(['debug', 'info'])

/** The only text written when the logger itself fails: it cannot carry anything from the event. */
export const LOGGING_FAILED = 'cognito-trigger-router: a log line could not be written'

/**
 * Checks {@link cognitoLogging} options at cold start. Throws a ConfigurationError that names
 * the unknown or mistyped option; `undefined` values count as "not set".
 *
 * @example
 * ```ts
 * import { cognitoLoggingValidateOptions } from 'cognito-trigger-router'
 *
 * cognitoLoggingValidateOptions({ eventLevel: 'info' }) // ok
 * cognitoLoggingValidateOptions({ logEvent: false })
 * // ConfigurationError: cognitoLogging: unknown option "logEvent"; expected logger, logEvents, eventLevel, redact or annotate
 * ```
 */
export const cognitoLoggingValidateOptions = (options: unknown): void => {
  if (options === undefined) return
  if (!isPlainObject(options)) {
    throw new ConfigurationError(`cognitoLogging: options must be an object, got ${describe(options)}`)
  }
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.has(key)) {
      throw new ConfigurationError(
        `cognitoLogging: unknown option "${key}"; expected logger, logEvents, eventLevel, redact or annotate`,
      )
    }
  }
  const { logger, logEvents, eventLevel, redact, annotate } = options
  const problem = logger === undefined ? undefined : loggerProblem(logger)
  if (problem !== undefined) throw new ConfigurationError(`cognitoLogging: option "logger" ${problem}`)
  if (annotate !== undefined && typeof annotate !== 'function') {
    throw new ConfigurationError(`cognitoLogging: option "annotate" must be a function, got ${describe(annotate)}`)
  }
  if (logEvents !== undefined && typeof logEvents !== 'boolean') {
    throw new ConfigurationError(`cognitoLogging: option "logEvents" must be a boolean, got ${describe(logEvents)}`)
  }
  if (eventLevel !== undefined && !EVENT_LEVELS.has(eventLevel as string)) {
    throw new ConfigurationError('cognitoLogging: option "eventLevel" must be "debug" or "info"')
  }
  validateRedactionOptions(redact, 'redact')
}

const fallback = (): void => {
  try {
    console.error(LOGGING_FAILED)
  } catch {
    // Nowhere left to report to; the invocation itself must go on.
  }
}

/**
 * Logs every Cognito invocation with its secrets redacted: the incoming event and the reply
 * (at `eventLevel`, through `@middy/input-output-logger` with the redaction paths and mask) and
 * one error line per failure with the whole cause chain, the failing plugin and the correlation
 * fields `triggerSource`, `userPoolId`, `clientId` and `requestId`. Every string of every line is
 * also scrubbed of the values found at the redaction paths, so a password quoted in an error
 * message is masked too; the line's level, message and correlation fields are its own and never
 * masked. One scrubber serves every line of an invocation (and `cognitoFailClosed`'s check).
 *
 * Register it early: its `after` then sees the final reply and its `onError` the original error.
 * It never handles an error and never fails an invocation, even when the logger throws.
 *
 * @example
 * ```ts
 * import middy from '@middy/core'
 * import { cognitoLogging } from 'cognito-trigger-router'
 *
 * export const handler = middy(async (event) => event).use(
 *   cognitoLogging({ eventLevel: 'info', redact: { paths: ['event.request.userAttributes.custom:ssn'] } }),
 * )
 * // {"level":"INFO","message":"cognito trigger event","triggerSource":"PreSignUp_SignUp",
 * //  "event":{"request":{"userAttributes":{"email":"[REDACTED]",...}}},...}
 * ```
 */
export const cognitoLogging = (options: CognitoLoggingOptions = {}): MiddlewareObj => {
  const steps = loggingSteps(options)

  const cognitoLoggingBefore = (request: Request): void => {
    const invocation = invocationOf(request)
    // Without the envelope the handler changes the very event that arrived (it may delete the
    // password before it throws an error quoting it): its secrets are taken now, before it runs.
    steps.secretsOf(invocation)
    steps.eventLine(request, invocation)
  }

  const cognitoLoggingAfter = (request: Request): void => {
    steps.replyLine(request, invocationOf(request), request.response)
  }

  const cognitoLoggingOnError = (request: Request): void => {
    const invocation = invocationOf(request)
    steps.errorLine(request, invocation, request.error)
    // An onError registered after this one turned the error into a reply: log that reply too.
    if (request.response !== undefined) steps.replyLine(request, invocation, request.response, 'onError')
  }

  return steps.logEvents
    ? { before: cognitoLoggingBefore, after: cognitoLoggingAfter, onError: cognitoLoggingOnError }
    : { before: cognitoLoggingBefore, onError: cognitoLoggingOnError }
}

/** The logging steps, made once from the options; the router and {@link cognitoLogging} both use them. */
export interface LoggingSteps {
  readonly logEvents: boolean
  /** Whether the reply line would be written: `logEvents`, and the logger wants `eventLevel`. */
  repliesLogged(): boolean
  /** The invocation's secrets for the event line (collected once per invocation). */
  secretsOf(invocation: Invocation): readonly string[]
  /** The `cognito trigger event` line: the event as it arrived, masked by path, scrubbed by value. */
  eventLine(request: Request, invocation: Invocation): void
  /** The `cognito trigger reply` line, with `extra` attributes (the router's plugin runs). */
  replyLine(request: Request, invocation: Invocation, reply: unknown, hook?: 'after' | 'onError', extra?: Record<string, unknown>): void
  /** The `cognito trigger failed` line: the error, its cause chain, the failing plugin. */
  errorLine(request: Request, invocation: Invocation, error: unknown, extra?: Record<string, unknown>): void
}

/** Makes the {@link LoggingSteps} of `options`, validating them; `redaction`, when given, is `options.redact` resolved. */
export const loggingSteps = (options: CognitoLoggingOptions = {}, redaction?: ResolvedRedaction): LoggingSteps => {
  cognitoLoggingValidateOptions(options)
  const logger = options.logger ?? jsonLogger()
  const logEvents = options.logEvents ?? defaults.logEvents
  const eventLevel = options.eventLevel ?? defaults.eventLevel
  const annotate = options.annotate
  // The router passes the redaction it resolved once, so every step shares one path list.
  const { paths, secretPaths, mask } = redaction ?? resolveRedaction(options.redact ?? defaults.redact)

  // input-output-logger hands its logger only the message, not the request; it calls it
  // synchronously for the plain objects we delegate, so the message is collected right after.
  const inbox: Record<string, unknown>[] = []
  const io = inputOutputLogger({
    logger: (message) => {
      inbox.push(message as Record<string, unknown>)
    },
    omitPaths: [...paths],
    mask,
    lambdaContext: true,
  })
  // input-output-logger writes one message per call for the plain objects we delegate; the lines
  // spread it, so even none (undefined) would only leave the line without it. It reads `event`,
  // `response` and `context` of what it is given: the invocation's own, not the request's.
  // One view, filled for each call and emptied after it (the hooks are synchronous): no object per line.
  const view: Pick<Request, 'event' | 'response' | 'context'> = { event: undefined, response: undefined, context: undefined as unknown as Request['context'] }
  const delegate = (hook: MiddlewareObj['before'], invocation: Invocation, response: unknown): Record<string, unknown> | undefined => {
    inbox.length = 0
    view.event = invocation.arrived
    view.response = response
    view.context = invocation.context
    try {
      hook?.(view as Request)
    } finally {
      view.event = view.response = undefined
      view.context = undefined as unknown as Request['context']
    }
    const message = inbox[0]
    inbox.length = 0
    return message
  }

  const annotationsOf = (request: Request): Record<string, unknown> | undefined => {
    if (annotate === undefined) return undefined
    try {
      return annotate(request)
    } catch (error) {
      return { annotateFailed: describeThrown(error).name }
    }
  }

  const repliesLogged = (): boolean => logEvents && isLevelEnabled(logger, eventLevel)

  const eventLine = (_request: Request, invocation: Invocation): void => {
    try {
      if (!repliesLogged()) return
      const event = invocation.arrived
      // A malformed event is described, not logged: its content is not where the paths expect it.
      const body = isPlainObject(event) ? delegate(io.before, invocation, undefined) : { eventType: kindOf(event) }
      invocation.scrubberOf(invocation.secretsAt(secretPaths), mask).write(logger, eventLevel, 'cognito trigger event', body, invocation.fields)
    } catch {
      fallback()
    }
  }

  const replyLine: LoggingSteps['replyLine'] = (request, invocation, reply, hook = 'after', extra) => {
    try {
      if (!repliesLogged()) return
      // The line holds the reply and nothing of the handler's copy of the event, so the secrets
      // to scrub are those the event arrived with and those in the reply.
      const secrets = invocation.secretsNow(secretPaths, reply)
      // A reply that is not an object (a handler bug) is described, not logged: nothing masks a
      // string, and a stream would be teed.
      const body = isPlainObject(reply) ? delegate(io[hook], invocation, reply) : { responseType: kindOf(reply) }
      const attributes = { ...extra, ...annotationsOf(request), ...body }
      invocation.scrubberOf(secrets, mask).write(logger, eventLevel, 'cognito trigger reply', attributes, invocation.fields)
    } catch {
      fallback()
    }
  }

  const errorLine: LoggingSteps['errorLine'] = (request, invocation, error, extra) => {
    try {
      const chain = causeChain(error)
      const top = describeThrown(error)
      const causes = chain.slice(1).map(describeThrown)
      const plugin = pluginOf(chain)
      const attributes = {
        ...extra,
        ...annotationsOf(request),
        errorName: top.name,
        errorMessage: top.message,
        stack: top.stack,
        causes,
        ...(plugin === undefined ? {} : { plugin }),
      }
      const secrets = invocation.secretsNow(secretPaths, invocation.reply ?? request.event)
      invocation.scrubberOf(secrets, mask).write(logger, 'error', 'cognito trigger failed', attributes, invocation.fields)
    } catch {
      fallback()
    }
  }

  return {
    logEvents,
    repliesLogged,
    secretsOf: (invocation) => invocation.secretsAt(secretPaths),
    eventLine,
    replyLine,
    errorLine,
  }
}
