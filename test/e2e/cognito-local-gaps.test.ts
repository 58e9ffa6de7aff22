// What the end-to-end suite does NOT cover, said out loud. cognito-local 5.3.0 never invokes some
// trigger sources and differs from Cognito in some answers (its source: lib/services/lambda.js, lib/targets/);
// each is listed here with the unit tests that cover it instead. The lists are asserted: every
// trigger source is exercised end to end or listed, and every pointer names a test file that
// exists and mentions the trigger.
import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { TRIGGER_SOURCES, TRIGGERS, type TriggerSource } from '../../src/catalogue.js'

/** Asserted through cognito-local in example-flows.test.ts and failures.test.ts. */
const EXERCISED: readonly TriggerSource[] = [
  'PreSignUp_SignUp',
  'CustomMessage_SignUp',
  'CustomMessage_ForgotPassword',
  'PostConfirmation_ConfirmSignUp',
  'PostConfirmation_ConfirmForgotPassword',
  'PostAuthentication_Authentication',
  'TokenGeneration_Authentication',
  'TokenGeneration_RefreshTokens',
  'UserMigration_Authentication',
]

interface Gap {
  readonly why: string
  readonly coveredBy: readonly string[]
}

const CUSTOM_AUTH: Gap = { why: 'cognito-local has no CUSTOM_AUTH flow', coveredBy: ['test/unit/validation/custom-auth.test.ts', 'plugins/email-otp/email-otp.test.ts'] }
const SENDER: Gap = { why: 'custom senders need KMS keys cognito-local is not given, and would replace CustomMessage', coveredBy: ['plugins/custom-sender/custom-sender.test.ts', 'test/unit/catalogue.test.ts'] }
const TOKENS: Gap = { why: 'cognito-local only emits V1 TokenGeneration_Authentication and _RefreshTokens', coveredBy: ['plugins/token-claims/token-claims.test.ts', 'test/unit/validation/token-generation.test.ts'] }
const MESSAGES: Gap = { why: 'cognito-local invokes it, but no plugin of the example configuration handles CustomMessage', coveredBy: ['plugins/custom-messages/custom-messages.test.ts'] }

/** Trigger sources cognito-local 5.3.0 never invokes, or that the example configuration leaves to other tests. */
const NOT_EXERCISED: Readonly<Partial<Record<TriggerSource, Gap>>> = {
  PreSignUp_AdminCreateUser: { why: 'AdminCreateUser does not call PreSignUp in cognito-local', coveredBy: ['plugins/signup-policy/signup-policy.test.ts'] },
  PreSignUp_ExternalProvider: { why: 'cognito-local has no identity providers', coveredBy: ['plugins/signup-policy/signup-policy.test.ts', 'test/unit/validation/pre-sign-up.test.ts'] },
  PreAuthentication_Authentication: { why: 'cognito-local never invokes PreAuthentication', coveredBy: ['test/unit/config.test.ts', 'test/unit/validation/index.test.ts'] },
  DefineAuthChallenge_Authentication: CUSTOM_AUTH,
  CreateAuthChallenge_Authentication: CUSTOM_AUTH,
  VerifyAuthChallengeResponse_Authentication: CUSTOM_AUTH,
  TokenGeneration_HostedAuth: { why: 'only from cognito-local\'s /oauth2/token, which needs a hosted-UI flow not set up here', coveredBy: TOKENS.coveredBy },
  TokenGeneration_NewPasswordChallenge: { why: 'cognito-local sends TokenGeneration_Authentication after NEW_PASSWORD_REQUIRED', coveredBy: TOKENS.coveredBy },
  TokenGeneration_AuthenticateDevice: { why: 'cognito-local has no device APIs', coveredBy: TOKENS.coveredBy },
  TokenGeneration_ClientCredentials: { why: 'cognito-local has no client credentials grant with a V3 trigger', coveredBy: TOKENS.coveredBy },
  UserMigration_ForgotPassword: { why: 'cognito-local only migrates on sign-in', coveredBy: ['plugins/user-migration/user-migration.test.ts'] },
  CustomMessage_ResendCode: { why: 'cognito-local does not implement ResendConfirmationCode', coveredBy: ['plugins/custom-messages/custom-messages.test.ts', 'test/unit/validation/custom-message.test.ts'] },
  CustomMessage_AdminCreateUser: MESSAGES,
  CustomMessage_UpdateUserAttribute: MESSAGES,
  CustomMessage_VerifyUserAttribute: MESSAGES,
  CustomMessage_Authentication: { why: 'needs SMS MFA, and no plugin of the example configuration handles CustomMessage', coveredBy: MESSAGES.coveredBy },
  InboundFederation_ExternalProvider: { why: 'cognito-local has no identity providers', coveredBy: ['plugins/federation-attributes/federation-attributes.test.ts', 'test/unit/validation/inbound-federation.test.ts'] },
  ...Object.fromEntries(TRIGGER_SOURCES.filter((source) => source.startsWith('CustomEmailSender_') || source.startsWith('CustomSMSSender_')).map((source) => [source, SENDER])),
}

/** Where cognito-local answers differently from Cognito, so the end-to-end tests cannot assert Cognito's behaviour. */
const BEHAVIOUR: readonly (Gap & { readonly topic: string; readonly mentions: readonly string[] })[] = [
  { topic: 'V2/V3 token events, access-token claims, scopes and groupOverrideDetails (cognito-local applies V1 claims to the ID token only)', mentions: ['claimsAndScopeOverrideDetails'], why: 'cognito-local ignores them', coveredBy: TOKENS.coveredBy },
  { topic: 'a failing PostConfirmation, PostAuthentication or CustomMessage reaching the client (cognito-local only logs it)', mentions: ['PostConfirmation'], why: 'cognito-local swallows the error', coveredBy: ['test/unit/router.test.ts', 'plugins/add-to-group/add-to-group.test.ts'] },
  { topic: 'a UserMigration reply left unchanged refusing the sign-in (cognito-local creates a user from it)', mentions: ['UserMigration_Authentication'], why: 'cognito-local does not check the reply', coveredBy: ['plugins/user-migration/user-migration.test.ts'] },
  { topic: 'Cognito retrying a trigger that times out (cognito-local gives up after its Lambda timeout, set to 5 s, without retrying)', mentions: ['deadline', 'retr'], why: 'cognito-local does not retry', coveredBy: ['test/unit/middleware/deadline.test.ts', 'test/unit/testing/contract.test.ts'] },
]

const mentions = (file: string, text: string): boolean => existsSync(file) && readFileSync(file, 'utf8').includes(text)

describe('what cognito-local cannot exercise, and which tests cover it instead', () => {
  it('accounts for every trigger source: exercised end to end, or listed with the tests that cover it', () => {
    // Assess
    const listed = new Set([...EXERCISED, ...Object.keys(NOT_EXERCISED)])
    expect(TRIGGER_SOURCES.filter((source) => !listed.has(source))).toStrictEqual([])
    expect(EXERCISED.filter((source) => Object.hasOwn(NOT_EXERCISED, source))).toStrictEqual([])
  })

  it.each(Object.entries(NOT_EXERCISED).map(([source, gap]) => [source, gap!.why, gap!.coveredBy] as const))(
    '%s is not exercised end to end (%s); covered by %j',
    (source, _why, files) => {
      // Assess: each file exists and names the source, or its family (`CustomSMSSender_…`).
      const family = `${TRIGGERS[source as TriggerSource].family}_`
      expect(files.filter((file) => !mentions(file, source) && !mentions(file, family))).toStrictEqual([])
    },
  )

  it.each(BEHAVIOUR.map((gap) => [gap.topic, gap.coveredBy, gap.mentions] as const))('%s is covered by %j', (_topic, files, words) => {
    // Assess
    expect(files.filter((file) => !words.some((word) => mentions(file, word)))).toStrictEqual([])
  })
})
