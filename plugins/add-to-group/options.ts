// -- add-to-group options --------------------------------------------------------------------
// Checked once at cold start, so a typo in a group name or a broken regular expression is a
// failed deployment, not a confirmed user who is silently left out of a group.

import * as v from 'valibot'
import { ConfigurationError } from '../../src/index.js'
import { codeOnly, extendOptions, hasSend, parseOptions } from '../../src/options.js'
import { CONDITIONS, REQUIRE_VERIFIED, rule, VERIFIABLE } from './schema.js'
import type { AddToGroupOptions } from './index.js'
import { manifest } from './manifest.js'

/** A rule ready to run: its condition compiled once. */
export interface CompiledRule {
  readonly attribute: string
  readonly test: (value: string) => boolean
  readonly requireVerified: boolean
  readonly groups: readonly string[]
}

export interface ResolvedOptions {
  readonly groups: readonly string[]
  readonly rules: readonly CompiledRule[]
  readonly failOpen: boolean
  readonly client: AddToGroupOptions['client']
}

const codeOptions = extendOptions(manifest.options, {
  client: v.optional(codeOnly<NonNullable<AddToGroupOptions['client']>>(hasSend, 'must be a CognitoIdentityProviderClient')),
})

type Rule = v.InferOutput<typeof rule>

// Email domains are case-insensitive and Cognito keeps the case the user typed, so
// `Jane@Example.COM` must match a rule written for `@example.com`.
const conditionOf = (rule: Rule, where: string): ((value: string) => boolean) => {
  const given = CONDITIONS.filter((name) => rule[name] !== undefined)
  if (given.length !== 1) {
    throw new ConfigurationError(`"${where}" needs exactly one of "equals", "endsWith" or "matches", got ${given.length}`)
  }
  const name = given[0]!
  const expected = rule[name]!
  const ignoreCase = rule.attribute === 'email'
  const fold = (text: string) => (ignoreCase ? text.toLowerCase() : text)
  if (name === 'equals') return (value) => fold(value) === fold(expected)
  if (name === 'endsWith') return (value) => fold(value).endsWith(fold(expected))
  let pattern: RegExp
  try {
    pattern = new RegExp(expected, ignoreCase ? 'ui' : 'u')
  } catch (cause) {
    throw new ConfigurationError(`"${where}.matches" is not a valid regular expression: ${(cause as Error).message}`, { cause })
  }
  return (value) => pattern.test(value)
}

const compileRule = (rule: Rule, where: string): CompiledRule => {
  const { attribute, requireVerified } = rule
  if (requireVerified !== undefined && !VERIFIABLE.has(attribute)) {
    throw new ConfigurationError(`"${where}.requireVerified" ${REQUIRE_VERIFIED}`)
  }
  const test = conditionOf(rule, where)
  return { attribute, test, requireVerified: VERIFIABLE.has(attribute) && requireVerified !== false, groups: rule.groups }
}

/** Validates the options of `addToGroup`, throwing a ConfigurationError that names the bad option. */
export const resolveOptions = (options: unknown): ResolvedOptions => {
  const { groups, rules, failOpen = false, client } = parseOptions(codeOptions, options)
  if (groups === undefined && rules === undefined) throw new ConfigurationError('needs "groups", "rules" or both')
  const always = groups ?? []
  const compiled = (rules ?? []).map((rule, index) => compileRule(rule, `rules[${index}]`))
  if (always.length === 0 && compiled.length === 0) throw new ConfigurationError('"groups" and "rules" are both empty: nothing to add')
  return { groups: always, rules: compiled, failOpen, client }
}

/**
 * The groups for a user: `groups` first, then each matching rule's groups in rule order, each
 * group once. A fixed order keeps retries and logs predictable.
 */
export const groupsFor = (attributes: Readonly<Record<string, string>>, resolved: ResolvedOptions): string[] => {
  const chosen = new Set(resolved.groups)
  for (const rule of resolved.rules) {
    const value = Object.hasOwn(attributes, rule.attribute) ? attributes[rule.attribute] : undefined
    if (typeof value !== 'string') continue
    if (rule.requireVerified && attributes[`${rule.attribute}_verified`] !== 'true') continue
    if (rule.test(value)) for (const group of rule.groups) chosen.add(group)
  }
  return [...chosen]
}
