/**
 * Reply validation: the last gate before a reply goes back to Cognito. Everything plugins set must
 * be something Cognito reads and accepts, because Cognito answers a bad reply with an opaque
 * error or, worse, silently ignores it. Only what plugins set is judged: values Cognito sent come
 * back as they came, even where an emulator pre-fills "" for null.
 *
 * Rule ids are stable; every `InvalidReplyError` carries one as `rule`. The `ref` column names the
 * page of the Amazon Cognito developer guide the rule comes from: wf "Customizing user pool
 * workflows with Lambda triggers", psu "Pre sign-up Lambda trigger", cm "Custom message Lambda
 * trigger", ca "Custom authentication challenge Lambda triggers", ptg "Pre token generation Lambda
 * trigger", mu "Migrate user Lambda trigger", if "Inbound federation Lambda trigger", attr "Working
 * with user attributes".
 *
 * | rule id                                     | fails when a plugin sets …                               | ref  |
 * | ------------------------------------------- | -------------------------------------------------------- | ---- |
 * | reply.not-object                            | (the final response is not a plain object)               | wf   |
 * | reply.not-json                              | a value JSON would send differently than it looks (a     | wf   |
 * |                                             | toJSON method, a class instance, NaN, a function…);      |      |
 * |                                             | checked in ../response.ts, before any rule here          |      |
 * | reply.unknown-key                           | a top-level key the trigger does not read; any key at    | wf   |
 * |                                             | all for PostConfirmation, Pre- and PostAuthentication    |      |
 * | presignup.boolean                           | autoConfirmUser, autoVerifyEmail, autoVerifyPhone: not a | psu  |
 * |                                             | boolean                                                  |      |
 * | presignup.verify-email-attribute            | autoVerifyEmail true, no non-empty `email` attribute     | psu  |
 * | presignup.verify-phone-attribute            | autoVerifyPhone true, no non-empty `phone_number`        | psu  |
 * | custommessage.type                          | smsMessage, emailMessage, emailSubject: not string/null  | cm   |
 * | custommessage.empty                         | one of them set to ""                                    | cm   |
 * | custommessage.code-parameter                | a message without request.codeParameter                  | cm   |
 * | custommessage.username-parameter            | an AdminCreateUser message without usernameParameter     | cm   |
 * | custommessage.sms-length                    | smsMessage over 140 code points                          | cm   |
 * | custommessage.email-length                  | emailMessage over 20,000 code points                     | cm   |
 * | custommessage.subject-length                | emailSubject over 140 code points                        | cm   |
 * | defineauth.challenge-name                   | challengeName neither null nor one of CHALLENGE_NAMES    | ca   |
 * | defineauth.boolean                          | issueTokens, failAuthentication: not boolean/null        | ca   |
 * | defineauth.exclusive-outcome                | issueTokens and failAuthentication both true (final)     | ca   |
 * | createauth.parameters                       | public/privateChallengeParameters: not string map/null   | ca   |
 * | createauth.challenge-metadata               | challengeMetadata not string/null                        | ca   |
 * | verifyauth.answer-correct                   | answerCorrect not boolean                                | ca   |
 * | tokengeneration.container                   | the container of the other event version (V1 vs V2/V3)   | ptg  |
 * | tokengeneration.unknown-key                 | a nested key Cognito does not read (scopesToAdd for the  | ptg  |
 * |                                             | ID token, idTokenGeneration in a V1 reply, typos)        |      |
 * | tokengeneration.type                        | a section, claim map, name list or preferredRole of the  | ptg  |
 * |                                             | wrong type                                               |      |
 * | tokengeneration.claim-value                 | a V1 claim value not a string; a V2/V3 one not JSON      | ptg  |
 * | tokengeneration.reserved-claim              | a reserved claim added or suppressed (RESERVED_CLAIMS,   | ptg  |
 * |                                             | cognito:*; suppressing cognito:groups is allowed)        |      |
 * | tokengeneration.dev-claim                   | a dev: claim added                                       | ptg  |
 * | tokengeneration.aud                         | aud suppressed, in the ID token, or not the client id    | ptg  |
 * | tokengeneration.id-claim-complex            | ID-token email_verified, phone_number_verified,          | ptg  |
 * |                                             | updated_at or address as an object or array              |      |
 * | tokengeneration.scope                       | a scope that is empty or contains whitespace             | ptg  |
 * | tokengeneration.groups-stripped             | groupOverrideDetails null, without groupsToOverride, or  | ptg  |
 * |                                             | with an empty one for a user in groups (unless the       |      |
 * |                                             | override also names iamRolesToOverride)                  |      |
 * | tokengeneration.client-credentials-id-token | idTokenGeneration for TokenGeneration_ClientCredentials  | ptg  |
 * | usermigration.user-attributes               | userAttributes not a string map/null                     | mu   |
 * | usermigration.attribute-length              | a userAttributes value over 2,048 code points            | attr |
 * | usermigration.final-user-status             | finalUserStatus not CONFIRMED, RESET_REQUIRED or null    | mu   |
 * | usermigration.message-action                | messageAction not SUPPRESS, RESEND or null               | mu   |
 * | usermigration.delivery-mediums              | desiredDeliveryMediums not null nor an array of EMAIL,   | mu   |
 * |                                             | SMS                                                      |      |
 * | usermigration.boolean                       | forceAliasCreation, enableSMSMFA: not boolean/null       | mu   |
 * | usermigration.username                      | username not a non-empty string/null                     | mu   |
 * | inboundfederation.user-attributes           | userAttributesToMap not a string map                     | if   |
 * | inboundfederation.attribute-length          | a userAttributesToMap value over 2,048 code points       | attr |
 *
 * @module
 */

import { isTriggerSource, TRIGGERS, type TriggerFamily } from '../catalogue.js'
import { isPlainObject, type JsonObject } from '../json.js'
import { fail, getOwn, memberPath, quote, type Check, type FamilyRules, type ReplyContext } from './common.js'
import { createAuthChallengeRules, defineAuthChallengeRules, verifyAuthChallengeResponseRules } from './custom-auth.js'
import { customMessageRules } from './custom-message.js'
import { inboundFederationRules } from './inbound-federation.js'
import { preSignUpRules } from './pre-sign-up.js'
import { tokenGenerationRules } from './token-generation.js'
import { userMigrationRules } from './user-migration.js'

export { CHALLENGE_NAMES } from './custom-auth.js'
export {
  claimChangeProblem,
  ID_TOKEN_SCALAR_CLAIMS,
  isReservedClaim,
  RESERVED_CLAIMS,
  type ClaimChange,
  type ClaimProblem,
  type ReservedClaim,
  type TokenKind,
} from './token-claims.js'

// Families without an entry read nothing, so the unknown-key rule refuses any key they get.
const RULES: Partial<Record<TriggerFamily, FamilyRules>> = {
  PreSignUp: preSignUpRules,
  CustomMessage: customMessageRules,
  DefineAuthChallenge: defineAuthChallengeRules,
  CreateAuthChallenge: createAuthChallengeRules,
  VerifyAuthChallengeResponse: verifyAuthChallengeResponseRules,
  TokenGeneration: tokenGenerationRules,
  UserMigration: userMigrationRules,
  InboundFederation: inboundFederationRules,
}

// Each family's key checks as a list, made once: validation runs on every invocation.
const CHECKS: ReadonlyMap<string, readonly (readonly [string, Check])[]> = new Map(
  Object.entries(RULES).map(([family, rules]) => [family, Object.entries(rules.keys)]),
)

const refuseUnknownKeys = ({ source, changed }: ReplyContext, readable: readonly string[]): void => {
  for (const key of Object.keys(changed)) {
    if (!readable.includes(key)) {
      const reads = readable.length > 0 ? `it reads ${readable.join(', ')}` : 'it reads no response keys'
      const message = `Cognito does not read ${quote(key)} from a ${source} reply; ${reads}`
      fail('reply.unknown-key', memberPath('', key), message)
    }
  }
}

/**
 * Throws InvalidReplyError naming the broken rule when the reply breaks a rule Cognito applies.
 * event:    the event exactly as Cognito sent it (envelope, request, response as received).
 * response: the final response object the router will return.
 * changed:  the part of `response` that plugins set: a patch with the same nesting, containing
 *           only what plugins wrote. Validation JUDGES ONLY what is in `changed`; a value Cognito
 *           sent that no plugin changed is echoed as it came and must never fail validation (an
 *           emulator pre-fills "" instead of null and must get its own values back).
 *
 * Unknown sources and the custom senders (asynchronous: Cognito reads nothing) pass unchecked.
 * Rules across keys read the final `response`, but only fire when one of their keys is in `changed`.
 * Messages carry rule ids, paths, types and lengths only, never a value from the event or reply.
 *
 * @example
 * ```ts
 * import { validateReply } from './validation/index.js'
 *
 * const event = { triggerSource: 'PreSignUp_SignUp', request: { userAttributes: {} }, response: {} }
 * const changed = { autoVerifyEmail: true }
 * validateReply(event, { ...event.response, ...changed }, changed)
 * // throws InvalidReplyError: invalid reply at response.autoVerifyEmail: is true but
 * // event.request.userAttributes has no email; … [presignup.verify-email-attribute]
 * ```
 */
export const validateReply = (event: JsonObject, response: unknown, changed: JsonObject): void => {
  const source = getOwn(event, 'triggerSource')
  if (!isTriggerSource(source)) return
  const trigger = TRIGGERS[source]
  if (trigger.invocation === 'async') return
  if (!isPlainObject(response)) {
    return fail('reply.not-object', '', 'the response must be a plain object, as Cognito sent it')
  }
  const context: ReplyContext = { source, event, response, changed }
  refuseUnknownKeys(context, trigger.responseKeys)
  const rules = RULES[trigger.family]
  if (rules === undefined) return
  for (const [key, check] of CHECKS.get(trigger.family) as readonly (readonly [string, Check])[]) {
    if (Object.hasOwn(changed, key)) check(changed[key], key, context)
  }
  rules.across?.(context)
}
