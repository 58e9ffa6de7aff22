import { describe, expect, it } from 'vitest'
import { expandPattern, familyOf, isTriggerSource, TRIGGER_FAMILIES, TRIGGER_SOURCES, TRIGGERS } from '../../src/catalogue.js'

describe('the trigger catalogue', () => {
  it('lists every triggerSource Cognito sends today (AWS docs: "Customizing user pool workflows with Lambda triggers")', () => {
    expect(TRIGGER_SOURCES).toHaveLength(41)
    expect(TRIGGER_SOURCES).toEqual(
      expect.arrayContaining([
        'PreSignUp_ExternalProvider',
        'TokenGeneration_ClientCredentials',
        'CustomEmailSender_AccountTakeOverNotification',
        'CustomSMSSender_Authentication',
        'InboundFederation_ExternalProvider',
        'VerifyAuthChallengeResponse_Authentication',
      ]),
    )
    expect(TRIGGER_SOURCES).not.toContain('CustomSMSSender_AccountTakeOverNotification')
  })

  it.each(TRIGGER_SOURCES)('describes %s with its slot, invocation, commit state and response keys', (source) => {
    const info = TRIGGERS[source]
    expect(info.source).toBe(source)
    expect(source.startsWith(`${info.family}_`)).toBe(true)
    expect(familyOf(source)).toBe(info.family)
    expect(info.slot).toMatch(/^[A-Z][A-Za-z]+$/)
    expect(['sync', 'async']).toContain(info.invocation)
    expect(info.invocation === 'async').toBe(info.requiresPlugin)
    expect(Object.isFrozen(info)).toBe(true)
    for (const key of Object.keys(info.restrictive)) expect(info.responseKeys).toContain(key)
  })

  it('puts the slot name Cognito prints in front of "failed with error"', () => {
    expect(TRIGGERS.TokenGeneration_RefreshTokens.slot).toBe('PreTokenGeneration')
    expect(TRIGGERS.PreSignUp_AdminCreateUser.slot).toBe('PreSignUp')
  })

  it('marks only the post-* triggers as committed before they run (AWS docs: "Customizing user pool workflows with Lambda triggers")', () => {
    const committed = TRIGGER_SOURCES.filter((source) => TRIGGERS[source].committed)
    expect(committed).toStrictEqual(['PostConfirmation_ConfirmSignUp', 'PostConfirmation_ConfirmForgotPassword', 'PostAuthentication_Authentication'])
  })

  it.each([
    ['PreSignUp_SignUp', true],
    ['VerifyAuthChallenge_Authentication', false],
    ['CustomSmsSender_SignUp', false],
    ['PreTokenGen', false],
    ['constructor', false],
    ['__proto__', false],
    [42, false],
    [null, false],
  ])('guards %j as a known triggerSource: %s', (value, known) => {
    expect(isTriggerSource(value)).toBe(known)
  })
})

describe('expandPattern', () => {
  it('expands "*" to every source', () => {
    expect(expandPattern('*')).toBe(TRIGGER_SOURCES)
  })

  it.each(Object.keys(TRIGGER_FAMILIES))('expands the family wildcard %s_* to exactly that family', (family) => {
    const expanded = expandPattern(`${family}_*`)
    expect(Array.isArray(expanded)).toBe(true)
    expect(expanded).toStrictEqual(TRIGGER_SOURCES.filter((source) => TRIGGERS[source].family === family))
  })

  it('keeps CustomEmailSender and CustomSMSSender apart', () => {
    expect(expandPattern('CustomSMSSender_*')).not.toContain('CustomEmailSender_SignUp')
  })

  it.each([
    ['CustomSmsSender_*', 'did you mean "CustomSMSSender_*"?'],
    ['presignup_signup', 'did you mean "PreSignUp_SignUp"?'],
    ['VerifyAuthChallenge_*', 'did you mean "VerifyAuthChallengeResponse_*"?'],
    ['PreTokenGen', 'did you mean "TokenGeneration_*"?'],
    ['Nope_*', 'see TRIGGER_SOURCES for the list'],
    ['constructor', 'unknown trigger "constructor"'],
    [7, 'trigger entries must be strings, got a number'],
  ])('explains the unknown pattern %j', (pattern, message) => {
    expect(expandPattern(pattern)).toContain(message)
  })
})
