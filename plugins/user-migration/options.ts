// -- user-migration options ------------------------------------------------------------------
// Checked at cold start: a mapping to an attribute Cognito does not have would otherwise fail
// every migration, one sign-in at a time.

import * as v from 'valibot'
import { ConfigurationError } from '../../src/index.js'
import { codeOnly, extendOptions, parseOptions } from '../../src/options.js'
import { createHttpStore, type LegacyHttpStoreOptions } from './http-store.js'
import { STANDARD_ATTRIBUTES, targetProblem, type AttributeTarget, type LegacyUserStore } from './legacy-user.js'
import type { DELIVERY_MEDIUMS, FINAL_USER_STATUSES, MESSAGE_ACTIONS } from './schema.js'
import { manifest } from './manifest.js'

export { DELIVERY_MEDIUMS, FINAL_USER_STATUSES, MESSAGE_ACTIONS } from './schema.js'

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

// Field names that read or write an object's prototype; no legacy system needs them.
const FORBIDDEN_FIELDS = new Set(['__proto__', 'constructor', 'prototype'])
const isStore = (value: unknown): boolean => {
  const candidate = value as Partial<LegacyUserStore> | null
  return typeof candidate?.authenticate === 'function' && typeof candidate.lookup === 'function'
}

const codeOptions = extendOptions(
  manifest.options,
  { store: v.optional(codeOnly<LegacyUserStore>(isStore, 'must have authenticate() and lookup() methods')) },
  'must be an object with "store" or "http"',
)

const storeOf = (store: LegacyUserStore | undefined, http: unknown): LegacyUserStore => {
  if ((store === undefined) === (http === undefined)) {
    throw new ConfigurationError('give exactly one of "store" (a LegacyUserStore, in code) and "http" (an endpoint, in JSON)')
  }
  return store ?? createHttpStore(http, 'http.')
}

const attributeMapOf = (value: Readonly<Record<string, string>> | undefined): ReadonlyMap<string, AttributeTarget> => {
  if (value === undefined) return new Map(STANDARD_ATTRIBUTES.map((name) => [name, name]))
  const map = new Map<string, AttributeTarget>()
  const mappedFrom = new Map<string, string>()
  for (const [field, target] of Object.entries(value)) {
    if (field === '') throw new ConfigurationError('"attributeMap" must not map the field ""')
    const problem = targetProblem(target)
    if (problem !== undefined) throw new ConfigurationError(`"attributeMap.${field}" ${problem}`)
    const earlier = mappedFrom.get(target)
    if (earlier !== undefined) throw new ConfigurationError(`"attributeMap.${field}" and "attributeMap.${earlier}" both write "${target}"`)
    mappedFrom.set(target, field)
    map.set(field, target as AttributeTarget)
  }
  return map
}

// The schema's record leaves out keys such as `__proto__` silently; they are refused out loud,
// because a map that names one is a mistake or an attack.
/** Validates the options and applies the defaults. Throws a ConfigurationError naming the bad option. */
export const resolveUserMigrationOptions = (options: unknown): ResolvedUserMigrationOptions => {
  const raw = (options as { attributeMap?: unknown } | null)?.attributeMap
  const forbidden = typeof raw === 'object' && raw !== null ? Object.keys(raw).find((field) => FORBIDDEN_FIELDS.has(field)) : undefined
  if (forbidden !== undefined) throw new ConfigurationError(`"attributeMap" must not map the field "${forbidden}"`)
  const given = parseOptions(codeOptions, options)
  return Object.freeze({
    attributeMap: attributeMapOf(given.attributeMap),
    finalUserStatus: given.finalUserStatus ?? 'CONFIRMED',
    messageAction: given.messageAction ?? 'SUPPRESS',
    desiredDeliveryMediums: given.desiredDeliveryMediums,
    forceAliasCreation: given.forceAliasCreation ?? false,
    // Last, so that a mistake in a plain option is reported before a mistake in the endpoint.
    store: storeOf(given.store, given.http),
  })
}
