// -- logging -----------------------------------------------------------------------------
// Event, reply and error lines for every invocation, with the event's secrets masked by path
// (@middy/input-output-logger) and scrubbed by value everywhere else (../redaction/).
// Logging must never decide an invocation: every hook swallows its own failures, returns
// undefined (a value from a `before` hook would short-circuit the handler) and never sets
// `request.response` (which in `onError` would swallow the error and let the operation through).

import type { MiddlewareObj, Request } from '@middy/core'
import errorLogger from '@middy/error-logger'
import inputOutputLogger from '@middy/input-output-logger'
import { ConfigurationError } from '../errors.js'
import { isLevelEnabled, jsonLogger, loggerProblem, type Logger } from '../logger.js'
import { resolveRedaction, validateRedactionOptions, type RedactionOptions } from '../redaction/paths.js'
import { collectSecrets } from '../redaction/secrets.js'
import { writeScrubbed } from '../redaction/scrub.js'
import { describe, isPlainObject } from '../json.js'
import { requestSlot } from './request-slot.js'
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

// -- per-request state -------------------------------------------------------------------

interface RequestState {
  readonly secrets: readonly string[]
  readonly fields: Readonly<Record<string, string | undefined>>
}

const stringOrUndefined = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined)

/** The fields a reader filters on, taken only when they are strings (a malformed event has none). */
const correlationOf = (request: Request): RequestState['fields'] => {
  const event = isPlainObject(request.event) ? request.event : {}
  const caller = isPlainObject(event.callerContext) ? event.callerContext : {}
  return {
    triggerSource: stringOrUndefined(event.triggerSource),
    userPoolId: stringOrUndefined(event.userPoolId),
    clientId: stringOrUndefined(caller.clientId),
    requestId: stringOrUndefined((request.context as { awsRequestId?: unknown } | undefined)?.awsRequestId),
  }
}

// The reply usually holds no secret the event did not: then the event's own list is kept, which
// also lets the redaction reuse the scrubber it built for the event line.
const union = (first: readonly string[], second: readonly string[]): readonly string[] =>
  second.every((secret) => first.includes(secret)) ? first : [...new Set([...first, ...second])]

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
 * one error line per failure (through `@middy/error-logger`) with the whole cause chain, the
 * failing plugin and the correlation fields `triggerSource`, `userPoolId`, `clientId` and
 * `requestId`. Every string of every line is also scrubbed of the values found at the
 * redaction paths, so a password quoted in an error message is masked too.
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
  cognitoLoggingValidateOptions(options)
  const logger = options.logger ?? jsonLogger()
  const logEvents = options.logEvents ?? defaults.logEvents
  const eventLevel = options.eventLevel ?? defaults.eventLevel
  const annotate = options.annotate
  const { paths, secretPaths, mask } = resolveRedaction(options.redact ?? defaults.redact)
  const states = requestSlot<RequestState>('cognitoLogging')

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
  // spread it, so even none (undefined) would only leave the line without it.
  const delegate = (hook: MiddlewareObj['after'], request: Request): Record<string, unknown> | undefined => {
    inbox.length = 0
    hook?.(request)
    const message = inbox[0]
    inbox.length = 0
    return message
  }

  // The secrets as the event arrived (a plugin may delete `request.password` before it throws
  // an error quoting it), plus whatever the event holds now (a reply written into it).
  const stateOf = (request: Request): RequestState => {
    const before = states.get(request)
    const now = collectSecrets(request.event, secretPaths)
    return before === undefined
      ? { secrets: now, fields: correlationOf(request) }
      : { secrets: union(before.secrets, now), fields: before.fields }
  }

  const annotationsOf = (request: Request): Record<string, unknown> | undefined => {
    if (annotate === undefined) return undefined
    try {
      return annotate(request)
    } catch (error) {
      return { annotateFailed: describeThrown(error).name }
    }
  }

  const logReply = (request: Request, hook: MiddlewareObj['after']): void => {
    try {
      if (!isLevelEnabled(logger, eventLevel)) return
      // The line holds the reply and nothing of the handler's copy of the event, so the secrets
      // to scrub are those the event arrived with and those in the reply.
      const state = states.get(request) ?? { secrets: [], fields: correlationOf(request) }
      const reply: unknown = request.response
      const secrets = union(state.secrets, collectSecrets(reply, secretPaths))
      // A reply that is not an object (a handler bug) is described, not logged: nothing masks a
      // string, and a stream would be teed.
      const body = isPlainObject(reply) ? delegate(hook, request) : { responseType: kindOf(reply) }
      writeScrubbed(logger, eventLevel, 'cognito trigger reply', { ...state.fields, ...annotationsOf(request), ...body }, secrets, mask)
    } catch {
      fallback()
    }
  }

  const logError = (request: Request): void => {
    const state = stateOf(request)
    const chain = causeChain(request.error)
    const top = describeThrown(request.error)
    const causes = chain.slice(1).map(describeThrown)
    const plugin = pluginOf(chain)
    const attributes = {
      ...state.fields,
      ...annotationsOf(request),
      errorName: top.name,
      errorMessage: top.message,
      stack: top.stack,
      causes,
      ...(plugin === undefined ? {} : { plugin }),
    }
    writeScrubbed(logger, 'error', 'cognito trigger failed', attributes, state.secrets, mask)
  }
  const errorLoggerOnError = errorLogger({ logger: logError }).onError

  const cognitoLoggingBefore = (request: Request): void => {
    try {
      const state: RequestState = { secrets: collectSecrets(request.event, secretPaths), fields: correlationOf(request) }
      states.set(request, state)
      if (!logEvents || !isLevelEnabled(logger, eventLevel)) return
      // A malformed event is described, not logged: its content is not where the paths expect it.
      const body = isPlainObject(request.event) ? delegate(io.before, request) : { eventType: kindOf(request.event) }
      writeScrubbed(logger, eventLevel, 'cognito trigger event', { ...state.fields, ...body }, state.secrets, mask)
    } catch {
      fallback()
    }
  }

  const cognitoLoggingAfter = (request: Request): void => {
    logReply(request, io.after)
  }

  const cognitoLoggingOnError = (request: Request): void => {
    try {
      errorLoggerOnError?.(request)
    } catch {
      fallback()
    }
    // An onError registered after this one turned the error into a reply: log that reply too.
    if (logEvents && request.response !== undefined) logReply(request, io.onError)
  }

  return logEvents
    ? { before: cognitoLoggingBefore, after: cognitoLoggingAfter, onError: cognitoLoggingOnError }
    : { before: cognitoLoggingBefore, onError: cognitoLoggingOnError }
}
