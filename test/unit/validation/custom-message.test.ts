import { describe, expect, it } from 'vitest'
import { errorOf, eventFor, ruleOf, validate } from './fixtures.js'

const EMPTY_RESPONSE = { smsMessage: null, emailMessage: null, emailSubject: null }

const messageEvent = (source = 'CustomMessage_SignUp', request: Record<string, unknown> = {}) =>
  eventFor(source, {
    request: {
      userAttributes: { email: 'jane@example.com' },
      codeParameter: '{####}',
      linkParameter: '{##Click Here##}',
      usernameParameter: source === 'CustomMessage_AdminCreateUser' ? '{username}' : null,
      ...request,
    },
    response: EMPTY_RESPONSE,
  })

const invitation = () => messageEvent('CustomMessage_AdminCreateUser')

describe('CustomMessage replies', () => {
  it.each([
    ['null for every field', { smsMessage: null, emailMessage: null, emailSubject: null }],
    ['an SMS with the code', { smsMessage: 'Your code is {####}' }],
    ['an email and subject with the code in the email', { emailMessage: '<p>Code: {####}</p>', emailSubject: 'Welcome' }],
    ['a subject of exactly 140 characters', { emailSubject: 's'.repeat(140) }],
    ['an SMS of exactly 140 characters', { smsMessage: `{####}${'x'.repeat(134)}` }],
    ['an email of exactly 20,000 characters', { emailMessage: `{####}${'x'.repeat(19_994)}` }],
  ])('accepts %s', (_, changed) => {
    expect(() => validate(messageEvent(), changed)).not.toThrow()
  })

  it.each([
    ['smsMessage', 42],
    ['emailMessage', { html: '{####}' }],
    ['emailSubject', false],
    ['smsMessage', undefined],
  ])('rejects %s set to a non-string (%o) as custommessage.type', (key, value) => {
    expect(ruleOf(messageEvent(), { [key]: value })).toBe('custommessage.type')
  })

  const fields = ['smsMessage', 'emailMessage', 'emailSubject']
  it.each(fields)('rejects an empty %s, which Cognito calls "The message is empty."', (key) => {
    expect(ruleOf(messageEvent(), { [key]: '' })).toBe('custommessage.empty')
  })

  it.each(['smsMessage', 'emailMessage'])('rejects a %s without the codeParameter', (key) => {
    const error = errorOf(() => validate(messageEvent(), { [key]: 'Welcome aboard' }))
    expect(error.rule).toBe('custommessage.code-parameter')
    expect(error.path).toBe(key)
  })

  it('uses the codeParameter the event sent instead of assuming {####}', () => {
    const event = messageEvent('CustomMessage_ForgotPassword', { codeParameter: '[[code]]' })
    expect(() => validate(event, { smsMessage: 'Reset with [[code]]' })).not.toThrow()
    expect(ruleOf(event, { smsMessage: 'Reset with {####}' })).toBe('custommessage.code-parameter')
  })

  it('requires no placeholder when the event has no codeParameter', () => {
    const event = messageEvent('CustomMessage_SignUp', { codeParameter: undefined })
    expect(() => validate(event, { smsMessage: 'Hello' })).not.toThrow()
  })

  it('does not require the code in the subject', () => {
    expect(() => validate(messageEvent(), { emailSubject: 'Your verification code' })).not.toThrow()
  })

  it('rejects an invitation without the usernameParameter', () => {
    expect(ruleOf(invitation(), { emailMessage: 'Temporary password: {####}' })).toBe('custommessage.username-parameter')
  })

  it('accepts an invitation with both placeholders', () => {
    expect(() => validate(invitation(), { smsMessage: '{username} / {####}' })).not.toThrow()
  })

  it('requires only the code when an invitation has a null usernameParameter', () => {
    const event = messageEvent('CustomMessage_AdminCreateUser', { usernameParameter: null })
    expect(() => validate(event, { smsMessage: 'Password {####}' })).not.toThrow()
  })

  it('ignores the usernameParameter outside invitations', () => {
    const event = messageEvent('CustomMessage_ResendCode', { usernameParameter: '{username}' })
    expect(() => validate(event, { smsMessage: 'Code {####}' })).not.toThrow()
  })

  it.each([
    ['smsMessage', `{####}${'x'.repeat(135)}`, 'custommessage.sms-length', 140, 141],
    ['emailMessage', `{####}${'x'.repeat(19_995)}`, 'custommessage.email-length', 20_000, 20_001],
    ['emailSubject', 's'.repeat(150), 'custommessage.subject-length', 140, 150],
  ])('rejects a %s over its limit, naming the limit and the length', (key, value, rule, limit, length) => {
    const error = errorOf(() => validate(messageEvent(), { [key]: value }))
    expect(error.rule).toBe(rule)
    expect(error.message).toContain(`limit is ${limit}`)
    expect(error.message).toContain(`${length} characters`)
  })

  it('counts code points, so 134 emoji fit an SMS beside the code', () => {
    const sms = `{####}${'😀'.repeat(134)}`
    expect(sms.length).toBeGreaterThan(140)
    expect(() => validate(messageEvent(), { smsMessage: sms })).not.toThrow()
  })

  it('counts code points when an emoji SMS is over the limit', () => {
    const error = errorOf(() => validate(messageEvent(), { smsMessage: `{####}${'😀'.repeat(135)}` }))
    expect(error.message).toContain('141 characters')
  })

  it('never judges messages Cognito (or an emulator) sent that no plugin changed', () => {
    const event = eventFor('CustomMessage_SignUp', {
      request: { codeParameter: '{####}', usernameParameter: null },
      response: { smsMessage: '', emailMessage: '', emailSubject: 'x'.repeat(500) },
    })
    expect(() => validate(event, {})).not.toThrow()
  })
})
