// -- token-claims options ------------------------------------------------------------------------
// Everything Cognito forbids in a token (AWS docs: "Pre token generation Lambda trigger") is refused here, at cold start, with the option path,
// because Cognito's own reaction to a forbidden claim is unconfirmed and may be silence (AWS docs: "Pre token generation Lambda trigger").

import type { JsonValue } from '../../src/index.js'
import { jsonEqual } from '../../src/json.js'
import { invalidOption, parseOptions } from '../../src/options.js'
import { claimChangeProblem, ID_TOKEN_SCALAR_CLAIMS, type TokenKind } from '../../src/validation/index.js'
import { TOKEN_KINDS, type PoolVersion } from './schema.js'
import { manifest } from './manifest.js'

export { POOL_VERSIONS, TOKEN_KINDS, type PoolVersion } from './schema.js'


/** Standard user pool attributes; any other attribute is `custom:…` or `dev:…`. */
export const STANDARD_ATTRIBUTES = [
  'address', 'birthdate', 'email', 'email_verified', 'family_name', 'gender', 'given_name', 'identities',
  'locale', 'middle_name', 'name', 'nickname', 'phone_number', 'phone_number_verified', 'picture',
  'preferred_username', 'profile', 'sub', 'updated_at', 'website', 'zoneinfo',
] as const

type Tokens = readonly TokenKind[]
type Scopes = ReadonlyMap<string, readonly string[]>
export interface MachineRule {
  readonly scopesToAdd: readonly string[]
  readonly scopesToSuppress: readonly string[]
  readonly claims: Readonly<Record<string, JsonValue>>
}

/** The options, checked and ready to apply per request. */
export interface ResolvedOptions {
  readonly attributes: readonly { readonly claim: string; readonly attribute: string; readonly tokens: Tokens }[]
  readonly staticClaims: readonly { readonly claim: string; readonly value: JsonValue; readonly tokens: Tokens }[]
  readonly groupClaims: { readonly claim: string; readonly map: ReadonlyMap<string, string>; readonly tokens: Tokens } | undefined
  readonly tenant: { readonly claim: string; readonly attribute: string; readonly required: boolean; readonly tokens: Tokens } | undefined
  readonly suppress: { readonly id: readonly string[]; readonly access: readonly string[] }
  readonly scopes: { readonly add: Scopes; readonly suppress: Scopes }
  readonly groups: { readonly add: readonly string[]; readonly remove: ReadonlySet<string> } | undefined
  readonly clientCredentials: ReadonlyMap<string, MachineRule>
  readonly version: PoolVersion | undefined
}

// -- primitives ------------------------------------------------------------------------------------

const fail = invalidOption
const at = (parent: string, key: string) => `${parent}[${JSON.stringify(key)}]`

const text = (value: string, where: string, pattern = /^\S+$/u, what = 'a non-empty string without spaces') =>
  pattern.test(value) ? value : fail(`${where} must be ${what}`)
const list = <T, I>(value: readonly I[], where: string, item: (entry: I, where: string) => T): T[] =>
  value.map((entry, index) => item(entry, `${where}[${index}]`))
const map = <T, I>(value: Readonly<Record<string, I>>, where: string, item: (entry: I, where: string, key: string) => T) =>
  new Map(Object.entries(value).map(([key, entry]) => [key, item(entry, at(where, key), key)]))
const isJson = (value: unknown): value is JsonValue => {
  try {
    return value !== undefined && jsonEqual(JSON.parse(JSON.stringify(value)), value)
  } catch {
    return false
  }
}

// AWS docs: "Pre token generation Lambda trigger": a scope is one space-separated word of the token's `scope` claim.
const scope = (value: string, where: string) => text(value, where)
const group = (value: string, where: string) =>
  text(value, where, /^\S{1,128}$/u, 'a group name (1 to 128 characters, no spaces)')
const claimName = (value: string, where: string) => text(value, where, /^.+$/u, 'a non-empty claim name')

// -- claims ----------------------------------------------------------------------------------------

const SCALAR: readonly string[] = ID_TOKEN_SCALAR_CLAIMS

/** Checks that `claim` may be added to `tokens` (AWS docs: "Pre token generation Lambda trigger"); returns the tokens the pool version can change. */
const claimFor = (claim: string, tokens: Tokens, where: string, version: PoolVersion | undefined): TokenKind[] => {
  if (claim === '') fail(`${where}: a claim name cannot be empty`)
  // The only aud Cognito accepts is the app client id of each request, which configuration cannot know.
  if (claim === 'aud') fail(`${where}: aud cannot be configured; Cognito sets it to the app client id, the only value it accepts (AWS docs: "Pre token generation Lambda trigger")`)
  for (const token of tokens) {
    const problem = claimChangeProblem(claim, token, 'add')
    if (problem) fail(`${where}: ${problem.reason}`)
  }
  const usable = version === 'V1_0' ? tokens.filter((token) => token === 'id') : [...tokens]
  return usable.length > 0 ? usable : fail(`${where}: a V1_0 pool changes the ID token only, so "tokens" must include "id"`)
}

const complexInIdToken = (claim: string, tokens: Tokens, where: string, what: string): void => {
  if (tokens.includes('id') && SCALAR.includes(claim)) fail(`${where}: ${claim} cannot hold ${what} in the ID token (AWS docs: "Pre token generation Lambda trigger")`)
}

const tokenList = (tokens: readonly TokenKind[], where: string): readonly TokenKind[] => {
  if (tokens.length === 0 || new Set(tokens).size !== tokens.length) fail(`${where} must list "id" and/or "access" once each`)
  return tokens
}

const attributeName = (value: string, where: string): string => {
  const name = text(value, where)
  if (/^(custom|dev|cognito):./u.test(name) || (STANDARD_ATTRIBUTES as readonly string[]).includes(name)) return name
  return fail(`${where} names "${name}", which is neither a standard attribute nor custom:…; did you mean "custom:${name}"?`)
}

// -- options ---------------------------------------------------------------------------------------

const CHANGES = ['attributes', 'staticClaims', 'groupClaims', 'scopes', 'suppressClaims', 'tenant', 'clientCredentials', 'groups'] as const

/** Validates the options, throwing a ConfigurationError that names the option path. */
export const resolveOptions = (value: unknown): ResolvedOptions => {
  const o = parseOptions(manifest.options, value)
  if (!CHANGES.some((key) => o[key] !== undefined)) fail(`set at least one of ${CHANGES.join(', ')}`)
  const { version } = o
  const defaults = o.tokens === undefined ? [...TOKEN_KINDS] : tokenList(o.tokens, 'tokens')
  const tokensOf = (spec: { readonly tokens?: readonly TokenKind[] }, where: string) =>
    spec.tokens === undefined ? defaults : tokenList(spec.tokens, `${where}.tokens`)
  const owners = new Map<string, string>()
  // Two options writing one claim would race; say which wins by refusing the second.
  const own = (claim: string, where: string, tokens: Tokens) => {
    if (owners.has(claim)) fail(`${where}: claim "${claim}" is already set by ${owners.get(claim)}`)
    owners.set(claim, where)
    return claimFor(claim, tokens, where, version)
  }

  const attributes = [...map(o.attributes ?? {}, 'attributes', (entry, where, claim) => {
    const spec = typeof entry === 'string' ? { attribute: entry } : entry
    const tokens = own(claim, where, tokensOf(spec, where))
    return { claim, attribute: attributeName(spec.attribute, `${where}.attribute`), tokens }
  }).values()]

  const staticClaims = [...map(o.staticClaims ?? {}, 'staticClaims', (entry, where, claim) => {
    if (!isJson(entry) || entry === null) fail(`${where} must be a JSON value other than null (suppress with suppressClaims)`)
    if (version === 'V1_0' && typeof entry !== 'string') fail(`${where}: a V1_0 pool accepts string claim values only (AWS docs: "Pre token generation Lambda trigger")`)
    const tokens = own(claim, where, defaults)
    if (typeof entry === 'object') complexInIdToken(claim, tokens, where, 'an object or array')
    return { claim, value: entry as JsonValue, tokens }
  }).values()]

  let groupClaims: ResolvedOptions['groupClaims']
  if (o.groupClaims !== undefined) {
    const spec = o.groupClaims
    const claim = claimName(spec.claim, 'groupClaims.claim')
    const tokens = own(claim, 'groupClaims.claim', tokensOf(spec, 'groupClaims'))
    complexInIdToken(claim, tokens, 'groupClaims.claim', 'an array')
    // V1 joins the values with commas (string claims only), so a comma would split one value in two.
    const values = map(spec.map, 'groupClaims.map', (entry, where, name) => {
      group(name, where)
      return text(entry, where, /^[^,]+$/u, 'a non-empty string without commas')
    })
    if (values.size === 0) fail('groupClaims.map must map at least one group')
    groupClaims = { claim, map: values, tokens }
  }

  let tenant: ResolvedOptions['tenant']
  if (o.tenant !== undefined) {
    const spec = o.tenant
    const claim = claimName(spec.claim, 'tenant.claim')
    const required = spec.required ?? false
    const tokens = own(claim, 'tenant.claim', tokensOf(spec, 'tenant'))
    tenant = { claim, attribute: attributeName(spec.attribute, 'tenant.attribute'), required: required === true, tokens }
  }

  const suppressed = list(o.suppressClaims ?? [], 'suppressClaims', (entry, where) => {
    const claim = claimName(entry, where)
    const problem =
      claimChangeProblem(claim, 'id', 'suppress') ??
      (version === 'V1_0' ? undefined : claimChangeProblem(claim, 'access', 'suppress'))
    if (problem) fail(`${where}: ${problem.reason}`)
    if (owners.has(claim)) fail(`${where}: claim "${claim}" is also added by ${owners.get(claim)}; Cognito would suppress it`)
    return claim
  })
  // A V1_0 configuration may suppress `username` in the ID token; it must not reach a V2 access token.
  const suppress = { id: suppressed, access: suppressed.filter((c) => !claimChangeProblem(c, 'access', 'suppress')) }

  if (o.scopes !== undefined && version === 'V1_0') fail('scopes: a V1_0 pool cannot change scopes; use V2_0 or V3_0 (AWS docs: "Pre token generation Lambda trigger")')
  const scopeSpec = o.scopes ?? {}
  const scopeMap = (key: 'add' | 'suppress') =>
    map(scopeSpec[key] ?? {}, `scopes.${key}`, (entry, where, name) => {
      group(name, where)
      return list(entry, where, scope)
    })
  const scopes = { add: scopeMap('add'), suppress: scopeMap('suppress') }

  let groups: ResolvedOptions['groups']
  if (o.groups !== undefined) {
    const spec = o.groups
    const add = list(spec.add ?? [], 'groups.add', group)
    const remove = new Set(list(spec.remove ?? [], 'groups.remove', group))
    if (add.length + remove.size === 0) fail('groups needs a non-empty add or remove list')
    const both = add.find((name) => remove.has(name))
    if (both !== undefined) fail(`groups: "${both}" is both added and removed`)
    groups = { add, remove }
  }

  if (o.clientCredentials !== undefined && version !== undefined && version !== 'V3_0') {
    fail('clientCredentials: Cognito invokes the trigger for client credentials only under V3_0 (AWS docs: "Pre token generation Lambda trigger")')
  }
  const clientCredentials = map(o.clientCredentials ?? {}, 'clientCredentials', (entry, where, clientId) => {
    if (!/^[\w+]{1,128}$/u.test(clientId)) fail(`${where}: an app client id has 1 to 128 letters, digits, "_" or "+"`)
    const spec = entry
    const claimMap = map(spec.claims ?? {}, `${where}.claims`, (value, w, claim) => {
      claimFor(claim, ['access'], w, 'V3_0')
      return isJson(value) && value !== null ? value : fail(`${w} must be a JSON value other than null`)
    })
    const rule: MachineRule = {
      scopesToAdd: list(spec.scopesToAdd ?? [], `${where}.scopesToAdd`, scope),
      scopesToSuppress: list(spec.scopesToSuppress ?? [], `${where}.scopesToSuppress`, scope),
      claims: Object.fromEntries(claimMap),
    }
    if (rule.scopesToAdd.length + rule.scopesToSuppress.length + claimMap.size === 0) fail(`${where} changes nothing`)
    return rule
  })

  return { attributes, staticClaims, groupClaims, tenant, suppress, scopes, groups, clientCredentials, version }
}
