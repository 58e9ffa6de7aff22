import { describe, expect, it } from 'vitest'
import { errorOf, eventFor, ruleOf, validate } from './fixtures.js'

const signUp = (userAttributes: Record<string, string> = { email: 'jane@example.com', phone_number: '+15555550100' }) =>
  eventFor('PreSignUp_SignUp', {
    request: { userAttributes, validationData: null },
    response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
  })

describe('PreSignUp replies', () => {
  it.each([
    ['autoConfirmUser true', { autoConfirmUser: true }],
    ['autoVerifyEmail true with an email attribute', { autoVerifyEmail: true }],
    ['autoVerifyPhone true with a phone_number attribute', { autoVerifyPhone: true }],
    ['all three flags true', { autoConfirmUser: true, autoVerifyEmail: true, autoVerifyPhone: true }],
  ])('accepts %s', (_, changed) => {
    expect(() => validate(signUp(), changed)).not.toThrow()
  })

  it.each([
    ['autoConfirmUser as the string "true"', { autoConfirmUser: 'true' }],
    ['autoVerifyEmail as 1', { autoVerifyEmail: 1 }],
    ['autoVerifyPhone as null', { autoVerifyPhone: null }],
  ])('rejects %s as presignup.boolean', (_, changed) => {
    expect(ruleOf(signUp(), changed)).toBe('presignup.boolean')
  })

  it('rejects autoVerifyEmail without an email attribute', () => {
    const error = errorOf(() => validate(signUp({ phone_number: '+15555550100' }), { autoVerifyEmail: true }))
    expect(error.rule).toBe('presignup.verify-email-attribute')
    expect(error.path).toBe('autoVerifyEmail')
  })

  it('rejects autoVerifyEmail when the email attribute is empty', () => {
    expect(ruleOf(signUp({ email: '' }), { autoVerifyEmail: true })).toBe('presignup.verify-email-attribute')
  })

  it('rejects autoVerifyPhone without a phone_number attribute', () => {
    expect(ruleOf(signUp({ email: 'jane@example.com' }), { autoVerifyPhone: true })).toBe(
      'presignup.verify-phone-attribute',
    )
  })

  it('rejects auto-verification when the event has no userAttributes at all', () => {
    const event = eventFor('PreSignUp_ExternalProvider', { request: {} })
    expect(ruleOf(event, { autoVerifyEmail: true })).toBe('presignup.verify-email-attribute')
  })

  it('accepts autoVerifyEmail false without an email attribute', () => {
    expect(() => validate(signUp({}), { autoVerifyEmail: false, autoVerifyPhone: false })).not.toThrow()
  })

  it('never judges flags Cognito sent that no plugin changed', () => {
    const event = eventFor('PreSignUp_SignUp', {
      request: { userAttributes: {} },
      response: { autoConfirmUser: 'false', autoVerifyEmail: true, autoVerifyPhone: '' },
    })
    expect(() => validate(event, {})).not.toThrow()
  })
})
