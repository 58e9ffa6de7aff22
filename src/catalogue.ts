import { describe } from './response.js'

// -- trigger catalogue -------------------------------------------------------
// Every triggerSource Cognito sends today (AWS docs: "Customizing user pool workflows with Lambda triggers"), grouped by family.
// All trigger types and runtime guards are derived from this one object.

/**
 * What the router knows about one family of trigger sources.
 * `restrictive` names the response decisions whose safe value wins a merge;
 * `exclusive` names keys where two different values cannot be reconciled.
 */
export interface FamilyInfo {
  /** The name Cognito puts in front of "failed with error" (and the LambdaConfig slot). */
  readonly slot: string
  /** Custom senders are invoked asynchronously; everything else waits for the reply. */
  readonly invocation: 'sync' | 'async'
  /** True when Cognito has already committed the state change before invoking the trigger (AWS docs: "Customizing user pool workflows with Lambda triggers"). */
  readonly committed: boolean
  readonly occasions: readonly string[]
  /** The response keys Cognito reads. */
  readonly responseKeys: readonly string[]
  readonly restrictive: Readonly<Record<string, string | boolean>>
  readonly exclusive: readonly string[]
  /** With no plugin the operation would silently do nothing (a code never delivered), so it must fail. */
  readonly requiresPlugin: boolean
}

const family = <const O extends readonly string[]>(
  info: Partial<Omit<FamilyInfo, 'occasions' | 'slot'>> & { slot: string; occasions: O },
) => ({
  invocation: 'sync' as 'sync' | 'async',
  committed: false,
  responseKeys: [] as readonly string[],
  restrictive: {} as Readonly<Record<string, string | boolean>>,
  exclusive: [] as readonly string[],
  requiresPlugin: false,
  ...info,
})

const SENDER_OCCASIONS = [
  'SignUp',
  'ResendCode',
  'ForgotPassword',
  'UpdateUserAttribute',
  'VerifyUserAttribute',
  'AdminCreateUser',
  'Authentication',
] as const

/** The trigger families, keyed by the part of `triggerSource` before the underscore. */
export const TRIGGER_FAMILIES = {
  PreSignUp: family({
    slot: 'PreSignUp',
    occasions: ['SignUp', 'AdminCreateUser', 'ExternalProvider'],
    responseKeys: ['autoConfirmUser', 'autoVerifyEmail', 'autoVerifyPhone'],
    restrictive: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
  }),
  PostConfirmation: family({
    slot: 'PostConfirmation',
    occasions: ['ConfirmSignUp', 'ConfirmForgotPassword'],
    committed: true,
  }),
  PreAuthentication: family({ slot: 'PreAuthentication', occasions: ['Authentication'] }),
  PostAuthentication: family({ slot: 'PostAuthentication', occasions: ['Authentication'], committed: true }),
  DefineAuthChallenge: family({
    slot: 'DefineAuthChallenge',
    occasions: ['Authentication'],
    responseKeys: ['challengeName', 'issueTokens', 'failAuthentication'],
    restrictive: { issueTokens: false, failAuthentication: true },
    exclusive: ['challengeName'],
  }),
  CreateAuthChallenge: family({
    slot: 'CreateAuthChallenge',
    occasions: ['Authentication'],
    responseKeys: ['publicChallengeParameters', 'privateChallengeParameters', 'challengeMetadata'],
  }),
  VerifyAuthChallengeResponse: family({
    slot: 'VerifyAuthChallengeResponse',
    occasions: ['Authentication'],
    responseKeys: ['answerCorrect'],
    restrictive: { answerCorrect: false },
  }),
  TokenGeneration: family({
    slot: 'PreTokenGeneration',
    occasions: [
      'HostedAuth',
      'Authentication',
      'NewPasswordChallenge',
      'AuthenticateDevice',
      'RefreshTokens',
      'ClientCredentials',
    ],
    responseKeys: ['claimsOverrideDetails', 'claimsAndScopeOverrideDetails'],
  }),
  UserMigration: family({
    slot: 'UserMigration',
    occasions: ['Authentication', 'ForgotPassword'],
    responseKeys: [
      'userAttributes',
      'finalUserStatus',
      'messageAction',
      'desiredDeliveryMediums',
      'forceAliasCreation',
      'enableSMSMFA',
      'username',
    ],
    restrictive: { forceAliasCreation: false, finalUserStatus: 'RESET_REQUIRED' },
  }),
  CustomMessage: family({
    slot: 'CustomMessage',
    occasions: [
      'SignUp',
      'AdminCreateUser',
      'ResendCode',
      'ForgotPassword',
      'UpdateUserAttribute',
      'VerifyUserAttribute',
      'Authentication',
    ],
    responseKeys: ['smsMessage', 'emailMessage', 'emailSubject'],
  }),
  CustomEmailSender: family({
    slot: 'CustomEmailSender',
    invocation: 'async',
    occasions: [...SENDER_OCCASIONS, 'AccountTakeOverNotification'],
    requiresPlugin: true,
  }),
  CustomSMSSender: family({
    slot: 'CustomSMSSender',
    invocation: 'async',
    occasions: SENDER_OCCASIONS,
    requiresPlugin: true,
  }),
  InboundFederation: family({
    slot: 'InboundFederation',
    occasions: ['ExternalProvider'],
    responseKeys: ['userAttributesToMap'],
  }),
} as const satisfies Record<string, FamilyInfo>

/** A trigger family name such as `'PreSignUp'` or `'TokenGeneration'`. */
export type TriggerFamily = keyof typeof TRIGGER_FAMILIES

/** Every `event.triggerSource` value Cognito sends today, e.g. `'PreSignUp_SignUp'`. */
export type TriggerSource = {
  [F in TriggerFamily]: `${F}_${(typeof TRIGGER_FAMILIES)[F]['occasions'][number]}`
}[TriggerFamily]

/** What a plugin may list in `triggers`: an exact source, a family wildcard, or `'*'`. */
export type TriggerPattern = TriggerSource | `${TriggerFamily}_*` | '*'

/** The trigger sources a pattern stands for. */
export type ExpandPattern<P extends TriggerPattern> = P extends '*'
  ? TriggerSource
  : P extends `${infer F}_*`
    ? Extract<TriggerSource, `${F}_${string}`>
    : P

/** Everything the router needs to know about one trigger source. */
export interface TriggerInfo extends Omit<FamilyInfo, 'occasions'> {
  readonly source: TriggerSource
  readonly family: TriggerFamily
}

const entries = Object.entries(TRIGGER_FAMILIES) as [TriggerFamily, FamilyInfo][]

/** The catalogue: one entry per trigger source, in a stable order. */
export const TRIGGERS: Readonly<Record<TriggerSource, TriggerInfo>> = Object.freeze(
  Object.fromEntries(
    entries.flatMap(([name, { occasions, ...info }]) =>
      occasions.map((occasion) => {
        const source = `${name}_${occasion}` as TriggerSource
        return [source, Object.freeze({ ...info, source, family: name })]
      }),
    ),
  ) as Record<TriggerSource, TriggerInfo>,
)

/** Every trigger source, in catalogue order. */
export const TRIGGER_SOURCES = Object.freeze(Object.keys(TRIGGERS)) as readonly TriggerSource[]

/** Runtime guard beside the type: is `value` a trigger source the catalogue knows? */
export const isTriggerSource = (value: unknown): value is TriggerSource =>
  typeof value === 'string' && Object.hasOwn(TRIGGERS, value)

/** The family of a source, e.g. `'TokenGeneration'` for `'TokenGeneration_RefreshTokens'`. */
export const familyOf = (source: TriggerSource): TriggerFamily => TRIGGERS[source].family

// Spellings that appear in AWS samples and docs but never in real events (AWS docs: "Customizing user pool workflows with Lambda triggers").
// The slot names `PreTokenGeneration` and `VerifyAuthChallenge` are a natural first guess too.
const KNOWN_MISSPELLINGS: Readonly<Record<string, string>> = {
  VerifyAuthChallenge_Authentication: 'VerifyAuthChallengeResponse_Authentication',
  'VerifyAuthChallenge_*': 'VerifyAuthChallengeResponse_*',
  PreTokenGen: 'TokenGeneration_*',
  'PreTokenGeneration_*': 'TokenGeneration_*',
}

/**
 * Expands one `triggers` entry into the sources it stands for.
 * Returns a message describing the mistake instead when the pattern is unknown,
 * so callers can name the plugin in their own error.
 */
export const expandPattern = (pattern: unknown): readonly TriggerSource[] | string => {
  if (pattern === '*') return TRIGGER_SOURCES
  if (typeof pattern !== 'string') return `trigger entries must be strings, got ${describe(pattern)}`
  if (isTriggerSource(pattern)) return [pattern]
  if (pattern.endsWith('_*')) {
    const name = pattern.slice(0, -2)
    if (Object.hasOwn(TRIGGER_FAMILIES, name)) {
      return TRIGGER_SOURCES.filter((source) => TRIGGERS[source].family === name)
    }
  }
  return `unknown trigger "${pattern}"${suggest(pattern)}`
}

const suggest = (pattern: string): string => {
  const known = Object.hasOwn(KNOWN_MISSPELLINGS, pattern) ? KNOWN_MISSPELLINGS[pattern] : undefined
  if (known) return ` (did you mean "${known}"?)`
  const lower = pattern.toLowerCase()
  const candidates = [...TRIGGER_SOURCES, ...Object.keys(TRIGGER_FAMILIES).map((f) => `${f}_*`)]
  const match = candidates.find((candidate) => candidate.toLowerCase() === lower)
  return match ? ` (did you mean "${match}"?)` : '; see TRIGGER_SOURCES for the list'
}
