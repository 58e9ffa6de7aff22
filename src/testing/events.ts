// -- event factories -----------------------------------------------------------------------
// Realistic events for every trigger source, modelled on captured payloads and AWS's sample events
// (see the JSDoc of each event type in src/events.ts): string attribute values, `null` where
// Cognito sends null, and the response pre-filled the way Cognito pre-fills it. The client
// credentials event has no user: no userName, no userAttributes, no groupConfiguration.

import { familyOf, type TriggerSource } from '../catalogue.js'
import type { StringMap, TriggerEvent } from '../events.js'
import { applyPatch, isPlainObject, type JsonObject } from '../response.js'

/** Options of {@link createEvent}. */
export interface CreateEventOptions {
  /** Pre token generation event version: 1 (V1_0), 2 (V2_0) or 3 (V3_0). Default 1; ClientCredentials is always 3. */
  tokenVersion?: 1 | 2 | 3
  /** Replaces the default user attributes (ignored for TokenGeneration_ClientCredentials, which has no user). */
  userAttributes?: StringMap
  /** Deep-merged over the generated event (objects merge, everything else replaces). */
  overrides?: JsonObject
}

const USER_SUB = '5d5a1e8e-1c2b-4a6f-9f0e-2b1f6f7a3c11'

const defaultAttributes = (): StringMap => ({
  sub: USER_SUB,
  email: 'jane.doe@example.com',
  email_verified: 'true',
  phone_number: '+15555550100',
  phone_number_verified: 'false',
  'cognito:user_status': 'CONFIRMED',
})

const senderOccasion = (source: string): string => source.slice(source.indexOf('_') + 1)

const requests = (source: TriggerSource, attributes: StringMap, version: 1 | 2 | 3): { request: JsonObject; response?: JsonObject } => {
  const session = [{ challengeName: 'SRP_A', challengeResult: true, challengeMetadata: null }]
  const groupConfiguration = { groupsToOverride: ['admins'], iamRolesToOverride: [], preferredRole: null }
  switch (familyOf(source)) {
    case 'PreSignUp':
      return {
        request: { userAttributes: attributes, validationData: null },
        response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
      }
    case 'PostConfirmation':
    case 'PreAuthentication':
      return { request: { userAttributes: attributes, ...(source === 'PreAuthentication_Authentication' ? { validationData: null, userNotFound: false } : {}) }, response: {} }
    case 'PostAuthentication':
      return { request: { userAttributes: attributes, newDeviceUsed: true }, response: {} }
    case 'DefineAuthChallenge':
      return {
        request: { userAttributes: attributes, session, userNotFound: false },
        response: { challengeName: null, issueTokens: null, failAuthentication: null },
      }
    case 'CreateAuthChallenge':
      return {
        request: { userAttributes: attributes, challengeName: 'CUSTOM_CHALLENGE', session, userNotFound: false },
        response: { publicChallengeParameters: null, privateChallengeParameters: null, challengeMetadata: null },
      }
    case 'VerifyAuthChallengeResponse':
      return {
        request: {
          userAttributes: attributes,
          privateChallengeParameters: { answer: '482913' },
          challengeAnswer: '482913',
          userNotFound: false,
        },
        response: { answerCorrect: null },
      }
    case 'TokenGeneration':
      if (source === 'TokenGeneration_ClientCredentials') {
        // A machine asks for an access token: its scopes, no user and no groups (src/events.ts).
        return { request: { scopes: ['orders/read'], clientMetadata: null }, response: { claimsAndScopeOverrideDetails: null } }
      }
      return version === 1
        ? { request: { userAttributes: attributes, groupConfiguration }, response: { claimsOverrideDetails: null } }
        : {
            request: {
              userAttributes: attributes,
              scopes: ['aws.cognito.signin.user.admin', 'openid', 'email'],
              groupConfiguration,
            },
            response: { claimsAndScopeOverrideDetails: null },
          }
    case 'UserMigration':
      return {
        request: {
          ...(source === 'UserMigration_Authentication' ? { password: 'Legacy-Passw0rd!' } : {}),
          validationData: null,
          userAttributes: null,
        },
        response: {
          userAttributes: null,
          finalUserStatus: null,
          messageAction: null,
          desiredDeliveryMediums: null,
          forceAliasCreation: null,
          enableSMSMFA: null,
        },
      }
    case 'CustomMessage':
      return {
        request: {
          userAttributes: attributes,
          codeParameter: '{####}',
          linkParameter: '{##Click Here##}',
          usernameParameter: source === 'CustomMessage_AdminCreateUser' ? '{username}' : null,
        },
        response: { smsMessage: null, emailMessage: null, emailSubject: null },
      }
    case 'CustomEmailSender':
    case 'CustomSMSSender': {
      const takeover = source === 'CustomEmailSender_AccountTakeOverNotification'
      return {
        request: {
          type: familyOf(source) === 'CustomEmailSender' ? 'customEmailSenderRequestV1' : 'customSMSSenderRequestV1',
          // Real codes are AWS Encryption SDK ciphertext; this stands in for one.
          code: takeover ? null : 'AYADeBgqzqjmNEV0aW5nQ29kZS0' + senderOccasion(source),
          userAttributes: takeover
            ? { EVENT_ID: 'e-1', USER_NAME: 'jane', IP_ADDRESS: '192.0.2.10', ACCOUNT_TAKE_OVER_ACTION: 'BLOCK', LOGIN_TIME: '2026-01-01T00:00:00Z', ONE_CLICK_LINK_VALID: 'https://example.com/valid', ONE_CLICK_LINK_INVALID: 'https://example.com/invalid', FEEDBACK_TOKEN: 'f-1' }
            : attributes,
          clientMetadata: null,
        },
      }
    }
    case 'InboundFederation':
      return {
        request: {
          providerName: 'CorpOIDC',
          providerType: 'OIDC',
          attributes: {
            tokenResponse: { access_token: 'eyJhbGciOiJSUzI1NiJ9.access', id_token: 'eyJhbGciOiJSUzI1NiJ9.id', token_type: 'Bearer', expires_in: '3600' },
            idToken: { sub: 'corp-123', email: attributes.email ?? 'jane.doe@example.com', name: 'Jane Doe' },
            userInfo: { email: attributes.email ?? 'jane.doe@example.com', given_name: 'Jane' },
          },
        },
        response: { userAttributesToMap: {} },
      }
  }
}

/**
 * Builds a realistic event for any trigger source. `TokenGeneration_ClientCredentials` is always a
 * V3 event with resource-server scopes and no user (no `userName`, `userAttributes` or
 * `groupConfiguration`); add `clientMetadata` through `overrides`.
 *
 * @example
 * ```ts
 * import { createEvent } from 'cognito-trigger-router/testing'
 *
 * const event = createEvent('TokenGeneration_Authentication', {
 *   tokenVersion: 2,
 *   userAttributes: { sub: 'abc', email: 'a@example.com' },
 * })
 * ```
 */
export const createEvent = <S extends TriggerSource>(source: S, options: CreateEventOptions = {}): TriggerEvent<S> => {
  const version = source === 'TokenGeneration_ClientCredentials' ? 3 : (options.tokenVersion ?? 1)
  const attributes = options.userAttributes ?? defaultAttributes()
  const { request, response } = requests(source, attributes, familyOf(source) === 'TokenGeneration' ? version : 1)
  const admin = source.endsWith('_AdminCreateUser')
  const machine = source === 'TokenGeneration_ClientCredentials'
  const event: JsonObject = {
    version: familyOf(source) === 'TokenGeneration' ? String(version) : '1',
    triggerSource: source,
    region: 'us-east-1',
    userPoolId: 'us-east-1_EXAMPLE',
    ...(machine ? {} : { userName: source.startsWith('UserMigration_') ? 'jane.doe@example.com' : USER_SUB }),
    callerContext: {
      awsSdkVersion: 'aws-sdk-unknown-unknown',
      clientId: admin ? 'CLIENT_ID_NOT_APPLICABLE' : '1example23456789',
    },
    request,
    ...(response === undefined ? {} : { response }),
  }
  const merged = isPlainObject(options.overrides) ? applyPatch(event, options.overrides) : event
  return merged as unknown as TriggerEvent<S>
}
