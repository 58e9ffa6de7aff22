import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  MissingPrerequisiteError,
  ConfigurationError,
  createRouter,
  createRouterFromConfig,
  TriggerRejectedError,
  type PluginFactory,
  type RouterOptions,
  type UserMigrationEvent,
} from '../../src/index.js'
import { createEvent } from '../../src/testing/index.js'
import { describePluginContract } from '../../src/testing/vitest.js'
import { capturingLogger, deferred, settle } from '../../test/helpers/lambda.js'
import { legacyHttpStore, userMigration, UserMigrationError, type LegacyUser, type LegacyUserStore, type UserMigrationOptions } from './index.js'

const GENERIC = '[INTERNAL_ERROR] We could not complete your request (reference req-0000-1111)'
const USERNAME = 'jane.doe@example.com'
// Quotes, a backslash, non-ASCII, an emoji and a line separator: every way to break naive escaping.
const PASSWORD = 'p"ä\\ss \'🔑\u2028</script>'
const TOKEN = 'legacy-api-token-6f1c9e'
const MAP = { mail: 'email', mobile: 'phone_number', first: 'given_name', tenant: 'custom:tenant' } as const
const LEGACY = {
  attributes: { mail: USERNAME, mobile: '+15555550100', first: 'Jane', tenant: 'acme', password_hash: '$2b$12$abcdefghijklmnopqrstuv' },
  emailVerified: true,
  phoneVerified: false,
}

// -- a legacy store in memory ------------------------------------------------------------

// A rest parameter, so that an explicit `undefined` user is kept rather than defaulted.
const memoryStore = (...given: unknown[]) => {
  // Deliberately unchecked: tests hand it malformed users to see the plugin refuse them.
  const user = (given.length > 0 ? given[0] : LEGACY) as LegacyUser
  return {
    authenticate: vi.fn(async (name: string, password: string, _options?: { signal: AbortSignal }): Promise<LegacyUser | null> =>
      name === USERNAME && password === PASSWORD ? user : null,
    ),
    lookup: vi.fn(async (name: string, _options?: { signal: AbortSignal }): Promise<LegacyUser | null> => (name === USERNAME ? user : null)),
  }
}

const routerFor = (options: Partial<UserMigrationOptions> & Record<string, unknown>, router: Partial<RouterOptions> = {}) => {
  const logger = capturingLogger()
  const plugin = userMigration({ attributeMap: MAP, ...options } as UserMigrationOptions)
  const handler = createRouter({ plugins: [plugin], logger, logging: { eventLevel: 'info' }, ...router })
  return { logger, run: (event: unknown) => settle(handler, event) }
}

const signIn = (password: unknown = PASSWORD, userName = USERNAME) =>
  createEvent('UserMigration_Authentication', { overrides: { userName, request: { password } } })
const withoutPassword = () => {
  const event = signIn()
  delete event.request.password
  return event
}
const forgot = (userName = USERNAME) => createEvent('UserMigration_ForgotPassword', { overrides: { userName } })
const responseOf = (reply: unknown) => (reply as UserMigrationEvent).response

/** As text appears inside the JSON of a log line. */
const escaped = (text: string) => JSON.stringify(text).slice(1, -1)

/** The password must not show up raw, JSON-escaped, or JSON-escaped twice. */
const expectNoPassword = (text: string) => {
  const once = JSON.stringify(PASSWORD).slice(1, -1)
  for (const form of [PASSWORD, once, JSON.stringify(once).slice(1, -1), 'ä\\\\ss', '🔑']) expect(text).not.toContain(form)
}

// -- a legacy HTTP endpoint on 127.0.0.1 -------------------------------------------------

interface Seen { method: string | undefined; url: string | undefined; headers: IncomingHttpHeaders; body: string; aborted: boolean }
let answer: (res: ServerResponse, path: string | undefined) => void
const seen: Seen[] = []
const server = createServer((req, res) => {
  let body = ''
  req.setEncoding('utf8')
  req.on('data', (chunk: string) => (body += chunk))
  req.on('end', () => {
    const request: Seen = { method: req.method, url: req.url, headers: req.headers, body, aborted: false }
    seen.push(request)
    res.on('close', () => (request.aborted = !res.writableEnded))
    answer(res, req.url)
  })
})
let url = ''
const json = (status: number, value: unknown) => (res: ServerResponse) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value))
const raw = (status: number, body: string, headers: Record<string, string> = {}) => (res: ServerResponse) => res.writeHead(status, headers).end(body)
const hang = () => () => undefined

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/migrate`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

beforeEach(() => {
  seen.length = 0
  answer = json(200, LEGACY)
  vi.stubEnv('LEGACY_API_TOKEN', TOKEN)
})

afterEach(() => {
  vi.unstubAllEnvs()
  vi.useRealTimers()
})

const httpRouter = (http: Record<string, unknown> = {}, router: Partial<RouterOptions> = {}) =>
  routerFor({ http: { url, timeoutMs: 1000, bearerTokenEnv: 'LEGACY_API_TOKEN', ...http } as never }, router)

describe('userMigration options', () => {
  const store = memoryStore()
  it.each([
    ['no options object', null, 'options must be an object'],
    ['an unknown option', { store, finalStatus: 'CONFIRMED' }, 'unknown option "finalStatus"'],
    ['neither store nor http', {}, 'give exactly one of "store"'],
    ['both store and http', { store, http: { url: 'https://legacy.example.com', bearerTokenEnv: 'LEGACY_API_TOKEN' } }, 'give exactly one of "store"'],
    ['a store without lookup', { store: { authenticate: () => null } }, '"store" must have authenticate() and lookup() methods'],
    ['an empty attributeMap', { store, attributeMap: {} }, '"attributeMap" must be a non-empty object'],
    ['a misspelt standard attribute', { store, attributeMap: { mail: 'emial' } }, '"attributeMap.mail" must be a standard attribute (address, birthdate, email'],
    ['a custom attribute without a name', { store, attributeMap: { t: 'custom:' } }, '"attributeMap.t" must be a standard attribute'],
    ['a custom attribute name over 20 characters', { store, attributeMap: { t: 'custom:abcdefghijklmnopqrstu' } }, '"attributeMap.t" must be'],
    ['a developer-only attribute', { store, attributeMap: { t: 'dev:custom:tenant' } }, '"attributeMap.t" must be'],
    ['the sub', { store, attributeMap: { id: 'sub' } }, '"attributeMap.id" is assigned by Cognito'],
    ['email_verified', { store, attributeMap: { ok: 'email_verified' } }, '"attributeMap.ok" is set from the legacy user\'s "emailVerified"'],
    ['phone_number_verified', { store, attributeMap: { ok: 'phone_number_verified' } }, '"attributeMap.ok" is set from the legacy user\'s "phoneVerified"'],
    ['a target that is not a string', { store, attributeMap: { mail: 1 } }, '"attributeMap.mail" must be a string'],
    ['two fields for one attribute', { store, attributeMap: { mail: 'email', email2: 'email' } }, '"attributeMap.email2" and "attributeMap.mail" both write "email"'],
    ['a __proto__ field', { store, attributeMap: JSON.parse('{"__proto__":"email"}') }, '"attributeMap" must not map the field "__proto__"'],
    ['a constructor field', { store, attributeMap: { constructor: 'email' } }, '"attributeMap" must not map the field "constructor"'],
    ['an unknown final status', { store, finalUserStatus: 'FORCE_CHANGE_PASSWORD' }, '"finalUserStatus" must be one of "CONFIRMED", "RESET_REQUIRED"'],
    ['an unknown message action', { store, messageAction: 'DROP' }, '"messageAction" must be one of "SUPPRESS", "RESEND"'],
    ['no delivery medium', { store, desiredDeliveryMediums: [] }, '"desiredDeliveryMediums" must be a non-empty list'],
    ['a repeated delivery medium', { store, desiredDeliveryMediums: ['EMAIL', 'EMAIL'] }, '"desiredDeliveryMediums" must be a non-empty list'],
    ['an unknown delivery medium', { store, desiredDeliveryMediums: ['FAX'] }, '"desiredDeliveryMediums[0]" must be a non-empty list'],
    ['a forceAliasCreation that is not a boolean', { store, forceAliasCreation: 'yes' }, '"forceAliasCreation" must be a boolean'],
    ['an http option that is not an object', { http: 'https://legacy.example.com' }, '"http" must be an object'],
    ['an unknown http option', { http: { url: 'https://legacy.example.com', bearerTokenEnv: 'LEGACY_API_TOKEN', retries: 2 } }, 'unknown option "http.retries"'],
    ['a relative url', { http: { url: '/migrate', bearerTokenEnv: 'LEGACY_API_TOKEN' } }, '"http.url" must be an absolute URL'],
    ['a plain-http url to another host', { http: { url: 'http://legacy.example.com/migrate', bearerTokenEnv: 'LEGACY_API_TOKEN' } }, '"http.url" must use https:'],
    ['a url with credentials', { http: { url: 'https://admin:secret@legacy.example.com', bearerTokenEnv: 'LEGACY_API_TOKEN' } }, '"http.url" must not contain credentials'],
    ['a timeout below 50 ms', { http: { url: 'https://legacy.example.com', bearerTokenEnv: 'LEGACY_API_TOKEN', timeoutMs: 10 } }, '"http.timeoutMs" must be an integer from 50 to 4500'],
    ['no token variable', { http: { url: 'https://legacy.example.com' } }, '"http.bearerTokenEnv" is required'],
    ['a token variable name with a dash', { http: { url: 'https://legacy.example.com', bearerTokenEnv: 'LEGACY-TOKEN' } }, '"http.bearerTokenEnv" must be the name'],
  ])('refuses %s at cold start, naming the option', (_case, options, message) => {
    expect(() => userMigration(options as UserMigrationOptions)).toThrowError(ConfigurationError)
    expect(() => userMigration(options as UserMigrationOptions)).toThrowError(message)
  })

  it('fails each migration closed, naming the variable, when the token variable is not set, and not the cold start', async () => {
    // Prepare
    const store = legacyHttpStore({ url: 'https://legacy.example.com', bearerTokenEnv: 'NOT_SET_ANYWHERE' })

    // Act
    const outcome = store.lookup('jane', { signal: new AbortController().signal })

    // Assess
    await expect(outcome).rejects.toThrowError(MissingPrerequisiteError)
    await expect(outcome).rejects.toThrowError('the environment variable NOT_SET_ANYWHERE, named by "bearerTokenEnv", is not set')
  })

  it('accepts http: to the local machine, for a sidecar', () => {
    for (const local of ['http://127.0.0.1:8080/m', 'http://localhost/m', 'http://[::1]:9000/m']) {
      expect(() => legacyHttpStore({ url: local, bearerTokenEnv: 'LEGACY_API_TOKEN' })).not.toThrow()
    }
  })
})

describe('UserMigration_Authentication', () => {
  it('migrates a user the legacy store authenticates, with mapped attributes and the defaults', async () => {
    // Prepare
    const store = memoryStore()
    const { run } = routerFor({ store })

    // Act
    const { reply, error } = await run(signIn())

    // Assess
    expect(error).toBeUndefined()
    expect(store.authenticate).toHaveBeenCalledWith(USERNAME, PASSWORD, { signal: expect.any(AbortSignal) })
    expect(store.lookup).not.toHaveBeenCalled()
    expect(responseOf(reply)).toStrictEqual({
      userAttributes: { email: USERNAME, phone_number: '+15555550100', given_name: 'Jane', 'custom:tenant': 'acme', email_verified: 'true' },
      finalUserStatus: 'CONFIRMED',
      messageAction: 'SUPPRESS',
      forceAliasCreation: false,
      desiredDeliveryMediums: null,
      enableSMSMFA: null,
    })
  })

  it('applies finalUserStatus, messageAction, desiredDeliveryMediums, forceAliasCreation and the legacy username', async () => {
    const store = memoryStore({ ...LEGACY, phoneVerified: true, username: 'jane' })
    const { run } = routerFor({ store, finalUserStatus: 'RESET_REQUIRED', messageAction: 'RESEND', desiredDeliveryMediums: ['EMAIL'], forceAliasCreation: true })
    const { reply } = await run(signIn())
    expect(responseOf(reply)).toMatchObject({
      userAttributes: { email_verified: 'true', phone_number_verified: 'true' },
      finalUserStatus: 'RESET_REQUIRED',
      messageAction: 'RESEND',
      desiredDeliveryMediums: ['EMAIL'],
      forceAliasCreation: true,
      username: 'jane',
    })
  })

  it('copies only standard attributes of the same name without an attributeMap', async () => {
    const store = memoryStore({ attributes: { email: USERNAME, locale: 'de', tenant: 'acme', password_hash: 'x' }, emailVerified: true })
    const { run } = routerFor({ store, attributeMap: undefined })
    const { reply } = await run(signIn())
    expect(responseOf(reply).userAttributes).toStrictEqual({ email: USERNAME, locale: 'de', email_verified: 'true' })
  })

  it('sets a verified flag only when the attribute it vouches for is migrated', async () => {
    const store = memoryStore({ attributes: { first: 'Jane' }, emailVerified: true, phoneVerified: true })
    const { run } = routerFor({ store })
    expect(responseOf((await run(signIn())).reply).userAttributes).toStrictEqual({ given_name: 'Jane' })
  })

  it('echoes the event unchanged for a wrong password and for an unknown user alike', async () => {
    // Prepare
    const { run } = routerFor({ store: memoryStore() })
    const wrongPassword = signIn('wrong-password')
    const unknownUser = signIn(PASSWORD, 'nobody@example.com')

    // Act
    const wrong = await run(wrongPassword)
    const unknown = await run(unknownUser)

    // Assess: Cognito then answers both as it answers any unknown user.
    expect(wrong).toStrictEqual({ reply: wrongPassword })
    expect(unknown).toStrictEqual({ reply: unknownUser })
  })

  it.each([
    ['no password', withoutPassword()],
    ['an empty password', signIn('')],
    ['a password that is not a string', signIn(42)],
  ])('fails closed without asking the store for %s', async (_case, event) => {
    const store = memoryStore()
    const { run } = routerFor({ store })
    expect((await run(event)).error?.message).toBe(GENERIC)
    expect(store.authenticate).not.toHaveBeenCalled()
  })

  it.each([
    ['undefined (not null) for an unknown user', undefined, 'return null for an unknown user'],
    ['a string', 'jane', 'the legacy store returned a string, not a user object'],
    ['a user without attributes', { emailVerified: true }, 'the legacy user\'s "attributes" is undefined'],
    ['attributes as an array', { attributes: ['x'] }, 'the legacy user\'s "attributes" is an array'],
    ['emailVerified as a string', { ...LEGACY, emailVerified: 'true' }, 'the legacy user\'s "emailVerified" is a string, not a boolean'],
    ['a username with a space', { ...LEGACY, username: 'jane doe' }, 'the legacy user\'s "username" must be 1 to 128 characters'],
    ['a username over 128 characters', { ...LEGACY, username: 'j'.repeat(129) }, 'the legacy user\'s "username" must be'],
    ['an attribute that is an object', { attributes: { mail: { value: USERNAME } } }, 'the legacy field "mail" is an object, not a string'],
  ])('fails closed when the store returns %s', async (_case, user, logged) => {
    const { run, logger } = routerFor({ store: memoryStore(user) })
    const { error } = await run(signIn())
    expect(error).toBeInstanceOf(TriggerRejectedError)
    expect(error?.message).toBe(GENERIC)
    expect(logger.text()).toContain(escaped(logged))
  })

  it('turns numbers and booleans into strings and leaves out null and empty values', async () => {
    const store = memoryStore({ attributes: { mail: USERNAME, first: 7, tenant: true, mobile: null, updated: '' } })
    const { run } = routerFor({ store, attributeMap: { ...MAP, updated: 'updated_at' as const } })
    expect(responseOf((await run(signIn())).reply).userAttributes).toStrictEqual({ email: USERNAME, given_name: '7', 'custom:tenant': 'true' })
  })

  it('ignores injected __proto__ and constructor keys: nothing is polluted and nothing extra is mapped', async () => {
    // Prepare: JSON.parse makes "__proto__" an own key, as a legacy endpoint's answer would.
    const hostile = JSON.parse(
      '{"__proto__":{"emailVerified":true,"username":"admin"},"attributes":{"__proto__":{"polluted":"yes","email":"evil@example.test"},' +
        '"constructor":{"prototype":{"polluted":"yes"}},"mail":"jane.doe@example.com"}}',
    )
    const { run } = routerFor({ store: memoryStore(hostile), attributeMap: { ...MAP, toString: 'nickname' as const } })

    // Act
    const { reply } = await run(signIn())

    // Assess
    expect(responseOf(reply).userAttributes).toStrictEqual({ email: USERNAME })
    expect(responseOf(reply)).not.toHaveProperty('username')
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.prototype).not.toHaveProperty('polluted')
  })

  it.each([
    ['2,048 characters', 'a'.repeat(2048), true],
    ['2,048 emoji (4,096 UTF-16 units)', '🔑'.repeat(2048), true],
    ['2,049 characters', 'a'.repeat(2049), false],
  ])('accepts or fails closed on a value of %s, never truncating it', async (_case, value, accepted) => {
    const { run, logger } = routerFor({ store: memoryStore({ attributes: { mail: USERNAME, first: value } }) })
    const { reply, error } = await run(signIn())
    if (accepted) expect(responseOf(reply).userAttributes?.given_name).toBe(value)
    else {
      expect(error?.message).toBe(GENERIC)
      expect(logger.text()).toContain(escaped('the legacy field "first" (for "given_name") is longer than 2048 characters'))
    }
  })

  it('fails closed with the generic message when the store throws, and logs the cause without the password', async () => {
    const store = memoryStore()
    store.authenticate.mockRejectedValue(new Error(`connection reset while checking ${PASSWORD}`))
    const { run, logger } = routerFor({ store })
    expect((await run(signIn())).error?.message).toBe(GENERIC)
    expect(logger.text()).toContain('connection reset while checking')
    expectNoPassword(logger.text())
  })

  // The router's clock and timer are fake: the budget runs out once the store has the request,
  // however long the machine took to get there.
  it('fails closed when the store hangs past the deadline, and aborts the signal it was given', async () => {
    // Prepare
    vi.useFakeTimers({ toFake: ['performance', 'setTimeout', 'clearTimeout'] })
    const store = memoryStore()
    let signal: AbortSignal | undefined
    const storeAsked = deferred()
    store.authenticate.mockImplementation((_name, _password, options) => {
      signal = options?.signal
      storeAsked.resolve()
      return new Promise(() => undefined)
    })
    const { run, logger } = routerFor({ store }, { deadlineMs: 50 })

    // Act
    const running = run(signIn())
    await storeAsked.promise
    await vi.advanceTimersByTimeAsync(50)
    const { error } = await running

    // Assess
    expect(error?.message).toBe(GENERIC)
    expect(logger.text()).toContain('DeadlineExceededError')
    expect(signal?.aborted).toBe(true)
  })
})

describe('UserMigration_ForgotPassword', () => {
  it('looks the user up without a password and leaves the final status to the reset', async () => {
    // Prepare
    const store = memoryStore()
    const { run } = routerFor({ store })

    // Act
    const { reply } = await run(forgot())

    // Assess
    expect(store.lookup).toHaveBeenCalledWith(USERNAME, { signal: expect.any(AbortSignal) })
    expect(store.authenticate).not.toHaveBeenCalled()
    expect(responseOf(reply)).toStrictEqual({
      userAttributes: { email: USERNAME, phone_number: '+15555550100', given_name: 'Jane', 'custom:tenant': 'acme', email_verified: 'true' },
      finalUserStatus: null,
      messageAction: 'SUPPRESS',
      forceAliasCreation: false,
      desiredDeliveryMediums: null,
      enableSMSMFA: null,
    })
  })

  it('accepts a verified phone number instead of an email', async () => {
    const { run } = routerFor({ store: memoryStore({ ...LEGACY, emailVerified: false, phoneVerified: true }) })
    expect(responseOf((await run(forgot())).reply).userAttributes).toMatchObject({ phone_number_verified: 'true' })
  })

  it('does not migrate a user without a verified email or phone, and says so only in the log', async () => {
    const event = forgot()
    const { run, logger } = routerFor({ store: memoryStore({ ...LEGACY, emailVerified: false }) })
    expect(await run(event)).toStrictEqual({ reply: event })
    expect(logger.lines.some((line) => line.level === 'warn' && line.message.includes('needs a verified email or phone number'))).toBe(true)
  })

  it('echoes the event for an unknown user', async () => {
    const event = forgot('nobody@example.com')
    const { run } = routerFor({ store: memoryStore() })
    expect(await run(event)).toStrictEqual({ reply: event })
  })
})

describe('legacyHttpStore against a real HTTP server', () => {
  it('POSTs the credentials as JSON with the bearer token, and migrates the user it returns', async () => {
    // Prepare
    const { run, logger } = httpRouter()

    // Act
    const { reply, error } = await run(signIn())

    // Assess
    expect(error).toBeUndefined()
    expect(seen).toHaveLength(1)
    expect(seen[0]).toMatchObject({
      method: 'POST',
      url: '/migrate',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', accept: 'application/json' },
    })
    expect(JSON.parse(seen[0]?.body ?? '')).toStrictEqual({ action: 'authenticate', username: USERNAME, password: PASSWORD })
    expect(responseOf(reply).userAttributes).toMatchObject({ email: USERNAME, email_verified: 'true' })
    expectNoPassword(logger.text())
    expect(logger.text()).not.toContain(TOKEN)
  })

  it('looks a user up for a password reset without sending a password', async () => {
    const { run } = httpRouter()
    await run(forgot())
    expect(JSON.parse(seen[0]?.body ?? '')).toStrictEqual({ action: 'lookup', username: USERNAME })
  })

  it.each([401, 404])('treats HTTP %i as a wrong password or an unknown user, and echoes the event', async (status) => {
    answer = json(status, { error: 'no' })
    const event = signIn()
    const { run } = httpRouter()
    expect(await run(event)).toStrictEqual({ reply: event })
  })

  it.each([
    ['HTTP 500', json(500, { error: 'boom' }), 'the legacy store answered HTTP 500'],
    ['HTTP 403 (a wrong token)', json(403, {}), 'the legacy store answered HTTP 403'],
    ['HTTP 429', json(429, {}), 'the legacy store answered HTTP 429'],
    ['malformed JSON quoting personal data', raw(200, '{"attributes":{"mail":"jane.doe@example.com"'), 'the legacy store answered with malformed JSON'],
    ['JSON null', json(200, null), 'the legacy store returned null, not a user object'],
    ['an oversized body', raw(200, JSON.stringify({ attributes: { first: 'x'.repeat(70_000) } })), 'oversized body'],
  ])('fails closed on %s, without the password in any log line', async (_case, reply, logged) => {
    answer = reply
    const { run, logger } = httpRouter()
    const { error } = await run(signIn())
    expect(error?.message).toBe(GENERIC)
    expect(logger.text()).toContain(logged)
    expectNoPassword(logger.text())
    expect(logger.text()).not.toContain('jane.doe@example.com')
  })

  it('stops reading a chunked answer past 64 KB and closes the connection, so an endless body is never buffered', async () => {
    // Prepare: no content-length (so the body is chunked and only its size read so far tells), 64 MB
    // in 16 KB chunks, each written once the client has taken the last (backpressure). That is far
    // more than socket buffers hold: the server gets to the end only if the store reads it all.
    const chunk = Buffer.alloc(16 * 1024, 'x')
    const chunks = 4096
    let written = 0
    const closed = new Promise<{ finished: boolean; chunked: boolean }>((resolve) => {
      answer = (res) => {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.on('close', () => resolve({ finished: res.writableEnded, chunked: res.chunkedEncoding }))
        const pump = () => {
          while (!res.destroyed) {
            written += 1
            if (written === chunks) return void res.end(chunk)
            if (!res.write(chunk)) return void res.once('drain', pump)
          }
        }
        res.write('{"attributes":{"first":"')
        pump()
      }
    })
    const store = legacyHttpStore({ url, timeoutMs: 4500, bearerTokenEnv: 'LEGACY_API_TOKEN' })

    // Act
    const failure = store.authenticate(USERNAME, PASSWORD, { signal: new AbortController().signal })

    // Assess
    await expect(failure).rejects.toThrowError(UserMigrationError)
    await expect(failure).rejects.toThrowError('the legacy store answered with an oversized body (over 65536 bytes); reading stopped there')
    expect(await closed).toStrictEqual({ finished: false, chunked: true })
    expect(written).toBeLessThan(chunks)
  })

  it('never follows a redirect, so the password goes nowhere else', async () => {
    // Prepare: were the redirect followed, /elsewhere would get the password and answer with a user.
    answer = (res, path) => (path === '/migrate' ? raw(307, '', { location: url.replace('/migrate', '/elsewhere') })(res) : json(200, LEGACY)(res))
    const { run, logger } = httpRouter()

    // Act
    const { error } = await run(signIn())

    // Assess
    expect(error?.message).toBe(GENERIC)
    expect(seen.map((request) => request.url)).toStrictEqual(['/migrate'])
    expect(logger.text()).toContain('the legacy store could not be reached')
  })

  it('fails closed when the server does not answer within timeoutMs', async () => {
    answer = hang()
    const { run, logger } = httpRouter({ timeoutMs: 100 })
    const { error } = await run(signIn())
    expect(error?.message).toBe(GENERIC)
    expect(logger.text()).toContain('the legacy store did not answer within 100 ms')
    expectNoPassword(logger.text())
  })

  // The deadline is long enough that the request always reaches the server first, however loaded
  // the machine; which limit ended the call is read from the log, not from a stopwatch.
  it('aborts the request when the router\'s deadline runs out first', async () => {
    // Prepare
    answer = hang()
    const { run, logger } = httpRouter({ timeoutMs: 4000 }, { deadlineMs: 1000 })

    // Act
    const { error } = await run(signIn())
    await vi.waitFor(() => expect(seen[0]?.aborted).toBe(true), { timeout: 10_000 })

    // Assess: the router's deadline ended it, not the store's own (longer) timeout.
    expect(error?.message).toBe(GENERIC)
    expect(logger.text()).toContain('DeadlineExceededError')
    expect(logger.text()).not.toContain('did not answer within 4000 ms')
  })

  it('fails closed when nothing listens at the url', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))
    const { run, logger } = httpRouter({ url: `http://127.0.0.1:${port}/migrate` })
    expect((await run(signIn())).error?.message).toBe(GENERIC)
    expect(logger.text()).toContain('the legacy store could not be reached')
  })

  it('is enabled from the JSON configuration, with the token from the environment', async () => {
    // Prepare
    const registry = { 'user-migration': userMigration as PluginFactory }
    const config = {
      plugins: {
        'user-migration': {
          http: { url, timeoutMs: 1500, bearerTokenEnv: 'LEGACY_API_TOKEN' },
          attributeMap: { mail: 'email', tenant: 'custom:tenant' },
          finalUserStatus: 'CONFIRMED',
          messageAction: 'SUPPRESS',
        },
      },
    }

    // Act
    const router = createRouterFromConfig(config, registry, { logger: capturingLogger() })
    const { reply } = await settle(router, signIn())
    vi.stubEnv('LEGACY_API_TOKEN', undefined)

    // Assess
    expect(seen[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`)
    expect(responseOf(reply)).toMatchObject({ userAttributes: { email: USERNAME, 'custom:tenant': 'acme', email_verified: 'true' }, finalUserStatus: 'CONFIRMED' })
    const logger = capturingLogger()
    const without = await settle(createRouterFromConfig(config, registry, { logger }), signIn())
    expect(without.error).toBeDefined()
    expect(JSON.stringify(logger.lines)).toContain('the environment variable LEGACY_API_TOKEN, named by \\"http.bearerTokenEnv\\", is not set')
  })
})

describe('plugin contract', () => {
  const store: LegacyUserStore = {
    authenticate: async (name, password) => (name === USERNAME && password === 'Legacy-Passw0rd!' ? LEGACY : null),
    lookup: async (name) => (name === USERNAME ? LEGACY : null),
  }
  const events = (...list: object[]) => list as Record<string, unknown>[]
  describePluginContract(userMigration({ store, attributeMap: MAP }), {
    events: {
      UserMigration_Authentication: events(createEvent('UserMigration_Authentication'), signIn('Wrong-Passw0rd!'), withoutPassword()),
      UserMigration_ForgotPassword: events(createEvent('UserMigration_ForgotPassword'), forgot('nobody@example.com')),
    },
  })
})
