import { describe, expect, it } from 'vitest'
import { TRIGGER_SOURCES, TRIGGERS } from '../../../src/catalogue.js'
import { InvalidReplyError } from '../../../src/errors.js'
import { validateReply } from '../../../src/validation/index.js'
import { errorOf, eventFor, json, validate } from './fixtures.js'

const syncSources = TRIGGER_SOURCES.filter((source) => TRIGGERS[source].invocation === 'sync')
const senderSources = TRIGGER_SOURCES.filter((source) => TRIGGERS[source].invocation === 'async')
const silentSources = syncSources.filter((source) => TRIGGERS[source].responseKeys.length === 0)

describe('validateReply: which events are checked', () => {
  it.each([
    ['an unknown future source', 'PreSignUp_SomethingNew'],
    ['the sample-only PreTokenGen', 'PreTokenGen'],
    ['the misspelt VerifyAuthChallenge_Authentication', 'VerifyAuthChallenge_Authentication'],
    ['"__proto__"', '__proto__'],
    ['"constructor"', 'constructor'],
    ['a number', 42],
    ['nothing', undefined],
  ])('lets %s pass unchecked', (_, triggerSource) => {
    expect(() => validateReply(eventFor(triggerSource), 'not even an object', { anything: Symbol('x') })).not.toThrow()
  })

  it.each(senderSources)('lets the custom sender source %s pass unchecked, since Cognito reads nothing', (source) => {
    expect(() => validateReply(eventFor(source), undefined, { whatever: 1 })).not.toThrow()
  })

  it('ignores a triggerSource inherited through the prototype', () => {
    const event = Object.create({ triggerSource: 'PreSignUp_SignUp' }) as Record<string, unknown>
    expect(() => validateReply(event, {}, { autoConfirm: true })).not.toThrow()
  })

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['an array', []],
    ['a string', '{}'],
    ['a Map', new Map()],
  ])('rejects a response that is %s', (_, response) => {
    const error = errorOf(() => validateReply(eventFor('PreAuthentication_Authentication'), response, {}))
    expect(error.rule).toBe('reply.not-object')
  })

  it.each(syncSources)('accepts an untouched %s reply', (source) => {
    expect(() => validate(eventFor(source), {})).not.toThrow()
  })
})

describe('validateReply: keys Cognito does not read', () => {
  it('rejects autoConfirm instead of autoConfirmUser, naming the key and the keys Cognito reads', () => {
    const error = errorOf(() => validate(eventFor('PreSignUp_SignUp'), { autoConfirm: true }))
    expect(error).toBeInstanceOf(InvalidReplyError)
    expect(error.rule).toBe('reply.unknown-key')
    expect(error.path).toBe('autoConfirm')
    expect(error.message).toContain('"autoConfirm"')
    expect(error.message).toContain('autoConfirmUser, autoVerifyEmail, autoVerifyPhone')
  })

  it.each(silentSources)('rejects any key set for %s, which reads nothing', (source) => {
    const error = errorOf(() => validate(eventFor(source), { note: 'x' }))
    expect(error.rule).toBe('reply.unknown-key')
    expect(error.message).toContain('reads no response keys')
  })

  it('rejects the V1 container name spelt the way the slot is named', () => {
    expect(errorOf(() => validate(eventFor('TokenGeneration_HostedAuth'), { claimsOverride: {} })).rule).toBe(
      'reply.unknown-key',
    )
  })

  it('quotes a key that is not an identifier in the path', () => {
    expect(errorOf(() => validate(eventFor('PreSignUp_SignUp'), { 'auto confirm': true })).path).toBe('["auto confirm"]')
  })

  const everyReadKey = syncSources.flatMap((source) => TRIGGERS[source].responseKeys.map((key) => [source, key] as const))
  it.each(everyReadKey)('has a check for %s %s: a non-JSON value never passes', (source, key) => {
    const error = errorOf(() => validate(eventFor(source), { [key]: Symbol('x') }))
    expect(error.rule).not.toBe('reply.unknown-key')
  })
})

describe('validateReply: __proto__ and friends', () => {
  it('rejects a __proto__ key in the reply without polluting any prototype', () => {
    const changed = json('{"__proto__": {"autoConfirmUser": true}}')
    const error = errorOf(() => validate(eventFor('PreSignUp_SignUp'), changed))
    expect(error.rule).toBe('reply.unknown-key')
    expect(error.message).toContain('"__proto__"')
    expect(({} as Record<string, unknown>).autoConfirmUser).toBeUndefined()
  })

  const inherited = ['constructor', 'toString', 'hasOwnProperty']
  it.each(inherited)('rejects a %s key instead of reading it through the prototype', (key) => {
    const event = eventFor('DefineAuthChallenge_Authentication')
    expect(errorOf(() => validate(event, { [key]: 1 })).rule).toBe('reply.unknown-key')
  })

  it('does not find an email attribute that only exists on the prototype', () => {
    const userAttributes = json('{"__proto__": {"email": "jane@example.com"}}')
    const event = eventFor('PreSignUp_SignUp', { request: { userAttributes } })
    expect(errorOf(() => validate(event, { autoVerifyEmail: true })).rule).toBe('presignup.verify-email-attribute')
  })

  it('accepts __proto__ as an attribute name in a string map, as an own key', () => {
    const userAttributes = json('{"__proto__": "x", "email": "jane@example.com"}')
    expect(() => validate(eventFor('UserMigration_Authentication'), { userAttributes })).not.toThrow()
    expect(({} as Record<string, unknown>).email).toBeUndefined()
  })
})
