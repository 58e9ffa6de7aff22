// The event generator behind `cognito-trigger-router event`.
import { describe, expect, it } from 'vitest'
import { UsageError } from '../../../src/local/errors.js'
import { buildEvent } from '../../../src/local/event-command.js'
import { createEvent } from '../../../src/testing/events.js'

describe('buildEvent', () => {
  it('is the test kit\'s realistic event when nothing is changed', () => {
    // Act and assess
    expect(buildEvent('PreSignUp_SignUp', {})).toStrictEqual(createEvent('PreSignUp_SignUp'))
  })

  it('sets user attributes as strings, and fields by path with JSON values', () => {
    // Act
    const event = buildEvent('TokenGeneration_Authentication', {
      tokenVersion: '2',
      attrs: ['email=eve@blocked.example', 'custom:tenant=42'],
      sets: ['request.scopes=["openid"]', 'callerContext.clientId=abc'],
    })

    // Assess
    expect(event).toMatchObject({
      version: '2',
      request: { userAttributes: { email: 'eve@blocked.example', 'custom:tenant': '42' }, scopes: ['openid'] },
      callerContext: { clientId: 'abc' },
    })
  })

  it('gives attributes to an event whose userAttributes is null', () => {
    // Act and assess
    expect(buildEvent('UserMigration_Authentication', { attrs: ['email=a@b.c'] })).toMatchObject({ request: { userAttributes: { email: 'a@b.c' } } })
  })

  it.each<[string, Parameters<typeof buildEvent>[1], string]>([
    ['PreSignup_signup', {}, 'unknown trigger source "PreSignup_signup" (did you mean PreSignUp_SignUp?)'],
    ['PreSign', {}, 'unknown trigger source "PreSign" (did you mean PreSignUp_SignUp?)'],
    ['Nope', {}, 'unknown trigger source "Nope"; run with --list to see them all'],
    ['TokenGeneration_Authentication', { tokenVersion: '4' }, '--token-version must be 1, 2 or 3, got "4"'],
    ['PreSignUp_SignUp', { attrs: ['__proto__=x'] }, '--attr __proto__: not an attribute name'],
    ['PreSignUp_SignUp', { sets: ['request.__proto__.admin=true'] }, '--set request.__proto__.admin: the segment "__proto__" is not allowed'],
  ])('refuses %s with %j', (source, options, message) => {
    // Act and assess
    expect(() => buildEvent(source, options)).toThrow(new UsageError(message, 'event'))
  })
})
