// Replies carry passwords, codes and personal data; errors end up in logs. Every rule that can
// see a planted value must fail without repeating it, in the message or in the path.
import { describe, expect, it } from 'vitest'
import type { JsonObject } from '../../../src/response.js'
import { errorOf, eventFor, SECRET, validate } from './fixtures.js'
import { groups, idClaims, v1Claims, v2Reply } from './token-events.js'

const message = (source = 'CustomMessage_SignUp') => {
  const usernameParameter = source === 'CustomMessage_AdminCreateUser' ? '{username}' : null
  return eventFor(source, { request: { codeParameter: '{####}', usernameParameter } })
}
const v1Token = () => eventFor('TokenGeneration_Authentication', { request: { userAttributes: { email: SECRET } } })
const v2Token = (clientId = SECRET) =>
  eventFor('TokenGeneration_Authentication', {
    version: '2',
    callerContext: { clientId },
    request: { scopes: [SECRET], userAttributes: { email: SECRET } },
  })
const migration = () => eventFor('UserMigration_Authentication', { request: { password: SECRET } })
const access = (details: JsonObject) => v2Reply({ accessTokenGeneration: details })
const noEmail = eventFor('PreSignUp_SignUp', { request: { userAttributes: { phone_number: SECRET } } })
const federation = eventFor('InboundFederation_ExternalProvider')
const challenge = () => eventFor('CreateAuthChallenge_Authentication')

describe('error messages never contain values', () => {
  it.each<[string, JsonObject, JsonObject]>([
    ['an unknown key', eventFor('PreSignUp_SignUp'), { autoConfirm: SECRET }],
    ['a non-boolean flag', eventFor('PreSignUp_SignUp'), { autoConfirmUser: SECRET }],
    ['an email auto-verified without attribute', noEmail, { autoVerifyEmail: true }],
    ['an SMS without the code', message(), { smsMessage: SECRET }],
    ['an invitation without the username', message('CustomMessage_AdminCreateUser'), { emailMessage: `${SECRET} {####}` }],
    ['an SMS over the limit', message(), { smsMessage: `{####} ${SECRET.repeat(10)}` }],
    ['an email over the limit', message(), { emailMessage: `{####} ${SECRET.repeat(1000)}` }],
    ['a subject over the limit', message(), { emailSubject: SECRET.repeat(10) }],
    ['an unknown challenge name', eventFor('DefineAuthChallenge_Authentication'), { challengeName: SECRET }],
    ['challenge parameters as a string', challenge(), { privateChallengeParameters: SECRET }],
    ['a non-string challenge parameter', challenge(), { privateChallengeParameters: { answer: [SECRET] } }],
    ['answerCorrect as a string', eventFor('VerifyAuthChallengeResponse_Authentication'), { answerCorrect: SECRET }],
    ['a V1 claim that is not a string', v1Token(), v1Claims({ tenant: [SECRET] })],
    ['a reserved claim added', v2Token(), access({ claimsToAddOrOverride: { sub: SECRET } })],
    ['a dev: claim added', v2Token(), access({ claimsToAddOrOverride: { 'dev:x': SECRET } })],
    ['aud with another client id', v2Token(), access({ claimsToAddOrOverride: { aud: `${SECRET}-other` } })],
    ['a complex ID-token claim', v2Token(), idClaims({ address: { street: SECRET } })],
    ['a scope with whitespace', v2Token(), access({ scopesToAdd: [`${SECRET} admin`] })],
    ['the wrong container', v2Token(), v1Claims({ tenant: SECRET })],
    ['a preferredRole of the wrong type', v2Token(), groups({ preferredRole: [SECRET] })],
    ['a migrated attribute over 2,048 characters', migration(), { userAttributes: { name: SECRET.repeat(100) } }],
    ['a migrated attribute that is not a string', migration(), { userAttributes: { name: { value: SECRET } } }],
    ['an unknown final user status', migration(), { finalUserStatus: SECRET }],
    ['an unknown message action', migration(), { messageAction: SECRET }],
    ['an unknown delivery medium', migration(), { desiredDeliveryMediums: [SECRET] }],
    ['a username of the wrong type', migration(), { username: [SECRET] }],
    ['a federated attribute over 2,048 characters', federation, { userAttributesToMap: { name: SECRET.repeat(100) } }],
  ])('for %s', (_, event, changed) => {
    const error = errorOf(() => validate(event, changed))
    expect(error.message).not.toContain(SECRET)
    expect(error.path).not.toContain(SECRET)
  })
})
