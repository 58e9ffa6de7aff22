// Every message reply validation writes is read by a developer looking at a failed sign-in in
// the logs, so the exact text is part of the contract: this table pins one case per message
// (and per boundary) against a reviewed file snapshot.

import { describe, expect, it } from 'vitest'
import { InvalidReplyError } from '../../src/errors.js'
import type { JsonObject } from '../../src/response.js'
import { createEvent, type CreateEventOptions } from '../../src/testing/events.js'
import type { TriggerSource } from '../../src/catalogue.js'
import { claimChangeProblem, validateReply } from '../../src/validation/index.js'
import { errorOf, validate } from './validation/fixtures.js'

type Case = readonly [label: string, source: TriggerSource, changed: JsonObject, options?: CreateEventOptions]

const cyclic: JsonObject = { a: 1 }
cyclic.self = cyclic
const long = (length: number) => 'x'.repeat(length)
const code = '{####}'

const CASES: readonly Case[] = [
  // common shapes
  ['an unknown key of 64 characters is shown whole', 'PreSignUp_SignUp', { [long(64)]: true }],
  ['an unknown key of 65 characters is shortened', 'PreSignUp_SignUp', { [long(65)]: true }],
  // PreSignUp
  ['autoVerifyEmail without an email', 'PreSignUp_SignUp', { autoVerifyEmail: true }, { userAttributes: { sub: 's' } }],
  ['autoVerifyPhone without a phone number', 'PreSignUp_SignUp', { autoVerifyPhone: true }, { userAttributes: { sub: 's' } }],
  // CustomMessage
  ['an SMS without the code', 'CustomMessage_SignUp', { smsMessage: 'hello' }],
  ['an invitation without the username', 'CustomMessage_AdminCreateUser', { emailMessage: `code ${code}` }],
  ['an email message that is a number', 'CustomMessage_SignUp', { emailMessage: 5 }],
  ['an empty email subject', 'CustomMessage_SignUp', { emailSubject: '' }],
  ['an SMS of 141 characters', 'CustomMessage_SignUp', { smsMessage: code + long(135) }],
  ['an email subject of 141 characters', 'CustomMessage_SignUp', { emailSubject: long(141) }],
  ['an email message of 20,001 characters', 'CustomMessage_SignUp', { emailMessage: code + long(19_995) }],
  // custom authentication
  ['issueTokens and failAuthentication both true', 'DefineAuthChallenge_Authentication', { issueTokens: true, failAuthentication: true }],
  ['failAuthentication set where issueTokens already is true', 'DefineAuthChallenge_Authentication', { failAuthentication: true }, { overrides: { response: { issueTokens: true } } }],
  ['an unknown challenge name', 'DefineAuthChallenge_Authentication', { challengeName: 'MAGIC_LINK' }],
  ['challenge parameters that are not strings', 'CreateAuthChallenge_Authentication', { publicChallengeParameters: { hint: 1 } }],
  ['challenge parameters that are a list', 'CreateAuthChallenge_Authentication', { privateChallengeParameters: ['a'] }],
  // UserMigration
  ['user attributes that are a number', 'UserMigration_Authentication', { userAttributes: 5 }],
  ['a user attribute that is a number', 'UserMigration_Authentication', { userAttributes: { email: 1 } }],
  ['a user attribute of 2,049 characters', 'UserMigration_Authentication', { userAttributes: { 'custom:bio': long(2049) } }],
  ['a final status that is another string', 'UserMigration_Authentication', { finalUserStatus: 'FORCE_CHANGE_PASSWORD' }],
  ['a final status that is a number', 'UserMigration_Authentication', { finalUserStatus: 1 }],
  ['delivery mediums that are a string', 'UserMigration_Authentication', { desiredDeliveryMediums: 'EMAIL' }],
  ['a delivery medium that is unknown', 'UserMigration_Authentication', { desiredDeliveryMediums: ['EMAIL', 'PIGEON'] }],
  ['an empty username', 'UserMigration_Authentication', { username: '' }],
  // InboundFederation
  ['mapped attributes that are a list', 'InboundFederation_ExternalProvider', { userAttributesToMap: ['email'] }],
  ['a mapped attribute of 2,049 characters', 'InboundFederation_ExternalProvider', { userAttributesToMap: { name: long(2049) } }],
  // TokenGeneration V1
  ['a V2 container in a V1 event', 'TokenGeneration_Authentication', { claimsAndScopeOverrideDetails: {} }],
  ['a V1 section that is a string', 'TokenGeneration_Authentication', { claimsOverrideDetails: 'x' }],
  ['a V1 claim value that is a number', 'TokenGeneration_Authentication', { claimsOverrideDetails: { claimsToAddOrOverride: { tier: 1 } } }],
  ['claims that are a list', 'TokenGeneration_Authentication', { claimsOverrideDetails: { claimsToAddOrOverride: ['tier'] } }],
  ['a suppressed claim that is a number', 'TokenGeneration_Authentication', { claimsOverrideDetails: { claimsToSuppress: [1] } }],
  ['a reserved claim suppressed from the ID token', 'TokenGeneration_Authentication', { claimsOverrideDetails: { claimsToSuppress: ['sub'] } }],
  ['a dev: claim added', 'TokenGeneration_Authentication', { claimsOverrideDetails: { claimsToAddOrOverride: { 'dev:x': 'y' } } }],
  ['aud added to the ID token', 'TokenGeneration_Authentication', { claimsOverrideDetails: { claimsToAddOrOverride: { aud: 'x' } } }],
  ['a preferred role that is a number', 'TokenGeneration_Authentication', { claimsOverrideDetails: { groupOverrideDetails: { preferredRole: 1 } } }],
  // TokenGeneration V2/V3
  ['a reserved claim suppressed from the V2 ID token', 'TokenGeneration_Authentication', { claimsAndScopeOverrideDetails: { idTokenGeneration: { claimsToSuppress: ['sub'] } } }, { tokenVersion: 2 }],
  ['a V1 container in a V2 event', 'TokenGeneration_Authentication', { claimsOverrideDetails: {} }, { tokenVersion: 2 }],
  ['an ID-token claim that is not JSON', 'TokenGeneration_Authentication', { claimsAndScopeOverrideDetails: { idTokenGeneration: { claimsToAddOrOverride: { a: cyclic } } } }, { tokenVersion: 2 }],
  ['an access-token claim holding a function', 'TokenGeneration_Authentication', { claimsAndScopeOverrideDetails: { accessTokenGeneration: { claimsToAddOrOverride: { a: { ok: 1, bad: () => 1 } } } } }, { tokenVersion: 2 }],
  ['email_verified as an object in the ID token', 'TokenGeneration_Authentication', { claimsAndScopeOverrideDetails: { idTokenGeneration: { claimsToAddOrOverride: { email_verified: { x: 1 } } } } }, { tokenVersion: 2 }],
  ['aud that is not the client id', 'TokenGeneration_Authentication', { claimsAndScopeOverrideDetails: { accessTokenGeneration: { claimsToAddOrOverride: { aud: 'other' } } } }, { tokenVersion: 2 }],
  ['aud suppressed from the access token', 'TokenGeneration_Authentication', { claimsAndScopeOverrideDetails: { accessTokenGeneration: { claimsToSuppress: ['aud'] } } }, { tokenVersion: 2 }],
  ['a reserved claim added to the access token', 'TokenGeneration_Authentication', { claimsAndScopeOverrideDetails: { accessTokenGeneration: { claimsToAddOrOverride: { client_id: 'x' } } } }, { tokenVersion: 2 }],
  ['a scope that is a number', 'TokenGeneration_Authentication', { claimsAndScopeOverrideDetails: { accessTokenGeneration: { scopesToAdd: [1] } } }, { tokenVersion: 2 }],
  ['a scope with a space', 'TokenGeneration_Authentication', { claimsAndScopeOverrideDetails: { accessTokenGeneration: { scopesToSuppress: ['a b'] } } }, { tokenVersion: 2 }],
  ['an ID token for client credentials', 'TokenGeneration_ClientCredentials', { claimsAndScopeOverrideDetails: { idTokenGeneration: {} } }],
]

const messageOf = ([, source, changed, options]: Case): string => {
  try {
    validate(createEvent(source, options) as unknown as JsonObject, changed)
  } catch (error) {
    if (error instanceof InvalidReplyError) return `${error.rule} @ ${error.path}: ${error.message}`
    throw error
  }
  return 'accepted'
}

describe('reply validation messages', () => {
  it('says exactly what is wrong, where, and which rule, for every kind of mistake', async () => {
    // Act
    const messages = Object.fromEntries(CASES.map((testCase) => [testCase[0], messageOf(testCase)]))

    // Assess
    await expect(`${JSON.stringify(messages, null, 2)}\n`).toMatchFileSnapshot('./coverage-validation.messages.snap.json')
  })

  it('refuses a final response that is not an object, with the rule and no path', () => {
    // Prepare
    const event = createEvent('PreSignUp_SignUp') as unknown as JsonObject

    // Act
    const error = errorOf(() => validateReply(event, 'yes', { autoConfirmUser: true }))

    // Assess
    expect([error.rule, error.path, error.message]).toStrictEqual([
      'reply.not-object',
      '',
      'invalid reply: the response must be a plain object, as Cognito sent it [reply.not-object]',
    ])
  })

  const accepted: readonly Case[] = [
    ['an SMS of exactly 140 characters', 'CustomMessage_SignUp', { smsMessage: code + long(134) }],
    ['an email subject of exactly 140 characters', 'CustomMessage_SignUp', { emailSubject: long(140) }],
    ['a user attribute of exactly 2,048 characters', 'UserMigration_Authentication', { userAttributes: { 'custom:bio': long(2048) } }],
    ['only issueTokens', 'DefineAuthChallenge_Authentication', { issueTokens: true, failAuthentication: false }],
    ['a V2 claim holding nested JSON', 'TokenGeneration_Authentication', { claimsAndScopeOverrideDetails: { accessTokenGeneration: { claimsToAddOrOverride: { a: { b: [1, 'c', null] } } } } }, { tokenVersion: 2 }],
    ['suppressing cognito:groups', 'TokenGeneration_Authentication', { claimsOverrideDetails: { claimsToSuppress: ['cognito:groups'] } }],
  ]
  it.each(accepted.map((testCase) => ({ label: testCase[0], testCase })))('accepts $label', ({ testCase }) => {
    // Act
    const message = messageOf(testCase)

    // Assess
    expect(message).toBe('accepted')
  })

  it.each([
    ['sub', 'id', 'add', 'tokengeneration.reserved-claim', 'claim "sub" is reserved and cannot be added or overridden in the id token'],
    ['sub', 'access', 'suppress', 'tokengeneration.reserved-claim', 'claim "sub" is reserved and cannot be suppressed in the access token'],
    ['dev:debug', 'access', 'add', 'tokengeneration.dev-claim', 'claim "dev:debug" is a dev: claim, which may only be suppressed'],
    ['aud', 'id', 'add', 'tokengeneration.aud', 'aud cannot be added or overridden in the id token; only added to the access token'],
    ['aud', 'access', 'suppress', 'tokengeneration.aud', 'aud cannot be suppressed in the access token; only added to the access token'],
  ] as const)('explains why %s cannot be changed in the %s token (%s)', (name, token, change, rule, reason) => {
    // Act
    const problem = claimChangeProblem(name, token, change)

    // Assess
    expect(problem).toStrictEqual({ rule, reason })
  })
})
