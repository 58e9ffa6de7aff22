// -- LambdaConfig slots ------------------------------------------------------------------
// The 13 trigger slots of a user pool (AWS docs: "LambdaConfigType (API Reference)"), derived from the catalogue so the
// deployment and the router can never disagree about which family lives in which slot.
// Key names are the same in CloudFormation (`AWS::Cognito::UserPool.LambdaConfig`) and in the
// Cognito API (`LambdaConfigType`), so one object serves CDK, SAM and `UpdateUserPool`.

import { TRIGGER_FAMILIES, type TriggerFamily } from '../catalogue.js'
import { ConfigurationError } from '../errors.js'

/** `PreTokenGenerationConfig.LambdaVersion`: the shape of pre token generation events (AWS docs: "Pre token generation Lambda trigger"). */
export const TOKEN_VERSIONS = ['V1_0', 'V2_0', 'V3_0'] as const
export type TokenVersion = (typeof TOKEN_VERSIONS)[number]

/** Runtime guard beside the type. */
export const isTokenVersion = (value: unknown): value is TokenVersion =>
  typeof value === 'string' && (TOKEN_VERSIONS as readonly string[]).includes(value)

// Slots that take `{ LambdaArn, LambdaVersion }` instead of a plain ARN. The legacy
// `PreTokenGeneration` string is never written: it pins the pool to V1_0 (AWS docs: "Pre token generation Lambda trigger").
const VERSIONED_KEYS = {
  TokenGeneration: 'PreTokenGenerationConfig',
  CustomEmailSender: 'CustomEmailSender',
  CustomSMSSender: 'CustomSMSSender',
  InboundFederation: 'InboundFederation',
} as const satisfies Partial<Record<TriggerFamily, string>>

type VersionedFamily = keyof typeof VERSIONED_KEYS

/** A key of `LambdaConfig` that holds the router's ARN. */
export type SlotKey =
  | (typeof VERSIONED_KEYS)[VersionedFamily]
  | (typeof TRIGGER_FAMILIES)[Exclude<TriggerFamily, VersionedFamily>]['slot']

/** One LambdaConfig slot and the trigger family Cognito invokes through it. */
export interface SlotInfo {
  readonly family: TriggerFamily
  readonly key: SlotKey
  /** `versioned` slots take `{ LambdaArn, LambdaVersion }`. */
  readonly shape: 'arn' | 'versioned'
}

const families = Object.keys(TRIGGER_FAMILIES) as TriggerFamily[]

/** Every slot, in catalogue order. */
export const SLOTS: readonly SlotInfo[] = Object.freeze(
  families.map((family): SlotInfo => {
    const versioned = Object.hasOwn(VERSIONED_KEYS, family) ? VERSIONED_KEYS[family as VersionedFamily] : undefined
    return Object.freeze({
      family,
      key: (versioned ?? TRIGGER_FAMILIES[family].slot) as SlotKey,
      shape: versioned ? 'versioned' : 'arn',
    })
  }),
)

/** The slot a family is invoked through. */
export const slotOf = (family: TriggerFamily): SlotInfo => SLOTS.find((slot) => slot.family === family)!

/** A versioned slot's value. */
export interface VersionedLambda<A = string> {
  LambdaArn: A
  LambdaVersion: string
}

/**
 * `LambdaConfig` as CloudFormation and the Cognito API spell it. `A` is the ARN type: a string,
 * or a CDK token / CloudFormation intrinsic.
 */
export type LambdaConfig<A = string> = Partial<Record<SlotKey, A | VersionedLambda<A>>> & { KMSKeyID?: A }

/**
 * Builds the `LambdaConfig` that puts one function on the given families' slots.
 * Custom senders and inbound federation only accept `V1_0`; `KMSKeyID` is required as soon as
 * a custom sender slot is set (AWS docs: "Custom sender Lambda triggers"), so asking for one without a key throws.
 *
 * @example
 * ```ts
 * buildLambdaConfig('arn:aws:lambda:eu-west-1:123456789012:function:router', ['PreSignUp', 'TokenGeneration'], {
 *   tokenVersion: 'V2_0',
 * })
 * // { PreSignUp: 'arn:…', PreTokenGenerationConfig: { LambdaArn: 'arn:…', LambdaVersion: 'V2_0' } }
 * ```
 */
export const buildLambdaConfig = <A>(
  functionArn: A,
  families: readonly TriggerFamily[],
  options: { tokenVersion?: TokenVersion; kmsKeyArn?: A } = {},
): LambdaConfig<A> => {
  const { tokenVersion = 'V2_0', kmsKeyArn } = options
  if (!isTokenVersion(tokenVersion)) {
    throw new ConfigurationError(`tokenVersion must be one of ${TOKEN_VERSIONS.join(', ')}, got ${String(tokenVersion)}`)
  }
  const config: LambdaConfig<A> = {}
  for (const { family, key, shape } of SLOTS) {
    if (!families.includes(family)) continue
    config[key] =
      shape === 'arn'
        ? functionArn
        : { LambdaArn: functionArn, LambdaVersion: family === 'TokenGeneration' ? tokenVersion : 'V1_0' }
  }
  if (config.CustomEmailSender !== undefined || config.CustomSMSSender !== undefined) {
    if (kmsKeyArn === undefined) throw new ConfigurationError('custom sender slots need kmsKeyArn (LambdaConfig.KMSKeyID, AWS docs: "Custom sender Lambda triggers")')
    config.KMSKeyID = kmsKeyArn
  }
  return config
}
