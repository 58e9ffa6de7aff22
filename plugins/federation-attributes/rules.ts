// -- federation-attributes rules ----------------------------------------------------------------
// Rules come from JSON as often as from code, so every one is checked at cold start and every
// message names the rule and the field (`rules[1].rename[0].from`).

import { ConfigurationError } from '../../src/index.js'

/** Provider types Cognito sends in `request.providerType` (§2.3). */
export const PROVIDER_TYPES = ['OIDC', 'SAML', 'Facebook', 'Google', 'SignInWithApple', 'LoginWithAmazon'] as const
export type ProviderType = (typeof PROVIDER_TYPES)[number]

/** The sections of `request.attributes` a rule can read from. */
export const SOURCE_SECTIONS = ['idToken', 'userInfo', 'samlResponse', 'tokenResponse'] as const
export type SourceSection = (typeof SOURCE_SECTIONS)[number]

/** How a value that is not a JSON array is split into list items. */
export const SPLIT_MODES = ['comma-or-whitespace', 'comma', 'whitespace'] as const
export type SplitMode = (typeof SPLIT_MODES)[number]

/** Copies the first claim found among `from` (`'<section>.<claim>'`, best first) to `to`, removing the claims read. */
export interface FederationRename {
  readonly from: string | readonly string[]
  readonly to: string
}

/** Turns a list-valued attribute (a JSON array, or comma/space separated) into one joined by `separator`. */
export interface FederationJoin {
  readonly attribute: string
  /** Default: the plugin's `separator`. */
  readonly separator?: string
  /** Default `comma-or-whitespace`. */
  readonly split?: SplitMode
}

/** Changes for the providers the rule matches; a rule without `providerName` or `providerType` matches all. */
export interface FederationRule {
  readonly providerName?: string | readonly string[]
  readonly providerType?: ProviderType | readonly ProviderType[]
  /** Applied first, in order. */
  readonly rename?: readonly FederationRename[]
  /** Applied second: attribute names, or join settings. */
  readonly join?: readonly (string | FederationJoin)[]
  /** Applied third: attribute names to remove. */
  readonly drop?: readonly string[]
  /** Lower length limits per attribute name (1–2048), e.g. for a custom attribute defined shorter. */
  readonly truncate?: Readonly<Record<string, number>>
}

export interface Source {
  readonly section: SourceSection
  readonly claim: string
}

export interface ResolvedRule {
  readonly names: ReadonlySet<string> | undefined
  readonly types: ReadonlySet<string> | undefined
  readonly rename: readonly { readonly from: readonly Source[]; readonly to: string }[]
  readonly join: readonly { readonly attribute: string; readonly separator: string; readonly split: SplitMode }[]
  readonly drop: readonly string[]
  readonly truncate: ReadonlyMap<string, number>
}

/** Keys that would reach a prototype in naive code downstream; never written to the reply. */
export const UNSAFE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype'])

/** Cognito's limit on an attribute value (§4.4). */
export const MAX_VALUE = 2048

const RULE_KEYS = new Set(['providerName', 'providerType', 'rename', 'join', 'drop', 'truncate'])

export const fail = (message: string): never => {
  throw new ConfigurationError(message)
}
export const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)
export const isLimit = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 1 && (value as number) <= MAX_VALUE
const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value])

const attributeName = (value: unknown, path: string): string => {
  if (typeof value !== 'string' || value === '' || value.length > 256 || /\p{Cc}/u.test(value)) {
    fail(`"${path}" must be an attribute name of 1 to 256 characters`)
  }
  if (UNSAFE_KEYS.has(value as string)) fail(`"${path}" must not be "${value as string}"`)
  return value as string
}

const source = (value: unknown, path: string): Source => {
  const text = typeof value === 'string' ? value : ''
  const dot = text.indexOf('.')
  const section = text.slice(0, dot) as SourceSection
  if (dot < 1 || !SOURCE_SECTIONS.includes(section)) {
    fail(`"${path}" must look like "<section>.<claim>" with a section of ${SOURCE_SECTIONS.join(', ')}, e.g. "idToken.groups"`)
  }
  return { section, claim: attributeName(text.slice(dot + 1), path) }
}

const names = <T extends string>(value: unknown, path: string, allowed?: readonly T[]): ReadonlySet<string> | undefined => {
  if (value === undefined) return undefined
  const items = listOf(value)
  items.forEach((item, index) => {
    const at = Array.isArray(value) ? `${path}[${index}]` : path
    if (typeof item !== 'string' || item === '') fail(`"${at}" must be a non-empty string`)
    if (allowed && !allowed.includes(item as T)) fail(`"${at}" must be one of ${allowed.join(', ')}`)
  })
  if (items.length === 0) fail(`"${path}" must not be empty`)
  return new Set(items as string[])
}

export const array = (value: unknown, path: string): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : fail(`"${path}" must be an array`))

/** Validates one rule; `path` names it in messages (`rules[1]`). */
export const resolveRule = (rule: unknown, path: string, separator: string): ResolvedRule => {
  if (!isObject(rule)) return fail(`"${path}" must be an object`)
  for (const key of Object.keys(rule)) if (!RULE_KEYS.has(key)) fail(`"${path}" has an unknown key "${key}"; expected ${[...RULE_KEYS].join(', ')}`)
  const rename = array(rule.rename, `${path}.rename`).map((item, index) => {
    const at = `${path}.rename[${index}]`
    if (!isObject(item) || Object.keys(item).some((key) => key !== 'from' && key !== 'to')) return fail(`"${at}" must be { from, to }`)
    const from = listOf(item.from).map((entry, i) => source(entry, Array.isArray(item.from) ? `${at}.from[${i}]` : `${at}.from`))
    if (from.length === 0) fail(`"${at}.from" must not be empty`)
    return { from, to: attributeName(item.to, `${at}.to`) }
  })
  const join = array(rule.join, `${path}.join`).map((item, index) => {
    const at = `${path}.join[${index}]`
    if (typeof item === 'string') return { attribute: attributeName(item, at), separator, split: 'comma-or-whitespace' as const }
    if (!isObject(item) || Object.keys(item).some((key) => !['attribute', 'separator', 'split'].includes(key))) {
      return fail(`"${at}" must be an attribute name or { attribute, separator?, split? }`)
    }
    if (item.separator !== undefined && (typeof item.separator !== 'string' || item.separator === '')) fail(`"${at}.separator" must be a non-empty string`)
    if (item.split !== undefined && !SPLIT_MODES.includes(item.split as SplitMode)) fail(`"${at}.split" must be one of ${SPLIT_MODES.join(', ')}`)
    return {
      attribute: attributeName(item.attribute, `${at}.attribute`),
      separator: (item.separator as string | undefined) ?? separator,
      split: (item.split as SplitMode | undefined) ?? 'comma-or-whitespace',
    }
  })
  const drop = array(rule.drop, `${path}.drop`).map((item, index) => attributeName(item, `${path}.drop[${index}]`))
  if (rule.truncate !== undefined && !isObject(rule.truncate)) fail(`"${path}.truncate" must be an object of attribute name → length`)
  const truncate = new Map<string, number>()
  for (const [name, limit] of Object.entries(rule.truncate ?? {})) {
    if (!isLimit(limit)) fail(`"${path}.truncate.${name}" must be an integer from 1 to ${MAX_VALUE}`)
    truncate.set(attributeName(name, `${path}.truncate`), limit as number)
  }
  if (rename.length + join.length + drop.length + truncate.size === 0) fail(`"${path}" changes nothing; give rename, join, drop or truncate`)
  return {
    names: names(rule.providerName, `${path}.providerName`),
    types: names(rule.providerType, `${path}.providerType`, PROVIDER_TYPES),
    rename,
    join,
    drop,
    truncate,
  }
}
