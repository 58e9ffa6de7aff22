// -- token-claims --------------------------------------------------------------------------------
// Declarative token customisation for every TokenGeneration_* source (AWS, "Pre token generation Lambda trigger"), written in the
// container the event's version reads. Groups are never touched unless `groups` says so, because
// an empty or null groupOverrideDetails strips `cognito:groups` from both tokens (same page).
// A machine token (TokenGeneration_ClientCredentials) has no user: only `clientCredentials` applies.

import { definePlugin, type JsonValue, type Plugin } from '../../src/index.js'
import type { TokenKind } from '../../src/validation/index.js'
import { resolveOptions, type PoolVersion } from './options.js'
import { isV2Event, machineReply, userReply, type TokenEventView } from './reply.js'

export { POOL_VERSIONS, TOKEN_KINDS, type PoolVersion } from './options.js'
export { manifest as tokenClaimsManifest } from './manifest.js'
export { TENANT_REQUIRED_CODE, TENANT_REQUIRED_MESSAGE } from './reply.js'
export type { TokenKind } from '../../src/validation/index.js'

/** A claim copied from a user attribute, into the tokens listed (default: the global `tokens`). */
export interface AttributeClaim {
  /** `email`, `custom:department`, …; a user without it gets no claim. */
  attribute: string
  tokens?: readonly TokenKind[]
}

/** An array claim from group membership: `{ claim: 'roles', map: { admins: 'admin' } }`. */
export interface GroupClaims {
  claim: string
  /** Group name → value. Groups not listed add nothing; values must not contain a comma (V1 joins with commas). */
  map: Readonly<Record<string, string>>
  tokens?: readonly TokenKind[]
}

/** Access-token scopes per group (V2_0/V3_0 only); suppression beats addition. */
export interface GroupScopes {
  add?: Readonly<Record<string, readonly string[]>>
  suppress?: Readonly<Record<string, readonly string[]>>
}

/** A tenant claim from a user attribute; `required` refuses tokens to users without it. */
export interface TenantClaim {
  claim: string
  attribute: string
  required?: boolean
  tokens?: readonly TokenKind[]
}

/** What a machine client's access token gets on TokenGeneration_ClientCredentials (V3_0 only). */
export interface ClientCredentialsRule {
  scopesToAdd?: readonly string[]
  scopesToSuppress?: readonly string[]
  claims?: Readonly<Record<string, JsonValue>>
}

/** Deliberate group membership changes, applied to `request.groupConfiguration`. */
export interface GroupChanges {
  add?: readonly string[]
  remove?: readonly string[]
}

/** Options of {@link tokenClaims}. At least one of the first eight is required. */
export interface TokenClaimsOptions {
  /** Claim name → user attribute name, or `{ attribute, tokens }`. */
  attributes?: Readonly<Record<string, string | AttributeClaim>>
  /** Claim name → fixed JSON value (V1 events receive non-strings JSON-encoded). */
  staticClaims?: Readonly<Record<string, JsonValue>>
  groupClaims?: GroupClaims
  scopes?: GroupScopes
  /** Claims removed from both tokens where Cognito allows it (`dev:` claims included). */
  suppressClaims?: readonly string[]
  tenant?: TenantClaim
  /** App client id → rule, for machine-to-machine tokens. */
  clientCredentials?: Readonly<Record<string, ClientCredentialsRule>>
  groups?: GroupChanges
  /** Tokens that added claims go to, unless an entry says otherwise. Default `['id', 'access']`. */
  tokens?: readonly TokenKind[]
  /** The pool's `PreTokenGenerationConfig.LambdaVersion`, to check the options against it at cold start. */
  version?: PoolVersion
}

/**
 * Customises ID and access tokens from configuration: claims from user attributes, fixed claims,
 * role claims from groups, per-group scopes, suppressed claims, a tenant claim that can be
 * required, machine-client scopes, and deliberate group changes. Each reply uses the container
 * of the event's version: `claimsOverrideDetails` for V1 (string claims, ID token only),
 * `claimsAndScopeOverrideDetails` for V2/V3. Everything Cognito forbids (reserved claims, `aud`,
 * `dev:` additions, scopes with spaces, complex `email_verified`…) is refused at cold start with a
 * ConfigurationError naming the option, e.g. `staticClaims["sub"]: claim "sub" is reserved …`.
 *
 * @example
 * ```ts
 * import { createRouter } from 'cognito-trigger-router'
 * import { tokenClaims } from 'cognito-trigger-router/plugins'
 *
 * export const handler = createRouter({
 *   plugins: [
 *     tokenClaims({
 *       version: 'V2_0',
 *       attributes: { department: 'custom:department', email: { attribute: 'email', tokens: ['access'] } },
 *       groupClaims: { claim: 'roles', map: { admins: 'admin', staff: 'employee' } },
 *       scopes: { add: { admins: ['orders/write'] }, suppress: { contractors: ['orders/write'] } },
 *       tenant: { claim: 'tenant_id', attribute: 'custom:tenant_id', required: true },
 *       suppressClaims: ['dev:debug'],
 *     }),
 *   ],
 * })
 * ```
 */
export const tokenClaims = (options: TokenClaimsOptions): Plugin<readonly ['TokenGeneration_*']> => {
  const resolved = resolveOptions(options)

  return definePlugin({
    name: 'token-claims',
    triggers: ['TokenGeneration_*'],
    handler: (event, { logger }) => {
      const view = event as TokenEventView
      const v2 = isV2Event(view)
      // The classic "V2 not applied": tooling reverted the pool to V1_0 on redeploy (plugins/token-claims/README.md).
      if (resolved.version !== undefined && (resolved.version === 'V1_0') === v2) {
        const eventVersion = typeof view.version === 'string' ? view.version : null
        logger.warn('the event version differs from the configured version; check PreTokenGenerationConfig.LambdaVersion', {
          configured: resolved.version,
          eventVersion,
        })
      }
      const machine = event.triggerSource === 'TokenGeneration_ClientCredentials'
      const patch = machine ? machineReply(view, resolved) : userReply(view, resolved)
      logger.debug(patch === undefined ? 'no token change' : 'tokens customised', { container: v2 ? 'V2' : 'V1' })
      return patch
    },
  })
}
