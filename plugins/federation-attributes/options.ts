// -- federation-attributes options -------------------------------------------------------------
// The plugin-wide options; the rules themselves are checked in rules.ts.

import { ConfigurationError } from '../../src/index.js'
import { parseOptions } from '../../src/options.js'
import { MAX_VALUE, resolveRule, type FederationRule, type ResolvedRule } from './rules.js'
import { PRECEDENCE, type OversizedAction } from './schema.js'
import { manifest } from './manifest.js'

export { OVERSIZED_ACTIONS, type OversizedAction } from './schema.js'


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

/** Validates the options; every mistake names its option. */
export const resolveOptions = (options: unknown): ResolvedOptions => {
  const { rules = [], maxLength = MAX_VALUE, oversized = 'truncate', precedence = ['idToken', 'userInfo'], separator = ',' } = parseOptions(
    manifest.options,
    options,
  )
  const order = [...new Set(precedence)]
  if (order.length !== 2) throw new ConfigurationError(`"precedence" ${PRECEDENCE}`)
  return {
    rules: rules.map((rule, index) => resolveRule(rule, `rules[${index}]`, separator)),
    maxLength,
    oversized,
    precedence: order,
  }
}
