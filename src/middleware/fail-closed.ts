// -- fail closed --------------------------------------------------------------------------
// Whatever Lambda's error says, Cognito shows the user as `<Trigger> failed with error <message>.`
// ("Customizing user pool workflows with Lambda triggers", Amazon Cognito developer guide). So
// every error leaves as a TriggerRejectedError whose message is either a UserFacingError's message
// (`[CODE] message` when it has a code) or `[INTERNAL_ERROR]` and a generic message with a
// correlation id, and nothing else. `parseTriggerError` (src/client/) reads exactly these forms.

import type { MiddlewareObj, Request } from '@middy/core'
import { ConfigurationError, ERROR_CODE_PATTERN, INTERNAL_ERROR_CODE, TriggerRejectedError, UserFacingError } from '../errors.js'
import {
  DEFAULT_SECRET_PATHS,
  resolveRedaction,
  validateRedactionOptions,
  type RedactionOptions,
  type ResolvedRedaction,
} from '../redaction/paths.js'
import { invocationOf, type Invocation } from '../invocation.js'

export interface FailClosedOptions {
  /**
   * The message for every error that is not a UserFacingError. `{requestId}` is replaced by the
   * Lambda request id, which also appears in the error log line. `[INTERNAL_ERROR] ` is put in
   * front of it, as of the default, so clients can always tell an internal error by its code;
   * write the id as `(reference {requestId})` for `parseTriggerError` to return it. Keep it free
   * of a final period: Cognito appends one.
   */
  errorMessage?: string
  /**
   * The redaction options of your logging (`cognitoLogging`'s `redact`): a UserFacingError message
   * that holds a value at one of their paths, or at a default secret path, is replaced by the
   * generic message. The router passes its `logging.redact`.
   */
  redact?: RedactionOptions
}

/**
 * The default generic message, after its code: the user sees
 * "PreSignUp failed with error [INTERNAL_ERROR] We could not complete your request (reference 1b2c…)."
 */
export const DEFAULT_ERROR_MESSAGE = 'We could not complete your request (reference {requestId})'

/** Checks options at cold start: the generic message must carry the correlation id. */
export const cognitoFailClosedValidateOptions = (options: FailClosedOptions): void => {
  for (const key of Object.keys(options)) {
    if (key !== 'errorMessage' && key !== 'redact') throw new ConfigurationError(`cognitoFailClosed: unknown option "${key}"`)
  }
  validateRedactionOptions(options.redact, 'redact')
  const { errorMessage } = options
  if (errorMessage !== undefined && (typeof errorMessage !== 'string' || !errorMessage.includes('{requestId}'))) {
    throw new ConfigurationError('errorMessage must be a string containing "{requestId}", so users can quote a correlation id')
  }
}

/**
 * Makes every error fail closed with a message safe for the end user. Register it first, so its
 * `onError` runs last: it overrides any earlier `onError` that set a response (which in middy
 * would swallow the error and let the operation through). Log the original error with an
 * error logger registered after it (the router's logging middleware does).
 *
 * A UserFacingError's message passes through, without a trailing period (Cognito adds one) and
 * after its code in brackets when it has one (`[EMAIL_DOMAIN_NOT_ALLOWED] message`), unless
 * it contains a secret from the event, matched by the invocation's scrubber (the one its log lines
 * use: cased and URL-encoded forms included), in which case the generic message is used instead.
 * Every other error becomes `[INTERNAL_ERROR] ` and the generic message.
 *
 * @example
 * ```ts
 * import middy from '@middy/core'
 * import { cognitoEnvelope, cognitoFailClosed } from 'cognito-trigger-router'
 *
 * export const handler = middy(myHandler)
 *   .use(cognitoFailClosed({ errorMessage: 'Sign-up is unavailable (ref {requestId})' }))
 *   .use(cognitoEnvelope())
 * ```
 */
export const cognitoFailClosed = (options: FailClosedOptions = {}): MiddlewareObj => {
  cognitoFailClosedValidateOptions(options)
  const rejectionOf = failClosedStep(options.errorMessage ?? DEFAULT_ERROR_MESSAGE, resolveRedaction(options.redact))

  const cognitoFailClosedOnError = (request: Request): void => {
    request.error = rejectionOf(invocationOf(request), request.error)
    // An earlier onError may have set a response, which middy treats as "handled".
    request.response = undefined
  }

  return { onError: cognitoFailClosedOnError }
}

/**
 * The fail-closed step, made once from the generic message and the redaction: turns whatever was thrown into the
 * TriggerRejectedError that leaves the invocation. A UserFacingError's message is kept when it
 * holds no secret of the invocation: the message is refused when the invocation's scrubber would
 * change it, as thrown and as the user sees it (with the period Cognito appends; a secret may end
 * with one), over the secrets the event arrived with and those in the response being built.
 */
export const failClosedStep = (
  template: string,
  { secretPaths, mask }: ResolvedRedaction,
): ((invocation: Invocation, error: unknown) => TriggerRejectedError) => {
  // The defaults stay even when the logging replaced them: a password never reaches the user. The
  // router's list is the same array as its logging's unless the defaults were replaced, so the
  // invocation collects its secrets once.
  const paths = secretPaths.length >= DEFAULT_SECRET_PATHS.length && DEFAULT_SECRET_PATHS.every((path) => secretPaths.includes(path))
    ? secretPaths
    : Object.freeze([...new Set([...DEFAULT_SECRET_PATHS, ...secretPaths])])

  // The invocation's scrubber, the one its log lines use: a message is refused when it would
  // mask anything in it (`hits` is true exactly when `clean` would change the text, or when a
  // secret reads like the mask itself).
  const shownMessage = (raw: string, invocation: Invocation): string | undefined => {
    const message = raw.trim().replace(/\.+$/, '')
    if (message === '') return undefined
    const scrubber = invocation.scrubberOf(invocation.secretsNow(paths), mask)
    return scrubber.hits(raw) || scrubber.hits(`${message}.`) ? undefined : message
  }

  // What the user sees of a UserFacingError: `[CODE] message`, or the message alone when it has no
  // code. Undefined (so the generic message) when the message is empty or holds a secret, when
  // the code was changed after the error was made, and when a message without a code reads as if
  // it had one (text from the event could otherwise pose as a code an app branches on).
  const userFacing = (error: UserFacingError, invocation: Invocation): { text: string; code: string | undefined } | undefined => {
    const code: unknown = error.code
    if (code !== undefined && (typeof code !== 'string' || !ERROR_CODE_PATTERN.test(code))) return undefined
    const message = shownMessage(String(error.message), invocation)
    if (message === undefined) return undefined
    if (code === undefined) return CODE_PREFIX.test(message) ? undefined : { text: message, code }
    return { text: `[${code}] ${message}`, code }
  }

  return (invocation, error) => {
    const requestId = correlationIdOf(invocation.fields.requestId)
    const shown = error instanceof UserFacingError ? userFacing(error, invocation) : undefined
    if (shown !== undefined) return new TriggerRejectedError(shown.text, requestId, shown.code)
    return new TriggerRejectedError(`[${INTERNAL_ERROR_CODE}] ${template.replaceAll('{requestId}', requestId)}`, requestId, INTERNAL_ERROR_CODE)
  }
}

// The code prefix as parseTriggerError reads it: `[CODE] ` at the start of the message.
const CODE_PREFIX = /^\[[A-Z0-9_]+\] /

// The global Web Crypto loads on first use, unlike an import of node:crypto at cold start.
const correlationIdOf = (id: string | undefined): string => (id !== undefined && id !== '' ? id : globalThis.crypto.randomUUID())
