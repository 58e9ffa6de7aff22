// -- token-claims options schema ----------------------------------------------------------------
// The shape of the JSON options, light enough for the manifest (and so for every cold start). The
// rules of the AWS docs page "Pre token generation Lambda trigger" (reserved claims, pool versions)
// and one owner per claim are checked by resolveOptions in options.ts, with the option path.

import * as v from 'valibot'
import { flag, recordOptions, strictOptions } from '../../src/options.js'
import type { TokenKind } from '../../src/validation/index.js'

export const TOKEN_KINDS = ['id', 'access'] as const satisfies readonly TokenKind[]
export const POOL_VERSIONS = ['V1_0', 'V2_0', 'V3_0'] as const
export type PoolVersion = (typeof POOL_VERSIONS)[number]

const STRING = v.string('must be a string')
const strings = v.array(STRING, 'must be an array')
const tokenKinds = v.array(v.picklist(TOKEN_KINDS, 'must be "id" or "access"'), 'must be an array')
const objectOf = <V extends v.GenericSchema>(value: V) => recordOptions(v.string(), value, 'must be an object')

/** The options of token-claims as the JSON configuration gives them (they are all JSON). */
export const tokenClaimsJsonOptions = strictOptions({
  attributes: v.optional(
    objectOf(v.union([STRING, strictOptions({ attribute: STRING, tokens: v.optional(tokenKinds) })], 'must be an attribute name or { attribute, tokens }')),
  ),
  // Any JSON value; resolveOptions refuses null and what JSON cannot carry.
  staticClaims: v.optional(objectOf(v.unknown())),
  groupClaims: v.optional(strictOptions({ claim: STRING, map: objectOf(STRING), tokens: v.optional(tokenKinds) })),
  scopes: v.optional(strictOptions({ add: v.optional(objectOf(strings)), suppress: v.optional(objectOf(strings)) })),
  suppressClaims: v.optional(strings),
  tenant: v.optional(strictOptions({ claim: STRING, attribute: STRING, required: v.optional(flag()), tokens: v.optional(tokenKinds) })),
  clientCredentials: v.optional(
    objectOf(strictOptions({ scopesToAdd: v.optional(strings), scopesToSuppress: v.optional(strings), claims: v.optional(objectOf(v.unknown())) })),
  ),
  groups: v.optional(strictOptions({ add: v.optional(strings), remove: v.optional(strings) })),
  tokens: v.optional(tokenKinds),
  version: v.optional(v.picklist(POOL_VERSIONS, `must be one of ${POOL_VERSIONS.join(', ')}`)),
})
