// Event builders and helpers shared by the validation tests.

import { InvalidReplyError } from '../../../src/errors.js'
import { applyPatch, type JsonObject } from '../../../src/response.js'
import { validateReply } from '../../../src/validation/index.js'

/** A recognisable value planted in replies and events: it must never appear in an error. */
export const SECRET = 'S3CRET-7f3a9c-do-not-log'

export const CLIENT_ID = '1example23456789'

export interface EventParts {
  request?: JsonObject
  response?: JsonObject
  version?: string
  callerContext?: JsonObject
}

/** A Cognito event envelope around the given request and response. */
export const eventFor = (triggerSource: unknown, parts: EventParts = {}): JsonObject => ({
  version: parts.version ?? '1',
  triggerSource,
  region: 'eu-west-1',
  userPoolId: 'eu-west-1_EXAMPLE',
  userName: 'jane',
  callerContext: parts.callerContext ?? { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: CLIENT_ID },
  request: parts.request ?? {},
  response: parts.response ?? {},
})

/** Validates the way the router does: `changed` written over the response the event brought. */
export const validate = (event: JsonObject, changed: JsonObject): void =>
  validateReply(event, applyPatch(event.response, changed), changed)

/** The InvalidReplyError that `run` throws; anything else (or nothing) fails the test. */
export const errorOf = (run: () => void): InvalidReplyError => {
  try {
    run()
  } catch (error) {
    if (error instanceof InvalidReplyError) return error
    throw error
  }
  throw new Error('expected an InvalidReplyError, but nothing was thrown')
}

/** The rule id that validating `changed` against `event` breaks. */
export const ruleOf = (event: JsonObject, changed: JsonObject): string => errorOf(() => validate(event, changed)).rule

/** Parses JSON, the way `__proto__` keys really arrive: as own properties. */
export const json = (text: string): JsonObject => JSON.parse(text) as JsonObject
