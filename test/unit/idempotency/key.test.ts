import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { CognitoTriggerRouterError } from '../../../src/errors.js'
import {
  DEFAULT_KEY_PATHS,
  IdempotencyKeyError,
  KEY_EXCLUDED_PATHS,
  KEY_PATH_PATTERN,
  idempotencyKey,
  isExcludedKeyPath,
  keyMaterial,
} from '../../../src/idempotency/key.js'
import { createEvent } from '../../../src/testing/events.js'

type Event = Record<string, unknown>

const postConfirmation = (): Event => createEvent('PostConfirmation_ConfirmSignUp') as unknown as Event
const clone = <T>(value: T): T => structuredClone(value)
const set = (event: Event, path: string, value: unknown): Event => {
  const copy = clone(event)
  const segments = path.split('.')
  let node = copy as Record<string, unknown>
  for (const segment of segments.slice(0, -1)) node = node[segment] as Record<string, unknown>
  node[segments.at(-1)!] = value
  return copy
}

/** The same object with its keys in reverse order, at every level. */
const reversed = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(reversed)
  if (typeof value !== 'object' || value === null) return value
  return Object.fromEntries(Object.entries(value).reverse().map(([key, item]) => [key, reversed(item)]))
}

describe('idempotencyKey', () => {
  it('is the SHA-256, in hex, of the key material', async () => {
    const event = postConfirmation()

    const key = await idempotencyKey(event, 'welcome-email')

    expect(key).toMatch(/^[0-9a-f]{64}$/)
    expect(key).toBe(createHash('sha256').update(keyMaterial(event, 'welcome-email')).digest('hex'))
  })

  it('is the same for a retry of the same event, whatever the order of its keys', async () => {
    const event = postConfirmation()

    expect(await idempotencyKey(reversed(event) as Event, 'welcome-email')).toBe(await idempotencyKey(event, 'welcome-email'))
    expect(await idempotencyKey(clone(event), 'welcome-email')).toBe(await idempotencyKey(event, 'welcome-email'))
  })

  it('differs between two plugins handling the same event', async () => {
    const event = postConfirmation()

    expect(await idempotencyKey(event, 'welcome-email')).not.toBe(await idempotencyKey(event, 'add-to-group'))
  })

  it.each([
    ['the user pool', 'userPoolId', 'eu-west-1_OTHER'],
    ['the trigger', 'triggerSource', 'PostConfirmation_ConfirmForgotPassword'],
    ['the user', 'userName', 'another-user'],
    ['the app client', 'callerContext.clientId', 'another-client'],
    ['a user attribute', 'request.userAttributes.email', 'someone.else@example.com'],
    ['the client metadata', 'request.clientMetadata', { campaign: 'spring' }],
  ])('differs when %s differs (%s)', async (_what, path, value) => {
    const event = postConfirmation()

    expect(await idempotencyKey(set(event, path, value), 'welcome-email')).not.toBe(await idempotencyKey(event, 'welcome-email'))
  })

  it.each([
    ['the event schema version', 'version', '2'],
    ['the region', 'region', 'eu-west-1'],
    ["the caller's SDK version", 'callerContext.awsSdkVersion', 'aws-sdk-js-3.0.0'],
    ['the response defaults', 'response', { anything: true }],
  ])('is the same when only %s differs (%s): it describes the caller, not the request', async (_what, path, value) => {
    const event = postConfirmation()

    expect(await idempotencyKey(set(event, path, value), 'welcome-email')).toBe(await idempotencyKey(event, 'welcome-email'))
  })

  it('differs for each new custom sender code: a resend is delivered, not swallowed', async () => {
    const sender = createEvent('CustomEmailSender_ResendCode') as unknown as Event

    const first = await idempotencyKey(set(sender, 'request.code', 'AYADeFirstCiphertext=='), 'custom-sender')
    const retry = await idempotencyKey(set(sender, 'request.code', 'AYADeFirstCiphertext=='), 'custom-sender')
    const resend = await idempotencyKey(set(sender, 'request.code', 'AYADeSecondCiphertext=='), 'custom-sender')

    expect(retry).toBe(first)
    expect(resend).not.toBe(first)
  })
})

describe('keyMaterial', () => {
  it('is canonical JSON of the plugin name and the default fields, absent fields left out', () => {
    const event = {
      version: '1',
      region: 'us-east-1',
      userName: 'u-1',
      triggerSource: 'PostConfirmation_ConfirmSignUp',
      userPoolId: 'us-east-1_P',
      request: { userAttributes: { sub: 'u-1', email: 'a@example.test' }, clientMetadata: null },
      response: {},
    }

    expect(keyMaterial(event, 'welcome-email')).toBe(
      '{"fields":{"request":{"clientMetadata":null,"userAttributes":{"email":"a@example.test","sub":"u-1"}},' +
        '"triggerSource":"PostConfirmation_ConfirmSignUp","userName":"u-1","userPoolId":"us-east-1_P"},"plugin":"welcome-email"}',
    )
  })

  it('never holds a migrating user\'s password, and so the key does not change with it', async () => {
    const migration = createEvent('UserMigration_Authentication') as unknown as Event
    const withPassword = set(migration, 'request.password', 'correct horse battery staple')

    expect(keyMaterial(withPassword, 'user-migration')).not.toContain('correct horse')
    expect(await idempotencyKey(withPassword, 'user-migration')).toBe(
      await idempotencyKey(set(migration, 'request.password', 'another password'), 'user-migration'),
    )
  })

  it('leaves the event untouched when it drops the password', () => {
    const migration = set(createEvent('UserMigration_Authentication') as unknown as Event, 'request.password', 'secret-1')

    keyMaterial(migration, 'user-migration')

    expect((migration.request as Event).password).toBe('secret-1')
  })

  it('keeps a `__proto__` member of the request as data, not as a prototype', () => {
    const event = JSON.parse('{"userPoolId":"p","request":{"__proto__":{"polluted":true},"password":"x"}}') as Event

    expect(keyMaterial(event, 'p', ['request'])).toBe('{"fields":{"request":{"__proto__":{"polluted":true}}},"plugin":"p"}')
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  describe('with a list of paths', () => {
    it.each([
      ['only the listed fields', ['userPoolId', 'request.userAttributes.sub'], '{"request.userAttributes.sub":"u-1","userPoolId":"us-east-1_P"}'],
      ['nothing for a path that is absent', ['userPoolId', 'request.validationData.x'], '{"userPoolId":"us-east-1_P"}'],
      ['nothing for a path through a string', ['userName.length'], '{}'],
      ['nothing for a path through null', ['request.clientMetadata.x'], '{}'],
      ['an array as it is', ['request.session'], '{"request.session":[{"challengeName":"SRP_A"}]}'],
      ['nothing for an excluded path, even when listed', ['request.password', 'request.password.x', 'userName'], '{"userName":"u-1"}'],
    ])('selects %s', (_what, paths, fields) => {
      const event = {
        userPoolId: 'us-east-1_P',
        userName: 'u-1',
        request: { userAttributes: { sub: 'u-1' }, clientMetadata: null, session: [{ challengeName: 'SRP_A' }], password: 'pw' },
      }

      expect(keyMaterial(event, 'p', paths)).toBe(`{"fields":${fields},"plugin":"p"}`)
    })

    it('keeps a request that is not an object as it is (the router refuses such events before any plugin runs)', () => {
      expect(keyMaterial({ request: 'odd' }, 'p', ['request'])).toBe('{"fields":{"request":"odd"},"plugin":"p"}')
    })
  })

  describe('with a key function', () => {
    it('hashes what the function returns, whatever the order of its keys', () => {
      const event = postConfirmation()
      const byEmail = (e: Readonly<Record<string, unknown>>) => ({
        pool: e.userPoolId,
        email: (e.request as { userAttributes: { email: string } }).userAttributes.email,
        ignored: undefined,
      })

      expect(keyMaterial(event, 'welcome-email', byEmail)).toBe(
        '{"fields":{"email":"jane.doe@example.com","pool":"us-east-1_EXAMPLE"},"plugin":"welcome-email"}',
      )
    })

    it('names the plugin and keeps the cause when the function throws', () => {
      const failure = new RangeError('no email')

      const error = (() => {
        try {
          keyMaterial(postConfirmation(), 'welcome-email', () => {
            throw failure
          })
        } catch (caught) {
          return caught
        }
      })()

      expect(error).toBeInstanceOf(IdempotencyKeyError)
      expect(error).toBeInstanceOf(CognitoTriggerRouterError)
      expect(error).toMatchObject({
        name: 'IdempotencyKeyError',
        plugin: 'welcome-email',
        message: 'idempotency key of plugin "welcome-email": the key function threw (RangeError: no email)',
        cause: failure,
      })
    })

    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic

    it.each([
      ['undefined', undefined, 'the key function returned undefined'],
      ['NaN', Number.NaN, 'NaN is not a JSON number'],
      ['Infinity', Number.POSITIVE_INFINITY, 'Infinity is not a JSON number'],
      ['a bigint', 1n, 'a value of type bigint is not JSON'],
      ['a function', () => 1, 'a value of type function is not JSON'],
      ['a symbol', Symbol('s'), 'a value of type symbol is not JSON'],
      ['a Date', new Date(0), 'a value of type object (not plain) is not JSON'],
      ['undefined in an array', [1, undefined], 'a value of type undefined is not JSON'],
      ['a cycle', cyclic, 'nested deeper than 64 levels'],
    ])('refuses %s, which JSON cannot hold faithfully', (_what, value, reason) => {
      expect(() => keyMaterial(postConfirmation(), 'welcome-email', () => value)).toThrow(
        new IdempotencyKeyError('welcome-email', reason),
      )
    })

    it('rejects idempotencyKey with the same error', async () => {
      await expect(idempotencyKey(postConfirmation(), 'welcome-email', () => undefined)).rejects.toBeInstanceOf(IdempotencyKeyError)
    })
  })
})

describe('the key paths', () => {
  it('default to the pool, trigger, user, app client and request body', () => {
    expect(DEFAULT_KEY_PATHS).toEqual(['userPoolId', 'triggerSource', 'userName', 'callerContext.clientId', 'request'])
    expect(Object.isFrozen(DEFAULT_KEY_PATHS)).toBe(true)
    expect(KEY_EXCLUDED_PATHS).toEqual(['request.password'])
  })

  it.each([
    ['request.password', true],
    ['request.password.anything', true],
    ['request', false],
    ['request.passwordHint', false],
    ['userName', false],
  ])('%s is excluded: %s', (path, excluded) => {
    expect(isExcludedKeyPath(path)).toBe(excluded)
  })

  it.each([
    ['userPoolId', true],
    ['request.userAttributes.cognito:email_alias', true],
    ['', false],
    ['.request', false],
    ['request.', false],
    ['request..code', false],
  ])('"%s" is a well-formed path: %s', (path, valid) => {
    expect(KEY_PATH_PATTERN.test(path)).toBe(valid)
  })
})
