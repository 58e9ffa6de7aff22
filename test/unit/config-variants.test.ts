import { describe, expect, it, vi } from 'vitest'
import { createRouterFromConfig, loadRouterFromConfig, type PluginFactory, type PluginLoader } from '../../src/config.js'
import { mapPluginObjects, pluginObjects, selectVariant, variantTable } from '../../src/config-variants.js'
import { ConfigurationError, UserFacingError } from '../../src/errors.js'
import { definePlugin } from '../../src/plugin.js'
import type { CognitoRouter } from '../../src/router.js'
import { createEvent } from '../../src/testing/events.js'
import { capturingLogger, settle } from '../helpers/lambda.js'
import { settleRunnerImportAfterAll } from '../helpers/idempotency.js'

// Some tests below build a router with the idempotency option and never run it.
settleRunnerImportAfterAll()

// deny-domain refuses one domain; tag claims the configuration key the options came from.
const registry: Record<string, PluginFactory> = {
  'deny-domain': (options) => {
    const { domain } = (options ?? {}) as { domain?: unknown }
    if (typeof domain !== 'string') throw new ConfigurationError('"domain" must be a string')
    return definePlugin({
      name: 'deny-domain',
      triggers: ['PreSignUp_SignUp'],
      handler: (event) => {
        if (event.request.userAttributes.email?.endsWith(`@${domain}`)) throw new UserFacingError(`Not from ${domain}`, { code: 'EMAIL_DOMAIN_NOT_ALLOWED' })
      },
    })
  },
  'auto-confirm': () => definePlugin({ name: 'auto-confirm', triggers: ['PreSignUp_SignUp'], handler: () => ({ autoConfirmUser: true }) }),
}

const POOL = 'us-east-1_AbC'
const OTHER_POOL = 'eu-west-1_Other'
const WEB = '3n4b5urk1ft4fl3mg5e62d9ado'
const MOBILE = 'mobile7client'

const config = {
  plugins: { 'deny-domain': { domain: 'default.example' } },
  pools: {
    [POOL]: {
      plugins: { 'deny-domain': { domain: 'pool.example' }, 'auto-confirm': true },
      clients: { [MOBILE]: { plugins: { 'auto-confirm': false } } },
    },
  },
  clients: { [WEB]: { plugins: { 'deny-domain': { domain: 'client.example' } } } },
}

const signUp = (email: string, userPoolId: string, clientId: string) => {
  const event = createEvent('PreSignUp_SignUp', { userAttributes: { email } })
  return { ...event, userPoolId, callerContext: { ...event.callerContext, clientId } }
}

/** What the router does with a sign-up from each domain: the refused domain, and whether it confirms. */
const behaviour = async (router: CognitoRouter, userPoolId: string, clientId: string) => {
  const refused: string[] = []
  let confirms = false
  for (const domain of ['default.example', 'pool.example', 'client.example', 'free.example']) {
    const { reply, error } = await settle(router, signUp(`a@${domain}`, userPoolId, clientId))
    if (error !== undefined) refused.push(domain)
    else confirms = (reply as { response: { autoConfirmUser: boolean } }).response.autoConfirmUser
  }
  return { refused, confirms }
}

describe('a configuration with per-pool and per-client overrides', () => {
  const router = createRouterFromConfig(config, registry, { logger: capturingLogger() })

  it.each([
    ['a pool and client without an override get the default', OTHER_POOL, 'unknownclient', ['default.example'], false],
    ["a pool's override replaces a plugin's options and adds a plugin", POOL, 'unknownclient', ['pool.example'], true],
    ["a client's override applies in any pool", OTHER_POOL, WEB, ['client.example'], false],
    ["a client's override goes over its pool's", POOL, WEB, ['client.example'], true],
    ["a pool's override for one of its clients goes over the pool's, and false disables a plugin", POOL, MOBILE, ['pool.example'], false],
    ["a pool's client override applies to that pool only", OTHER_POOL, MOBILE, ['default.example'], false],
  ])('%s', async (_case, userPoolId, clientId, refused, confirms) => {
    // Act
    const seen = await behaviour(router, userPoolId, clientId)

    // Assess
    expect(seen).toStrictEqual({ refused, confirms })
  })

  it('refuses through the selected router with the code of the refusal', async () => {
    // Act
    const { error } = await settle(router, signUp('a@pool.example', POOL, 'any'))

    // Assess
    expect(error?.message).toBe('[EMAIL_DOMAIN_NOT_ALLOWED] Not from pool.example')
  })

  it('fails closed on a malformed event, as the default router does', async () => {
    // Act
    const outcomes = await Promise.all([undefined, null, 'text', { triggerSource: 'PreSignUp_SignUp' }].map((event) => settle(router, event)))

    // Assess
    expect(outcomes.map(({ error }) => error?.name)).toStrictEqual(Array(4).fill('TriggerRejectedError'))
  })

  it('adds middleware to the router of every variant', async () => {
    // Arrange
    const seen: string[] = []
    const routed = createRouterFromConfig(config, registry, { logger: capturingLogger() })
    const same = routed.use({ before: (request) => void seen.push((request.event as { userPoolId: string }).userPoolId) })
    routed.before(() => undefined).after(() => undefined).onError(() => undefined)

    // Act
    await settle(routed, signUp('a@free.example', POOL, WEB))
    await settle(routed, signUp('a@free.example', OTHER_POOL, 'x'))

    // Assess
    expect(same).toBe(routed)
    expect(seen).toStrictEqual([POOL, OTHER_POOL])
  })

  it('has no single handler to replace', () => {
    // Act + Assess
    expect(() => router.handler(() => undefined)).toThrow(TypeError)
  })

  it('builds each plugin once per options object and one router per distinct variant', () => {
    // Arrange
    const autoConfirm = vi.fn(registry['auto-confirm'] as PluginFactory)
    const denyDomain = vi.fn(registry['deny-domain'] as PluginFactory)

    // Act
    createRouterFromConfig(
      { plugins: { 'auto-confirm': true }, clients: { a: {}, b: { plugins: {} } }, pools: { [POOL]: { plugins: { 'deny-domain': { domain: 'x.example' } } } } },
      { 'auto-confirm': autoConfirm, 'deny-domain': denyDomain },
      { logger: capturingLogger() },
    )

    // Assess
    expect([autoConfirm.mock.calls.length, denyDomain.mock.calls.length]).toStrictEqual([1, 1])
  })

  it('imports only the plugins some variant enables, once each', async () => {
    // Arrange
    const deny = vi.fn<PluginLoader>(async () => registry['deny-domain'] as PluginFactory)
    const confirm = vi.fn<PluginLoader>(async () => registry['auto-confirm'] as PluginFactory)
    const unused = vi.fn<PluginLoader>(async () => registry['auto-confirm'] as PluginFactory)
    const loaders = { 'deny-domain': deny, 'auto-confirm': confirm, unused }

    // Act
    const loaded = await loadRouterFromConfig(
      { plugins: {}, pools: { [POOL]: { plugins: { 'deny-domain': { domain: 'pool.example' } } } }, clients: { [WEB]: { plugins: { 'deny-domain': { domain: 'client.example' } } } } },
      loaders,
      { logger: capturingLogger() },
    )

    // Assess
    expect([deny, confirm, unused].map((loader) => loader.mock.calls.length)).toStrictEqual([1, 0, 0])
    expect((await behaviour(loaded, POOL, 'other')).refused).toStrictEqual(['pool.example'])
  })

  it('is the plain router when there is no override', () => {
    // Act
    const plain = createRouterFromConfig({ plugins: {}, pools: {}, clients: {} }, registry, { logger: capturingLogger() })

    // Assess
    expect(plain.handler).not.toThrow()
  })
})

describe('idempotency with overrides', () => {
  const effects: Record<string, PluginFactory> = {
    ...registry,
    notify: () => definePlugin({ name: 'notify', triggers: ['PostConfirmation_ConfirmSignUp'], sideEffects: true, handler: () => undefined }),
  }

  it.each([
    ['names a plugin only a pool enables', { tableName: 't', plugins: { notify: { windowSeconds: 60 } } }],
    ['has no plugins entries', { tableName: 't' }],
  ])('builds every variant when the option %s', (_case, idempotency) => {
    // Act + Assess
    expect(() => createRouterFromConfig({ plugins: {}, pools: { [POOL]: { plugins: { notify: true } } }, idempotency }, effects)).not.toThrow()
  })

  it('still refuses a name no variant enables', () => {
    // Act + Assess
    expect(() =>
      createRouterFromConfig({ plugins: {}, pools: { [POOL]: { plugins: { notify: true } } }, idempotency: { tableName: 't', plugins: { other: {} } } }, effects),
    ).toThrow('"idempotency.plugins.other" names no registered plugin with side effects')
  })
})

describe('the cold start of a configuration with overrides', () => {
  it.each([
    ['pools that is not an object', { plugins: {}, pools: [] }, 'configuration: "pools" must be an object of pool id to override'],
    ['clients that is not an object', { plugins: {}, clients: 'web' }, 'configuration: "clients" must be an object of client id to override'],
    ['a malformed pool id', { plugins: {}, pools: { AbC: {} } }, 'configuration: "pools.AbC" is not a user pool id, <region>_<id>'],
    ['a pool id too long', { plugins: {}, pools: { [`us-east-1_${'a'.repeat(50)}`]: {} } }, 'is not a user pool id'],
    ['a malformed client id', { plugins: {}, clients: { 'web-app': {} } }, 'configuration: "clients.web-app" is not an app client id'],
    ['a client id too long', { plugins: {}, clients: { ['a'.repeat(129)]: {} } }, 'is not an app client id'],
    ["a malformed client id in a pool", { plugins: {}, pools: { [POOL]: { clients: { 'a b': {} } } } }, `"pools.${POOL}.clients.a b" is not an app client id`],
    ['an override that is not an object', { plugins: {}, pools: { [POOL]: true } }, `"pools.${POOL}" must be an object with "plugins" and "clients"`],
    ['an unknown key in a pool', { plugins: {}, pools: { [POOL]: { errorMessage: 'x' } } }, `unknown key "pools.${POOL}.errorMessage" (an override holds only "plugins" and "clients")`],
    ['clients in a client override', { plugins: {}, clients: { [WEB]: { clients: {} } } }, `unknown key "clients.${WEB}.clients" (an override holds only "plugins")`],
    ['plugins that is not an object', { plugins: {}, clients: { [WEB]: { plugins: [] } } }, `"clients.${WEB}.plugins" must be an object of plugin name to options`],
    ['an unknown plugin in a pool', { plugins: {}, pools: { [POOL]: { plugins: { nope: true } } } }, `unknown plugin "pools.${POOL}.plugins.nope"; built-in plugins: deny-domain, auto-confirm`],
    ['an unknown plugin in a pool client', { plugins: {}, pools: { [POOL]: { clients: { [WEB]: { plugins: { nope: true } } } } } }, `unknown plugin "pools.${POOL}.clients.${WEB}.plugins.nope"`],
    ['bad options in a client', { plugins: {}, clients: { [WEB]: { plugins: { 'auto-confirm': 1 } } } }, `"clients.${WEB}.plugins.auto-confirm" must be an options object, true or false`],
    ['a bad option in a pool', { plugins: {}, pools: { [POOL]: { plugins: { 'deny-domain': { domain: 1 } } } } }, `configuration: "pools.${POOL}.plugins.deny-domain": "domain" must be a string`],
    ['a bad option in a client', { plugins: {}, clients: { [WEB]: { plugins: { 'deny-domain': {} } } } }, `configuration: "clients.${WEB}.plugins.deny-domain": "domain" must be a string`],
  ])('fails on %s, naming it', (_case, bad, message) => {
    // Act + Assess
    expect(() => createRouterFromConfig(bad, registry)).toThrow(ConfigurationError)
    expect(() => createRouterFromConfig(bad, registry)).toThrow(message)
  })

  it('checks a variant no event may ever select', () => {
    // Arrange: the bad options are only used by a pool override's client.
    const bad = { plugins: {}, pools: { [POOL]: { clients: { [MOBILE]: { plugins: { 'deny-domain': { domain: false } } } } } } }

    // Act + Assess
    expect(() => createRouterFromConfig(bad, registry)).toThrow(`"pools.${POOL}.clients.${MOBILE}.plugins.deny-domain": "domain" must be a string`)
  })
})

describe('variantTable and selectVariant', () => {
  it('orders a variant as the default, then the plugins an override adds', () => {
    // Arrange
    const table = variantTable(
      { plugins: { a: true, b: { x: 1 } }, clients: { c: { plugins: { c: true, a: { y: 2 } } } }, pools: { [POOL]: { clients: { c: { plugins: { b: false } } } } } },
      ['a', 'b', 'c'],
    )

    // Act
    const variant = selectVariant(table, { userPoolId: POOL, callerContext: { clientId: 'c' } })

    // Assess
    expect(variant).toStrictEqual([
      { name: 'a', options: { y: 2 }, where: 'clients.c.plugins.a' },
      { name: 'c', options: {}, where: 'clients.c.plugins.c' },
    ])
  })

  it('gives the default to an event without a caller context', () => {
    // Arrange
    const table = variantTable({ plugins: { a: true }, clients: { c: { plugins: { a: false } } } }, ['a'])

    // Act + Assess
    expect(selectVariant(table, { userPoolId: POOL, callerContext: null })).toStrictEqual([{ name: 'a', options: {}, where: 'plugins.a' }])
  })
})

describe('mapPluginObjects and pluginObjects', () => {
  const config = {
    plugins: { a: true },
    deadlineMs: 1000,
    pools: { [POOL]: { plugins: { b: true }, clients: { c: { plugins: { a: false } }, d: {} } }, [OTHER_POOL]: {} },
    clients: { e: { plugins: {} } },
  }

  it('lists every plugins object with its place, the default first', () => {
    // Act
    const found = pluginObjects(config)

    // Assess
    expect(found.map(({ prefix }) => prefix)).toStrictEqual(['', `pools.${POOL}.`, `pools.${POOL}.clients.c.`, 'clients.e.'])
  })

  it('replaces each plugins object and keeps everything else', () => {
    // Act
    const mapped = mapPluginObjects(config, (plugins, prefix) => ({ ...plugins, at: prefix }))

    // Assess
    expect(mapped).toStrictEqual({
      plugins: { a: true, at: '' },
      deadlineMs: 1000,
      pools: { [POOL]: { plugins: { b: true, at: `pools.${POOL}.` }, clients: { c: { plugins: { a: false, at: `pools.${POOL}.clients.c.` } }, d: {} } }, [OTHER_POOL]: {} },
      clients: { e: { plugins: { at: 'clients.e.' } } },
    })
  })

  it('leaves a value that is not an override as it is', () => {
    // Act + Assess
    expect(mapPluginObjects({ plugins: {}, pools: { [POOL]: 'x' } }, () => ({}))).toStrictEqual({ plugins: {}, pools: { [POOL]: 'x' } })
  })

  it('maps only the default of a configuration without overrides', () => {
    // Act + Assess
    expect(pluginObjects({ plugins: { a: true } })).toStrictEqual([{ prefix: '', plugins: { a: true } }])
  })
})
