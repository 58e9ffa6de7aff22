// -- event types -------------------------------------------------------------
// Built on @types/aws-lambda, patched where it disagrees with what Cognito sends;
// each patch names its evidence. Only the fields the router and plugins read are
// typed; at runtime unknown fields pass through untouched.

import type { PreAuthenticationTriggerEvent } from 'aws-lambda'
import type { TriggerSource } from './catalogue.js'

/** Cognito sends every attribute value as a string (`"email_verified": "true"`). */
export type StringMap = Record<string, string>

/**
 * Any JSON value: V2/V3 pre token generation claims may be numbers, booleans, arrays or objects
 * (AWS, "Pre token generation Lambda trigger"; @types/aws-lambda types them as strings).
 */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }

/** The envelope every trigger event carries. `version` is the event schema version, not your function's. */
export type TriggerEventBase<S extends string> = Omit<
  PreAuthenticationTriggerEvent,
  'triggerSource' | 'request' | 'response'
> & { triggerSource: S }

/**
 * `null` in real events where @types/aws-lambda says optional: `validationData: null` in AWS's own
 * sample events ("Customizing user pool workflows with Lambda triggers"), Powertools for AWS
 * Lambda (TypeScript) fix #5250.
 */
type Nullable<T> = T | null | undefined

// -- sign-up and confirmation ----------------------------------------------------

export interface PreSignUpEvent<S extends string = `PreSignUp_${string}`> extends TriggerEventBase<S> {
  request: { userAttributes: StringMap; validationData?: Nullable<StringMap>; clientMetadata?: Nullable<StringMap> }
  response: { autoConfirmUser: boolean; autoVerifyEmail: boolean; autoVerifyPhone: boolean }
}

export interface PostConfirmationEvent<S extends string = `PostConfirmation_${string}`> extends TriggerEventBase<S> {
  request: { userAttributes: StringMap; clientMetadata?: Nullable<StringMap> }
  response: Record<string, never>
}

// -- authentication --------------------------------------------------------------

export interface PreAuthenticationEvent<S extends string = 'PreAuthentication_Authentication'>
  extends TriggerEventBase<S> {
  request: { userAttributes: StringMap; validationData?: Nullable<StringMap>; userNotFound?: boolean }
  response: Record<string, never>
}

export interface PostAuthenticationEvent<S extends string = 'PostAuthentication_Authentication'>
  extends TriggerEventBase<S> {
  request: { userAttributes: StringMap; newDeviceUsed: boolean; clientMetadata?: Nullable<StringMap> }
  response: Record<string, never>
}

/** Challenge names seen in `request.session`, including EMAIL_OTP and SOFTWARE_TOKEN_MFA (AWS, "Define Auth challenge Lambda trigger"). */
export type ChallengeName =
  | 'CUSTOM_CHALLENGE'
  | 'PASSWORD_VERIFIER'
  | 'SMS_MFA'
  | 'EMAIL_OTP'
  | 'SOFTWARE_TOKEN_MFA'
  | 'DEVICE_SRP_AUTH'
  | 'DEVICE_PASSWORD_VERIFIER'
  | 'ADMIN_NO_SRP_AUTH'
  | 'SRP_A'

export interface ChallengeResult {
  challengeName: ChallengeName
  challengeResult: boolean
  /** Your label from CreateAuthChallenge; `null` for non-custom challenges. */
  challengeMetadata?: string | null
}

interface CustomAuthRequest {
  userAttributes: StringMap
  clientMetadata?: Nullable<StringMap>
  userNotFound?: boolean
}

export interface DefineAuthChallengeEvent<S extends string = 'DefineAuthChallenge_Authentication'>
  extends TriggerEventBase<S> {
  request: CustomAuthRequest & { session: ChallengeResult[] }
  /** Fields arrive absent or `null` (aws-lambda-rust-runtime fixture `define-auth-challenge-optional-response-fields`). */
  response: { challengeName?: ChallengeName | null; issueTokens?: boolean | null; failAuthentication?: boolean | null }
}

export interface CreateAuthChallengeEvent<S extends string = 'CreateAuthChallenge_Authentication'>
  extends TriggerEventBase<S> {
  request: CustomAuthRequest & { challengeName: ChallengeName; session: ChallengeResult[] }
  response: {
    publicChallengeParameters?: Nullable<StringMap>
    privateChallengeParameters?: Nullable<StringMap>
    challengeMetadata?: string | null
  }
}

export interface VerifyAuthChallengeResponseEvent<S extends string = 'VerifyAuthChallengeResponse_Authentication'>
  extends TriggerEventBase<S> {
  request: CustomAuthRequest & { privateChallengeParameters: StringMap; challengeAnswer: string }
  response: { answerCorrect?: boolean | null }
}

// -- pre token generation --------------------------------------------------------

/** `preferredRole` is `null` when the user has no role (aws-lambda-go types it `*string`; Powertools for AWS Lambda (TypeScript) #4259). */
export interface GroupConfiguration {
  groupsToOverride: string[]
  iamRolesToOverride: string[]
  preferredRole: string | null
}

export interface GroupOverrideDetails {
  groupsToOverride?: string[]
  iamRolesToOverride?: string[]
  preferredRole?: string | null
}

interface TokenGenerationRequest {
  userAttributes: StringMap
  groupConfiguration: GroupConfiguration
  clientMetadata?: Nullable<StringMap>
}

/** Pre token generation V1_0: string claims, ID token only. */
export interface TokenGenerationV1Event<S extends string = `TokenGeneration_${string}`> extends TriggerEventBase<S> {
  version: '1'
  request: TokenGenerationRequest
  response: {
    claimsOverrideDetails: {
      claimsToAddOrOverride?: StringMap
      claimsToSuppress?: string[]
      groupOverrideDetails?: GroupOverrideDetails | null
    } | null
  }
}

export interface IdTokenGeneration {
  claimsToAddOrOverride?: Record<string, JsonValue>
  claimsToSuppress?: string[]
}

export interface AccessTokenGeneration extends IdTokenGeneration {
  scopesToAdd?: string[]
  scopesToSuppress?: string[]
}

export interface ClaimsAndScopeOverrideDetails {
  idTokenGeneration?: IdTokenGeneration | null
  accessTokenGeneration?: AccessTokenGeneration | null
  groupOverrideDetails?: GroupOverrideDetails | null
}

/**
 * Pre token generation V2_0 and V3_0 for a user: JSON claims, access token and scopes.
 * Whether user events under V3_0 say `"3"` is unconfirmed, so `version` is `'2' | '3'`.
 *
 * `groupConfiguration` can arrive as `null`: it was seen at runtime on V2 pools
 * (aws-lambda-rust-runtime #1129, fixed in aws_lambda_events 1.1.2), although AWS's
 * "Pre token generation Lambda trigger" page shows it as an object. Treat `null` as "no groups".
 *
 * @example
 * ```ts
 * const groups = event.request.groupConfiguration?.groupsToOverride ?? []
 * ```
 */
export interface TokenGenerationV2Event<S extends string = `TokenGeneration_${string}`> extends TriggerEventBase<S> {
  version: '2' | '3'
  request: Omit<TokenGenerationRequest, 'groupConfiguration'> & {
    groupConfiguration: GroupConfiguration | null
    scopes: string[]
  }
  response: { claimsAndScopeOverrideDetails: ClaimsAndScopeOverrideDetails | null }
}

/**
 * A machine-to-machine access token (V3_0 only): an app client's `client_credentials` grant at
 * `/oauth2/token`, or the `GetClientToken` API (app clients with `ALLOW_CLIENT_TOKEN_AUTH`), which
 * passes its `ClientMetadata` on (AWS API reference, "GetClientToken"). There is no user, so the
 * request has no `userAttributes` and no `groupConfiguration`, and the reply can change the access
 * token only.
 *
 * Unconfirmed, and typed so code cannot depend on it: whether Cognito omits `userAttributes` and
 * `groupConfiguration` or sends them empty (AWS's "Pre token generation Lambda trigger" page calls
 * V2 and V3 events identical and documents no separate machine request), and what `userName`
 * holds. `callerContext.clientId` is the app client that asked for the token.
 *
 * @example
 * ```ts
 * if (event.triggerSource === 'TokenGeneration_ClientCredentials') {
 *   const client = event.callerContext.clientId
 *   const tenant = event.request.clientMetadata?.tenant
 * }
 * ```
 */
export interface TokenGenerationClientCredentialsEvent
  extends Omit<TriggerEventBase<'TokenGeneration_ClientCredentials'>, 'userName'> {
  version: '3'
  /** No user signs in; what Cognito puts here (the client id, or nothing) is unconfirmed. */
  userName?: string | null
  request: {
    /** The scopes asked for; with none asked for, the app client's scopes (AWS API reference, "GetClientToken"). */
    scopes: string[]
    /** `ClientMetadata` of `GetClientToken`, or `aws_client_metadata` posted to `/oauth2/token` (AWS, "The token issuer endpoint"). */
    clientMetadata?: Nullable<StringMap>
    /** There is no user. */
    userAttributes?: never
    /** There is no user, so there are no groups. */
    groupConfiguration?: never
  }
  response: { claimsAndScopeOverrideDetails: ClaimsAndScopeOverrideDetails | null }
}

// -- migration, messages, senders, federation --------------------------------------

export interface UserMigrationEvent<S extends string = `UserMigration_${string}`> extends TriggerEventBase<S> {
  request: {
    /** Plaintext; absent for ForgotPassword. Redacted from logs by default. */
    password?: string
    validationData?: Nullable<StringMap>
    clientMetadata?: Nullable<StringMap>
    userAttributes?: null
  }
  /** Every field arrives `null` (a captured event in Powertools for AWS Lambda (TypeScript) PR #3729). */
  response: {
    userAttributes: StringMap | null
    username?: string | null
    finalUserStatus?: 'CONFIRMED' | 'RESET_REQUIRED' | null
    messageAction?: 'SUPPRESS' | 'RESEND' | null
    desiredDeliveryMediums?: Array<'EMAIL' | 'SMS'> | null
    forceAliasCreation?: boolean | null
    enableSMSMFA?: boolean | null
  }
}

export interface CustomMessageEvent<S extends string = `CustomMessage_${string}`> extends TriggerEventBase<S> {
  request: {
    userAttributes: StringMap
    codeParameter: string
    linkParameter?: string | null
    usernameParameter: string | null
    clientMetadata?: Nullable<StringMap>
  }
  response: { smsMessage: string | null; emailMessage: string | null; emailSubject: string | null }
}

/** Custom senders: `code` is Encryption SDK ciphertext, `null` for account-takeover notices. Nothing is read back. */
export interface CustomSenderEvent<S extends string = `CustomEmailSender_${string}` | `CustomSMSSender_${string}`>
  extends Omit<TriggerEventBase<S>, 'callerContext'> {
  callerContext: { awsSdkVersion: string | null; clientId: string | null }
  request: {
    type: 'customEmailSenderRequestV1' | 'customSMSSenderRequestV1'
    code: string | null
    userAttributes: StringMap
    clientMetadata?: Nullable<StringMap>
  }
  response?: Record<string, unknown>
}

export interface InboundFederationEvent<S extends string = 'InboundFederation_ExternalProvider'>
  extends TriggerEventBase<S> {
  request: {
    providerName: string
    providerType: 'OIDC' | 'SAML' | 'Facebook' | 'Google' | 'SignInWithApple' | 'LoginWithAmazon'
    attributes: {
      tokenResponse?: StringMap
      idToken?: StringMap
      userInfo?: StringMap
      samlResponse?: StringMap
    }
  }
  /** A non-empty map replaces the provider's attribute set (AWS, "Inbound federation Lambda trigger"). */
  response: { userAttributesToMap: StringMap }
}

// -- the map -------------------------------------------------------------------------

type EventOf<S extends TriggerSource> = S extends `PreSignUp_${string}`
  ? PreSignUpEvent<S>
  : S extends `PostConfirmation_${string}`
    ? PostConfirmationEvent<S>
    : S extends `PreAuthentication_${string}`
      ? PreAuthenticationEvent<S>
      : S extends `PostAuthentication_${string}`
        ? PostAuthenticationEvent<S>
        : S extends `DefineAuthChallenge_${string}`
          ? DefineAuthChallengeEvent<S>
          : S extends `CreateAuthChallenge_${string}`
            ? CreateAuthChallengeEvent<S>
            : S extends `VerifyAuthChallengeResponse_${string}`
              ? VerifyAuthChallengeResponseEvent<S>
              : S extends 'TokenGeneration_ClientCredentials'
                ? TokenGenerationClientCredentialsEvent
                : S extends `TokenGeneration_${string}`
                  ? TokenGenerationV1Event<S> | TokenGenerationV2Event<S>
                  : S extends `UserMigration_${string}`
                    ? UserMigrationEvent<S>
                    : S extends `CustomMessage_${string}`
                      ? CustomMessageEvent<S>
                      : S extends `CustomEmailSender_${string}` | `CustomSMSSender_${string}`
                        ? CustomSenderEvent<S>
                        : S extends `InboundFederation_${string}`
                          ? InboundFederationEvent<S>
                          : never

/** Maps each trigger source to the event Cognito sends for it. */
export type TriggerEventMap = { [S in TriggerSource]: EventOf<S> }

/** The event for one source or a union of sources. */
export type TriggerEvent<S extends TriggerSource = TriggerSource> = TriggerEventMap[S]

type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> | null }
    : T

/** What a plugin may return: a patch of `event.response`, nothing, or the whole event. */
export type ResponsePatch<E> = E extends { response?: infer R } ? DeepPartial<NonNullable<R>> : never
