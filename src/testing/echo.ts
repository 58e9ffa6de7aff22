// -- echo check -------------------------------------------------------------------------------
// The first rule of the plugin contract: Cognito needs the whole event back, envelope unchanged,
// with a `response` object for a synchronous trigger.

import { TRIGGERS, type TriggerSource } from '../catalogue.js'
import { isPlainObject, jsonEqual, type JsonObject } from '../response.js'

/**
 * Why `reply` is not a valid echo of `event` for the trigger `source`, or `undefined` when it is:
 * the reply must be an event object, every field of the event other than `response` must come
 * back unchanged, and a synchronous trigger must get a `response` object back (a sender, which
 * Cognito invokes asynchronously, may reply without one).
 *
 * It is a module of its own because the router it normally judges always echoes correctly, so a
 * contract run never reaches most of these answers; tested directly, every one of them is
 * checked, not just trusted.
 *
 * Fields are compared as JSON values, which is what Cognito receives, not with
 * `node:util`'s `isDeepStrictEqual`: that also compares prototypes, so an event holding
 * null-prototype objects or class instances would look changed once the router has cloned
 * it into plain objects, although the JSON Cognito gets back is the same.
 *
 * @example
 * ```ts
 * echoProblem('PreSignUp_SignUp', event, { ...event, triggerSource: 'PostConfirmation_ConfirmSignUp' })
 * // 'the reply changed the envelope field "triggerSource"'
 * ```
 */
export const echoProblem = (source: TriggerSource, event: JsonObject, reply: unknown): string | undefined => {
  if (!isPlainObject(reply)) return 'the reply is not an event object'
  for (const key of Object.keys(event)) {
    if (key !== 'response' && !jsonEqual(event[key], reply[key])) return `the reply changed the envelope field "${key}"`
  }
  if (TRIGGERS[source].invocation === 'sync' && !isPlainObject(reply.response)) return 'the reply has no response object'
  return undefined
}
