// -- fail closed --------------------------------------------------------------------------
// Whatever Lambda's error says, Cognito shows the user as `<Trigger> failed with error <message>.`
// (§4.2). So every error leaves as a TriggerRejectedError whose message is either a
// UserFacingError's message or a generic one with a correlation id, and nothing else.

import type { MiddlewareObj, Request } from '@middy/core'
import { ConfigurationError, TriggerRejectedError, UserFacingError } from '../errors.js'
import { DEFAULT_SECRET_PATHS } from '../redaction/paths.js'
import { collectSecrets } from '../redaction/secrets.js'
import { originalEventOf } from './envelope.js'

export interface FailClosedOptions {
  /**
   * The message for every error that is not a UserFacingError. `{requestId}` is replaced by the
   * Lambda request id, which also appears in the error log line. Keep it free of a final period:
   * Cognito appends one.
   */
  errorMessage?: string
}

/** The default generic message, shown as "PreSignUp failed with error We could not complete … (reference 1b2c…)." */
export const DEFAULT_ERROR_MESSAGE = 'We could not complete your request (reference {requestId})'

/** Checks options at cold start: the generic message must carry the correlation id. */
export const cognitoFailClosedValidateOptions = (options: FailClosedOptions): void => {
  for (const key of Object.keys(options)) {
    if (key !== 'errorMessage') throw new ConfigurationError(`cognitoFailClosed: unknown option "${key}"`)
  }
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
 * A UserFacingError's message passes through, without a trailing period (Cognito adds one), unless
 * it contains a secret from the event, in which case the generic message is used instead.
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
  const template = options.errorMessage ?? DEFAULT_ERROR_MESSAGE

  const cognitoFailClosedOnError = (request: Request): void => {
    const requestId = correlationIdOf(request)
    const error: unknown = request.error
    const message = error instanceof UserFacingError ? publicMessage(error.message, request) : undefined
    request.error = new TriggerRejectedError(message ?? template.replaceAll('{requestId}', requestId), requestId)
    // An earlier onError may have set a response, which middy treats as "handled".
    request.response = undefined
  }

  return { onError: cognitoFailClosedOnError }
}

const correlationIdOf = (request: Request): string => {
  const id: unknown = (request.context as { awsRequestId?: unknown } | undefined)?.awsRequestId
  // The global Web Crypto loads on first use, unlike an import of node:crypto at cold start.
  return typeof id === 'string' && id !== '' ? id : globalThis.crypto.randomUUID()
}

const publicMessage = (raw: string, request: Request): string | undefined => {
  const message = raw.trim().replace(/\.+$/, '')
  if (message === '') return undefined
  const event = originalEventOf(request) ?? request.event
  const leaks = collectSecrets(event, DEFAULT_SECRET_PATHS).some((secret) => message.includes(secret))
  return leaks ? undefined : message
}
