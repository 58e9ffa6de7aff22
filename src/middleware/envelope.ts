// -- envelope echo -------------------------------------------------------------------
// Cognito needs the whole event back with `response` filled in; `{}`, `null` or a bare
// response object fails with "Invalid version in Lambda response" or "Invalid JSON"
// ("Customizing user pool workflows with Lambda triggers", Amazon Cognito developer guide).

import type { MiddlewareObj, Request } from '@middy/core'
import { InvalidReplyError, MalformedEventError } from '../errors.js'
import { invocationOf, type Invocation } from '../invocation.js'
import { cloneJson, describe, isPlainObject, type JsonObject } from '../json.js'
import { applyPatch, toPatch, wirePatch } from '../response.js'

/** The shape the router relies on: an object with a string `triggerSource` and a `request` object. */
export interface CognitoEnvelope extends JsonObject {
  triggerSource: string
  request: JsonObject
  response?: JsonObject | null
}

/**
 * Runtime guard for the envelope. Lenient on purpose: Cognito adds fields over time, so only
 * the keys the router relies on are checked. Throws {@link MalformedEventError} naming what is wrong.
 */
export function assertTriggerEvent(event: unknown): asserts event is CognitoEnvelope {
  if (!isPlainObject(event)) throw new MalformedEventError(`event must be an object, got ${describe(event)}`)
  if (typeof event.triggerSource !== 'string' || event.triggerSource === '') {
    throw new MalformedEventError(`event.triggerSource must be a non-empty string, got ${describe(event.triggerSource)}`)
  }
  if (!isPlainObject(event.request)) {
    throw new MalformedEventError(`event.request must be an object, got ${describe(event.request)}`)
  }
  if (event.response !== undefined && event.response !== null && !isPlainObject(event.response)) {
    throw new MalformedEventError(`event.response must be an object or null, got ${describe(event.response)}`)
  }
}

/**
 * The envelope's first step: checks the event as it arrived and gives handlers a copy of it, so
 * nothing they do to the copy can reach the reply. Throws {@link MalformedEventError}.
 */
export const beginEnvelope = (invocation: Invocation): CognitoEnvelope => {
  assertTriggerEvent(invocation.arrived)
  const copy = cloneJson(invocation.arrived)
  invocation.event = copy
  return copy
}

/**
 * The envelope's second step: builds the reply, once, from what the handler returned (`output`:
 * a response patch, nothing, or the whole event) and from `mutated`, the handler's copy of
 * `event.response`, for handlers that returned nothing. The reply is the event as it arrived, with
 * its response merged with the handler's changes made plain JSON data (see `wirePatch`); it is kept
 * on the invocation for validation and logging, which judge and log exactly what is sent.
 */
export const buildReply = (invocation: Invocation, output: unknown, mutated: unknown): JsonObject => {
  const original = invocation.arrived as CognitoEnvelope
  const outcome = toPatch(output, original.response, mutated)
  if (outcome.kind === 'invalid') throw new InvalidReplyError('reply.not-event', '', `the handler ${outcome.reason}`)
  const patch = wirePatch(outcome.patch)
  // Senders may arrive without `response`; echo them exactly rather than inventing one.
  const reply =
    Object.keys(patch).length === 0 && !Object.hasOwn(original, 'response')
      ? { ...original }
      : { ...original, response: applyPatch(original.response, patch) }
  invocation.reply = reply
  return reply
}

/**
 * Guarantees the reply is the event exactly as it arrived (every field, including ones Cognito
 * adds later) with `response` = the incoming response merged with the handler's output, whatever
 * the handler did to its copy of the event. The handler may return a response patch, nothing
 * (after writing to `event.response`), or the whole event. `null` counts as nothing.
 * A malformed event is rejected before the handler runs.
 *
 * @example
 * ```ts
 * import middy from '@middy/core'
 * import { cognitoEnvelope } from 'cognito-trigger-router'
 *
 * export const handler = middy(async () => ({ autoConfirmUser: true })).use(cognitoEnvelope())
 * // replies with the whole PreSignUp event, response.autoConfirmUser = true
 * ```
 */
export const cognitoEnvelope = (): MiddlewareObj => {
  const cognitoEnvelopeBefore = (request: Request): void => {
    request.event = beginEnvelope(invocationOf(request))
  }

  const cognitoEnvelopeAfter = (request: Request): void => {
    const invocation = invocationOf(request)
    // Without the before step (another middleware answered early), there is nothing to echo.
    if (invocation.event === invocation.arrived) return
    const mutated = isPlainObject(request.event) ? request.event.response : undefined
    request.response = buildReply(invocation, request.response, mutated)
  }

  return { before: cognitoEnvelopeBefore, after: cognitoEnvelopeAfter }
}
