// -- federation-attributes rules ----------------------------------------------------------------
// Rules come from JSON as often as from code, so every one is checked at cold start and every
// message names the rule and the field (`rules[1].rename[0].from`).

import * as v from 'valibot'
import { integerFrom, invalidOption, recordOptions, strictOptions } from '../../src/options.js'

/** Provider types Cognito sends in `request.providerType` (AWS docs: "Inbound federation Lambda trigger"). */
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

/** Cognito's limit on an attribute value (AWS docs: "User pool attributes"). */
export const MAX_VALUE = 2048

const NAME = 'must be an attribute name of 1 to 256 characters'
const NON_EMPTY = 'must be a non-empty string'
const nonEmpty = v.pipe(v.string(NON_EMPTY), v.minLength(1, NON_EMPTY))
const oneOrMore = <S extends v.GenericSchema<unknown, string>>(item: S, message: string) => v.union([item, v.array(item)], message)
const PROVIDER_TYPE = `must be one of ${PROVIDER_TYPES.join(', ')}`

/** The schema of one rule; what it cannot say (a source's syntax, unsafe names) {@link resolveRule} checks. */
export const ruleSchema = strictOptions({
  providerName: v.optional(oneOrMore(nonEmpty, 'must be a non-empty string or a list of them')),
  providerType: v.optional(oneOrMore(v.picklist(PROVIDER_TYPES, PROVIDER_TYPE), `${PROVIDER_TYPE}, or a list of them`)),
  rename: v.optional(v.array(strictOptions({ from: oneOrMore(v.string(), 'must be a source or a list of them'), to: v.string(NAME) }, 'must be { from, to }'), 'must be an array')),
  join: v.optional(
    v.array(
      v.union(
        [
          v.string(NAME),
          strictOptions({
            attribute: v.string(NAME),
            separator: v.optional(nonEmpty),
            split: v.optional(v.picklist(SPLIT_MODES, `must be one of ${SPLIT_MODES.join(', ')}`)),
          }),
        ],
        'must be an attribute name or { attribute, separator?, split? }',
      ),
      'must be an array',
    ),
  ),
  drop: v.optional(v.array(v.string(NAME), 'must be an array')),
  truncate: v.optional(recordOptions(v.string(), integerFrom(1, MAX_VALUE), 'must be an object of attribute name → length')),
})

/** A rule as {@link ruleSchema} outputs it. */
export type RuleInput = v.InferOutput<typeof ruleSchema>

const listOf = <T>(value: T | readonly T[]): readonly T[] => (Array.isArray(value) ? value : [value as T])

const attributeName = (value: string, path: string): string => {
  if (value === '' || value.length > 256 || /\p{Cc}/u.test(value)) invalidOption(`"${path}" ${NAME}`)
  if (UNSAFE_KEYS.has(value)) invalidOption(`"${path}" must not be "${value}"`)
  return value
}

const source = (text: string, path: string): Source => {
  const dot = text.indexOf('.')
  const section = text.slice(0, dot) as SourceSection
  if (dot < 1 || !SOURCE_SECTIONS.includes(section)) {
    invalidOption(`"${path}" must look like "<section>.<claim>" with a section of ${SOURCE_SECTIONS.join(', ')}, e.g. "idToken.groups"`)
  }
  return { section, claim: attributeName(text.slice(dot + 1), path) }
}

const names = (value: string | readonly string[] | undefined, path: string): ReadonlySet<string> | undefined => {
  if (value === undefined) return undefined
  const items = listOf(value)
  if (items.length === 0) invalidOption(`"${path}" must not be empty`)
  return new Set(items)
}

/** Compiles one rule that passed {@link ruleSchema}; `path` names it in messages (`rules[1]`). */
export const resolveRule = (rule: RuleInput, path: string, separator: string): ResolvedRule => {
  const rename = (rule.rename ?? []).map((item, index) => {
    const at = `${path}.rename[${index}]`
    const from = listOf(item.from).map((entry, i) => source(entry, Array.isArray(item.from) ? `${at}.from[${i}]` : `${at}.from`))
    if (from.length === 0) invalidOption(`"${at}.from" must not be empty`)
    return { from, to: attributeName(item.to, `${at}.to`) }
  })
  const join = (rule.join ?? []).map((item, index) => {
    const at = `${path}.join[${index}]`
    if (typeof item === 'string') return { attribute: attributeName(item, at), separator, split: 'comma-or-whitespace' as const }
    return { attribute: attributeName(item.attribute, `${at}.attribute`), separator: item.separator ?? separator, split: item.split ?? 'comma-or-whitespace' }
  })
  const drop = (rule.drop ?? []).map((item, index) => attributeName(item, `${path}.drop[${index}]`))
  const truncate = new Map<string, number>()
  for (const [name, limit] of Object.entries(rule.truncate ?? {})) truncate.set(attributeName(name, `${path}.truncate`), limit)
  if (rename.length + join.length + drop.length + truncate.size === 0) invalidOption(`"${path}" changes nothing; give rename, join, drop or truncate`)
  return {
    names: names(rule.providerName, `${path}.providerName`),
    types: names(rule.providerType, `${path}.providerType`),
    rename,
    join,
    drop,
    truncate,
  }
}
