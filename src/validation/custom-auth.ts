// -- custom authentication -----------------------------------------------------------
// "Custom authentication challenge Lambda triggers" (Amazon Cognito developer guide): Define picks the next step, Create builds the challenge, Verify judges
// the answer. Null is accepted where Cognito itself sends null (the samples on that page).

import { oneOf, stringMap, typed } from './checks.js'
import { fail, getOwn, type FamilyRules, type ReplyContext } from './common.js'

/** The challenge names Define auth challenge may return; any other name would leave the flow stuck. */
export const CHALLENGE_NAMES = [
  'CUSTOM_CHALLENGE',
  'PASSWORD_VERIFIER',
  'SRP_A',
  'SMS_MFA',
  'EMAIL_OTP',
  'SOFTWARE_TOKEN_MFA',
  'DEVICE_SRP_AUTH',
  'DEVICE_PASSWORD_VERIFIER',
  'ADMIN_NO_SRP_AUTH',
] as const

const outcome = typed('boolean', 'defineauth.boolean', true)

// Cognito's behaviour when both are true is not documented: a reply that both issues
// tokens and fails the sign-in states no decision, so it fails closed here.
const oneOutcome = ({ changed, response }: ReplyContext): void => {
  const involved = Object.hasOwn(changed, 'issueTokens') || Object.hasOwn(changed, 'failAuthentication')
  if (involved && getOwn(response, 'issueTokens') === true && getOwn(response, 'failAuthentication') === true) {
    const message = 'issueTokens and failAuthentication are both true; set at most one'
    fail('defineauth.exclusive-outcome', 'issueTokens', message)
  }
}

export const defineAuthChallengeRules: FamilyRules = {
  keys: {
    challengeName: oneOf(CHALLENGE_NAMES, 'defineauth.challenge-name', true),
    issueTokens: outcome,
    failAuthentication: outcome,
  },
  across: oneOutcome,
}

const parameters = stringMap('createauth.parameters', true)

export const createAuthChallengeRules: FamilyRules = {
  keys: {
    publicChallengeParameters: parameters,
    privateChallengeParameters: parameters,
    challengeMetadata: typed('string', 'createauth.challenge-metadata', true),
  },
}

export const verifyAuthChallengeResponseRules: FamilyRules = {
  keys: { answerCorrect: typed('boolean', 'verifyauth.answer-correct') },
}
