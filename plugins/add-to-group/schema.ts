// -- add-to-group options schema ----------------------------------------------------------------
// The JSON options' shape, light enough for the manifest: options.ts compiles the rules.

import * as v from 'valibot'
import { flag, strictOptions } from '../../src/options.js'
import { unicodePattern } from '../../src/unicode-pattern.js'

export const CONDITIONS = ['equals', 'endsWith', 'matches'] as const
// Cognito's own constraints on GroupNameType and AttributeNameType. Printable ASCII but the space
// (0x21 to 0x7e) is all letters, digits, punctuation and symbols: those names need no Unicode
// expression, which costs a cold start (src/unicode-pattern.ts).
const GROUP_NAME = unicodePattern('^[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]{1,128}$', /^[\x21-\x7e]{1,128}$/)
const ATTRIBUTE_NAME = unicodePattern('^[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]{1,32}$', /^[\x21-\x7e]{1,32}$/)
// Attributes with a `<name>_verified` companion: a claim of them proves nothing until verified.
export const VERIFIABLE = new Set(['email', 'phone_number'])

const GROUP = 'must be a Cognito group name (1 to 128 letters, digits, symbols or punctuation, no spaces)'
const ATTRIBUTE = 'must be a user attribute name like "email" or "custom:team"'
export const REQUIRE_VERIFIED = 'must be a boolean, and only applies to "email" and "phone_number"'
const groupList = v.array(v.pipe(v.string(GROUP), v.regex(GROUP_NAME, GROUP)), 'must be an array of group names')
const condition = v.optional(v.pipe(v.string('must be a non-empty string'), v.minLength(1, 'must be a non-empty string')))

export const rule = strictOptions({
  attribute: v.pipe(v.string(ATTRIBUTE), v.regex(ATTRIBUTE_NAME, ATTRIBUTE)),
  equals: condition,
  endsWith: condition,
  matches: condition,
  requireVerified: v.optional(v.boolean(REQUIRE_VERIFIED)),
  groups: v.pipe(groupList, v.minLength(1, 'must name at least one group')),
})

export const addToGroupJsonEntries = {
  groups: v.optional(groupList),
  rules: v.optional(v.array(rule, 'must be an array')),
  failOpen: v.optional(flag()),
}

/** The options of add-to-group as the JSON configuration gives them. */
export const addToGroupJsonOptions = strictOptions(addToGroupJsonEntries)
