import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { CONFIG_ENV, createRouterFromConfig, loadRouterFromConfig, resolveConfig, type PluginFactory } from '../../src/config.js'
import { ConfigurationError, UserFacingError } from '../../src/errors.js'
import { definePlugin } from '../../src/plugin.js'
import { createEvent } from '../../src/testing/events.js'
import { capturingLogger, settle } from '../helpers/lambda.js'

const dir = mkdtempSync(join(tmpdir(), 'ctr-config-test-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

// A registry like plugins/index.ts: factories validate their own options.
const registry: Record<string, PluginFactory> = {
  'deny-domain': (options) => {
    const { domain, ...rest } = (options ?? {}) as { domain?: unknown }
    if (Object.keys(rest).length > 0) throw new ConfigurationError(`unknown option "${Object.keys(rest)[0]}"`)
    if (typeof domain !== 'string') throw new ConfigurationError('"domain" must be a string')
    return definePlugin({
      name: 'deny-domain',
      triggers: ['PreSignUp_SignUp'],
      handler: (event) => {
        if (event.request.userAttributes.email?.endsWith(`@${domain}`)) throw new UserFacingError('Domain not allowed')
      },
    })
  },
  'auto-confirm': () => definePlugin({ name: 'auto-confirm', triggers: ['PreSignUp_SignUp'], handler: () => ({ autoConfirmUser: true }) }),
}

describe('createRouterFromConfig', () => {
  it('enables the configured plugins, in order, with their options', async () => {
    const router = createRouterFromConfig({ plugins: { 'deny-domain': { domain: 'example.com' }, 'auto-confirm': true } }, registry, {
      logger: capturingLogger(),
    })
    const { error } = await settle(router, createEvent('PreSignUp_SignUp'))
    expect(error?.message).toBe('Domain not allowed')
    const other = createEvent('PreSignUp_SignUp', { userAttributes: { email: 'a@corp.test' } })
    expect((await settle(router, other)).reply).toMatchObject({ response: { autoConfirmUser: true } })
  })

  it('skips plugins set to false', async () => {
    const router = createRouterFromConfig({ plugins: { 'auto-confirm': false } }, registry, { logger: capturingLogger() })
    const event = createEvent('PreSignUp_SignUp')
    expect((await settle(router, event)).reply).toStrictEqual(event)
  })

  it.each([
    ['not an object', [], 'configuration must be a JSON object'],
    ['an unknown top-level key', { plugins: {}, deadline: 1 }, 'unknown key "deadline"'],
    ['plugins that is not an object', { plugins: ['auto-confirm'] }, '"plugins" must be an object'],
    ['an unknown plugin', { plugins: { 'auto-confrim': true } }, 'unknown plugin "plugins.auto-confrim"; built-in plugins: deny-domain, auto-confirm'],
    ['plugin options that are not an object', { plugins: { 'auto-confirm': 'yes' } }, '"plugins.auto-confirm" must be an options object, true or false'],
    ['a bad plugin option', { plugins: { 'deny-domain': { domian: 'x' } } }, '"plugins.deny-domain": unknown option "domian"'],
    ['a bad deadline', { plugins: {}, deadlineMs: 9000 }, 'deadlineMs must be an integer from 1 to 4999'],
    ['a bad error message', { plugins: {}, errorMessage: 'Oops' }, '{requestId}'],
    ['metrics that are not an object', { plugins: {}, metrics: 'on' }, '"metrics" must be true, false or an object'],
    ['an unknown metrics key', { plugins: {}, metrics: { namespce: 'Auth' } }, 'unknown option "metrics.namespce"'],
    ['a per-user metrics dimension', { plugins: {}, metrics: { dimensions: { userName: 'x' } } }, '"metrics.dimensions.userName"'],
    ['a reserved metrics namespace', { plugins: {}, metrics: { namespace: 'AWS/Cognito' } }, '"metrics.namespace" must be a CloudWatch namespace'],
    ['idempotency without a table', { plugins: {}, idempotency: {} }, '"idempotency.tableName" must be the name of a DynamoDB table'],
    ['an unknown idempotency key', { plugins: {}, idempotency: { tableName: 't', window: 30 } }, 'idempotency.window'],
    ['a bad idempotency window', { plugins: {}, idempotency: { tableName: 't', windowSeconds: 0 } }, '"idempotency.windowSeconds"'],
  ])('fails at cold start for %s, naming the key', (_case, config, message) => {
    expect(() => createRouterFromConfig(config, registry)).toThrowError(ConfigurationError)
    expect(() => createRouterFromConfig(config, registry)).toThrowError(message)
  })

  it('reports a plugin factory that throws a non-Error', () => {
    // eslint-disable-next-line no-throw-literal -- a JavaScript factory may throw a string
    const odd: Record<string, PluginFactory> = { odd: () => { throw 'nope' } }
    expect(() => createRouterFromConfig({ plugins: { odd: true } }, odd)).toThrowError('"plugins.odd": nope')
  })

  it('says when there are no built-in plugins to choose from', () => {
    expect(() => createRouterFromConfig({ plugins: { x: true } }, {})).toThrowError('built-in plugins: (none)')
  })

  it.each([true, false, { namespace: 'Auth', service: 'sign-up', dimensions: { environment: 'prod' } }])(
    'accepts metrics %j',
    (metrics) => {
      expect(() => createRouterFromConfig({ plugins: {}, metrics }, registry)).not.toThrow()
    },
  )

  it('refuses bad metrics before any plugin is loaded', async () => {
    const loader = vi.fn(() => Promise.resolve(registry['auto-confirm'] as PluginFactory))
    await expect(loadRouterFromConfig({ plugins: { 'auto-confirm': true }, metrics: { service: '' } }, { 'auto-confirm': loader })).rejects.toThrowError(
      '"metrics.service"',
    )
    expect(loader).not.toHaveBeenCalled()
  })

  it('accepts idempotency with a table, and protects no plugin that has no side effects', () => {
    expect(() => createRouterFromConfig({ plugins: { 'auto-confirm': true }, idempotency: { tableName: 'idempotency', windowSeconds: 60 } }, registry)).not.toThrow()
  })

  it('refuses bad idempotency before any plugin is loaded', async () => {
    const loader = vi.fn(() => Promise.resolve(registry['auto-confirm'] as PluginFactory))
    await expect(loadRouterFromConfig({ plugins: { 'auto-confirm': true }, idempotency: { tableName: '' } }, { 'auto-confirm': loader })).rejects.toThrowError(
      '"idempotency.tableName"',
    )
    expect(loader).not.toHaveBeenCalled()
  })

  it('accepts a $schema key for editor support', () => {
    expect(() => createRouterFromConfig({ $schema: './schema.json', plugins: {} }, registry)).not.toThrow()
  })
})

describe('resolveConfig', () => {
  const bundled = { plugins: { 'auto-confirm': true } }

  it('uses the bundled configuration by default', () => {
    expect(resolveConfig(bundled, {})).toBe(bundled)
  })

  it('prefers inline JSON from COGNITO_ROUTER_CONFIG', () => {
    expect(resolveConfig(bundled, { [CONFIG_ENV.inline]: '{"plugins":{}}' })).toStrictEqual({ plugins: {} })
  })

  it('reads COGNITO_ROUTER_CONFIG_FILE', () => {
    const file = join(dir, 'config.json')
    writeFileSync(file, '{"plugins":{"deny-domain":{"domain":"x.test"}}}')
    expect(resolveConfig(bundled, { [CONFIG_ENV.file]: file })).toStrictEqual({ plugins: { 'deny-domain': { domain: 'x.test' } } })
  })

  it.each([
    [{ [CONFIG_ENV.inline]: '{plugins:' }, 'environment variable COGNITO_ROUTER_CONFIG is not valid JSON'],
    [{ [CONFIG_ENV.file]: '/nonexistent/config.json' }, 'cannot read COGNITO_ROUTER_CONFIG_FILE=/nonexistent/config.json'],
  ])('names the variable when %j is unusable', (env, message) => {
    expect(() => resolveConfig(bundled, env)).toThrowError(message)
  })

  it('reads a broken file with a message naming it', () => {
    const file = join(dir, 'broken.json')
    writeFileSync(file, 'nope')
    expect(() => resolveConfig(bundled, { [CONFIG_ENV.file]: file })).toThrowError(`COGNITO_ROUTER_CONFIG_FILE=${file} is not valid JSON`)
  })
})

describe('the Lambda entry', () => {
  it('builds its router from COGNITO_ROUTER_CONFIG at cold start and fails the cold start on a bad one', async () => {
    vi.resetModules()
    vi.stubEnv(CONFIG_ENV.inline, '{"plugins":{},"deadlineMs":2500}')
    const { handler } = await import('../../src/lambda/index.js')
    const event = createEvent('PreAuthentication_Authentication')
    expect((await settle(handler, event)).reply).toStrictEqual(event)

    vi.resetModules()
    vi.stubEnv(CONFIG_ENV.inline, '{"plugins":{"nope":true}}')
    await expect(import('../../src/lambda/index.js')).rejects.toThrowError('unknown plugin "plugins.nope"')
    vi.unstubAllEnvs()
  })
})
