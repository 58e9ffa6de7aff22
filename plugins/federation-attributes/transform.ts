// -- attribute transformation ------------------------------------------------------------------
// A non-empty `userAttributesToMap` replaces the provider's whole attribute set (AWS docs: "Inbound federation Lambda trigger"), so the
// transformation starts from that set and changes only what the rules name. Provider data is
// untrusted: keys that could reach a prototype are skipped, values become strings, and every
// value is held to a length limit. Everything works on Maps, never on objects indexed by claim.

import type { ResolvedOptions } from './options.js'
import { UNSAFE_KEYS, type ResolvedRule, type SplitMode } from './rules.js'

// Event sections come from Cognito as JSON objects; anything else is read as empty.
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/** What the transformation did, by attribute name (names only: values are the user's data). */
export interface Transformed {
  readonly attributes: ReadonlyMap<string, string>
  readonly changed: boolean
  readonly renamed: readonly string[]
  readonly joined: readonly string[]
  readonly dropped: readonly string[]
  readonly truncated: readonly string[]
  /** How many `__proto__`/`constructor`/`prototype` keys the provider sent, all skipped. */
  readonly unsafeKeys: number
}

/** A value over its limit with `oversized: 'refuse'`. Names the attribute and lengths, never the value. */
export class OversizedAttributeError extends Error {
  constructor(attribute: string, length: number, limit: number) {
    super(`attribute ${JSON.stringify(attribute.slice(0, 64))} is ${length} characters long; the limit is ${limit}`)
    this.name = 'OversizedAttributeError'
  }
}

/** Attribute values are strings (AWS docs: "User pool attributes"): other JSON becomes its JSON text, null means "absent". */
export const asString = (value: unknown): string | undefined => {
  if (value === null || value === undefined || typeof value === 'string') return value ?? undefined
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  try {
    return JSON.stringify(value)
  } catch {
    return undefined
  }
}

const ownValue = (section: unknown, key: string): string | undefined =>
  isObject(section) && Object.hasOwn(section, key) ? asString(section[key]) : undefined

const codePoints = (text: string): number => [...text].length

/**
 * The provider's attribute set as Cognito would map it: the SAML assertion's attributes, or the
 * ID token's claims and userInfo merged with `precedence` deciding a clash. `tokenResponse` is
 * never part of it: tokens are credentials, copied only by a rule that names one.
 */
export const providerAttributes = (attributes: unknown, precedence: ResolvedOptions['precedence'], counter: { unsafe: number }): Map<string, string> => {
  const out = new Map<string, string>()
  const sections = isObject(attributes) ? attributes : {}
  // Lowest precedence first, so a better section overwrites.
  for (const name of ['samlResponse', ...[...precedence].reverse()]) {
    const section = Object.hasOwn(sections, name) ? sections[name] : undefined
    if (!isObject(section)) continue
    for (const key of Object.keys(section)) {
      if (UNSAFE_KEYS.has(key)) {
        counter.unsafe++
        continue
      }
      const value = asString(section[key])
      if (value !== undefined) out.set(key, value)
    }
  }
  return out
}

const splitList = (value: string, mode: SplitMode): string[] => {
  let items: string[] | undefined
  if (value.trimStart().startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(value)
      if (Array.isArray(parsed)) items = parsed.map(asString).filter((item): item is string => item !== undefined)
    } catch {
      // Not JSON after all: split it as text.
    }
  }
  const pattern = mode === 'comma' ? /,/u : mode === 'whitespace' ? /\s+/u : /[\s,]+/u
  items ??= value.split(pattern)
  return [...new Set(items.map((item) => item.trim()).filter((item) => item !== ''))]
}

// A list is cut between items, never inside one: a group name cut short may name another group.
const cutList = (items: readonly string[], separator: string, limit: number): string | undefined => {
  let out: string | undefined
  for (const item of items) {
    const next = out === undefined ? item : `${out}${separator}${item}`
    if (codePoints(next) > limit) break
    out = next
  }
  return out
}

const sameMap = (a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean =>
  a.size === b.size && [...a].every(([key, value]) => b.get(key) === value)

/**
 * Applies the matching `rules` to the provider's attributes, overlaid with what earlier plugins
 * already put in `userAttributesToMap`, then holds every value to its length limit.
 */
export const transform = (
  attributes: unknown,
  earlier: unknown,
  rules: readonly ResolvedRule[],
  options: ResolvedOptions,
): Transformed => {
  const counter = { unsafe: 0 }
  const base = providerAttributes(attributes, options.precedence, counter)
  for (const key of isObject(earlier) ? Object.keys(earlier) : []) {
    const value = UNSAFE_KEYS.has(key) ? undefined : asString((earlier as Record<string, unknown>)[key])
    if (value !== undefined) base.set(key, value)
  }
  const out = new Map(base)
  const sections = isObject(attributes) ? attributes : {}
  const renamed: string[] = []
  const joined: string[] = []
  const dropped: string[] = []
  const truncated: string[] = []
  const lists = new Map<string, { items: string[]; separator: string }>()
  const limits = new Map<string, number>()

  for (const rule of rules) {
    for (const { from, to } of rule.rename) {
      const found = from.map((s) => ownValue(Object.hasOwn(sections, s.section) ? sections[s.section] : undefined, s.claim)).find((v) => v !== undefined)
      if (found === undefined) continue
      for (const { section, claim } of from) if (section !== 'tokenResponse') out.delete(claim)
      out.set(to, found)
      lists.delete(to)
      renamed.push(to)
    }
    for (const { attribute, separator, split } of rule.join) {
      const value = out.get(attribute)
      if (value === undefined) continue
      const items = splitList(value, split)
      lists.set(attribute, { items, separator })
      out.set(attribute, items.join(separator))
      joined.push(attribute)
    }
    for (const name of rule.drop) if (out.delete(name)) dropped.push(name)
    for (const [name, limit] of rule.truncate) limits.set(name, Math.min(limit, limits.get(name) ?? limit))
  }

  for (const [key, value] of out) {
    const limit = Math.min(options.maxLength, limits.get(key) ?? options.maxLength)
    const length = value.length > limit ? codePoints(value) : value.length
    if (length <= limit) continue
    if (options.oversized === 'refuse') throw new OversizedAttributeError(key, length, limit)
    const list = lists.get(key)
    const cut = options.oversized === 'drop' ? undefined : list ? cutList(list.items, list.separator, limit) : [...value].slice(0, limit).join('')
    if (cut === undefined) {
      out.delete(key)
      dropped.push(key)
    } else {
      out.set(key, cut)
      truncated.push(key)
    }
  }
  return { attributes: out, changed: !sameMap(base, out), renamed, joined, dropped, truncated, unsafeKeys: counter.unsafe }
}
