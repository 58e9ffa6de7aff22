import middy from '@middy/core'
import inputOutputLogger from '@middy/input-output-logger'
import type { Context } from 'aws-lambda'
import fc from 'fast-check'
import { describe, expect, it, vi } from 'vitest'
import { ConfigurationError } from '../../src/errors.js'
import type { Logger } from '../../src/logger.js'
import {
  collectSecrets,
  DEFAULT_MASK,
  DEFAULT_REDACT_PATHS,
  DEFAULT_SECRET_PATHS,
  MIN_SECRET_LENGTH,
  resolveRedaction,
  scrub,
  scrubAttributes,
  scrubbingLogger,
  UNSERIALIZABLE,
  validateRedactionOptions,
} from '../../src/redaction.js'

// Runs the real input-output-logger, in a real middy handler, with the default paths, and
// returns what it logged for the event and for the reply.
const ioLines = async (event: unknown, reply: unknown): Promise<Record<string, unknown>[]> => {
  const lines: Record<string, unknown>[] = []
  const handler = middy(async () => reply).use(
    inputOutputLogger({
      logger: (message) => {
        lines.push(message as Record<string, unknown>)
      },
      omitPaths: [...DEFAULT_REDACT_PATHS],
      mask: DEFAULT_MASK,
    }),
  )
  await handler(event, {} as Context)
  return lines
}

describe('DEFAULT_REDACT_PATHS', () => {
  it('lists every event path under the reply root too, because the reply is the echoed event', () => {
    // Prepare
    const eventPaths = DEFAULT_REDACT_PATHS.filter((path) => path.startsWith('event.')).map((p) => p.slice(6))
    const replyPaths = DEFAULT_REDACT_PATHS.filter((path) => path.startsWith('response.')).map((p) => p.slice(9))

    // Act
    const roots = new Set(DEFAULT_REDACT_PATHS.map((path) => path.split('.')[0]))

    // Assess
    expect(roots).toEqual(new Set(['event', 'response']))
    expect(replyPaths.sort()).toEqual(eventPaths.sort())
  })

  it.each([
    'userName',
    'request.password',
    'request.challengeAnswer',
    'request.privateChallengeParameters',
    'response.privateChallengeParameters',
    'request.code',
    'request.attributes.tokenResponse',
    'request.attributes.idToken',
    'request.attributes.userInfo',
    'request.attributes.samlResponse',
    'response.userAttributesToMap',
    'request.userAttributes.email',
    'request.userAttributes.phone_number',
    'request.userAttributes.cognito:email_alias',
    'request.userAttributes.cognito:phone_number_alias',
    'request.userAttributes.USER_NAME',
    'request.userAttributes.IP_ADDRESS',
    'response.userAttributes',
    'request.validationData',
    'request.clientMetadata',
  ])('covers %s in the event and in the reply', (path) => {
    // Prepare
    const paths: readonly string[] = DEFAULT_REDACT_PATHS

    // Act
    const covered = [`event.${path}`, `response.${path}`].map((full) => paths.includes(full))

    // Assess
    expect(covered).toEqual([true, true])
  })

  it('passes its own validation', () => {
    // Prepare
    const options = { paths: DEFAULT_REDACT_PATHS }

    // Act
    const act = () => validateRedactionOptions(options)

    // Assess
    expect(act).not.toThrow()
  })

  it('makes input-output-logger mask alias keys with a colon, in the event and in the reply', async () => {
    // Prepare
    const event = {
      userName: 'jane',
      request: { userAttributes: { 'cognito:email_alias': 'jane@example.com', sub: 'abc' } },
      response: {},
    }
    const reply = { ...event, response: { userAttributes: { email: 'jane@example.com' } } }

    // Act
    const [eventLine, replyLine] = await ioLines(event, reply)

    // Assess
    expect(eventLine).toEqual({
      event: { userName: DEFAULT_MASK, request: { userAttributes: { 'cognito:email_alias': DEFAULT_MASK, sub: 'abc' } }, response: {} },
    })
    expect(replyLine).toEqual({
      response: {
        userName: DEFAULT_MASK,
        request: { userAttributes: { 'cognito:email_alias': DEFAULT_MASK, sub: 'abc' } },
        response: { userAttributes: DEFAULT_MASK },
      },
    })
  })
})

describe('validateRedactionOptions', () => {
  it.each([
    [null, '"redact" must be an object, got null'],
    [{ path: [] }, 'unknown redaction option "redact.path"'],
    [{ paths: 'event.userName' }, '"redact.paths" must be an array of strings, got a string'],
    [{ paths: ['event.userName', 42] }, '"redact.paths[1]" must be a string, got a number'],
    [{ paths: ['request.password'] }, '"redact.paths[0]" must start with "event." or "response."'],
    [{ paths: ['event'] }, '"redact.paths[0]" must name a field below its root, got "event"'],
    [{ paths: ['event..password'] }, '"redact.paths[0]" has an empty segment: "event..password"'],
    [{ paths: ['event.request.__proto__.x'] }, '"redact.paths[0]" must not contain the segment "__proto__"'],
    [{ paths: ['response.constructor'] }, '"redact.paths[0]" must not contain the segment "constructor"'],
    [{ paths: ['event.a.prototype'] }, '"redact.paths[0]" must not contain the segment "prototype"'],
    [{ replaceDefaults: 'yes' }, '"redact.replaceDefaults" must be a boolean, got a string'],
    [{ mask: 0 }, '"redact.mask" must be a string, got a number'],
  ])('rejects %j with a message naming the bad key', (options, message) => {
    // Prepare
    const act = () => validateRedactionOptions(options)

    // Act + Assess
    expect(act).toThrow(ConfigurationError)
    expect(act).toThrow(message)
  })

  it('names the option the way the caller calls it', () => {
    // Prepare
    const act = () => validateRedactionOptions({ mask: 1 }, 'logging.redact')

    // Act + Assess
    expect(act).toThrow('"logging.redact.mask"')
  })

  it('accepts nothing, an empty object, and a full valid set', () => {
    // Prepare
    const full = { paths: ['event.request.userAttributes.custom:ssn', 'response.a.[].b'], replaceDefaults: true, mask: '***' }

    // Act
    const results = [validateRedactionOptions(undefined), validateRedactionOptions({}), validateRedactionOptions(full)]

    // Assess
    expect(results).toEqual([{}, {}, full])
  })
})

describe('DEFAULT_SECRET_PATHS', () => {
  it('scrubs credentials and contact data by value, but masks ordinary values only where they sit', () => {
    // Prepare
    const event = {
      triggerSource: 'PreSignUp_SignUp',
      userName: 'a1b2c3d4-sub',
      request: {
        userAttributes: { email: 'jane@example.com', sub: 'a1b2c3d4-sub' },
        clientMetadata: { locale: 'en-US', flow: 'SignUp' },
      },
    }

    // Act
    const secrets = collectSecrets(event, DEFAULT_SECRET_PATHS)

    // Assess
    expect(secrets).toContain('jane@example.com')
    expect(secrets).not.toContain('en-US')
    expect(secrets).not.toContain('SignUp')
    expect(secrets).not.toContain('a1b2c3d4-sub')
    expect(DEFAULT_SECRET_PATHS).toContain('event.request.password')
  })
})

describe('resolveRedaction', () => {
  it('uses the default paths and mask when given nothing', () => {
    // Prepare + Act
    const resolved = resolveRedaction()

    // Assess
    expect(resolved).toEqual({ paths: [...DEFAULT_REDACT_PATHS], secretPaths: [...DEFAULT_SECRET_PATHS], mask: '[REDACTED]' })
    expect(Object.isFrozen(resolved.paths)).toBe(true)
  })

  it('adds extra paths once, after the defaults', () => {
    // Prepare
    const extra = 'event.request.userAttributes.custom:ssn'

    // Act
    const { paths } = resolveRedaction({ paths: [extra, extra, 'event.request.password'] })

    // Assess
    expect(paths).toEqual([...DEFAULT_REDACT_PATHS, extra])
  })

  it('replaces the defaults only when asked to, and keeps a custom mask', () => {
    // Prepare
    const options = { paths: ['event.request.password'], replaceDefaults: true, mask: '***' }

    // Act
    const resolved = resolveRedaction(options)

    // Assess
    expect(resolved).toEqual({ paths: ['event.request.password'], secretPaths: ['event.request.password'], mask: '***' })
  })

  it('validates what it resolves', () => {
    // Prepare
    const act = () => resolveRedaction({ paths: ['password'] })

    // Act + Assess
    expect(act).toThrow(ConfigurationError)
  })
})

describe('collectSecrets', () => {
  it('collects the strings at the default paths, whole maps included, once each', () => {
    // Prepare
    const event = {
      userName: 'jane.doe',
      request: {
        password: 'hunter2-plain',
        privateChallengeParameters: { answer: '918273', nested: { deeper: ['token-in-array'] } },
        clientMetadata: { a: 'hunter2-plain', flag: 'true', tiny: 'ab', blank: '      ' },
        userAttributes: { email: 'jane@example.com', sub: 'not-collected-sub' },
      },
    }

    // Act
    const secrets = collectSecrets(event, DEFAULT_REDACT_PATHS)

    // Assess
    expect(secrets.sort()).toEqual(['918273', 'hunter2-plain', 'jane.doe', 'jane@example.com', 'token-in-array'].sort())
  })

  it(`leaves out values shorter than ${MIN_SECRET_LENGTH} characters and the JSON words`, () => {
    // Prepare
    const event = { request: { clientMetadata: { a: 'abc', b: 'abcd', c: 'null', d: 'false', e: ' ab ' } } }

    // Act
    const secrets = collectSecrets(event, DEFAULT_REDACT_PATHS)

    // Assess
    expect(secrets).toEqual(['abcd'])
  })

  it('looks paths of both roots up in the object it is given, since the reply has the event shape', () => {
    // Prepare
    const reply = { response: { privateChallengeParameters: { answer: 'reply-only-secret' } } }

    // Act
    const secrets = collectSecrets(reply, ['response.response.privateChallengeParameters', 'other.root.ignored'])

    // Assess
    expect(secrets).toEqual(['reply-only-secret'])
  })

  it('descends into arrays only through []', () => {
    // Prepare
    const event = { request: { session: [{ challengeMetadata: 'CAPTCHA-1234' }, { challengeMetadata: null }] } }

    // Act
    const withBrackets = collectSecrets(event, ['event.request.session.[].challengeMetadata'])
    const withoutBrackets = collectSecrets(event, ['event.request.session.challengeMetadata'])
    const bracketsOnObject = collectSecrets(event, ['event.request.[].session'])

    // Assess
    expect(withBrackets).toEqual(['CAPTCHA-1234'])
    expect(withoutBrackets).toEqual([])
    expect(bracketsOnObject).toEqual([])
  })

  it.each([
    ['a string', 'hunter2-plain'],
    ['null', null],
    ['an array', ['hunter2-plain']],
    ['a number', 42],
    ['an event whose request is a string', { request: 'hunter2-plain' }],
  ])('finds nothing in %s and does not throw', (_label, event) => {
    // Prepare + Act
    const secrets = collectSecrets(event, DEFAULT_REDACT_PATHS)

    // Assess
    expect(secrets).toEqual([])
  })

  it('survives cycles, throwing getters, revoked proxies and inherited properties', () => {
    // Prepare
    const cyclic: Record<string, unknown> = { value: 'cyclic-secret' }
    cyclic.self = cyclic
    const getter = Object.defineProperty({ fine: 'getter-sibling' }, 'boom', {
      enumerable: true,
      get: () => {
        throw new Error('getter')
      },
    })
    const { proxy, revoke } = Proxy.revocable({}, {})
    revoke()
    const inherited = Object.create({ password: 'inherited-secret' }) as object
    const event = { userName: inherited, request: { password: proxy, clientMetadata: { cyclic, getter } } }

    // Act
    const secrets = collectSecrets(event, DEFAULT_REDACT_PATHS)

    // Assess
    expect(secrets.sort()).toEqual(['cyclic-secret', 'getter-sibling'])
  })

  it('stops at a depth limit instead of exhausting the stack', () => {
    // Prepare
    let deep: unknown = 'too-deep-secret'
    for (let i = 0; i < 100; i++) deep = { deep }
    let shallow: unknown = 'shallow-secret'
    for (let i = 0; i < 10; i++) shallow = { shallow }

    // Act
    const secrets = collectSecrets({ request: { clientMetadata: { deep, shallow } } }, DEFAULT_REDACT_PATHS)

    // Assess
    expect(secrets).toEqual(['shallow-secret'])
  })
})

describe('scrub', () => {
  it('replaces every occurrence of every secret', () => {
    // Prepare
    const text = 'pw hunter2-plain, again hunter2-plain, mail jane@example.com'

    // Act
    const scrubbed = scrub(text, ['hunter2-plain', 'jane@example.com'])

    // Assess
    expect(scrubbed).toBe('pw [REDACTED], again [REDACTED], mail [REDACTED]')
  })

  it('replaces the JSON-escaped form, because log lines are JSON', () => {
    // Prepare
    const secret = 'p"w\\0rd\n!'
    const line = JSON.stringify({ message: `bad password ${secret}` })
    const twice = JSON.stringify({ body: line })

    // Act
    const scrubbed = [scrub(line, [secret]), scrub(twice, [secret])]

    // Assess
    expect(scrubbed).toEqual([
      JSON.stringify({ message: 'bad password [REDACTED]' }),
      JSON.stringify({ body: JSON.stringify({ message: 'bad password [REDACTED]' }) }),
    ])
  })

  it('replaces the longest secret first, so no recognisable remainder is left', () => {
    // Prepare
    const secrets = ['1234', '1234-5678-9012']

    // Act
    const scrubbed = scrub('card 1234-5678-9012 pin 1234', secrets)

    // Assess
    expect(scrubbed).toBe('card [REDACTED] pin [REDACTED]')
  })

  it('treats secrets and masks literally, never as patterns', () => {
    // Prepare
    const secrets = ['a.b*c(d)[e]', '$1+?']

    // Act
    const scrubbed = scrub('x a.b*c(d)[e] y $1+? z aXbbc', secrets, '<$&>')

    // Assess
    expect(scrubbed).toBe('x <$&> y <$&> z aXbbc')
  })

  it('is case-sensitive and ignores empty secrets', () => {
    // Prepare
    const secrets = ['', 'Secret-Value']

    // Act
    const scrubbed = scrub('secret-value Secret-Value', secrets)

    // Assess
    expect(scrubbed).toBe('secret-value [REDACTED]')
  })

  it('returns the text unchanged without secrets', () => {
    // Prepare + Act
    const scrubbed = scrub('nothing to hide', [])

    // Assess
    expect(scrubbed).toBe('nothing to hide')
  })

  it('leaves no secret in any JSON line that contained it (property)', () => {
    // Secrets that share no character with the mask: a secret such as "D]ab" can re-form across
    // the end of an inserted mask ("[REDACTED]" + "ab") without anything new being revealed.
    const secret = fc.string({ minLength: 4 }).filter((s) => ![...s].some((c) => DEFAULT_MASK.includes(c)))
    fc.assert(
      fc.property(secret, fc.string(), fc.string(), (s, before, after) => {
        const line = JSON.stringify({ message: `${before}${s}${after}`, nested: { s } })
        const scrubbed = scrub(line, [s])
        expect(scrubbed).not.toContain(s)
        expect(scrubbed).not.toContain(JSON.stringify(s).slice(1, -1))
        expect(() => JSON.parse(scrubbed) as unknown).not.toThrow()
      }),
    )
  })
})

describe('scrubAttributes', () => {
  it('scrubs strings, keys and numbers of the JSON form and keeps the structure', () => {
    // Prepare
    const attributes = {
      note: 'mail jane@example.com',
      byEmail: { 'jane@example.com': true },
      pin: 918273,
      list: ['jane@example.com', 1, null, false],
      when: new Date('2026-01-01T00:00:00.000Z'),
      dropped: () => 'functions vanish in JSON',
    }

    // Act
    const scrubbed = scrubAttributes(attributes, ['jane@example.com', '918273'])

    // Assess
    expect(scrubbed).toEqual({
      note: 'mail [REDACTED]',
      byEmail: { '[REDACTED]': true },
      pin: '[REDACTED]',
      list: ['[REDACTED]', 1, null, false],
      when: '2026-01-01T00:00:00.000Z',
    })
  })

  it('keeps a __proto__ key as data', () => {
    // Prepare
    const attributes = JSON.parse('{"__proto__": {"polluted": "jane@example.com"}}') as Record<string, unknown>

    // Act
    const scrubbed = scrubAttributes(attributes, ['jane@example.com'])

    // Assess
    expect(Object.getPrototypeOf(scrubbed)).toBe(Object.prototype)
    expect(Object.hasOwn(scrubbed, '__proto__')).toBe(true)
    expect(JSON.stringify(scrubbed)).toBe('{"__proto__":{"polluted":"[REDACTED]"}}')
  })

  it.each([
    ['a cycle', (() => {
      const cyclic: Record<string, unknown> = {}
      cyclic.self = cyclic
      return cyclic
    })()],
    ['a BigInt', { big: 10n }],
    ['a throwing toJSON', { toJSON: () => {
      throw new Error('hunter2-plain')
    } }],
  ])('replaces attributes with %s by a marker', (_label, attributes) => {
    // Prepare + Act
    const scrubbed = scrubAttributes(attributes, ['hunter2-plain'])

    // Assess
    expect(scrubbed).toEqual({ attributes: UNSERIALIZABLE })
  })

  it('wraps a value that is not an object, and turns nothing into an empty object', () => {
    // Prepare + Act
    const results = [scrubAttributes('mail jane@example.com', ['jane@example.com']), scrubAttributes(undefined, [])]

    // Assess
    expect(results).toEqual([{ attributes: 'mail [REDACTED]' }, {}])
  })
})

describe('scrubbingLogger', () => {
  const capturing = () => {
    const calls: { level: string; message: string; attributes: unknown }[] = []
    const at = (level: string) => (message: string, attributes?: Record<string, unknown>) => {
      calls.push({ level, message, attributes })
    }
    const logger: Logger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }
    return { logger, calls }
  }

  it('scrubs the message and the attributes at every level', () => {
    // Prepare
    const { logger, calls } = capturing()
    const scrubbing = scrubbingLogger(logger, () => ['hunter2-plain'])

    // Act
    scrubbing.debug('d hunter2-plain', { a: 'hunter2-plain' })
    scrubbing.info('i hunter2-plain')
    scrubbing.warn('w', { nested: { b: 'x hunter2-plain' } })
    scrubbing.error('e', { c: ['hunter2-plain'] })

    // Assess
    expect(calls).toEqual([
      { level: 'debug', message: 'd [REDACTED]', attributes: { a: '[REDACTED]' } },
      { level: 'info', message: 'i [REDACTED]', attributes: undefined },
      { level: 'warn', message: 'w', attributes: { nested: { b: 'x [REDACTED]' } } },
      { level: 'error', message: 'e', attributes: { c: ['[REDACTED]'] } },
    ])
  })

  it('asks for the secrets on every line, so it sees secrets that appear later', () => {
    // Prepare
    const { logger, calls } = capturing()
    const secrets: string[] = []
    const provider = vi.fn(() => secrets)
    const scrubbing = scrubbingLogger(logger, provider, '***')

    // Act
    scrubbing.info('answer 918273')
    secrets.push('918273')
    scrubbing.info('answer 918273')

    // Assess
    expect(calls.map((call) => call.message)).toEqual(['answer 918273', 'answer ***'])
    expect(provider).toHaveBeenCalledTimes(2)
  })

  it('hands the wrapped logger a marker instead of attributes it could not serialize', () => {
    // Prepare
    const { logger, calls } = capturing()
    const scrubbing = scrubbingLogger(logger, () => [])

    // Act
    scrubbing.warn('big', { value: 1n })

    // Assess
    expect(calls).toEqual([{ level: 'warn', message: 'big', attributes: { attributes: UNSERIALIZABLE } }])
  })
})

describe('scrubAttributes, handing back clean attributes as they are', () => {
  const SECRETS = ['jane@example.com', '918273']

  class Point {
    constructor(
      readonly x: number,
      readonly y: number,
    ) {}
  }

  const nullPrototype = (entries: Record<string, unknown>): Record<string, unknown> =>
    Object.assign(Object.create(null) as Record<string, unknown>, entries)

  it.each([
    ['an empty object', {}],
    ['strings, numbers, booleans and null', { note: 'all good', count: 3, ok: true, none: null }],
    ['nested objects and arrays', { user: { groups: ['admins', 'users'], flags: [true, false, null] }, list: [[1], [{ deep: 'x' }]] }],
    ['a null-prototype object', nullPrototype({ note: 'all good', nested: nullPrototype({ n: 1 }) })],
    ['numbers that merely resemble a secret', { pin: 918272, short: 91827, reversed: 372819 }],
    ['a __proto__ key from JSON', JSON.parse('{"__proto__":{"note":"all good"}}') as Record<string, unknown>],
  ])('returns %s itself when it is plain JSON and holds no secret', (_case, attributes) => {
    // Act
    const scrubbed = scrubAttributes(attributes, SECRETS)

    // Assess
    expect(scrubbed).toBe(attributes)
  })

  it('returns plain attributes themselves when there are no secrets at all', () => {
    // Prepare
    const attributes = { email: 'jane@example.com', pin: 918273 }

    // Act
    const scrubbed = scrubAttributes(attributes, [])

    // Assess
    expect(scrubbed).toBe(attributes)
  })

  it.each([
    ['an Error', { error: new Error('boom') }, { error: {} }],
    ['a Date', { when: new Date('2026-01-01T00:00:00.000Z') }, { when: '2026-01-01T00:00:00.000Z' }],
    ['a class instance', { point: new Point(1, 2) }, { point: { x: 1, y: 2 } }],
    ['an undefined value', { kept: 'yes', gone: undefined }, { kept: 'yes' }],
    ['an undefined array item', { list: ['a', undefined] }, { list: ['a', null] }],
    ['a function', { kept: 1, run: () => 'x' }, { kept: 1 }],
    ['a nested Map', { nested: { map: new Map([['a', 1]]) } }, { nested: { map: {} } }],
  ])('returns the JSON copy, not the attributes themselves, when they hold %s', (_case, attributes, expected) => {
    // Act
    const scrubbed = scrubAttributes(attributes, SECRETS)

    // Assess
    expect(scrubbed).not.toBe(attributes)
    expect(scrubbed).toStrictEqual(expected)
  })

  it('returns the JSON copy of attributes nested deeper than it inspects', () => {
    // Prepare
    let attributes: Record<string, unknown> = { leaf: 'all good' }
    for (let i = 0; i < 70; i += 1) attributes = { next: attributes }

    // Act
    const scrubbed = scrubAttributes(attributes, SECRETS)

    // Assess
    expect(scrubbed).not.toBe(attributes)
    expect(scrubbed).toStrictEqual(attributes)
  })

  it.each([
    ['a key', { byEmail: { 'jane@example.com': true } }, { byEmail: { '[REDACTED]': true } }],
    ['a nested string', { user: { note: 'mail jane@example.com now' } }, { user: { note: 'mail [REDACTED] now' } }],
    ['a string in an array', { list: ['ok', ['jane@example.com']] }, { list: ['ok', ['[REDACTED]']] }],
    ['a number with the secret digits', { pin: 918273 }, { pin: '[REDACTED]' }],
    ['a nested number', { deep: [{ pin: 918273 }] }, { deep: [{ pin: '[REDACTED]' }] }],
  ])('returns a scrubbed copy when a secret is in %s, and leaves the attributes alone', (_case, attributes, expected) => {
    // Prepare
    const before = structuredClone(attributes)

    // Act
    const scrubbed = scrubAttributes(attributes, SECRETS)

    // Assess
    expect(scrubbed).not.toBe(attributes)
    expect(scrubbed).toStrictEqual(expected)
    expect(attributes).toStrictEqual(before)
  })

  describe('a secret with a quote and a backslash', () => {
    const secret = 'pa"ss\\word'
    const once = JSON.stringify(secret).slice(1, -1)
    const twice = JSON.stringify(once).slice(1, -1)

    it.each([
      ['as it is', { note: `typed ${secret}` }],
      ['escaped once: JSON inside a string', { body: JSON.stringify({ password: secret }) }],
      ['escaped twice: JSON inside JSON inside a string', { body: JSON.stringify({ request: JSON.stringify({ password: secret }) }) }],
      ['escaped once, in a key', { [`k ${once}`]: 1 }],
    ])('is masked when it appears %s', (_case, attributes) => {
      // Act
      const scrubbed = scrubAttributes(attributes, [secret])
      const text = JSON.stringify(scrubbed)

      // Assess
      expect(scrubbed).not.toBe(attributes)
      expect(text).toContain('[REDACTED]')
      for (const form of [secret, once, twice]) expect(text).not.toContain(form)
      for (const value of Object.values(scrubbed)) {
        if (typeof value === 'string') expect(value).not.toContain(secret)
      }
    })
  })

  it('lets scrubbingLogger pass clean attributes on as they are, and a scrubbed copy otherwise', () => {
    // Prepare
    const attributes: Record<string, unknown>[] = []
    const sink: Logger = {
      debug: () => undefined,
      info: (_message, given) => void attributes.push(given as Record<string, unknown>),
      warn: () => undefined,
      error: () => undefined,
    }
    const logger = scrubbingLogger(sink, () => SECRETS)
    const clean = { note: 'all good' }
    const dirty = { note: 'mail jane@example.com' }

    // Act
    logger.info('clean', clean)
    logger.info('dirty', dirty)

    // Assess
    expect(attributes[0]).toBe(clean)
    expect(attributes[1]).not.toBe(dirty)
    expect(attributes[1]).toStrictEqual({ note: 'mail [REDACTED]' })
  })
})
