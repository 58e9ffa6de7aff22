// -- envelope echo -------------------------------------------------------------------
// Cognito needs the whole event back with `response` filled in; `{}`, `null` or a bare
// response object fails with "Invalid version in Lambda response" or "Invalid JSON"
// ("Customizing user pool workflows with Lambda triggers", Amazon Cognito developer guide).

import type { MiddlewareObj, Request } from '@middy/core'
import { InvalidReplyError, MalformedEventError } from '../errors.js'
import { cloneJson, describe, isPlainObject, type JsonObject } from '../json.js'
import { applyPatch, toPatch, wirePatch } from '../response.js'
import { requestSlot } from './request-slot.js'

/** The shape the router relies on: an object with a string `triggerSource` and a `request` object. */
export interface CognitoEnvelope extends JsonObject {
  triggerSource: string
  request: JsonObject
  response?: JsonObject | null
}

// The event as it arrived, per middy request: handlers and later middleware only ever see a copy.
const originals = requestSlot<CognitoEnvelope>('cognitoEnvelope')

/** The event exactly as Cognito sent it, for middleware that runs after {@link cognitoEnvelope}. */
export const originalEventOf = (request: Request): CognitoEnvelope | undefined => originals.get(request)

// The handler only holds its copy, not the middy request; the copy links back to the event as it
// arrived, under a key nothing serializes or copies (non-enumerable, a symbol).
const ARRIVED = Symbol('cognitoEnvelope.arrived')

/** For the copy a handler was given by {@link cognitoEnvelope}: the event as it arrived. Internal to the router. */
export const arrivedEventOf = (copy: object): CognitoEnvelope | undefined =>
  (copy as { [ARRIVED]?: CognitoEnvelope })[ARRIVED]

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
    assertTriggerEvent(request.event)
    const copy = cloneJson(request.event)
    Object.defineProperty(copy, ARRIVED, { value: request.event })
    originals.set(request, request.event)
    request.event = copy
  }

  const cognitoEnvelopeAfter = (request: Request): void => {
    const original = originals.get(request)
    if (original === undefined) return
    const mutated = isPlainObject(request.event) ? request.event.response : undefined
    const outcome = toPatch(request.response, original.response, mutated)
    if (outcome.kind === 'invalid') throw new InvalidReplyError('reply.not-event', '', `the handler ${outcome.reason}`)
    // Made of plain JSON data once, here: validation then judges exactly what Lambda sends.
    const patch = wirePatch(outcome.patch)
    const untouched = Object.keys(patch).length === 0
    // Senders may arrive without `response`; echo them exactly rather than inventing one.
    request.response =
      untouched && !Object.hasOwn(original, 'response')
        ? { ...original }
        : { ...original, response: applyPatch(original.response, patch) }
  }

  return { before: cognitoEnvelopeBefore, after: cognitoEnvelopeAfter }
}
