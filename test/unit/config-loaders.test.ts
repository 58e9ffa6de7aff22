import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import {
  CONFIG_ENV,
  createRouterFromConfig,
  loadRouterFromConfig,
  resolveConfig,
  type PluginFactory,
  type PluginLoader,
} from '../../src/config.js'
import { ConfigurationError, UserFacingError } from '../../src/errors.js'
import { definePlugin } from '../../src/plugin.js'
import { createEvent } from '../../src/testing/events.js'
import { capturingLogger, settle } from '../helpers/lambda.js'

// Two factories, spied on, so a test can tell whether (and with what) each was called.
const denyDomainFactory = (options: { domain?: unknown }) => {
  if (typeof options.domain !== 'string') throw new ConfigurationError('"domain" must be a string')
  const domain = options.domain
  return definePlugin({
    name: 'deny-domain',
    triggers: ['PreSignUp_SignUp'],
    handler: (event) => {
      if (event.request.userAttributes.email?.endsWith(`@${domain}`)) throw new UserFacingError('Domain not allowed')
    },
  })
}
const autoConfirmFactory = () =>
  definePlugin({ name: 'auto-confirm', triggers: ['PreSignUp_SignUp'], handler: () => ({ autoConfirmUser: true }) })
const denyDomain = vi.fn(denyDomainFactory)
const autoConfirm = vi.fn(autoConfirmFactory)

// Fresh loader spies per test: each resolves to its factory, like a dynamic import would.
const spiedLoaders = () => {
  const loaders = {
    'deny-domain': vi.fn<PluginLoader>(async () => denyDomain as PluginFactory),
    'auto-confirm': vi.fn<PluginLoader>(async () => autoConfirm as PluginFactory),
    unused: vi.fn<PluginLoader>(async () => autoConfirm as PluginFactory),
  }
  return loaders
}

const rejection = async (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => {
      throw new Error('expected a rejection')
    },
    (error: unknown) => error,
  )

describe('loadRouterFromConfig', () => {
  it('loads the enabled plugins and builds a router that runs them in configuration order', async () => {
    // Prepare
    const loaders = spiedLoaders()
    const config = { plugins: { 'deny-domain': { domain: 'example.com' }, 'auto-confirm': true } }

    // Act
    const router = await loadRouterFromConfig(config, loaders, { logger: capturingLogger() })
    const denied = await settle(router, createEvent('PreSignUp_SignUp'))
    const allowed = await settle(router, createEvent('PreSignUp_SignUp', { userAttributes: { email: 'a@corp.test' } }))

    // Assess
    expect(denied.error?.message).toBe('Domain not allowed')
    expect(allowed.reply).toMatchObject({ response: { autoConfirmUser: true } })
  })

  it('passes each factory its options, and an empty object for true', async () => {
    // Prepare
    const loaders = spiedLoaders()
    const options = { domain: 'example.com' }
    denyDomain.mockClear()
    autoConfirm.mockClear()

    // Act
    await loadRouterFromConfig({ plugins: { 'deny-domain': options, 'auto-confirm': true } }, loaders)

    // Assess
    expect(denyDomain).toHaveBeenCalledExactlyOnceWith(options)
    expect(autoConfirm).toHaveBeenCalledExactlyOnceWith({})
  })

  it('calls the loader of each enabled plugin once, and never the loader of a disabled or unlisted plugin', async () => {
    // Prepare
    const loaders = spiedLoaders()

    // Act
    await loadRouterFromConfig({ plugins: { 'deny-domain': false, 'auto-confirm': true } }, loaders)

    // Assess
    expect(loaders['auto-confirm']).toHaveBeenCalledOnce()
    expect(loaders['deny-domain']).not.toHaveBeenCalled()
    expect(loaders.unused).not.toHaveBeenCalled()
  })

  it('loads nothing at all when every plugin is disabled, and the router echoes events', async () => {
    // Prepare
    const loaders = spiedLoaders()
    const event = createEvent('PreSignUp_SignUp')

    // Act
    const router = await loadRouterFromConfig({ plugins: { 'deny-domain': false, 'auto-confirm': false } }, loaders, {
      logger: capturingLogger(),
    })
    const { reply } = await settle(router, event)

    // Assess
    for (const loader of Object.values(loaders)) expect(loader).not.toHaveBeenCalled()
    expect(reply).toStrictEqual(event)
  })

  it('starts every loader before waiting for any of them', async () => {
    // Prepare
    let release: (factory: PluginFactory) => void = () => undefined
    const slow = vi.fn<PluginLoader>(() => new Promise((resolve) => (release = resolve)))
    const fast = vi.fn<PluginLoader>(async () => autoConfirm as PluginFactory)

    // Act
    const loading = loadRouterFromConfig({ plugins: { slow: true, fast: true } }, { slow, fast })
    await Promise.resolve()
    const calledBeforeRelease = [slow.mock.calls.length, fast.mock.calls.length]
    release(
      (() => definePlugin({ name: 'slow', triggers: ['PreSignUp_SignUp'], handler: () => undefined })) as PluginFactory,
    )
    await loading

    // Assess
    expect(calledBeforeRelease).toStrictEqual([1, 1])
  })

  it.each([
    ['not an object', []],
    ['null', null],
    ['an unknown top-level key', { plugins: { 'auto-confirm': true }, deadline: 1 }],
    ['plugins that is not an object', { plugins: ['auto-confirm'] }],
    ['an unknown plugin listed after a known one', { plugins: { 'auto-confirm': true, 'auto-confrim': true } }],
    ['plugin options that are not an object, listed after valid ones', { plugins: { 'auto-confirm': true, 'deny-domain': 'yes' } }],
    ['plugin options that are an array', { plugins: { 'auto-confirm': [] } }],
  ])('checks the configuration before loading anything: %s', async (_case, config) => {
    // Prepare
    const loaders = spiedLoaders()

    // Act
    const error = await rejection(loadRouterFromConfig(config, loaders))

    // Assess
    expect(error).toBeInstanceOf(ConfigurationError)
    for (const loader of Object.values(loaders)) expect(loader).not.toHaveBeenCalled()
  })

  it.each([
    ['an unknown plugin', { plugins: { 'auto-confrim': true } }, 'configuration: unknown plugin "plugins.auto-confrim"; built-in plugins: deny-domain, auto-confirm, unused'],
    ['options that are not an object', { plugins: { 'auto-confirm': 'yes' } }, 'configuration: "plugins.auto-confirm" must be an options object, true or false'],
    ['an unknown key', { plugins: {}, plugin: {} }, 'configuration: unknown key "plugin" (known: $schema, plugins, deadlineMs, logging, errorMessage, metrics, idempotency, pools, clients)'],
  ])('names the key in its message for %s', async (_case, config, message) => {
    // Prepare
    const loaders = spiedLoaders()

    // Act
    const error = await rejection(loadRouterFromConfig(config, loaders))

    // Assess
    expect(error).toStrictEqual(new ConfigurationError(message))
  })

  it('says when there are no loaders to choose from', async () => {
    // Act
    const error = await rejection(loadRouterFromConfig({ plugins: { x: true } }, {}))

    // Assess
    expect((error as Error).message).toBe('configuration: unknown plugin "plugins.x"; built-in plugins: (none)')
  })

  it.each(['toString', 'constructor', 'hasOwnProperty'])('treats the inherited name %s as an unknown plugin', async (name) => {
    // Prepare
    const loaders = spiedLoaders()

    // Act
    const error = await rejection(loadRouterFromConfig({ plugins: { [name]: true } }, loaders))

    // Assess
    expect(error).toBeInstanceOf(ConfigurationError)
    expect((error as Error).message).toContain(`unknown plugin "plugins.${name}"`)
  })

  it('treats a __proto__ key from JSON as an unknown plugin, not as the prototype', async () => {
    // Prepare
    const config = JSON.parse('{"plugins":{"__proto__":true}}') as unknown

    // Act
    const error = await rejection(loadRouterFromConfig(config, spiedLoaders()))

    // Assess
    expect((error as Error).message).toContain('unknown plugin "plugins.__proto__"')
  })

  it.each([
    ['an Error', new Error('Cannot find module ./auto-confirm/index.js')],
    ['a string', 'no such module'],
  ])('wraps a loader that rejects with %s in a ConfigurationError naming the plugin, keeping the cause', async (_case, problem) => {
    // Prepare
    const loaders = { ...spiedLoaders(), 'auto-confirm': vi.fn<PluginLoader>(() => Promise.reject(problem)) }

    // Act
    const error = await rejection(loadRouterFromConfig({ plugins: { 'auto-confirm': true } }, loaders))

    // Assess
    expect(error).toBeInstanceOf(ConfigurationError)
    expect((error as Error).message).toBe('configuration: "plugins.auto-confirm" could not be loaded')
    expect((error as Error).cause).toBe(problem)
  })

  it('wraps a loader that throws before returning a promise', async () => {
    // Prepare
    const problem = new Error('thrown synchronously')
    const loaders = {
      broken: vi.fn<PluginLoader>(() => {
        throw problem
      }),
    }

    // Act
    const error = await rejection(loadRouterFromConfig({ plugins: { broken: {} } }, loaders))

    // Assess
    expect((error as Error).message).toBe('configuration: "plugins.broken" could not be loaded')
    expect((error as Error).cause).toBe(problem)
  })

  it.each([
    ['a ConfigurationError', new ConfigurationError('"domain" must be a string'), '"domain" must be a string'],
    ['a TypeError', new TypeError('options.x is not iterable'), 'options.x is not iterable'],
    ['a string', 'nope', 'nope'],
  ])('reports a factory that throws %s with the plugin key and its message, keeping the cause', async (_case, problem, shown) => {
    // Prepare
    const factory = vi.fn(() => {
      throw problem
    })
    const loaders = { odd: vi.fn<PluginLoader>(async () => factory as PluginFactory) }

    // Act
    const error = await rejection(loadRouterFromConfig({ plugins: { odd: { x: 1 } } }, loaders))

    // Assess
    expect(error).toBeInstanceOf(ConfigurationError)
    expect((error as Error).message).toBe(`configuration: "plugins.odd": ${shown}`)
    expect((error as Error).cause).toBe(problem)
  })

  it('reports a bad option of a loaded factory through the factory’s own check', async () => {
    // Act
    const error = await rejection(loadRouterFromConfig({ plugins: { 'deny-domain': { domain: 7 } } }, spiedLoaders()))

    // Assess
    expect((error as Error).message).toBe('configuration: "plugins.deny-domain": "domain" must be a string')
  })

  it.each([
    ['a bad deadline', { deadlineMs: 9000 }, 'deadlineMs must be an integer from 1 to 4999'],
    ['a bad error message', { errorMessage: 'Oops' }, '{requestId}'],
    ['a bad logging option', { logging: { eventLevel: 'trace' } }, 'option "eventLevel" must be "debug" or "info"'],
  ])('checks the router options first, so %s fails the cold start before any plugin is imported', async (_case, options, message) => {
    // Prepare
    const loaders = spiedLoaders()

    // Act
    const error = await rejection(loadRouterFromConfig({ plugins: { 'auto-confirm': true }, ...options }, loaders))

    // Assess
    expect(error).toBeInstanceOf(ConfigurationError)
    expect((error as Error).message).toContain(message)
    for (const loader of Object.values(loaders)) expect(loader).not.toHaveBeenCalled()
  })

  it('accepts every documented key, $schema included, and uses the given logger', async () => {
    // Prepare
    const logger = capturingLogger()
    const config = { $schema: './schema.json', plugins: { 'auto-confirm': true }, deadlineMs: 1000, logging: { eventLevel: 'info' }, errorMessage: 'No ({requestId})' }

    // Act
    const router = await loadRouterFromConfig(config, spiedLoaders(), { logger })
    await settle(router, createEvent('PreSignUp_SignUp'))

    // Assess
    expect(logger.lines).toContainEqual(expect.objectContaining({ level: 'info', message: 'cognito trigger reply' }))
  })
})

describe('createRouterFromConfig on the same checks', () => {
  it('calls the factory of each enabled plugin once, with its options or an empty object for true', () => {
    // Prepare
    const registry = { 'deny-domain': vi.fn(denyDomainFactory), 'auto-confirm': vi.fn(autoConfirmFactory), unused: vi.fn(autoConfirmFactory) }
    const options = { domain: 'example.com' }

    // Act
    createRouterFromConfig({ plugins: { 'deny-domain': options, 'auto-confirm': true } }, registry as Record<string, PluginFactory>)

    // Assess
    expect(registry['deny-domain']).toHaveBeenCalledExactlyOnceWith(options)
    expect(registry['auto-confirm']).toHaveBeenCalledExactlyOnceWith({})
    expect(registry.unused).not.toHaveBeenCalled()
  })

  it('never calls the factory of a disabled plugin', () => {
    // Prepare
    const registry = { 'deny-domain': vi.fn(denyDomainFactory), 'auto-confirm': vi.fn(autoConfirmFactory) }

    // Act
    createRouterFromConfig({ plugins: { 'deny-domain': false, 'auto-confirm': true } }, registry as Record<string, PluginFactory>)

    // Assess
    expect(registry['deny-domain']).not.toHaveBeenCalled()
    expect(registry['auto-confirm']).toHaveBeenCalledOnce()
  })

  it.each([
    ['an unknown plugin', { plugins: { 'auto-confirm': true, 'auto-confrim': true } }],
    ['options that are not an object', { plugins: { 'auto-confirm': true, 'deny-domain': 3 } }],
  ])('checks the whole configuration before calling any factory: %s after a valid plugin', (_case, config) => {
    // Prepare
    const registry = { 'deny-domain': vi.fn(denyDomainFactory), 'auto-confirm': vi.fn(autoConfirmFactory) }

    // Act
    const building = () => createRouterFromConfig(config, registry as Record<string, PluginFactory>)

    // Assess
    expect(building).toThrowError(ConfigurationError)
    expect(registry['auto-confirm']).not.toHaveBeenCalled()
    expect(registry['deny-domain']).not.toHaveBeenCalled()
  })

  it.each(['toString', 'constructor', 'valueOf'])('treats the inherited name %s as an unknown plugin', (name) => {
    // Act
    const building = () => createRouterFromConfig({ plugins: { [name]: true } }, { 'auto-confirm': autoConfirm as PluginFactory })

    // Assess
    expect(building).toThrowError(`configuration: unknown plugin "plugins.${name}"; built-in plugins: auto-confirm`)
  })

  it('builds the same router as loadRouterFromConfig from the same configuration', async () => {
    // Prepare
    const config = { plugins: { 'deny-domain': { domain: 'example.com' }, 'auto-confirm': true } }
    const registry = { 'deny-domain': denyDomain, 'auto-confirm': autoConfirm } as Record<string, PluginFactory>
    const event = () => createEvent('PreSignUp_SignUp', { userAttributes: { email: 'a@corp.test' } })

    // Act
    const built = await settle(createRouterFromConfig(config, registry, { logger: capturingLogger() }), event())
    const loaded = await settle(await loadRouterFromConfig(config, spiedLoaders(), { logger: capturingLogger() }), event())

    // Assess
    expect(built).toStrictEqual(loaded)
    expect(built.reply).toMatchObject({ response: { autoConfirmUser: true } })
  })
})

describe('resolveConfig with COGNITO_ROUTER_CONFIG_FILE', () => {
  const directory = mkdtempSync(join(tmpdir(), 'ctr-loaders-'))
  const bundled = { plugins: { 'auto-confirm': true } }

  afterAll(() => {
    rmSync(directory, { recursive: true, force: true })
  })

  it('reads and parses a real file, as UTF-8', () => {
    // Prepare
    const file = join(directory, 'router.json')
    writeFileSync(file, '{"plugins":{"welcome":{"subject":"Willkommen, schön dass Sie da sind ✓"}}}')

    // Act
    const config = resolveConfig(bundled, { [CONFIG_ENV.file]: file })

    // Assess
    expect(config).toStrictEqual({ plugins: { welcome: { subject: 'Willkommen, schön dass Sie da sind ✓' } } })
  })

  it('prefers inline JSON over the file', () => {
    // Prepare
    const file = join(directory, 'ignored.json')
    writeFileSync(file, '{"plugins":{"from-file":true}}')

    // Act
    const config = resolveConfig(bundled, { [CONFIG_ENV.inline]: '{"plugins":{}}', [CONFIG_ENV.file]: file })

    // Assess
    expect(config).toStrictEqual({ plugins: {} })
  })

  it.each([
    ['a missing file', () => join(directory, 'missing.json'), 'ENOENT'],
    ['a directory', () => directory, 'EISDIR'],
  ])('throws a ConfigurationError naming the variable for %s, with the file system error as cause', (_case, pathOf, code) => {
    // Prepare
    const file = pathOf()

    // Act
    const error = (() => {
      try {
        resolveConfig(bundled, { [CONFIG_ENV.file]: file })
      } catch (caught) {
        return caught
      }
      return undefined
    })()

    // Assess
    expect(error).toBeInstanceOf(ConfigurationError)
    expect((error as Error).message).toBe(`cannot read COGNITO_ROUTER_CONFIG_FILE=${file}`)
    expect(((error as Error).cause as NodeJS.ErrnoException).code).toBe(code)
  })

  it.each([
    ['empty', ''],
    ['blank', '  \t'],
  ])('falls back to the bundled configuration when the variable is %s', (_case, value) => {
    // Act
    const config = resolveConfig(bundled, { [CONFIG_ENV.file]: value, [CONFIG_ENV.inline]: value })

    // Assess
    expect(config).toBe(bundled)
  })
})
