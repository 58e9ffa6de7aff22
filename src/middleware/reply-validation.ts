// -- reply validation ---------------------------------------------------------------------
// Cognito answers a bad reply with an opaque 400 or silently drops what it dislikes (the
// rules and the AWS pages they come from are listed in src/validation/index.ts), so
// the rules are checked here, before the reply leaves, and a broken rule fails closed.

import type { MiddlewareObj, Request } from '@middy/core'
import { InvalidReplyError } from '../errors.js'
import { diff, isPlainObject } from '../response.js'
import { validateReply } from '../validation/index.js'
import { originalEventOf } from './envelope.js'

/**
 * Validates the reply against the rules Cognito applies to each trigger, judging only what the
 * handler changed: a value Cognito sent that nobody changed is echoed as it came. Register it
 * before {@link cognitoEnvelope}, so that its `after` hook sees the echoed event.
 *
 * @example
 * ```ts
 * import middy from '@middy/core'
 * import { cognitoEnvelope, cognitoReplyValidation } from 'cognito-trigger-router'
 *
 * export const handler = middy(myHandler).use(cognitoReplyValidation()).use(cognitoEnvelope())
 * ```
 */
export const cognitoReplyValidation = (): MiddlewareObj => {
  const cognitoReplyValidationAfter = (request: Request): void => {
    const reply: unknown = request.response
    if (!isPlainObject(reply)) throw new InvalidReplyError('reply.not-event', '', 'the reply is not an event object')
    const original = originalEventOf(request) ?? request.event
    if (!isPlainObject(original)) return
    const before = isPlainObject(original.response) ? original.response : {}
    const after = reply.response
    const changed = isPlainObject(after) ? diff(before, after) : {}
    validateReply(original, after, changed)
  }

  return { after: cognitoReplyValidationAfter }
}
