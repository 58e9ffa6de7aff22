// `--set path=value` for the event generator.
import { describe, expect, it } from 'vitest'
import { UsageError } from '../../../src/local/errors.js'
import { parseValue, setPath, splitAssignment } from '../../../src/local/set-path.js'

describe('setPath', () => {
  it.each<[string, unknown, object]>([
    ['request.userAttributes.email', 'a@b.c', { request: { userAttributes: { email: 'a@b.c' } } }],
    ['request.clientMetadata.plan', 'pro', { request: { clientMetadata: { plan: 'pro' } } }],
    ['request.session.0.challengeResult', false, { request: { session: [{ challengeResult: false }] } }],
    ['request.session.1', { challengeName: 'CUSTOM_CHALLENGE' }, { request: { session: [{ challengeResult: true }, { challengeName: 'CUSTOM_CHALLENGE' }] } }],
    ['request.validationData.captcha', 'ok', { request: { validationData: { captcha: 'ok' } } }],
    ['version', '2', { version: '2' }],
  ])('sets %s', (path, value, expected) => {
    // Prepare
    const target = { version: '1', request: { session: [{ challengeResult: true }], validationData: null } }

    // Act
    setPath(target, path, value)

    // Assess
    expect(target).toMatchObject(expected)
  })

  it.each([
    ['__proto__.polluted', 'the segment "__proto__" is not allowed'],
    ['request.constructor.prototype.polluted', 'the segment "constructor" is not allowed'],
    ['request..email', 'empty path segment'],
    ['version.major', '"version" is string, not an object'],
    ['request.session.first', '"request.session" is an array; use an index, not "first"'],
  ])('refuses %s', (path, message) => {
    // Prepare
    const target = { version: '1', request: { session: [] } }

    // Act and assess
    expect(() => setPath(target, path, 1)).toThrow(new UsageError(`--set ${path}: ${message}`, 'event'))
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})

describe('parseValue and splitAssignment', () => {
  it.each<[string, unknown]>([
    ['3', 3],
    ['true', true],
    ['null', null],
    ['["openid"]', ['openid']],
    ['a@b.c', 'a@b.c'],
    ['', ''],
  ])('reads %j as %j', (text, value) => {
    // Act and assess
    expect(parseValue(text)).toStrictEqual(value)
  })

  it('splits at the first "=", and refuses a missing key', () => {
    // Act and assess
    expect(splitAssignment('a=b=c', '--set', 'event')).toStrictEqual(['a', 'b=c'])
    expect(() => splitAssignment('=b', '--set', 'event')).toThrow('--set needs key=value, got "=b"')
    expect(() => splitAssignment('plain', '--attr', 'event')).toThrow('--attr needs key=value, got "plain"')
  })
})
