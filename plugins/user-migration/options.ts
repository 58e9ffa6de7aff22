// -- user-migration options ------------------------------------------------------------------
// Checked at cold start: a mapping to an attribute Cognito does not have would otherwise fail
// every migration, one sign-in at a time.

import { ConfigurationError } from '../../src/index.js'
import { createHttpStore, type LegacyHttpStoreOptions } from './http-store.js'
import { STANDARD_ATTRIBUTES, targetProblem, type AttributeTarget, type LegacyUserStore } from './legacy-user.js'

/** `finalUserStatus` values Cognito accepts for a migrated user (§3.4). */
export const FINAL_USER_STATUSES = ['CONFIRMED', 'RESET_REQUIRED'] as const
/** `messageAction` values; `RESEND` is in the API enum but not documented for migration (§3.4). */
export const MESSAGE_ACTIONS = ['SUPPRESS', 'RESEND'] as const
export const DELIVERY_MEDIUMS = ['EMAIL', 'SMS'] as const

/** Options of {@link userMigration}. Give exactly one of `store` (code) and `http` (JSON). */
export interface UserMigrationOptions {
  /** Your legacy store. Code only. */
  store?: LegacyUserStore
  /** A legacy store behind one HTTPS endpoint; see `legacyHttpStore`. */
  http?: LegacyHttpStoreOptions
  /** Legacy field → Cognito attribute. Default: every standard attribute from the field of the same name. */
  attributeMap?: Record<string, AttributeTarget>
  /** Status after a password sign-in (`UserMigration_Authentication`). Default `CONFIRMED`. */
  finalUserStatus?: (typeof FINAL_USER_STATUSES)[number]
  /** Default `SUPPRESS`: a migrated user needs no welcome message. */
  messageAction?: (typeof MESSAGE_ACTIONS)[number]
  /** Where Cognito sends a message, if it sends one. Default: Cognito's (SMS). */
  desiredDeliveryMediums?: (typeof DELIVERY_MEDIUMS)[number][]
  /** Move an email or phone alias that another user already has. Default false. */
  forceAliasCreation?: boolean
}

export interface ResolvedUserMigrationOptions {
  readonly store: LegacyUserStore
  readonly attributeMap: ReadonlyMap<string, AttributeTarget>
  readonly finalUserStatus: (typeof FINAL_USER_STATUSES)[number]
  readonly messageAction: (typeof MESSAGE_ACTIONS)[number]
  readonly desiredDeliveryMediums: readonly (typeof DELIVERY_MEDIUMS)[number][] | undefined
  readonly forceAliasCreation: boolean
}

const KEYS = ['store', 'http', 'attributeMap', 'finalUserStatus', 'messageAction', 'desiredDeliveryMediums', 'forceAliasCreation'] as const
// Field names that read or write an object's prototype; no legacy system needs them.
const FORBIDDEN_FIELDS = new Set(['__proto__', 'constructor', 'prototype'])

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

const oneOf = <const T extends readonly string[]>(name: string, value: unknown, allowed: T, fallback: T[number]): T[number] => {
  if (value === undefined) return fallback
  if (!allowed.includes(value as string)) throw new ConfigurationError(`"${name}" must be one of ${allowed.map((item) => `"${item}"`).join(', ')}`)
  return value as T[number]
}

const storeOf = (store: unknown, http: unknown): LegacyUserStore => {
  if ((store === undefined) === (http === undefined)) {
    throw new ConfigurationError('give exactly one of "store" (a LegacyUserStore, in code) and "http" (an endpoint, in JSON)')
  }
  if (http !== undefined) return createHttpStore(http, 'http.')
  const candidate = store as Partial<LegacyUserStore> | null
  if (typeof candidate?.authenticate !== 'function' || typeof candidate.lookup !== 'function') {
    throw new ConfigurationError('"store" must have authenticate() and lookup() methods')
  }
  return candidate as LegacyUserStore
}

const attributeMapOf = (value: unknown): ReadonlyMap<string, AttributeTarget> => {
  if (value === undefined) return new Map(STANDARD_ATTRIBUTES.map((name) => [name, name]))
  if (!isObject(value) || Object.keys(value).length === 0) {
    throw new ConfigurationError('"attributeMap" must be a non-empty object of legacy field to Cognito attribute')
  }
  const map = new Map<string, AttributeTarget>()
  const mappedFrom = new Map<string, string>()
  for (const [field, target] of Object.entries(value)) {
    if (field === '' || FORBIDDEN_FIELDS.has(field)) throw new ConfigurationError(`"attributeMap" must not map the field "${field}"`)
    const problem = targetProblem(target)
    if (problem !== undefined) throw new ConfigurationError(`"attributeMap.${field}" ${problem}`)
    const earlier = mappedFrom.get(target as string)
    if (earlier !== undefined) throw new ConfigurationError(`"attributeMap.${field}" and "attributeMap.${earlier}" both write "${target as string}"`)
    mappedFrom.set(target as string, field)
    map.set(field, target as AttributeTarget)
  }
  return map
}

/** Validates the options and applies the defaults. Throws a ConfigurationError naming the bad option. */
export const resolveUserMigrationOptions = (options: unknown): ResolvedUserMigrationOptions => {
  if (!isObject(options)) throw new ConfigurationError('options must be an object with "store" or "http"')
  const unknown = Object.keys(options).filter((key) => !(KEYS as readonly string[]).includes(key))
  if (unknown.length > 0) {
    throw new ConfigurationError(`unknown option(s) ${unknown.map((key) => `"${key}"`).join(', ')}; known: ${KEYS.join(', ')}`)
  }
  const { desiredDeliveryMediums: mediums, forceAliasCreation } = options
  if (
    mediums !== undefined &&
    (!Array.isArray(mediums) || mediums.length === 0 || new Set(mediums).size !== mediums.length || !mediums.every((item) => DELIVERY_MEDIUMS.includes(item)))
  ) {
    throw new ConfigurationError('"desiredDeliveryMediums" must be a non-empty list of distinct "EMAIL" and "SMS"')
  }
  if (forceAliasCreation !== undefined && typeof forceAliasCreation !== 'boolean') {
    throw new ConfigurationError('"forceAliasCreation" must be a boolean')
  }
  return Object.freeze({
    attributeMap: attributeMapOf(options.attributeMap),
    finalUserStatus: oneOf('finalUserStatus', options.finalUserStatus, FINAL_USER_STATUSES, 'CONFIRMED'),
    messageAction: oneOf('messageAction', options.messageAction, MESSAGE_ACTIONS, 'SUPPRESS'),
    desiredDeliveryMediums: mediums as ResolvedUserMigrationOptions['desiredDeliveryMediums'],
    forceAliasCreation: forceAliasCreation ?? false,
    // Last, so that a mistake in a plain option is reported before a missing environment variable.
    store: storeOf(options.store, options.http),
  })
}
