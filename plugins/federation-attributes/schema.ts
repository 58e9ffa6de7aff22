// -- federation-attributes options schema -------------------------------------------------------
// The shape of the JSON options, light enough for the manifest (and so for every cold start);
// rules.ts holds the schema of one rule and compiles it.

import * as v from 'valibot'
import { integerFrom, strictOptions } from '../../src/options.js'
import { MAX_VALUE, ruleSchema } from './rules.js'

/** What happens to a value over its length limit. */
export const OVERSIZED_ACTIONS = ['truncate', 'drop', 'refuse'] as const
export type OversizedAction = (typeof OVERSIZED_ACTIONS)[number]

export const PRECEDENCE = 'must list "idToken" and "userInfo", best first'

/** The options of federation-attributes as the JSON configuration gives them (they are all JSON). */
export const federationAttributesJsonOptions = strictOptions({
  rules: v.optional(v.array(ruleSchema, 'must be an array')),
  maxLength: v.optional(integerFrom(1, MAX_VALUE)),
  oversized: v.optional(v.picklist(OVERSIZED_ACTIONS, `must be one of ${OVERSIZED_ACTIONS.join(', ')}`)),
  precedence: v.optional(v.array(v.picklist(['idToken', 'userInfo'], PRECEDENCE), PRECEDENCE)),
  separator: v.optional(v.pipe(v.string('must be a non-empty string'), v.minLength(1, 'must be a non-empty string'))),
})
