// -- reply validation ---------------------------------------------------------------------
// Cognito answers a bad reply with an opaque 400 or silently drops what it dislikes (the rules and
// the AWS pages they come from are listed in src/validation/index.ts), so the rules are checked
// here, before the reply leaves, and a broken rule fails closed.

import type { MiddlewareObj, Request } from '@middy/core'
import { InvalidReplyError } from '../errors.js'
import { invocationOf, type Invocation } from '../invocation.js'
import { isPlainObject, type JsonObject } from '../json.js'
import { diff, wirePatch } from '../response.js'
import { validateReply } from '../validation/index.js'

/**
 * The validation step: judges `reply` against the event as it arrived, looking only at what
 * differs from the response Cognito sent (a value Cognito sent that nobody changed comes back as
 * it came, even where an emulator pre-fills "" for null).
 */
export const validateInvocationReply = (invocation: Invocation, reply: JsonObject): void => {
  const original = invocation.arrived
  if (!isPlainObject(original)) return
  const before = isPlainObject(original.response) ? original.response : {}
  const after = reply.response
  validateReply(original, after, isPlainObject(after) ? diff(before, after) : {})
}

/**
 * Validates the reply against the rules Cognito applies to each trigger, judging only what the
 * handler changed: a value Cognito sent that nobody changed is echoed as it came. Register it
 * before {@link cognitoEnvelope}, so that its `after` hook sees the echoed event. Without the
 * envelope, the handler's reply is first copied into plain JSON data, and that copy is what is
 * judged and sent.
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
    const invocation = invocationOf(request)
    const response: unknown = request.response
    if (!isPlainObject(response)) throw new InvalidReplyError('reply.not-event', '', 'the reply is not an event object')
    // The envelope's reply is plain JSON data already; otherwise the response, the only part
    // Cognito reads, is made so here.
    const reply =
      response === invocation.reply || !isPlainObject(response.response)
        ? response
        : { ...response, response: wirePatch(response.response) }
    validateInvocationReply(invocation, reply)
    request.response = reply
  }

  return { after: cognitoReplyValidationAfter }
}
