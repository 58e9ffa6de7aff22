import { describe, expect, it } from 'vitest'
import { ConfigurationError } from '../../../src/errors.js'
import { definePlugin, hasSideEffects, validatePlugin } from '../../../src/plugin.js'
import { addToGroup, customSender, emailOtp, signInAudit, welcomeEmail } from '../../../plugins/index.js'

const handler = () => undefined

describe('definePlugin: sideEffects', () => {
  it.each([
    ['true', true],
    ['false', false],
    ['a trigger the plugin handles', ['CreateAuthChallenge_Authentication']],
    ['a family the plugin handles', ['CreateAuthChallenge_*']],
  ] as const)('accepts %s', (_what, sideEffects) => {
    expect(() => definePlugin({ name: 'p', triggers: ['CreateAuthChallenge_*', 'DefineAuthChallenge_*'], sideEffects, handler })).not.toThrow()
  })

  it.each([
    ['a string', 'yes', 'plugin "p": "sideEffects" must be a boolean or a non-empty array of trigger patterns, got a string'],
    ['an empty array', [], 'plugin "p": "sideEffects" must be a boolean or a non-empty array of trigger patterns, got an array'],
    ['an unknown trigger', ['CreateAuthChalenge_Authentication'], 'plugin "p": "sideEffects": unknown trigger "CreateAuthChalenge_Authentication"'],
    ['a trigger the plugin does not handle', ['PreSignUp_SignUp'], 'plugin "p": "sideEffects" names PreSignUp_SignUp, which the plugin does not handle'],
  ])('refuses %s at cold start, naming the plugin', (_what, sideEffects, message) => {
    const attempt = () => validatePlugin({ name: 'p', triggers: ['CreateAuthChallenge_*'], sideEffects, handler })

    expect(attempt).toThrow(ConfigurationError)
    expect(attempt).toThrow(message)
  })
})

describe('hasSideEffects', () => {
  it.each([
    [undefined, 'CreateAuthChallenge_Authentication', false],
    [false, 'CreateAuthChallenge_Authentication', false],
    [true, 'DefineAuthChallenge_Authentication', true],
    [['CreateAuthChallenge_*'], 'CreateAuthChallenge_Authentication', true],
    [['CreateAuthChallenge_Authentication'], 'DefineAuthChallenge_Authentication', false],
  ] as const)('with sideEffects %j, on %s: %s', (sideEffects, source, expected) => {
    expect(hasSideEffects({ sideEffects }, source)).toBe(expected)
  })
})

describe('the built-ins that send or publish declare it', () => {
  const template = { subject: 's', html: 'h', text: 't' }
  it.each([
    ['welcome-email', welcomeEmail({ from: 'a@example.com', templates: { default: template } }), 'PostConfirmation_ConfirmSignUp', true],
    ['add-to-group', addToGroup({ groups: ['users'] }), 'PostConfirmation_ConfirmSignUp', true],
    ['sign-in-audit with EventBridge', signInAudit({ eventBridge: true }), 'PostAuthentication_Authentication', true],
    ['sign-in-audit to the log only', signInAudit(), 'PostAuthentication_Authentication', false],
    ['custom-sender', customSender({ kmsKeyArn: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab', sms: {} }), 'CustomSMSSender_SignUp', true],
    ['email-otp on CreateAuthChallenge', emailOtp({ from: 'a@example.com', subject: 'Code', text: '{{code}}' }), 'CreateAuthChallenge_Authentication', true],
    ['email-otp on DefineAuthChallenge', emailOtp({ from: 'a@example.com', subject: 'Code', text: '{{code}}' }), 'DefineAuthChallenge_Authentication', false],
    ['email-otp on VerifyAuthChallengeResponse', emailOtp({ from: 'a@example.com', subject: 'Code', text: '{{code}}' }), 'VerifyAuthChallengeResponse_Authentication', false],
  ] as const)('%s', (_name, plugin, source, expected) => {
    expect(hasSideEffects(plugin, source)).toBe(expected)
  })
})
