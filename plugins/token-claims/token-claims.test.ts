import { describe, expect, it } from 'vitest'
import {
  ConfigurationError,
  createRouter,
  createRouterFromConfig,
  TRIGGER_SOURCES,
  type TriggerSource,
} from '../../src/index.js'
import { createEvent } from '../../src/testing/index.js'
import { describePluginContract } from '../../src/testing/vitest.js'
import { capturingLogger, settle } from '../../test/helpers/lambda.js'
import { TENANT_REQUIRED_CODE, TENANT_REQUIRED_MESSAGE, tokenClaims, type TokenClaimsOptions } from './index.js'

type TokenSource = Extract<TriggerSource, `TokenGeneration_${string}`>
type UserSource = Exclude<TokenSource, 'TokenGeneration_ClientCredentials'>
const SOURCES = TRIGGER_SOURCES.filter((s): s is TokenSource => s.startsWith('TokenGeneration_'))
const USER_SOURCES = SOURCES.filter((s): s is UserSource => s !== 'TokenGeneration_ClientCredentials')
const VERSIONS = [1, 2, 3] as const
const CLIENT = '1example23456789'

const ATTRIBUTES = {
  sub: '5d5a1e8e-1c2b-4a6f-9f0e-2b1f6f7a3c11',
  email: 'jane.doe@example.com',
  email_verified: 'true',
  'custom:department': 'Sales',
  'custom:tenant_id': 'tenant-42',
}
const GROUPS = { groupsToOverride: ['staff', 'admins'], iamRolesToOverride: ['arn:aws:iam::123456789012:role/Staff'], preferredRole: 'arn:aws:iam::123456789012:role/Staff' }

const tokenEvent = (
  version: 1 | 2 | 3 = 2,
  { source = 'TokenGeneration_HostedAuth', attributes = ATTRIBUTES, groups = GROUPS }: { source?: TokenSource; attributes?: Record<string, string>; groups?: object | null } = {},
) => createEvent(source, { tokenVersion: version, userAttributes: attributes, overrides: { request: { groupConfiguration: groups } } })

const machineEvent = (clientId = '3m2mclient0example') =>
  createEvent('TokenGeneration_ClientCredentials', { overrides: { callerContext: { clientId }, request: { scopes: ['orders/read'] } } })

const run = async (options: TokenClaimsOptions, event: unknown) => {
  const logger = capturingLogger()
  const router = createRouter({ plugins: [tokenClaims(options)], logger })
  const outcome = await settle(router, event)
  return { ...outcome, response: (outcome.reply as { response?: unknown } | undefined)?.response, logger }
}

const v2 = (details: object) => ({ claimsAndScopeOverrideDetails: details })
const both = (claims: object) => v2({ idTokenGeneration: { claimsToAddOrOverride: claims }, accessTokenGeneration: { claimsToAddOrOverride: claims } })

describe('tokenClaims: the container follows the event version', () => {
  const options: TokenClaimsOptions = { attributes: { department: 'custom:department' } }

  it.each(USER_SOURCES.flatMap((source) => VERSIONS.map((version) => [source, version] as const)))(
    'on %s version %s, replies in the container Cognito reads and echoes the envelope',
    async (source, version) => {
      // Prepare
      const event = tokenEvent(version, { source })
      // Act
      const { reply, error } = await run(options, event)
      // Assess
      expect(error).toBeUndefined()
      const response = version === 1 ? { claimsOverrideDetails: { claimsToAddOrOverride: { department: 'Sales' } } } : both({ department: 'Sales' })
      expect(reply).toStrictEqual({ ...event, response })
    },
  )

  it.each([
    ['version "1" with request.scopes', { version: '1' }, 'claimsAndScopeOverrideDetails'],
    ['version "2" without request.scopes', { version: '2', request: { scopes: undefined } }, 'claimsAndScopeOverrideDetails'],
    ['version "1" without request.scopes', { version: '1', request: { scopes: undefined } }, 'claimsOverrideDetails'],
  ])('treats an event with %s as such', async (_case, overrides, container) => {
    // Prepare
    const base = tokenEvent(2)
    const event = { ...base, ...overrides, request: { ...base.request, ...('request' in overrides ? overrides.request : {}) } }
    // Act
    const { response, error } = await run(options, JSON.parse(JSON.stringify(event)))
    // Assess
    expect(error).toBeUndefined()
    expect(Object.keys(response as object)).toContain(container)
    expect((response as Record<string, unknown>)[container]).not.toBeNull()
  })
})

describe('tokenClaims: attributes', () => {
  it('writes each mapping to the tokens it names', async () => {
    // Prepare
    const options: TokenClaimsOptions = {
      attributes: { department: 'custom:department', mail: { attribute: 'email', tokens: ['access'] } },
      tokens: ['id'],
    }
    // Act
    const { response } = await run(options, tokenEvent(2))
    // Assess
    expect(response).toStrictEqual(
      v2({
        idTokenGeneration: { claimsToAddOrOverride: { department: 'Sales' } },
        accessTokenGeneration: { claimsToAddOrOverride: { mail: 'jane.doe@example.com' } },
      }),
    )
  })

  it.each([
    ['missing', { sub: 'u-1' }],
    ['empty', { sub: 'u-1', 'custom:department': '' }],
  ])('adds nothing when the attribute is %s', async (_case, attributes) => {
    // Prepare
    const event = tokenEvent(2, { attributes })
    // Act
    const { reply } = await run({ attributes: { department: 'custom:department' } }, event)
    // Assess
    expect(reply).toStrictEqual(event)
  })

  it('skips access-token claims on V1, which changes the ID token only', async () => {
    // Prepare
    const event = tokenEvent(1)
    // Act
    const { reply } = await run({ attributes: { department: { attribute: 'custom:department', tokens: ['access'] } } }, event)
    // Assess
    expect(reply).toStrictEqual(event)
  })
})

describe('tokenClaims: staticClaims', () => {
  const staticClaims = { plan: 'pro', seats: 5, beta: true, features: ['a', 'b'], limits: { daily: 10 } }

  it('keeps JSON values as they are on V2 and V3', async () => {
    for (const version of [2, 3] as const) {
      const { response } = await run({ staticClaims }, tokenEvent(version))
      expect(response).toStrictEqual(both(staticClaims))
    }
  })

  it('JSON-encodes non-string values on V1, which takes strings only', async () => {
    // Act
    const { response } = await run({ staticClaims }, tokenEvent(1))
    // Assess
    expect(response).toStrictEqual({
      claimsOverrideDetails: {
        claimsToAddOrOverride: { plan: 'pro', seats: '5', beta: 'true', features: '["a","b"]', limits: '{"daily":10}' },
      },
    })
  })

  it('goes to the tokens listed globally', async () => {
    const { response } = await run({ staticClaims: { plan: 'pro' }, tokens: ['access'] }, tokenEvent(2))
    expect(response).toStrictEqual(v2({ accessTokenGeneration: { claimsToAddOrOverride: { plan: 'pro' } } }))
  })
})

describe('tokenClaims: groupClaims', () => {
  const groupClaims = { claim: 'roles', map: { admins: 'admin', staff: 'employee', support: 'employee' } }

  it('adds an array on V2/V3 and a comma-joined string on V1, in group order without duplicates', async () => {
    // Prepare
    const groups = { ...GROUPS, groupsToOverride: ['support', 'staff', 'admins', 'unmapped'] }
    // Act
    const second = await run({ groupClaims }, tokenEvent(2, { groups }))
    const first = await run({ groupClaims }, tokenEvent(1, { groups }))
    // Assess
    expect(second.response).toStrictEqual(both({ roles: ['employee', 'admin'] }))
    expect(first.response).toStrictEqual({ claimsOverrideDetails: { claimsToAddOrOverride: { roles: 'employee,admin' } } })
  })

  it('adds nothing for a user in no mapped group', async () => {
    const event = tokenEvent(2, { groups: { ...GROUPS, groupsToOverride: ['others'] } })
    expect((await run({ groupClaims }, event)).reply).toStrictEqual(event)
  })
})

describe('tokenClaims: scopes', () => {
  const scopes = { add: { admins: ['orders/write', 'orders/admin'], staff: ['orders/read'] }, suppress: { staff: ['orders/admin'] } }

  it('adds and suppresses the scopes of the user groups, suppression first', async () => {
    // Act
    const { response } = await run({ scopes }, tokenEvent(3))
    // Assess
    expect(response).toStrictEqual(
      v2({ accessTokenGeneration: { scopesToAdd: ['orders/read', 'orders/write'], scopesToSuppress: ['orders/admin'] } }),
    )
  })

  it('changes nothing for a user in none of the groups', async () => {
    const event = tokenEvent(2, { groups: { ...GROUPS, groupsToOverride: [] } })
    expect((await run({ scopes }, event)).reply).toStrictEqual(event)
  })

  it('skips added scopes on a V1 event, which cannot carry them', async () => {
    const event = tokenEvent(1)
    expect((await run({ scopes: { add: scopes.add } }, event)).reply).toStrictEqual(event)
  })

  it('fails closed on a V1 event when a scope must be suppressed, with the generic message', async () => {
    // Act
    const { error, logger } = await run({ scopes }, tokenEvent(1))
    // Assess
    expect(error?.message).toBe('[INTERNAL_ERROR] We could not complete your request (reference req-0000-1111)')
    expect(logger.text()).toContain('cannot suppress scopes')
  })
})

describe('tokenClaims: suppressClaims', () => {
  it('suppresses in the ID token on V1 and in both tokens on V2/V3', async () => {
    // Act
    const first = await run({ suppressClaims: ['email', 'dev:debug'] }, tokenEvent(1))
    const second = await run({ suppressClaims: ['email', 'dev:debug'] }, tokenEvent(2))
    // Assess
    expect(first.response).toStrictEqual({ claimsOverrideDetails: { claimsToSuppress: ['email', 'dev:debug'] } })
    const suppress = { claimsToSuppress: ['email', 'dev:debug'] }
    expect(second.response).toStrictEqual(v2({ idTokenGeneration: suppress, accessTokenGeneration: suppress }))
  })

  it('keeps a claim allowed only in the ID token out of the access token', async () => {
    const { response } = await run({ suppressClaims: ['username'], version: 'V1_0' }, tokenEvent(2))
    expect(response).toStrictEqual(v2({ idTokenGeneration: { claimsToSuppress: ['username'] } }))
  })
})

describe('tokenClaims: tenant', () => {
  const tenant = { claim: 'tenant_id', attribute: 'custom:tenant_id', required: true }

  it('adds the tenant claim', async () => {
    const { response } = await run({ tenant }, tokenEvent(2))
    expect(response).toStrictEqual(both({ tenant_id: 'tenant-42' }))
  })

  it.each(USER_SOURCES)('refuses tokens on %s to a user without a tenant, with a message naming no value', async (source) => {
    // Act
    const { error } = await run({ tenant }, tokenEvent(2, { source, attributes: { sub: 'u-1', email: 'jane@example.com' } }))
    // Assess
    expect(`PreTokenGeneration failed with error ${error?.message}.`).toBe(
      'PreTokenGeneration failed with error [TENANT_REQUIRED] Your account is not assigned to an organization yet; please contact your administrator.',
    )
    expect(error?.message).toBe(`[${TENANT_REQUIRED_CODE}] ${TENANT_REQUIRED_MESSAGE}`)
    expect(TENANT_REQUIRED_CODE).toBe('TENANT_REQUIRED')
  })

  it('adds nothing and refuses nothing when the tenant is optional', async () => {
    const event = tokenEvent(1, { attributes: { sub: 'u-1' } })
    expect((await run({ tenant: { ...tenant, required: false } }, event)).reply).toStrictEqual(event)
  })
})

describe('tokenClaims: client credentials', () => {
  const clientCredentials = {
    '3m2mclient0example': { scopesToAdd: ['orders/read', 'orders/write'], scopesToSuppress: ['orders/write'], claims: { partner: 'acme', tier: 2 } },
  }

  it('changes the access token of the configured machine client only', async () => {
    // Prepare
    const event = machineEvent()
    // Act
    const { reply } = await run({ clientCredentials, staticClaims: { plan: 'pro' } }, event)
    // Assess
    expect(reply).toStrictEqual({
      ...event,
      response: v2({
        accessTokenGeneration: {
          claimsToAddOrOverride: { partner: 'acme', tier: 2 },
          scopesToAdd: ['orders/read'],
          scopesToSuppress: ['orders/write'],
        },
      }),
    })
  })

  it('echoes the event for another client, and applies no user option to machine tokens', async () => {
    const event = machineEvent('4otherclient0example')
    expect((await run({ clientCredentials, staticClaims: { plan: 'pro' }, tenant: { claim: 't', attribute: 'custom:t', required: true } }, event)).reply).toStrictEqual(event)
  })

  // Whether Cognito omits the user fields of a machine token or sends them empty is unconfirmed.
  it.each([
    ['no user fields', {}],
    ['empty user attributes and a null group configuration', { userAttributes: {}, groupConfiguration: null }],
    ['null user attributes and no groups', { userAttributes: null, groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [], preferredRole: null } }],
  ])('applies the machine rule and only it to a request with %s', async (_case, user) => {
    // Prepare
    const base = machineEvent()
    const event = { ...base, request: { ...base.request, ...user } }
    const options: TokenClaimsOptions = {
      clientCredentials,
      groupClaims: { claim: 'roles', map: { admins: 'admin' } },
      scopes: { add: { admins: ['orders/admin'] }, suppress: { admins: ['orders/read'] } },
      groups: { add: ['machines'] },
      tenant: { claim: 'tenant_id', attribute: 'custom:tenant_id', required: true },
    }
    // Act
    const { reply, error } = await run(options, event)
    // Assess
    expect(error).toBeUndefined()
    expect(reply).toStrictEqual({
      ...event,
      response: v2({ accessTokenGeneration: { claimsToAddOrOverride: { partner: 'acme', tier: 2 }, scopesToAdd: ['orders/read'], scopesToSuppress: ['orders/write'] } }),
    })
  })
})

describe('tokenClaims: a null group configuration', () => {
  // Cognito sends `groupConfiguration: null` for some V2 pools (aws-lambda-rust-runtime #1129).
  const groupRules: [string, TokenClaimsOptions][] = [
    ['groupClaims', { groupClaims: { claim: 'roles', map: { admins: 'admin' } } }],
    ['scopes', { scopes: { add: { admins: ['orders/write'] }, suppress: { admins: ['orders/read'] } } }],
    ['groups.remove', { groups: { remove: ['admins'] } }],
  ]

  it.each(groupRules.flatMap(([name, options]) => VERSIONS.map((version) => [name, version, options] as const)))(
    'matches no %s rule on version %s and echoes the event',
    async (_name, version, options) => {
      // Prepare
      const event = tokenEvent(version, { groups: null })
      // Act
      const { reply, error } = await run(options, event)
      // Assess
      expect(error).toBeUndefined()
      expect(reply).toStrictEqual(event)
    },
  )

  it.each(VERSIONS)('still writes the user claims on version %s', async (version) => {
    // Prepare
    const event = tokenEvent(version, { groups: null })
    // Act
    const { response } = await run({ attributes: { department: 'custom:department' }, groupClaims: { claim: 'roles', map: { admins: 'admin' } } }, event)
    // Assess
    expect(response).toStrictEqual(version === 1 ? { claimsOverrideDetails: { claimsToAddOrOverride: { department: 'Sales' } } } : both({ department: 'Sales' }))
  })

  it('adds groups starting from none', async () => {
    // Act
    const { response } = await run({ groups: { add: ['auditors'] } }, tokenEvent(2, { groups: null }))
    // Assess
    expect(response).toStrictEqual(v2({ groupOverrideDetails: { groupsToOverride: ['auditors'], iamRolesToOverride: [] } }))
  })
})

describe('tokenClaims: groups', () => {
  const plain: [string, TokenClaimsOptions][] = [
    ['attributes', { attributes: { department: 'custom:department' } }],
    ['staticClaims', { staticClaims: { plan: 'pro' } }],
    ['groupClaims', { groupClaims: { claim: 'roles', map: { admins: 'admin' } } }],
    ['scopes', { scopes: { add: { admins: ['orders/write'] } } }],
    ['suppressClaims', { suppressClaims: ['email'] }],
    ['tenant', { tenant: { claim: 'tenant_id', attribute: 'custom:tenant_id' } }],
  ]

  it.each(plain.flatMap(([name, options]) => VERSIONS.map((version) => [name, version, options] as const)))(
    'never touches groups with only %s, on version %s',
    async (_name, version, options) => {
      // Act
      const { response, error } = await run(options, tokenEvent(version))
      // Assess
      expect(error).toBeUndefined()
      expect(JSON.stringify(response)).not.toContain('groupOverrideDetails')
    },
  )

  it.each(VERSIONS)('adds and removes groups on version %s, keeping roles and the preferred role', async (version) => {
    // Act
    const { response } = await run({ groups: { add: ['auditors'], remove: ['staff'] } }, tokenEvent(version))
    // Assess
    const groupOverrideDetails = { groupsToOverride: ['admins', 'auditors'], iamRolesToOverride: GROUPS.iamRolesToOverride, preferredRole: GROUPS.preferredRole }
    expect(response).toStrictEqual(version === 1 ? { claimsOverrideDetails: { groupOverrideDetails } } : v2({ groupOverrideDetails }))
  })

  it('sends no override when membership does not change, and omits a null preferred role', async () => {
    // Prepare
    const unchanged = tokenEvent(2)
    const noRole = tokenEvent(2, { groups: { groupsToOverride: ['admins'], iamRolesToOverride: [], preferredRole: null } })
    // Act
    const same = await run({ groups: { add: ['admins'], remove: ['nobody'] } }, unchanged)
    const removed = await run({ groups: { remove: ['admins'] } }, noRole)
    // Assess
    expect(same.reply).toStrictEqual(unchanged)
    expect(removed.response).toStrictEqual(v2({ groupOverrideDetails: { groupsToOverride: [], iamRolesToOverride: [] } }))
  })

  it('starts from no groups when the event has no group configuration', async () => {
    // Prepare
    const base = tokenEvent(2)
    const event = { ...base, request: { userAttributes: base.request.userAttributes, scopes: ['openid'] } }
    // Act
    const { response } = await run({ groups: { add: ['auditors'] } }, event)
    // Assess
    expect(response).toStrictEqual(v2({ groupOverrideDetails: { groupsToOverride: ['auditors'], iamRolesToOverride: [] } }))
  })

  it('derives group claims and scopes from the changed membership', async () => {
    const options: TokenClaimsOptions = { groups: { add: ['auditors'] }, groupClaims: { claim: 'roles', map: { auditors: 'auditor' } }, scopes: { add: { auditors: ['audit/read'] } } }
    const { response } = await run(options, tokenEvent(2))
    expect(response).toMatchObject(v2({ accessTokenGeneration: { claimsToAddOrOverride: { roles: ['auditor'] }, scopesToAdd: ['audit/read'] } }))
  })
})

describe('tokenClaims: every option at once', () => {
  const everything: TokenClaimsOptions = {
    attributes: { department: 'custom:department', mail: { attribute: 'email', tokens: ['access'] } },
    staticClaims: { plan: 'pro', seats: 5 },
    groupClaims: { claim: 'roles', map: { admins: 'admin' } },
    scopes: { add: { admins: ['orders/write'] }, suppress: { contractors: ['orders/write'] } },
    suppressClaims: ['dev:debug'],
    tenant: { claim: 'tenant_id', attribute: 'custom:tenant_id', required: true },
    clientCredentials: { '3m2mclient0example': { scopesToAdd: ['orders/read'] } },
    groups: { add: ['auditors'] },
  }

  it.each(SOURCES.flatMap((source) => VERSIONS.map((version) => [source, version] as const)))(
    'passes the router reply validation on %s version %s',
    async (source, version) => {
      // Prepare
      const event = source === 'TokenGeneration_ClientCredentials' ? machineEvent() : tokenEvent(version, { source })
      // Act
      const { response, error } = await run(everything, event)
      // Assess
      expect(error).toBeUndefined()
      expect(response).not.toStrictEqual(event.response)
    },
  )

  it('warns when the event version differs from the configured pool version', async () => {
    // Act
    const { logger } = await run({ staticClaims: { plan: 'pro' }, version: 'V2_0' }, tokenEvent(1))
    // Assess
    const line = logger.lines.find((entry) => entry.level === 'warn')
    expect(line?.message).toContain('PreTokenGenerationConfig.LambdaVersion')
    expect(line?.attributes).toMatchObject({ configured: 'V2_0', eventVersion: '1' })
  })
})

const cyclic = () => {
  const value: Record<string, unknown> = {}
  value.self = value
  return value
}

describe('tokenClaims: options', () => {
  it.each([
    ['no option', {}, 'set at least one of attributes, staticClaims'],
    ['only tokens', { tokens: ['id'] }, 'set at least one of'],
    ['an unknown option', { staticClaim: { a: 'b' } }, 'unknown option "staticClaim" (known: attributes'],
    ['options that are not an object', 'x', 'options must be an object, got a string'],
    ['a reserved claim', { staticClaims: { sub: 'x' } }, 'staticClaims["sub"]: claim "sub" is reserved'],
    ['a cognito: claim', { attributes: { 'cognito:groups': 'custom:groups' } }, 'attributes["cognito:groups"]: claim "cognito:groups" is reserved'],
    ['iss', { staticClaims: { iss: 'me' } }, 'staticClaims["iss"]: claim "iss" is reserved'],
    ['username in the access token', { attributes: { username: 'preferred_username' } }, 'attributes["username"]: claim "username" is reserved and cannot be added or overridden in the access token'],
    ['aud', { staticClaims: { aud: 'my-client' } }, 'staticClaims["aud"]: aud cannot be configured; Cognito sets it to the app client id'],
    ['aud for a machine client', { clientCredentials: { c1: { claims: { aud: 'c1' } } } }, 'clientCredentials["c1"].claims["aud"]: aud cannot be configured'],
    ['a dev: claim added', { staticClaims: { 'dev:flag': 'x' } }, 'staticClaims["dev:flag"]: claim "dev:flag" is a dev: claim, which may only be suppressed'],
    ['a reserved claim suppressed', { suppressClaims: ['email', 'exp'] }, 'suppressClaims[1]: claim "exp" is reserved and cannot be suppressed'],
    ['aud suppressed', { suppressClaims: ['aud'] }, 'suppressClaims[0]: aud cannot be suppressed'],
    ['an empty claim name', { staticClaims: { '': 'x' } }, 'staticClaims[""]: a claim name cannot be empty'],
    ['a complex email_verified', { staticClaims: { email_verified: { value: true } } }, 'staticClaims["email_verified"]: email_verified cannot hold an object or array in the ID token'],
    ['an array address claim from groups', { groupClaims: { claim: 'address', map: { a: 'b' } } }, 'groupClaims.claim: address cannot hold an array in the ID token'],
    ['a null static claim', { staticClaims: { a: null } }, 'staticClaims["a"] must be a JSON value other than null'],
    ['a non-JSON static claim', { staticClaims: { a: Number.NaN } }, 'staticClaims["a"] must be a JSON value'],
    ['a cyclic static claim', { staticClaims: { a: cyclic() } }, 'staticClaims["a"] must be a JSON value'],
    ['a Date static claim', { staticClaims: { a: new Date(0) } }, 'staticClaims["a"] must be a JSON value'],
    ['a non-string claim for V1_0', { version: 'V1_0', staticClaims: { seats: 5 } }, 'staticClaims["seats"]: a V1_0 pool accepts string claim values only'],
    ['access-only claims for V1_0', { version: 'V1_0', tokens: ['access'], staticClaims: { a: 'b' } }, 'staticClaims["a"]: a V1_0 pool changes the ID token only'],
    ['scopes for V1_0', { version: 'V1_0', scopes: { add: { g: ['s'] } } }, 'scopes: a V1_0 pool cannot change scopes'],
    ['client credentials for V2_0', { version: 'V2_0', clientCredentials: { c1: { scopesToAdd: ['s'] } } }, 'clientCredentials: Cognito invokes the trigger for client credentials only under V3_0'],
    ['an unknown version', { version: 'V4_0', staticClaims: { a: 'b' } }, '"version" must be one of V1_0, V2_0, V3_0'],
    ['a scope with a space', { scopes: { add: { admins: ['orders write'] } } }, 'scopes.add["admins"][0] must be a non-empty string without spaces'],
    ['an empty scope', { clientCredentials: { c1: { scopesToSuppress: [''] } } }, 'clientCredentials["c1"].scopesToSuppress[0] must be a non-empty string without spaces'],
    ['a bad tokens entry', { tokens: ['id', 'refresh'], staticClaims: { a: 'b' } }, '"tokens[1]" must be "id" or "access"'],
    ['empty tokens', { attributes: { a: { attribute: 'email', tokens: [] } } }, 'attributes["a"].tokens must list "id" and/or "access" once each'],
    ['an attribute without custom:', { attributes: { department: 'department' } }, 'attributes["department"].attribute names "department", which is neither a standard attribute nor custom:…; did you mean "custom:department"?'],
    ['an unknown mapping key', { attributes: { a: { attribute: 'email', token: ['id'] } } }, 'unknown option "attributes.a.token" (known: attribute, tokens)'],
    ['a claim set twice', { attributes: { plan: 'custom:plan' }, staticClaims: { plan: 'pro' } }, 'staticClaims["plan"]: claim "plan" is already set by attributes["plan"]'],
    ['a claim added and suppressed', { staticClaims: { plan: 'pro' }, suppressClaims: ['plan'] }, 'suppressClaims[0]: claim "plan" is also added by staticClaims["plan"]'],
    ['a group value with a comma', { groupClaims: { claim: 'roles', map: { admins: 'a,b' } } }, 'groupClaims.map["admins"] must be a non-empty string without commas'],
    ['an empty group map', { groupClaims: { claim: 'roles', map: {} } }, 'groupClaims.map must map at least one group'],
    ['a non-boolean required', { tenant: { claim: 't', attribute: 'custom:t', required: 'yes' } }, '"tenant.required" must be a boolean, got a string'],
    ['a group both added and removed', { groups: { add: ['a'], remove: ['a'] } }, 'groups: "a" is both added and removed'],
    ['empty group changes', { groups: {} }, 'groups needs a non-empty add or remove list'],
    ['a bad client id', { clientCredentials: { 'bad id': { scopesToAdd: ['s'] } } }, 'clientCredentials["bad id"]: an app client id has 1 to 128'],
    ['a machine rule that changes nothing', { clientCredentials: { c1: {} } }, 'clientCredentials["c1"] changes nothing'],
  ])('refuses %s at cold start, naming the option', (_case, options, message) => {
    // Act
    const create = () => tokenClaims(options as TokenClaimsOptions)
    // Assess
    expect(create).toThrowError(ConfigurationError)
    expect(create).toThrowError(message)
  })

  it('accepts a dev: claim to suppress and cognito:groups suppressed on purpose', () => {
    expect(() => tokenClaims({ suppressClaims: ['dev:debug', 'cognito:groups'] })).not.toThrow()
  })
})

describe('tokenClaims: JSON configuration', () => {
  const registry = { 'token-claims': (options: unknown) => tokenClaims(options as TokenClaimsOptions) }

  it('builds the same plugin from JSON', async () => {
    // Prepare
    const config = { plugins: { 'token-claims': { attributes: { department: 'custom:department' }, staticClaims: { seats: 5 } } } }
    const router = createRouterFromConfig(JSON.parse(JSON.stringify(config)), registry, { logger: capturingLogger() })
    // Act
    const { reply } = await settle(router, tokenEvent(2))
    // Assess
    expect(reply).toMatchObject({ response: both({ department: 'Sales', seats: 5 }) })
  })

  it('reports a bad option with the plugin name in front', () => {
    const bad = { plugins: { 'token-claims': { staticClaims: { sub: 'x' } } } }
    expect(() => createRouterFromConfig(bad, registry)).toThrowError('configuration: "plugins.token-claims": staticClaims["sub"]: claim "sub" is reserved')
  })
})

const contractEvents = (source: TokenSource) =>
  (source === 'TokenGeneration_ClientCredentials'
    ? [machineEvent(), machineEvent(CLIENT)]
    : [...VERSIONS.map((version) => tokenEvent(version, { source })), tokenEvent(2, { source, attributes: { sub: 'u-1' } })]
  ).map((event) => event as unknown as Record<string, unknown>)

describePluginContract(
  tokenClaims({
    attributes: { department: 'custom:department' },
    staticClaims: { plan: 'pro' },
    groupClaims: { claim: 'roles', map: { admins: 'admin' } },
    scopes: { add: { admins: ['orders/write'] } },
    suppressClaims: ['dev:debug'],
    tenant: { claim: 'tenant_id', attribute: 'custom:tenant_id', required: true },
    clientCredentials: { '3m2mclient0example': { scopesToAdd: ['orders/read'] } },
  }),
  { events: Object.fromEntries(SOURCES.map((source) => [source, contractEvents(source)])) },
)
