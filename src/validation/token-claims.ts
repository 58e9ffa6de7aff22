// -- the claim vocabulary of pre token generation ------------------------------------
// The claim table of "Pre token generation Lambda trigger" (Amazon Cognito developer guide): which claims a reply may add or suppress, in which token. Pure data
// and functions with no event in sight, so the token-claims plugin can check its
// configuration against the same list at cold start.

import { quote } from './common.js'

/** The token a claim change targets. V1 replies change the ID token only. */
export type TokenKind = 'id' | 'access'

export type ClaimChange = 'add' | 'suppress'

/**
 * Claims no reply may add, override or suppress ("Pre token generation Lambda trigger"), besides every `cognito:*` claim.
 * `username` is reserved in the access token only: the ID token has `cognito:username` instead.
 */
export const RESERVED_CLAIMS = [
  'username',
  'sub',
  'identities',
  'client_id',
  'event_id',
  'device_key',
  'version',
  'acr',
  'amr',
  'at_hash',
  'auth_time',
  'azp',
  'exp',
  'iat',
  'iss',
  'jti',
  'nbf',
  'nonce',
  'origin_jti',
  'token_use',
] as const

export type ReservedClaim = (typeof RESERVED_CLAIMS)[number]

/** ID-token claims whose value must not be an object or array, even in V2/V3. */
export const ID_TOKEN_SCALAR_CLAIMS = ['email_verified', 'phone_number_verified', 'updated_at', 'address'] as const

const RESERVED: ReadonlySet<string> = new Set(RESERVED_CLAIMS)

/**
 * Is `name` a claim that no reply may add or override in `token`? True for every `cognito:*`
 * claim and the names in {@link RESERVED_CLAIMS}. Without `token` it answers for the access
 * token, the stricter of the two, i.e. "reserved somewhere". `cognito:groups` is reserved too,
 * yet may be suppressed: see {@link claimChangeProblem}.
 *
 * @example
 * ```ts
 * isReservedClaim('sub') // true
 * isReservedClaim('cognito:roles') // true
 * isReservedClaim('username', 'id') // false: only the access token has `username`
 * isReservedClaim('custom:tenant') // false
 * ```
 */
export const isReservedClaim = (
  name: unknown,
  token: TokenKind = 'access',
): name is ReservedClaim | `cognito:${string}` =>
  typeof name === 'string' &&
  (name.startsWith('cognito:') || (RESERVED.has(name) && (token === 'access' || name !== 'username')))

/** Why a claim change is refused: the rule id and a message naming the claim, never a value. */
export interface ClaimProblem {
  readonly rule: string
  readonly reason: string
}

/**
 * Why a reply may not `change` claim `name` in `token`, or `undefined` when it may.
 * An allowed `aud` addition still needs the app client id as its value; that needs the event.
 *
 * @example
 * ```ts
 * claimChangeProblem('dev:debug', 'id', 'suppress') // undefined
 * claimChangeProblem('dev:debug', 'id', 'add')?.rule // 'tokengeneration.dev-claim'
 * claimChangeProblem('cognito:groups', 'access', 'suppress') // undefined
 * ```
 */
export const claimChangeProblem = (name: string, token: TokenKind, change: ClaimChange): ClaimProblem | undefined => {
  // Groups change through groupOverrideDetails; suppressing cognito:groups is how a reply drops them.
  if (name === 'cognito:groups' && change === 'suppress') return undefined
  const action = change === 'add' ? 'added or overridden' : 'suppressed'
  if (isReservedClaim(name, token)) {
    const reason = `claim ${quote(name)} is reserved and cannot be ${action} in the ${token} token`
    return { rule: 'tokengeneration.reserved-claim', reason }
  }
  if (change === 'add' && name.startsWith('dev:')) {
    const reason = `claim ${quote(name)} is a dev: claim, which may only be suppressed`
    return { rule: 'tokengeneration.dev-claim', reason }
  }
  if (name === 'aud' && (change === 'suppress' || token === 'id')) {
    const reason = `aud cannot be ${action} in the ${token} token; only added to the access token`
    return { rule: 'tokengeneration.aud', reason }
  }
  return undefined
}
