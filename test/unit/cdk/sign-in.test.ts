import { Stack } from 'aws-cdk-lib'
import * as cognito from 'aws-cdk-lib/aws-cognito'
import { beforeAll, describe, expect, it } from 'vitest'
import { CognitoTriggerRouter, type CognitoTriggerRouterProps, type PasswordlessOptions } from '../../../src/cdk/index.js'
import { INLINE_CODE, stackIn, templateOf, testApp, testPool, WARM_UP_MS, warmUp } from './fixtures.js'

beforeAll(warmUp, WARM_UP_MS)

const config = { plugins: { 'signup-policy': { allowDomains: ['example.com'] } } }

/** A stack with a pool (`pool` props) and a router with `passwordless`. */
const withPasswordless = (passwordless: PasswordlessOptions, pool: cognito.UserPoolProps = {}, props: Partial<CognitoTriggerRouterProps> = {}) => {
  const stack = stackIn()
  new CognitoTriggerRouter(stack, 'Router', { userPool: testPool(stack, pool), code: INLINE_CODE, config, passwordless, appClient: true, ...props })
  return templateOf(stack)
}

describe('native passwordless first factors on the pool the stack defines', () => {
  it.each<[string, PasswordlessOptions, string[]]>([
    ['email one-time codes', { firstFactors: ['EMAIL_OTP'] }, ['PASSWORD', 'EMAIL_OTP']],
    ['SMS one-time codes', { firstFactors: ['SMS_OTP'] }, ['PASSWORD', 'SMS_OTP']],
    ['passkeys', { firstFactors: ['WEB_AUTHN'], passkeyRelyingPartyId: 'auth.example.com' }, ['PASSWORD', 'WEB_AUTHN']],
    ['all three', { firstFactors: ['EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'], passkeyRelyingPartyId: 'auth.example.com' }, ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN']],
  ])('allows %s as a first factor, the password staying allowed', (_name, passwordless, factors) => {
    const template = withPasswordless(passwordless)
    template.hasResourceProperties('AWS::Cognito::UserPool', { Policies: { SignInPolicy: { AllowedFirstAuthFactors: factors } } })
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', { ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] })
  })

  it('keeps the factors the pool already allows and its password policy', () => {
    const template = withPasswordless(
      { firstFactors: ['EMAIL_OTP'] },
      { signInPolicy: { allowedFirstAuthFactors: { password: true, smsOtp: true } }, passwordPolicy: { minLength: 12 } },
    )
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      Policies: { PasswordPolicy: { MinimumLength: 12 }, SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'SMS_OTP', 'EMAIL_OTP'] } },
    })
  })

  it('sets the passkey relying party and user verification', () => {
    const template = withPasswordless({
      firstFactors: ['WEB_AUTHN'],
      passkeyRelyingPartyId: 'auth.example.com',
      passkeyUserVerification: cognito.PasskeyUserVerification.REQUIRED,
    })
    template.hasResourceProperties('AWS::Cognito::UserPool', { WebAuthnRelyingPartyID: 'auth.example.com', WebAuthnUserVerification: 'required' })
  })

  it('takes the relying party the pool sets', () => {
    const template = withPasswordless({ firstFactors: ['WEB_AUTHN'] }, { passkeyRelyingPartyId: 'auth.example.com' })
    template.hasResourceProperties('AWS::Cognito::UserPool', { WebAuthnRelyingPartyID: 'auth.example.com', Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'WEB_AUTHN'] } } })
  })
})

describe('combinations that cannot work fail synth', () => {
  it.each<[string, PasswordlessOptions, cognito.UserPoolProps, string | RegExp]>([
    ['no factor', { firstFactors: [] }, {}, 'passwordless.firstFactors must list at least one of EMAIL_OTP, SMS_OTP, WEB_AUTHN'],
    ['an unknown factor', { firstFactors: ['PASSWORD' as never] }, {}, 'passwordless.firstFactors: unknown factor "PASSWORD", expected EMAIL_OTP, SMS_OTP, WEB_AUTHN (the password stays allowed)'],
    ['a factor twice', { firstFactors: ['EMAIL_OTP', 'EMAIL_OTP'] }, {}, 'passwordless.firstFactors lists a factor twice'],
    ['passkey options without WEB_AUTHN', { firstFactors: ['EMAIL_OTP'], passkeyRelyingPartyId: 'auth.example.com' }, {}, /only apply with the WEB_AUTHN first factor/],
    ['WEB_AUTHN without a relying party', { firstFactors: ['WEB_AUTHN'] }, {}, /^WEB_AUTHN needs passwordless.passkeyRelyingPartyId .*Stack\/Pool/],
    [
      'a relying party other than the pool\'s',
      { firstFactors: ['WEB_AUTHN'], passkeyRelyingPartyId: 'login.example.com' },
      { passkeyRelyingPartyId: 'auth.example.com' },
      'passwordless.passkeyRelyingPartyId "login.example.com" differs from the passkeyRelyingPartyId "auth.example.com" of Stack/Pool',
    ],
    ['a factor on the Lite plan', { firstFactors: ['SMS_OTP'] }, { featurePlan: cognito.FeaturePlan.LITE }, /need the Essentials or Plus plan, but Stack\/Pool is on Lite/],
  ])('%s', (_name, passwordless, pool, message) => {
    expect(() => withPasswordless(passwordless, pool)).toThrowError(message)
  })

  it('a pool the stack does not define', () => {
    const stack = new Stack(testApp(), 'Other')
    const userPool = cognito.UserPool.fromUserPoolId(stack, 'Pool', 'eu-west-1_AbC123')
    expect(
      () => new CognitoTriggerRouter(stack, 'Router', { userPool, code: INLINE_CODE, config, passwordless: { firstFactors: ['EMAIL_OTP'] } }),
    ).toThrowError(/passwordless can only be set on a pool this stack defines, and Other\/Pool is not/)
  })
})
