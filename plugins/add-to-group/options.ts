// -- add-to-group options --------------------------------------------------------------------
// Checked once at cold start, so a typo in a group name or a broken regular expression is a
// failed deployment, not a confirmed user who is silently left out of a group.

import { ConfigurationError } from '../../src/index.js'
import type { AddToGroupOptions, AddToGroupRule } from './index.js'

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

const OPTION_KEYS = new Set(['groups', 'rules', 'failOpen', 'client'])
const RULE_KEYS = new Set(['attribute', 'equals', 'endsWith', 'matches', 'requireVerified', 'groups'])
const CONDITIONS = ['equals', 'endsWith', 'matches'] as const
// Cognito's own constraints on GroupNameType and AttributeNameType.
const GROUP_NAME = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]{1,128}$/u
const ATTRIBUTE_NAME = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]{1,32}$/u
// Attributes with a `<name>_verified` companion: a claim of them proves nothing until verified.
const VERIFIABLE = new Set(['email', 'phone_number'])

const kind = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const rejectUnknownKeys = (value: Record<string, unknown>, known: ReadonlySet<string>, where: string): void => {
  const unknown = Object.keys(value).find((key) => !known.has(key))
  if (unknown !== undefined) {
    throw new ConfigurationError(`unknown option "${where}${unknown}" (known: ${[...known].join(', ')})`)
  }
}

const groupList = (value: unknown, where: string): string[] => {
  if (!Array.isArray(value)) throw new ConfigurationError(`"${where}" must be an array of group names, got ${kind(value)}`)
  return value.map((group: unknown, index) => {
    if (typeof group !== 'string' || !GROUP_NAME.test(group)) {
      throw new ConfigurationError(
        `"${where}[${index}]" must be a Cognito group name (1 to 128 letters, digits, symbols or punctuation, no spaces)`,
      )
    }
    return group
  })
}

// Email domains are case-insensitive and Cognito keeps the case the user typed, so
// `Jane@Example.COM` must match a rule written for `@example.com`.
const condition = (rule: AddToGroupRule, where: string): ((value: string) => boolean) => {
  const given = CONDITIONS.filter((name) => rule[name] !== undefined)
  if (given.length !== 1) {
    throw new ConfigurationError(`"${where}" needs exactly one of "equals", "endsWith" or "matches", got ${given.length}`)
  }
  const name = given[0]!
  const expected = rule[name]
  if (typeof expected !== 'string' || expected === '') {
    throw new ConfigurationError(`"${where}.${name}" must be a non-empty string, got ${kind(expected)}`)
  }
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

const compileRule = (rule: unknown, where: string): CompiledRule => {
  if (!isObject(rule)) throw new ConfigurationError(`"${where}" must be an object, got ${kind(rule)}`)
  rejectUnknownKeys(rule, RULE_KEYS, `${where}.`)
  const { attribute, requireVerified } = rule
  if (typeof attribute !== 'string' || !ATTRIBUTE_NAME.test(attribute)) {
    throw new ConfigurationError(`"${where}.attribute" must be a user attribute name like "email" or "custom:team"`)
  }
  if (requireVerified !== undefined && (typeof requireVerified !== 'boolean' || !VERIFIABLE.has(attribute))) {
    throw new ConfigurationError(`"${where}.requireVerified" must be a boolean, and only applies to "email" and "phone_number"`)
  }
  const test = condition(rule as unknown as AddToGroupRule, where)
  const groups = groupList(rule.groups, `${where}.groups`)
  if (groups.length === 0) throw new ConfigurationError(`"${where}.groups" must name at least one group`)
  return { attribute, test, requireVerified: VERIFIABLE.has(attribute) && requireVerified !== false, groups }
}

/** Validates the options of `addToGroup`, throwing a ConfigurationError that names the bad option. */
export const resolveOptions = (options: unknown): ResolvedOptions => {
  if (!isObject(options)) throw new ConfigurationError(`options must be an object, got ${kind(options)}`)
  rejectUnknownKeys(options, OPTION_KEYS, '')
  const { groups, rules, failOpen = false, client } = options
  if (groups === undefined && rules === undefined) throw new ConfigurationError('needs "groups", "rules" or both')
  const always = groups === undefined ? [] : groupList(groups, 'groups')
  if (rules !== undefined && !Array.isArray(rules)) throw new ConfigurationError(`"rules" must be an array, got ${kind(rules)}`)
  const compiled = (rules ?? []).map((rule: unknown, index: number) => compileRule(rule, `rules[${index}]`))
  if (always.length === 0 && compiled.length === 0) throw new ConfigurationError('"groups" and "rules" are both empty: nothing to add')
  if (typeof failOpen !== 'boolean') throw new ConfigurationError(`"failOpen" must be a boolean, got ${kind(failOpen)}`)
  if (client !== undefined && (!isObject(client) || typeof client.send !== 'function')) {
    throw new ConfigurationError('"client" must be a CognitoIdentityProviderClient')
  }
  return { groups: always, rules: compiled, failOpen, client: client as AddToGroupOptions['client'] }
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
