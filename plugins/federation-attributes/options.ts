// -- federation-attributes options -------------------------------------------------------------
// The plugin-wide options; the rules themselves are checked in rules.ts.

import { array, fail, isLimit, isObject, MAX_VALUE, resolveRule, type FederationRule, type ResolvedRule } from './rules.js'

/** What happens to a value over its length limit. */
export const OVERSIZED_ACTIONS = ['truncate', 'drop', 'refuse'] as const
export type OversizedAction = (typeof OVERSIZED_ACTIONS)[number]

/** Options of `federationAttributes`. */
export interface FederationAttributesOptions {
  /** Every matching rule applies, in order. Default none: only the length limit applies. */
  readonly rules?: readonly FederationRule[]
  /** Length limit of every value, 1–2048 (Cognito's attribute limit). Default 2048. */
  readonly maxLength?: number
  /** What to do with a value over its limit. Default `truncate`. */
  readonly oversized?: OversizedAction
  /** Which section wins when the ID token and userInfo carry the same claim. Default `['idToken', 'userInfo']`. */
  readonly precedence?: readonly ('idToken' | 'userInfo')[]
  /** Default separator for `join`. Default `,`. */
  readonly separator?: string
}

export interface ResolvedOptions {
  readonly rules: readonly ResolvedRule[]
  readonly maxLength: number
  readonly oversized: OversizedAction
  readonly precedence: readonly ('idToken' | 'userInfo')[]
}

const KEYS = new Set(['rules', 'maxLength', 'oversized', 'precedence', 'separator'])

/** Validates the options; every mistake names its option. */
export const resolveOptions = (options: unknown): ResolvedOptions => {
  if (!isObject(options)) return fail('federation-attributes needs an options object')
  for (const key of Object.keys(options)) if (!KEYS.has(key)) fail(`unknown option "${key}"; expected ${[...KEYS].join(', ')}`)
  const { rules, maxLength = MAX_VALUE, oversized = 'truncate', precedence = ['idToken', 'userInfo'], separator = ',' } = options
  if (!isLimit(maxLength)) fail(`"maxLength" must be an integer from 1 to ${MAX_VALUE}`)
  if (!OVERSIZED_ACTIONS.includes(oversized as OversizedAction)) fail(`"oversized" must be one of ${OVERSIZED_ACTIONS.join(', ')}`)
  if (typeof separator !== 'string' || separator === '') fail('"separator" must be a non-empty string')
  const order = Array.isArray(precedence) ? [...new Set(precedence)] : []
  if (order.length !== 2 || !order.includes('idToken') || !order.includes('userInfo')) {
    fail('"precedence" must list "idToken" and "userInfo", best first')
  }
  return {
    rules: array(rules, 'rules').map((rule, index) => resolveRule(rule, `rules[${index}]`, separator as string)),
    maxLength: maxLength as number,
    oversized: oversized as OversizedAction,
    precedence: order as ('idToken' | 'userInfo')[],
  }
}
