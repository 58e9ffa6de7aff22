import { describe, expect, it } from 'vitest'
import { ConfigurationError } from '../../../src/errors.js'
import { DEFAULT_KEY_PATHS } from '../../../src/idempotency/key.js'
import {
  DEFAULT_WINDOW_SECONDS,
  MAX_WINDOW_SECONDS,
  resolveIdempotencyOptions,
  storeFailureOutcome,
} from '../../../src/idempotency/options.js'

const failure = (options: unknown, sideEffectPlugins?: readonly string[]): ConfigurationError => {
  try {
    resolveIdempotencyOptions(options, sideEffectPlugins)
  } catch (error) {
    if (error instanceof ConfigurationError) return error
    throw error
  }
  throw new Error('expected a ConfigurationError')
}

describe('resolveIdempotencyOptions', () => {
  it('is off when the option is absent', () => {
    expect(resolveIdempotencyOptions(undefined)).toBeUndefined()
  })

  it('applies the defaults: a five-minute window and the default key for every plugin', () => {
    const resolved = resolveIdempotencyOptions({ tableName: 'idempotency' })

    expect(resolved?.tableName).toBe('idempotency')
    expect(resolved?.windowSeconds).toBe(DEFAULT_WINDOW_SECONDS)
    expect(DEFAULT_WINDOW_SECONDS).toBe(300)
    expect(resolved?.forPlugin('welcome-email')).toEqual({ enabled: true, key: DEFAULT_KEY_PATHS, windowSeconds: 300 })
    expect(resolved?.client).toBeUndefined()
  })

  it('keeps the DynamoDB client it is given', () => {
    const client = { send: async () => ({}) }

    expect(resolveIdempotencyOptions({ tableName: 'idempotency', client })?.client).toBe(client)
  })

  it('gives a plugin its own settings and the router-wide ones for what it leaves out', () => {
    const byEmail = (event: Readonly<Record<string, unknown>>) => event.userName
    const resolved = resolveIdempotencyOptions(
      {
        tableName: 'idempotency',
        windowSeconds: 120,
        plugins: {
          'sign-in-audit': { windowSeconds: 30 },
          'welcome-email': { key: ['userPoolId', 'request.userAttributes.email'] },
          'custom-sender': { key: byEmail, enabled: false },
        },
      },
      ['sign-in-audit', 'welcome-email', 'custom-sender', 'add-to-group'],
    )

    expect(resolved?.forPlugin('sign-in-audit')).toEqual({ enabled: true, key: DEFAULT_KEY_PATHS, windowSeconds: 30 })
    expect(resolved?.forPlugin('welcome-email')).toEqual({
      enabled: true,
      key: ['userPoolId', 'request.userAttributes.email'],
      windowSeconds: 120,
    })
    expect(resolved?.forPlugin('custom-sender')).toEqual({ enabled: false, key: byEmail, windowSeconds: 120 })
    expect(resolved?.forPlugin('add-to-group')).toEqual({ enabled: true, key: DEFAULT_KEY_PATHS, windowSeconds: 120 })
  })

  it('keeps its own copy of a key path list, frozen', () => {
    const key = ['userPoolId']
    const resolved = resolveIdempotencyOptions({ tableName: 't', plugins: { p: { key } } })
    key.push('userName')

    expect(resolved?.forPlugin('p').key).toEqual(['userPoolId'])
    expect(Object.isFrozen(resolved?.forPlugin('p').key)).toBe(true)
    expect(Object.isFrozen(resolved)).toBe(true)
  })

  it.each([1, MAX_WINDOW_SECONDS])('accepts a window of %i seconds', (windowSeconds) => {
    expect(resolveIdempotencyOptions({ tableName: 't', windowSeconds })?.windowSeconds).toBe(windowSeconds)
  })

  it.each([
    ['a string', 'on', '"idempotency" must be an object with a "tableName", got "on"'],
    ['true', true, '"idempotency" must be an object with a "tableName", got true'],
    ['null', null, '"idempotency" must be an object with a "tableName", got null'],
    ['an array', [], '"idempotency" must be an object with a "tableName", got an array'],
    ['a misspelt key', { tableName: 't', tabelName: 't' }, '"idempotency.tabelName" is not an option; expected "tableName", "windowSeconds", "plugins", "client"'],
    ['no table name', {}, '"idempotency.tableName" must be the name of a DynamoDB table, got nothing'],
    ['a table name object', { tableName: {} }, '"idempotency.tableName" must be the name of a DynamoDB table, got an object'],
    ['a table name function', { tableName: () => 't' }, '"idempotency.tableName" must be the name of a DynamoDB table, got a function'],
    ['a blank table name', { tableName: '  ' }, '"idempotency.tableName" must be the name of a DynamoDB table, got "  "'],
    ['a numeric table name', { tableName: 42 }, '"idempotency.tableName" must be the name of a DynamoDB table, got 42'],
    ['a zero window', { tableName: 't', windowSeconds: 0 }, '"idempotency.windowSeconds" must be a whole number of seconds from 1 to 86400, got 0'],
    ['a fractional window', { tableName: 't', windowSeconds: 1.5 }, '"idempotency.windowSeconds" must be a whole number of seconds from 1 to 86400, got 1.5'],
    ['a window over a day', { tableName: 't', windowSeconds: 86_401 }, '"idempotency.windowSeconds" must be a whole number of seconds from 1 to 86400, got 86401'],
    ['a window in a string', { tableName: 't', windowSeconds: '60' }, '"idempotency.windowSeconds" must be a whole number of seconds from 1 to 86400, got "60"'],
    ['plugins as a list', { tableName: 't', plugins: ['welcome-email'] }, '"idempotency.plugins" must be an object keyed by plugin name, got an array'],
    ['a plugin entry that is not an object', { tableName: 't', plugins: { p: true } }, '"idempotency.plugins.p" must be an object, got true'],
    ['a misspelt plugin key', { tableName: 't', plugins: { p: { keys: [] } } }, '"idempotency.plugins.p.keys" is not an option; expected "enabled", "key", "windowSeconds"'],
    ['enabled as a string', { tableName: 't', plugins: { p: { enabled: 'no' } } }, '"idempotency.plugins.p.enabled" must be a boolean, got "no"'],
    ['a plugin window of a minus', { tableName: 't', plugins: { p: { windowSeconds: -1 } } }, '"idempotency.plugins.p.windowSeconds" must be a whole number of seconds from 1 to 86400, got -1'],
    ['an empty key', { tableName: 't', plugins: { p: { key: [] } } }, '"idempotency.plugins.p.key" must be a non-empty array of event paths or a function, got an array'],
    ['a key string', { tableName: 't', plugins: { p: { key: 'userName' } } }, '"idempotency.plugins.p.key" must be a non-empty array of event paths or a function, got "userName"'],
    ['a key path that is not a string', { tableName: 't', plugins: { p: { key: ['userName', 3] } } }, '"idempotency.plugins.p.key[1]" must be a dotted path into the event such as "request.userAttributes.sub", got 3'],
    ['a malformed key path', { tableName: 't', plugins: { p: { key: ['request..code'] } } }, '"idempotency.plugins.p.key[0]" must be a dotted path into the event such as "request.userAttributes.sub", got "request..code"'],
    ['a client without send', { tableName: 't', client: {} }, '"idempotency.client" must be a DynamoDBClient, got an object'],
    ['a client string', { tableName: 't', client: 'dynamodb' }, '"idempotency.client" must be a DynamoDBClient, got "dynamodb"'],
    ['the password as a key path', { tableName: 't', plugins: { p: { key: ['userName', 'request.password'] } } }, '"idempotency.plugins.p.key[1]" names "request.password", which is never part of a key (a secret must not reach the store)'],
  ])('refuses %s, naming the key', (_what, options, message) => {
    const error = failure(options)

    expect(error.message).toBe(`idempotency option ${message}`)
  })

  it('refuses settings for a plugin without side effects, which would do nothing', () => {
    expect(failure({ tableName: 't', plugins: { 'token-claims': {} } }, ['welcome-email', 'sign-in-audit']).message).toBe(
      'idempotency option "idempotency.plugins.token-claims" names no registered plugin with side effects; expected "welcome-email", "sign-in-audit"',
    )
    expect(failure({ tableName: 't', plugins: { 'token-claims': {} } }, []).message).toBe(
      'idempotency option "idempotency.plugins.token-claims" names no registered plugin with side effects; none is registered',
    )
  })

  it('names the place in a JSON configuration file when given one', () => {
    expect(() => resolveIdempotencyOptions({ tableName: '' }, undefined, 'router.json: idempotency')).toThrow(
      'idempotency option "router.json: idempotency.tableName" must be the name of a DynamoDB table, got ""',
    )
  })
})

describe('storeFailureOutcome', () => {
  it.each([
    [{ failOpen: true }, 'skip-plugin'],
    [{ failOpen: false }, 'fail-closed'],
    [{}, 'fail-closed'],
  ] as const)('for a plugin %o is %s', (plugin, outcome) => {
    expect(storeFailureOutcome(plugin)).toBe(outcome)
  })
})
