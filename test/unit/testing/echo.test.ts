import { describe, expect, it } from 'vitest'
import type { TriggerSource } from '../../../src/catalogue.js'
import type { JsonObject } from '../../../src/response.js'
import { echoProblem } from '../../../src/testing/echo.js'
import { createEvent } from '../../../src/testing/events.js'

const signUp = createEvent('PreSignUp_SignUp') as unknown as JsonObject
const sender = createEvent('CustomEmailSender_SignUp') as unknown as JsonObject

// What the router replies: the event as it arrived, after its clone, with `response` merged in.
const echoOf = (event: JsonObject, response: unknown = event.response): JsonObject => ({ ...structuredClone(event), response })

const withoutKey = (event: JsonObject, key: string): JsonObject => Object.fromEntries(Object.entries(event).filter(([name]) => name !== key))

const nullPrototype = (value: JsonObject): JsonObject => Object.assign(Object.create(null) as JsonObject, value)

class UserAttributes {
  readonly email = 'jane.doe@example.com'
  readonly sub = '5d5a1e8e-1c2b-4a6f-9f0e-2b1f6f7a3c11'
}

// Null-prototype objects all the way down: what a JSON parser with `Object.create(null)` maps builds.
const nullPrototypeSignUp = nullPrototype({
  ...signUp,
  request: nullPrototype({ userAttributes: nullPrototype({ email: 'jane.doe@example.com' }), validationData: null }),
  callerContext: nullPrototype({ awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: '1example23456789' }),
})
const classInstanceSignUp: JsonObject = { ...signUp, request: { userAttributes: new UserAttributes(), validationData: null } }

describe('echoProblem', () => {
  it.each<[string, TriggerSource, JsonObject, unknown, string]>([
    ['a reply that is not an object', 'PreSignUp_SignUp', signUp, undefined, 'the reply is not an event object'],
    ['a reply that is an array', 'PreSignUp_SignUp', signUp, [signUp], 'the reply is not an event object'],
    ['a reply that is the event as JSON text', 'PreSignUp_SignUp', signUp, JSON.stringify(signUp), 'the reply is not an event object'],
    ['a reply that is a bare response, as a handler may return it', 'PreSignUp_SignUp', signUp, signUp.response, 'the reply changed the envelope field "version"'],
    ['a reply that is a class instance, which the runtime would not serialize as the event', 'PreSignUp_SignUp', signUp, new UserAttributes(), 'the reply is not an event object'],
    [
      'a reply that changed the trigger source',
      'PreSignUp_SignUp',
      signUp,
      { ...echoOf(signUp), triggerSource: 'PreSignUp_AdminCreateUser' },
      'the reply changed the envelope field "triggerSource"',
    ],
    [
      'a reply that changed a field deep inside the request',
      'PreSignUp_SignUp',
      signUp,
      { ...echoOf(signUp), request: { userAttributes: { email: 'someone.else@example.com' }, validationData: null } },
      'the reply changed the envelope field "request"',
    ],
    ['a reply that dropped an envelope field', 'PreSignUp_SignUp', signUp, withoutKey(echoOf(signUp), 'userName'), 'the reply changed the envelope field "userName"'],
    [
      'a changed field even when the event holds null-prototype objects',
      'PreSignUp_SignUp',
      nullPrototypeSignUp,
      { ...echoOf(nullPrototypeSignUp), callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: 'client-2' } },
      'the reply changed the envelope field "callerContext"',
    ],
    ['a reply without a response to a synchronous trigger', 'PreSignUp_SignUp', signUp, withoutKey(echoOf(signUp), 'response'), 'the reply has no response object'],
    ['a reply whose response is null for a synchronous trigger', 'PreSignUp_SignUp', signUp, echoOf(signUp, null), 'the reply has no response object'],
    ['a reply whose response is not an object for a synchronous trigger', 'PreSignUp_SignUp', signUp, echoOf(signUp, [true]), 'the reply has no response object'],
  ])('reports %s', (_case, source, event, reply, expected) => {
    // Act
    const problem = echoProblem(source, event, reply)

    // Assess
    expect(problem).toBe(expected)
  })

  it.each<[string, TriggerSource, JsonObject, unknown]>([
    ['the event echoed with its response', 'PreSignUp_SignUp', signUp, echoOf(signUp)],
    ['the event echoed with a changed response, which is what a plugin is for', 'PreSignUp_SignUp', signUp, echoOf(signUp, { autoConfirmUser: true })],
    ['a reply without a response to an asynchronous trigger, which Cognito does not read', 'CustomEmailSender_SignUp', sender, withoutKey(echoOf(sender), 'response')],
    ['a reply whose response is null for an asynchronous trigger', 'CustomEmailSender_SignUp', sender, echoOf(sender, null)],
    ['the plain-object echo of an event that holds null-prototype objects: the JSON is the same', 'PreSignUp_SignUp', nullPrototypeSignUp, echoOf(nullPrototypeSignUp)],
    ['the echo of an event holding null-prototype objects after a JSON round trip', 'PreSignUp_SignUp', nullPrototypeSignUp, JSON.parse(JSON.stringify(nullPrototypeSignUp)) as unknown],
    ['the plain-object echo of an event that holds class instances: the JSON is the same', 'PreSignUp_SignUp', classInstanceSignUp, echoOf(classInstanceSignUp)],
    ['a null-prototype reply, which serializes like a plain one', 'PreSignUp_SignUp', signUp, nullPrototype(echoOf(signUp))],
  ])('accepts %s', (_case, source, event, reply) => {
    // Act
    const problem = echoProblem(source, event, reply)

    // Assess
    expect(problem).toBeUndefined()
  })
})
