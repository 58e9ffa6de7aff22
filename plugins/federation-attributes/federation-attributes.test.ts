import { describe, expect, it } from 'vitest'
import {
  ConfigurationError,
  createRouter,
  createRouterFromConfig,
  definePlugin,
  TriggerRejectedError,
  type AnyPlugin,
  type PluginFactory,
} from '../../src/index.js'
import { createEvent } from '../../src/testing/index.js'
import { describePluginContract } from '../../src/testing/vitest.js'
import { capturingLogger, settle } from '../../test/helpers/lambda.js'
import { federationAttributes, type FederationAttributesOptions, type FederationJoin } from './index.js'

type Json = Record<string, unknown>
const GROUPS_URI = 'http://schemas.microsoft.com/ws/2008/06/identity/claims/groups'
const EMAIL_URI = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress'
const ACCESS_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.access-token-value'
const ID_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.id-token-value'

const oidc = (idToken: Json = {}, userInfo: Json = {}, providerName = 'CorpOIDC') =>
  createEvent('InboundFederation_ExternalProvider', {
    overrides: {
      request: {
        providerName,
        attributes: {
          tokenResponse: { access_token: ACCESS_TOKEN, id_token: ID_TOKEN, token_type: 'Bearer', expires_in: '3600' },
          idToken: { sub: 'corp-123', email: 'jane@example.com', name: 'Jane Doe', ...idToken },
          userInfo: { email: 'jane@example.com', given_name: 'Jane', ...userInfo },
        },
      },
    },
  })

const saml = (samlResponse: Json, providerName = 'AzureAD') =>
  createEvent('InboundFederation_ExternalProvider', {
    overrides: { request: { providerName, providerType: 'SAML', attributes: { tokenResponse: null, idToken: null, userInfo: null, samlResponse } } },
  })

const google = (idToken: Json) =>
  createEvent('InboundFederation_ExternalProvider', {
    overrides: {
      request: {
        providerName: 'Google',
        providerType: 'Google',
        attributes: { tokenResponse: { access_token: ACCESS_TOKEN }, idToken, userInfo: { picture: 'https://example.com/p.png' } },
      },
    },
  })

const run = async (options: FederationAttributesOptions, event: unknown, plugins: readonly AnyPlugin[] = []) => {
  const logger = capturingLogger()
  const router = createRouter({ plugins: [...plugins, federationAttributes(options)], logger, logging: { eventLevel: 'info' } })
  const { reply, error } = await settle(router, event)
  const mapped = (reply as { response?: { userAttributesToMap?: Json } } | undefined)?.response?.userAttributesToMap
  return { reply, error, logger, mapped }
}

describe('federation-attributes with an OIDC provider', () => {
  it('renames a claim and keeps every attribute it does not touch, so Cognito loses nothing', async () => {
    // Act
    const { mapped, error } = await run({ rules: [{ rename: [{ from: 'idToken.groups', to: 'custom:groups' }] }] }, oidc({ groups: 'a,b' }))

    // Assess: the flattened ID token and userInfo, minus the renamed claim, plus the change
    expect(error).toBeUndefined()
    expect(mapped).toStrictEqual({ sub: 'corp-123', email: 'jane@example.com', name: 'Jane Doe', given_name: 'Jane', 'custom:groups': 'a,b' })
  })

  it('lets the ID token win a clash with userInfo by default, and userInfo when precedence says so', async () => {
    const event = oidc({ name: 'From Token' }, { name: 'From UserInfo', groups: 'x' })
    const rules = [{ drop: ['groups'] }]
    expect((await run({ rules }, event)).mapped?.name).toBe('From Token')
    expect((await run({ rules, precedence: ['userInfo', 'idToken'] }, event)).mapped?.name).toBe('From UserInfo')
  })

  it('picks a claim from the first source that has it, in the order given', async () => {
    const rules = [{ rename: [{ from: ['idToken.department', 'userInfo.department', 'userInfo.dept'], to: 'custom:dept' }] }]
    const { mapped } = await run({ rules }, oidc({}, { dept: 'Sales', department: 'Marketing' }))
    expect(mapped).toMatchObject({ 'custom:dept': 'Marketing' })
    expect(mapped).not.toHaveProperty('department')
    expect(mapped).not.toHaveProperty('dept')
  })

  it('copies a token only when a rule names it, and never logs token values', async () => {
    // Prepare
    const rules = [{ rename: [{ from: 'tokenResponse.id_token', to: 'custom:id_token' }] }]

    // Act
    const { mapped, logger } = await run({ rules }, oidc())

    // Assess
    expect(mapped).toMatchObject({ 'custom:id_token': ID_TOKEN })
    expect(mapped).not.toHaveProperty('access_token')
    expect(logger.text()).not.toContain('access-token-value')
    expect(logger.text()).not.toContain('id-token-value')
  })

  it('echoes the event when no rule changes anything, so Cognito keeps the provider attributes', async () => {
    const event = oidc()
    const { reply } = await run({ rules: [{ providerType: 'SAML', drop: ['email'] }] }, event)
    expect(reply).toStrictEqual(event)
  })

  it('keeps what an earlier plugin put in userAttributesToMap', async () => {
    // Prepare
    const lower = definePlugin({
      name: 'lowercase-email',
      triggers: ['InboundFederation_ExternalProvider'],
      handler: () => ({ userAttributesToMap: { email: 'jane@example.com'.toUpperCase() } }),
    })

    // Act
    const { mapped } = await run({ rules: [{ drop: ['given_name'] }] }, oidc(), [lower])

    // Assess
    expect(mapped).toStrictEqual({ sub: 'corp-123', email: 'JANE@EXAMPLE.COM', name: 'Jane Doe' })
  })
})

describe('federation-attributes with SAML and social providers', () => {
  it('renames a claim URI, joins its list value and keeps the other assertion attributes', async () => {
    // Prepare
    const event = saml({ [EMAIL_URI]: 'jane@example.com', [GROUPS_URI]: '["admins","staff","admins"]' })
    const rules = [{ providerType: 'SAML' as const, rename: [{ from: `samlResponse.${GROUPS_URI}`, to: 'custom:groups' }], join: ['custom:groups'] }]

    // Act
    const { mapped, error } = await run({ rules }, event)

    // Assess
    expect(error).toBeUndefined()
    expect(mapped).toStrictEqual({ [EMAIL_URI]: 'jane@example.com', 'custom:groups': 'admins,staff' })
  })

  it('applies a rule by provider name to a social provider', async () => {
    // Prepare: createEvent's defaults merge in, so null removes them as a provider would
    const event = google({ sub: 'g-1', email: 'jane@gmail.example', name: null })
    const rules = [{ providerName: ['Google', 'Facebook'], drop: ['picture'] }, { providerName: 'CorpOIDC', drop: ['sub'] }]

    // Act
    const { mapped } = await run({ rules }, event)

    // Assess
    expect(mapped).toStrictEqual({ sub: 'g-1', email: 'jane@gmail.example', given_name: 'Jane' })
  })

  it.each([
    [{ providerName: 'AzureAD' }, true],
    [{ providerName: ['Okta', 'AzureAD'] }, true],
    [{ providerType: 'SAML' }, true],
    [{ providerType: ['OIDC', 'Google'] }, false],
    [{ providerName: 'AzureAD', providerType: 'OIDC' }, false],
    [{}, true],
  ])('matches the rule %j to the SAML provider AzureAD: %s', async (match, applies) => {
    const { mapped } = await run({ rules: [{ ...match, drop: ['role'] } as never] }, saml({ role: 'x', email: 'e' }))
    expect(mapped).toStrictEqual(applies ? { email: 'e' } : {})
  })
})

describe('federation-attributes rules', () => {
  it.each([
    ['a JSON array', '["a","b"]', {}, 'a,b'],
    ['a JSON array of other values', '[1,true,null,{"x":1}]', {}, '1,true,{"x":1}'],
    ['comma separated', 'a, b,,c', {}, 'a,b,c'],
    ['space separated', 'a b\tc', {}, 'a,b,c'],
    ['both, deduplicated', 'a b,a', {}, 'a,b'],
    ['split on commas only', 'Domain Users, Admins', { split: 'comma' }, 'Domain Users,Admins'],
    ['split on whitespace only', 'a,b c', { split: 'whitespace' }, 'a,b,c'],
    ['a custom separator', 'a b', { separator: ';' }, 'a;b'],
    ['text that looks like JSON but is not', '[a b', {}, '[a,b'],
  ])('joins %s', async (_what, value, settings, joined) => {
    const { mapped } = await run({ rules: [{ join: [{ attribute: 'groups', ...(settings as Partial<FederationJoin>) }] }] }, oidc({ groups: value }))
    expect(mapped?.groups).toBe(joined)
  })

  it('uses the plugin separator for joins given by name', async () => {
    const { mapped } = await run({ separator: '|', rules: [{ join: ['groups'] }] }, oidc({ groups: 'a b' }))
    expect(mapped?.groups).toBe('a|b')
  })

  it('applies every matching rule in order: rename, then join, then drop', async () => {
    const rules = [
      { rename: [{ from: 'idToken.roles', to: 'custom:roles' }], join: ['custom:roles'], drop: ['given_name'] },
      { drop: ['custom:roles'] },
    ]
    const { mapped } = await run({ rules }, oidc({ roles: 'a b' }))
    expect(mapped).toStrictEqual({ sub: 'corp-123', email: 'jane@example.com', name: 'Jane Doe' })
  })

  it('refuses the sign-in when the rules remove every attribute, since an empty map would keep them all', async () => {
    const { error, logger } = await run({ rules: [{ drop: ['sub', 'email', 'given_name', 'name'] }] }, oidc())
    expect(error).toBeInstanceOf(TriggerRejectedError)
    expect(logger.text()).toContain('EmptyAttributeSetError')
  })
})

describe('federation-attributes length limits', () => {
  const long = 'x'.repeat(3000)

  it('truncates an oversized provider value to 2,048 characters even with no rules', async () => {
    const { mapped, error, logger } = await run({}, oidc({ bio: long }))
    expect(error).toBeUndefined()
    expect(mapped?.bio).toBe('x'.repeat(2048))
    expect(logger.lines.find((line) => line.message === 'federated attributes mapped')?.attributes).toMatchObject({ truncated: ['bio'] })
  })

  it('counts characters, not UTF-16 units, when truncating', async () => {
    const { mapped } = await run({ maxLength: 3 }, oidc({ sub: '😀😀😀😀' }, { email: 'e', given_name: 'J' }))
    expect(mapped?.sub).toBe('😀😀😀')
  })

  it('cuts a joined list between items, never inside one', async () => {
    const event = oidc({ groups: 'staff,admins-readonly,ops' })
    expect((await run({ rules: [{ join: ['groups'], truncate: { groups: 21 } }] }, event)).mapped?.groups).toBe('staff,admins-readonly')
    expect((await run({ rules: [{ join: ['groups'], truncate: { groups: 20 } }] }, event)).mapped?.groups).toBe('staff')
  })

  it('drops a joined list whose first item alone is over the limit', async () => {
    const { mapped } = await run({ rules: [{ join: ['groups'], truncate: { groups: 3 } }] }, oidc({ groups: 'admins,ops' }))
    expect(mapped).not.toHaveProperty('groups')
  })

  it('takes the lowest of the global and rule limits', async () => {
    const { mapped } = await run({ maxLength: 5, rules: [{ truncate: { bio: 10 } }] }, oidc({ bio: 'abcdefghijkl' }))
    expect(mapped?.bio).toBe('abcde')
  })

  it('drops oversized values with oversized "drop"', async () => {
    const { mapped } = await run({ oversized: 'drop' }, oidc({ bio: long }))
    expect(mapped).toStrictEqual({ sub: 'corp-123', email: 'jane@example.com', name: 'Jane Doe', given_name: 'Jane' })
  })

  it('refuses the sign-in with oversized "refuse", logging the attribute name but not its value', async () => {
    const { error, logger } = await run({ oversized: 'refuse' }, oidc({ bio: `secret-${long}` }))
    expect(error).toBeInstanceOf(TriggerRejectedError)
    expect(logger.text()).toContain('OversizedAttributeError')
    expect(logger.text()).toContain('\\"bio\\" is 3007 characters long')
    expect(logger.text()).not.toContain('secret-')
  })
})

describe('federation-attributes against hostile provider data', () => {
  it('never lets __proto__ or constructor keys pollute a prototype or reach the reply', async () => {
    // Prepare: JSON.parse creates own "__proto__" keys, as a provider's JSON would
    const hostile = JSON.parse('{"__proto__":{"polluted":"yes"},"constructor":"x","prototype":"y","sub":"s"}') as Json
    const event = oidc(hostile)

    // Act
    const { mapped, logger } = await run({ rules: [{ drop: ['given_name'] }] }, event)

    // Assess
    expect(({} as Json).polluted).toBeUndefined()
    expect(Object.keys(mapped ?? {}).sort()).toStrictEqual(['email', 'name', 'sub'])
    expect(Object.getPrototypeOf(mapped)).toBe(Object.prototype)
    expect(logger.lines.find((line) => line.level === 'warn')?.attributes).toMatchObject({ count: 3 })
  })

  it('turns non-string provider values into strings and skips nulls', async () => {
    const { mapped } = await run({ rules: [{ drop: ['given_name'] }] }, oidc({ age: 42, admin: false, address: { city: 'X' }, gone: null }))
    expect(mapped).toStrictEqual({ sub: 'corp-123', email: 'jane@example.com', name: 'Jane Doe', age: '42', admin: 'false', address: '{"city":"X"}' })
  })

  it('survives an event without attributes sections', async () => {
    const event = createEvent('InboundFederation_ExternalProvider', { overrides: { request: { attributes: null } } })
    const { reply, error } = await run({ rules: [{ drop: ['x'] }] }, event)
    expect(error).toBeUndefined()
    expect(reply).toStrictEqual(event)
  })
})

describe('federation-attributes options, checked at cold start', () => {
  it.each([
    ['a non-object', 'x', 'options must be an object'],
    ['an unknown option', { rule: [] }, 'unknown option "rule"'],
    ['rules that are not an array', { rules: {} }, '"rules" must be an array'],
    ['a rule that is not an object', { rules: ['x'] }, '"rules[0]" must be an object'],
    ['a rule with an unknown key', { rules: [{ remove: ['x'] }] }, 'unknown option "rules[0].remove"'],
    ['a rule that changes nothing', { rules: [{ providerName: 'X' }] }, '"rules[0]" changes nothing'],
    ['an empty providerName list', { rules: [{ providerName: [], drop: ['x'] }] }, '"rules[0].providerName" must not be empty'],
    ['an unknown provider type', { rules: [{ providerType: 'Okta', drop: ['x'] }] }, '"rules[0].providerType" must be one of OIDC'],
    ['a rename without a section', { rules: [{ rename: [{ from: 'groups', to: 'g' }] }] }, '"rules[0].rename[0].from" must look like "<section>.<claim>"'],
    ['a rename from an unknown section', { rules: [{ rename: [{ from: ['idToken.a', 'claims.b'], to: 'g' }] }] }, '"rules[0].rename[0].from[1]" must look like'],
    ['a rename without a claim', { rules: [{ rename: [{ from: 'idToken.', to: 'g' }] }] }, '"rules[0].rename[0].from" must be an attribute name'],
    ['a rename with an extra key', { rules: [{ rename: [{ from: 'idToken.a', to: 'g', keep: true }] }] }, 'unknown option "rules[0].rename[0].keep" (known: from, to)'],
    ['a rename to __proto__', { rules: [{ rename: [{ from: 'idToken.a', to: '__proto__' }] }] }, '"rules[0].rename[0].to" must not be "__proto__"'],
    ['a rename with no sources', { rules: [{ rename: [{ from: [], to: 'g' }] }] }, '"rules[0].rename[0].from" must not be empty'],
    ['a join with an empty separator', { rules: [{ join: [{ attribute: 'g', separator: '' }] }] }, '"rules[0].join[0].separator" must be a non-empty string'],
    ['a join with an unknown split', { rules: [{ join: [{ attribute: 'g', split: 'tab' }] }] }, '"rules[0].join[0].split" must be one of'],
    ['a join that is not a name', { rules: [{ join: [5] }] }, '"rules[0].join[0]" must be an attribute name or'],
    ['a drop of constructor', { rules: [{ drop: ['constructor'] }] }, '"rules[0].drop[0]" must not be "constructor"'],
    ['a drop with a control character', { rules: [{ drop: ['a\nb'] }] }, '"rules[0].drop[0]" must be an attribute name'],
    ['a truncate that is not an object', { rules: [{ truncate: [] }] }, '"rules[0].truncate" must be an object'],
    ['a truncate over 2048', { rules: [{ truncate: { g: 4096 } }] }, '"rules[0].truncate.g" must be an integer from 1 to 2048'],
    ['a maxLength of 0', { maxLength: 0 }, '"maxLength" must be an integer from 1 to 2048'],
    ['a maxLength over 2048', { maxLength: 2049 }, '"maxLength" must be an integer from 1 to 2048'],
    ['an unknown oversized action', { oversized: 'cut' }, '"oversized" must be one of truncate, drop, refuse'],
    ['an empty separator', { separator: '' }, '"separator" must be a non-empty string'],
    ['a precedence missing userInfo', { precedence: ['idToken'] }, '"precedence" must list "idToken" and "userInfo"'],
  ])('refuses %s', (_what, options, message) => {
    expect(() => federationAttributes(options as FederationAttributesOptions)).toThrow(ConfigurationError)
    expect(() => federationAttributes(options as FederationAttributesOptions)).toThrow(message)
  })
})

describePluginContract(federationAttributes({ rules: [{ rename: [{ from: 'idToken.name', to: 'custom:name' }], drop: ['given_name'] }] }))

describe('federation-attributes from JSON configuration', () => {
  it('builds the plugin from JSON and maps a SAML sign-in with it', async () => {
    // Prepare
    const config = JSON.parse(
      JSON.stringify({
        plugins: {
          'federation-attributes': {
            maxLength: 1024,
            rules: [{ providerType: 'SAML', rename: [{ from: `samlResponse.${GROUPS_URI}`, to: 'custom:groups' }], join: ['custom:groups'] }],
          },
        },
      }),
    ) as unknown
    const router = createRouterFromConfig(config, { 'federation-attributes': federationAttributes as PluginFactory }, { logger: capturingLogger() })

    // Act
    const { reply } = await settle(router, saml({ [GROUPS_URI]: 'a b' }))

    // Assess
    expect((reply as { response: unknown }).response).toStrictEqual({ userAttributesToMap: { 'custom:groups': 'a,b' } })
  })

  it('names the plugin and the option when the JSON configuration is wrong', () => {
    const config = { plugins: { 'federation-attributes': { rules: [{ drop: ['__proto__'] }] } } }
    expect(() => createRouterFromConfig(config, { 'federation-attributes': federationAttributes as PluginFactory })).toThrow(
      '"plugins.federation-attributes": "rules[0].drop[0]" must not be "__proto__"',
    )
  })
})
