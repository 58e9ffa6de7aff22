// -- token-claims reply ----------------------------------------------------------------------------
// Builds the patch for one event, in the container its version reads (AWS, "Pre token generation Lambda trigger"): V1 replies
// `claimsOverrideDetails` (string claims, ID token only); V2/V3 reply `claimsAndScopeOverrideDetails`.
// Additions that a V1 event cannot carry are skipped; restrictions it cannot carry fail closed.

import {
  UserFacingError,
  type GroupConfiguration,
  type JsonValue,
  type ResponsePatch,
  type TokenGenerationV1Event,
  type TokenGenerationV2Event,
} from '../../src/index.js'
import type { TokenKind } from '../../src/validation/index.js'
import type { ResolvedOptions } from './options.js'

/** The fields of a pre token generation event this plugin reads, all of them optional at runtime. */
export interface TokenEventView {
  readonly triggerSource: string
  readonly version?: unknown
  readonly callerContext?: { readonly clientId?: unknown } | null
  readonly request: {
    readonly userAttributes?: Readonly<Record<string, string>> | null
    readonly groupConfiguration?: Partial<GroupConfiguration> | null
    readonly scopes?: unknown
  }
}

export type TokenPatch = ResponsePatch<TokenGenerationV1Event> | ResponsePatch<TokenGenerationV2Event>

/** The message a user sees when `tenant.required` refuses the token; it names no value. */
export const TENANT_REQUIRED_MESSAGE = 'Your account is not assigned to an organization yet; please contact your administrator'

/** The code of that refusal, which `parseTriggerError` (`cognito-trigger-router/client`) returns. */
export const TENANT_REQUIRED_CODE = 'TENANT_REQUIRED'

/** Same test as the router's reply validation (src/validation/token-generation.ts): V2/V3 events carry `request.scopes`. */
export const isV2Event = (event: TokenEventView): boolean =>
  event.triggerSource === 'TokenGeneration_ClientCredentials' ||
  Array.isArray(event.request.scopes) ||
  event.version === '2' ||
  event.version === '3'

/** The object without its undefined members, or undefined when none is left: a reply sets only what changes. */
const compact = <T extends object>(value: T): T | undefined => {
  const entries = Object.entries(value).filter(([, part]) => part !== undefined)
  return entries.length > 0 ? (Object.fromEntries(entries) as T) : undefined
}
const listOrNothing = (items: readonly string[]) => (items.length > 0 ? [...new Set(items)] : undefined)
const mapOrNothing = <T>(entries: readonly (readonly [string, T])[]) =>
  entries.length > 0 ? Object.fromEntries(entries) : undefined

/**
 * The reply for a client credentials grant: the access token only. It reads the app client id and
 * nothing of a user, which the event does not have (src/events.ts).
 */
export const machineReply = (event: TokenEventView, options: ResolvedOptions): TokenPatch | undefined => {
  const clientId = event.callerContext?.clientId
  const rule = typeof clientId === 'string' ? options.clientCredentials.get(clientId) : undefined
  const accessTokenGeneration =
    rule &&
    compact({
      claimsToAddOrOverride: mapOrNothing(Object.entries(rule.claims)),
      scopesToAdd: listOrNothing(rule.scopesToAdd.filter((s) => !rule.scopesToSuppress.includes(s))),
      scopesToSuppress: listOrNothing(rule.scopesToSuppress),
    })
  return accessTokenGeneration && { claimsAndScopeOverrideDetails: { accessTokenGeneration } }
}

/** A claim to add, with `v1`, its value as a V1 reply must carry it: strings only (AWS, "Pre token generation Lambda trigger"). */
interface Claim {
  readonly claim: string
  readonly value: JsonValue
  readonly v1: string
  readonly tokens: readonly TokenKind[]
}

const claimsOf = (event: TokenEventView, groups: readonly string[], options: ResolvedOptions): Claim[] => {
  const attributes = event.request.userAttributes ?? {}
  const read = (name: string) => {
    const value = Object.hasOwn(attributes, name) ? attributes[name] : undefined
    return typeof value === 'string' && value !== '' ? value : undefined
  }
  const claims: Claim[] = []
  for (const { claim, attribute, tokens } of options.attributes) {
    const value = read(attribute)
    if (value !== undefined) claims.push({ claim, value, v1: value, tokens })
  }
  for (const { claim, value, tokens } of options.staticClaims) {
    claims.push({ claim, value, v1: typeof value === 'string' ? value : JSON.stringify(value), tokens })
  }
  if (options.groupClaims) {
    const { claim, map, tokens } = options.groupClaims
    const values = [...new Set(groups.flatMap((g) => map.get(g) ?? []))]
    if (values.length > 0) claims.push({ claim, value: values, v1: values.join(','), tokens })
  }
  if (options.tenant) {
    const { claim, attribute, required, tokens } = options.tenant
    const value = read(attribute)
    if (value !== undefined) claims.push({ claim, value, v1: value, tokens })
    else if (required) throw new UserFacingError(TENANT_REQUIRED_MESSAGE, { code: TENANT_REQUIRED_CODE })
  }
  return claims
}

/**
 * The group override, only when `groups` changes the membership. It starts from the request, so
 * roles and the preferred role survive; an empty or null override would strip cognito:groups
 * (AWS, "Pre token generation Lambda trigger"). A null `groupConfiguration` (seen on V2 pools, aws-lambda-rust-runtime #1129) counts as
 * no groups.
 */
const groupOverrideOf = (configuration: Partial<GroupConfiguration>, effective: readonly string[]) => {
  const original = configuration.groupsToOverride ?? []
  if (effective.length === original.length && effective.every((g, i) => g === original[i])) return undefined
  return {
    groupsToOverride: [...effective],
    iamRolesToOverride: [...(configuration.iamRolesToOverride ?? [])],
    ...(typeof configuration.preferredRole === 'string' ? { preferredRole: configuration.preferredRole } : {}),
  }
}

/** The reply for a user's tokens, or undefined when nothing changes. */
export const userReply = (event: TokenEventView, options: ResolvedOptions): TokenPatch | undefined => {
  const configuration = event.request.groupConfiguration ?? {}
  const original = configuration.groupsToOverride ?? []
  const { groups } = options
  const effective = groups ? [...new Set([...original, ...groups.add])].filter((g) => !groups.remove.has(g)) : original
  const groupOverrideDetails = groups && groupOverrideOf(configuration, effective)
  const claims = claimsOf(event, effective, options)
  const claimsFor = (token: TokenKind) =>
    mapOrNothing(claims.filter(({ tokens }) => tokens.includes(token)).map((c) => [c.claim, c.value] as const))
  const forGroups = (rules: ReadonlyMap<string, readonly string[]>) => effective.flatMap((g) => rules.get(g) ?? [])
  const scopesToSuppress = forGroups(options.scopes.suppress)
  const scopesToAdd = forGroups(options.scopes.add).filter((s) => !scopesToSuppress.includes(s))

  if (!isV2Event(event)) {
    if (scopesToSuppress.length > 0) {
      // Not a UserFacingError: the pool is misconfigured, and the token would grant more than configured.
      throw new Error('scopes.suppress applies to this user, but a V1 event cannot suppress scopes; use V2_0 or V3_0')
    }
    const claimsOverrideDetails = compact({
      claimsToAddOrOverride: mapOrNothing(claims.filter(({ tokens }) => tokens.includes('id')).map((c) => [c.claim, c.v1] as const)),
      claimsToSuppress: listOrNothing(options.suppress.id),
      groupOverrideDetails,
    })
    return claimsOverrideDetails && { claimsOverrideDetails }
  }
  const claimsAndScopeOverrideDetails = compact({
    idTokenGeneration: compact({
      claimsToAddOrOverride: claimsFor('id'),
      claimsToSuppress: listOrNothing(options.suppress.id),
    }),
    accessTokenGeneration: compact({
      claimsToAddOrOverride: claimsFor('access'),
      claimsToSuppress: listOrNothing(options.suppress.access),
      scopesToAdd: listOrNothing(scopesToAdd),
      scopesToSuppress: listOrNothing(scopesToSuppress),
    }),
    groupOverrideDetails,
  })
  return claimsAndScopeOverrideDetails && { claimsAndScopeOverrideDetails }
}
