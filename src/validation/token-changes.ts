// -- claim and scope changes ---------------------------------------------------------
// The rules of "Pre token generation Lambda trigger" (Amazon Cognito developer guide) applied to what a pre token generation reply adds and suppresses: reserved
// claims, claim value types per version, the app-client-only aud, and scope syntax.

import { describe, isPlainObject } from '../json.js'
import { listOf } from './checks.js'
import { entryPath, fail, getOwn, isJsonValue, type Check, type ReplyContext } from './common.js'
import { claimChangeProblem, ID_TOKEN_SCALAR_CLAIMS, type ClaimChange, type TokenKind } from './token-claims.js'

export const TYPE = 'tokengeneration.type'
const VALUE = 'tokengeneration.claim-value'
const SCOPE = 'tokengeneration.scope'
const SCALAR: readonly string[] = ID_TOKEN_SCALAR_CLAIMS

/** Where claims go: the token, and whether values must be strings (V1 takes strings only). */
export interface ClaimTarget {
  readonly token: TokenKind
  readonly strings: boolean
}

const refuse = (name: string, token: TokenKind, change: ClaimChange, path: string): void => {
  const problem = claimChangeProblem(name, token, change)
  if (problem) fail(problem.rule, path, problem.reason)
}

const claimValue = (value: unknown, name: string, { token, strings }: ClaimTarget, path: string): void => {
  if (strings && typeof value !== 'string') {
    return fail(VALUE, path, `V1 claim values must be strings, got ${describe(value)}`)
  }
  if (!isJsonValue(value)) return fail(VALUE, path, `must be a JSON value, got ${describe(value)}`)
  if (token === 'id' && SCALAR.includes(name) && (Array.isArray(value) || isPlainObject(value))) {
    fail('tokengeneration.id-claim-complex', path, `${name} cannot hold ${describe(value)} in the ID token`)
  }
}

// Only reached for the access token: refuse() has already stopped aud in the ID token.
const audience = (value: unknown, path: string, context: ReplyContext): void => {
  const clientId = getOwn(getOwn(context.event, 'callerContext'), 'clientId')
  if (typeof clientId !== 'string' || value !== clientId) {
    fail('tokengeneration.aud', path, 'aud may only be the app client id, event.callerContext.clientId')
  }
}

/** A `claimsToAddOrOverride` map for `target`. */
export const claims =
  (target: ClaimTarget): Check =>
  (value, path, context) => {
    if (!isPlainObject(value)) return fail(TYPE, path, `must be an object of claims, got ${describe(value)}`)
    for (const name of Object.keys(value)) {
      const at = entryPath(path, name)
      refuse(name, target.token, 'add', at)
      claimValue(value[name], name, target, at)
      if (name === 'aud') audience(value[name], at, context)
    }
  }

/** A `claimsToSuppress` list for `token`. */
export const suppressed = (token: TokenKind): Check =>
  listOf((name, path) => {
    if (typeof name !== 'string') return fail(TYPE, path, `must be a claim name, got ${describe(name)}`)
    refuse(name, token, 'suppress', path)
  }, TYPE)

/** A `scopesToAdd` or `scopesToSuppress` list (access token, V2/V3 only). */
export const scopes = listOf((value, path) => {
  if (typeof value !== 'string') return fail(SCOPE, path, `must be a scope string, got ${describe(value)}`)
  // Scopes may not contain whitespace; the token's space-separated `scope` would split it.
  if (value === '' || /\s/u.test(value)) fail(SCOPE, path, 'must be a non-empty scope without whitespace')
}, SCOPE)
