import fc from 'fast-check'
import { describe, expect, it, vi } from 'vitest'
import { childLogger, jsonLogger, type Logger, type LoggerLevel } from '../../../src/logger.js'
import { DEFAULT_MASK } from '../../../src/redaction/paths.js'
import { errorWithoutSecrets, MIN_VARIANT_LENGTH, scrub, scrubberFor, scrubbingLogger, UNSERIALIZABLE } from '../../../src/redaction/scrub.js'

// What a scrubber makes of attributes a logger may keep.
const snapshotOf = (attributes: unknown, secrets: readonly string[], mask?: string): Record<string, unknown> => scrubberFor(secrets, mask).snapshot(attributes)
// A line whose message is the caller's text, not its own constant: the message is scrubbed too.
const writeLine = (logger: Logger, level: LoggerLevel, message: string, attributes: Record<string, unknown> | undefined, secrets: readonly string[]): void => {
  const scrubber = scrubberFor(secrets)
  scrubber.write(logger, level, scrubber.clean(message), attributes)
}

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

  it('masks a secret too large for one regular expression, and the shorter ones beside it', () => {
    // Prepare: V8 refuses to compile a pattern this size; a fuzzed 100 KB answer found it.
    const huge = `«${'x'.repeat(200_000)}»`
    const secrets = ['1234', huge, '1234-5678']

    // Act
    const scrubber = scrubberFor(secrets)
    const first = scrubber.clean(`answer ${huge} card 1234-5678 pin 1234`)
    const second = scrubber.clean(`again ${huge}`)

    // Assess
    expect(first).toBe('answer [REDACTED] card [REDACTED] pin [REDACTED]')
    expect(second).toBe('again [REDACTED]')
  })

  it('builds its scrubber again when only a later secret changed', () => {
    // Prepare: the scrubber of the last call is reused for the same secrets; these differ in one.
    scrub('warm up', ['jane@example.com', '+15555550100'])

    // Act
    const scrubbed = scrub('call +15555550199', ['jane@example.com', '+15555550199'])

    // Assess
    expect(scrubbed).toBe('call [REDACTED]')
  })

  it('finds a secret made only of characters JSON escapes inside a JSON line', () => {
    // Prepare
    const secret = '"\\"\\'
    const line = JSON.stringify({ message: `answer ${secret}` })

    // Act
    const scrubbed = scrub(line, [secret])

    // Assess
    expect(scrubbed).toBe(JSON.stringify({ message: 'answer [REDACTED]' }))
  })

  it('treats secrets and masks literally, never as patterns', () => {
    // Prepare
    const secrets = ['a.b*c(d)[e]', '$1+?']

    // Act
    const scrubbed = scrub('x a.b*c(d)[e] y $1+? z aXbbc', secrets, '<$&>')

    // Assess
    expect(scrubbed).toBe('x <$&> y <$&> z aXbbc')
  })

  it(`is case-sensitive for a secret shorter than ${MIN_VARIANT_LENGTH} characters, and ignores empty secrets`, () => {
    // Prepare
    const secrets = ['', 'Sec-Val']

    // Act
    const scrubbed = scrub('sec-val SEC-VAL Sec-Val', secrets)

    // Assess
    expect(scrubbed).toBe('sec-val SEC-VAL [REDACTED]')
  })

  it.each([
    ['upper-cased', 'TEMP-PASS WORD!7'],
    ['lower-cased', 'temp-pass word!7'],
    ['percent-encoded as encodeURIComponent writes it', 'Temp-Pass%20Word!7'],
    ['form-encoded with + for a space', 'Temp-Pass+Word!7'],
    ['form-encoded as URLSearchParams writes it', 'Temp-Pass+Word%217'],
    ['upper-cased inside a JSON string', JSON.stringify('TEMP-PASS WORD!7').slice(1, -1)],
  ])(`masks a secret of ${MIN_VARIANT_LENGTH} characters or more %s`, (_case, form) => {
    // Prepare: an SMS gateway error quoting its request URL
    const text = `gateway refused https://sms.example/send?text=${form}&to=1`

    // Act
    const scrubbed = scrub(text, ['Temp-Pass Word!7'])

    // Assess
    expect(scrubbed).toBe('gateway refused https://sms.example/send?text=[REDACTED]&to=1')
  })

  it('masks the other forms of a secret in a line a JSON logger writes, and in the message its user sees', () => {
    // Prepare
    const written: string[] = []
    const logger = jsonLogger({ level: 'INFO', sink: (line) => written.push(line) })
    const secrets = ['jane.doe@example.com']

    // Act
    writeLine(logger, 'error', 'failed', { url: '/send?to=jane.doe%40example.com', echo: 'JANE.DOE@EXAMPLE.COM' }, secrets)
    const message = scrub('No account for Jane.Doe@Example.com', secrets)

    // Assess
    expect(JSON.parse(written[0] as string)).toStrictEqual({ level: 'ERROR', message: 'failed', url: '/send?to=[REDACTED]', echo: '[REDACTED]' })
    // A mixed-case copy is not one of the forms: only the upper-cased and lower-cased ones are.
    expect(message).toBe('No account for Jane.Doe@Example.com')
  })

  it('masks the other forms of a secret too large for one regular expression', () => {
    // Prepare
    const huge = `«${'x'.repeat(200_000)}»`

    // Act
    const scrubbed = scrub(`a ${huge.toUpperCase()} b ${encodeURIComponent(huge)} c`, [huge])

    // Assess
    expect(scrubbed).toBe('a [REDACTED] b [REDACTED] c')
  })

  it('masks a secret with a lone surrogate as it is and cased, though it has no URL encoding', () => {
    // Prepare
    const secret = 'abc\ud800defgh'

    // Act
    const scrubbed = scrub(`${secret} ${secret.toUpperCase()}`, [secret], '#')

    // Assess
    expect(scrubbed).toBe('# #')
  })

  it('ignores a secret that is not a string, which a JavaScript caller may pass', () => {
    // Prepare
    const secrets = [42 as unknown as string, 'Secret-Value']

    // Act
    const scrubbed = scrub('PIN 42 Secret-Value', secrets, '#')

    // Assess
    expect(scrubbed).toBe('PIN 42 #')
  })

  it('masks overlapping secrets in one pass from the left, whatever order they come in', () => {
    // Prepare: "abcd" starts first, so it is masked and "cdef" no longer occurs
    const secrets = ['cdef', 'abcd']

    // Act
    const scrubbed = scrub('abcdef', secrets, '#')

    // Assess
    expect(scrubbed).toBe('#ef')
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

describe('a scrubber’s snapshot', () => {
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
    const scrubbed = snapshotOf(attributes, ['jane@example.com', '918273'])

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
    const scrubbed = snapshotOf(attributes, ['jane@example.com'])

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
    const scrubbed = snapshotOf(attributes, ['hunter2-plain'])

    // Assess
    expect(scrubbed).toEqual({ attributes: UNSERIALIZABLE })
  })

  it('wraps a value that is not an object, and turns nothing into an empty object', () => {
    // Prepare + Act
    const results = [snapshotOf('mail jane@example.com', ['jane@example.com']), snapshotOf(undefined, [])]

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

describe('a scrubber’s write, with the caller’s message scrubbed first', () => {
  const SECRETS = ['jane@example.com', 'p"w0rd!', '918273']
  const lines = () => {
    const written: string[] = []
    return { written, logger: jsonLogger({ level: 'DEBUG', sink: (line) => written.push(line) }) }
  }

  // What a line must not contain, whatever form the secret takes in JSON.
  const leaks = (text: string): string[] => SECRETS.flatMap((secret) => [secret, JSON.stringify(secret).slice(1, -1)]).filter((form) => text.includes(form))

  it.each<[string, string, Record<string, unknown>]>([
    ['the message', 'login failed for jane@example.com', {}],
    ['a string attribute', 'm', { note: 'mail jane@example.com' }],
    ['a key', 'm', { 'jane@example.com': true }],
    ['a number that is a secret’s digits', 'm', { pin: 918273 }],
    ['a secret JSON escapes', 'm', { body: 'password p"w0rd! given' }],
    ['a secret inside JSON that was put into a string', 'm', { body: JSON.stringify({ password: 'p"w0rd!' }) }],
    ['an Error’s message, which JSON leaves out and the line then has none of', 'm', { error: new Error('jane@example.com') }],
  ])('masks a secret in %s of a line a JSON logger writes', (_case, message, attributes) => {
    // Prepare
    const { written, logger } = lines()

    // Act
    writeLine(logger, 'info', message, attributes, SECRETS)

    // Assess
    expect(written).toHaveLength(1)
    expect(leaks(written[0] as string)).toStrictEqual([])
    expect(() => JSON.parse(written[0] as string)).not.toThrow()
  })

  it('writes a line that holds no secret exactly as the JSON logger made it', () => {
    // Prepare
    const { written, logger } = lines()
    const attributes = { event: { request: { userAttributes: { email: '[REDACTED]', given_name: 'Jane' } } }, flag: true }

    // Act
    writeLine(logger, 'info', 'cognito trigger event', attributes, SECRETS)

    // Assess
    expect(written).toStrictEqual([JSON.stringify({ level: 'INFO', message: 'cognito trigger event', ...attributes })])
  })

  it('keeps the structure when a secret is a JSON word inside a line', () => {
    // Prepare
    const { written, logger } = lines()

    // Act
    writeLine(logger, 'warn', 'm', { verified: 'true', note: 'true story' }, ['true story'])

    // Assess
    expect(JSON.parse(written[0] as string)).toStrictEqual({ level: 'WARN', message: 'm', verified: 'true', note: DEFAULT_MASK })
  })

  it.each([
    ['the level', 'ERROR'],
    ['a JSON logger’s field', 'sign-up-service'],
    ['a child logger’s field', 'legacy-login'],
    ['a key of the line’s own', 'message'],
  ])('never masks %s, though a secret reads the same', (_case, secret) => {
    // Prepare
    const written: string[] = []
    const base = jsonLogger({ level: 'INFO', sink: (line) => written.push(line), fields: { service: 'sign-up-service' } })

    // Act
    writeLine(childLogger(base, { plugin: 'legacy-login' }), 'error', 'cognito trigger failed', { upstream: `refused ${secret}` }, [secret])

    // Assess
    expect(JSON.parse(written[0] as string)).toStrictEqual({
      level: 'ERROR',
      message: 'cognito trigger failed',
      service: 'sign-up-service',
      plugin: 'legacy-login',
      upstream: 'refused [REDACTED]',
    })
  })

  it('never masks the level a logger is called at, and hands it a snapshot', () => {
    // Prepare
    const error = vi.fn()
    const logger: Logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error }
    const attributes = { note: 'all good' }

    // Act
    writeLine(logger, 'error', 'failed', attributes, ['ERROR', 'failed'])

    // Assess
    expect(error.mock.calls).toStrictEqual([['[REDACTED]', { note: 'all good' }]])
    expect(error.mock.calls[0]?.[1]).not.toBe(attributes)
  })

  it('hands any other logger the scrubbed message and attributes', () => {
    // Prepare
    const info = vi.fn()
    const logger: Logger = { debug: vi.fn(), info, warn: vi.fn(), error: vi.fn() }

    // Act
    writeLine(logger, 'info', 'for jane@example.com', { pin: 918273 }, SECRETS)
    writeLine(logger, 'info', 'no attributes', undefined, SECRETS)

    // Assess
    expect(info.mock.calls).toStrictEqual([
      ['for [REDACTED]', { pin: DEFAULT_MASK }],
      ['no attributes', undefined],
    ])
  })
})

describe('scrubbingLogger and levels', () => {
  it('collects no secrets for a line its logger would drop, and answers isLevelEnabled as its logger does', () => {
    // Prepare
    const written: string[] = []
    const secrets = vi.fn(() => ['jane@example.com'])
    const scrubbing = scrubbingLogger(jsonLogger({ level: 'INFO', sink: (line) => written.push(line) }), secrets)

    // Act
    scrubbing.debug('dropped jane@example.com')
    scrubbing.info('kept jane@example.com')

    // Assess
    expect(secrets).toHaveBeenCalledOnce()
    expect(written).toStrictEqual(['{"level":"INFO","message":"kept [REDACTED]"}'])
    expect(scrubbing.isLevelEnabled?.('debug')).toBe(false)
    expect(scrubbingLogger({ debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() }, secrets).isLevelEnabled).toBeUndefined()
  })
})

describe('a scrubber’s snapshot, handing back a copy, never the attributes themselves', () => {
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
  ])('returns an equal copy of %s when it is plain JSON and holds no secret', (_case, attributes) => {
    // Act
    const scrubbed = snapshotOf(attributes, SECRETS)

    // Assess
    expect(scrubbed).not.toBe(attributes)
    expect(JSON.stringify(scrubbed)).toBe(JSON.stringify(attributes))
  })

  it('returns a copy of plain attributes when there are no secrets at all', () => {
    // Prepare
    const attributes = { email: 'jane@example.com', nested: { pin: 918273 } }

    // Act
    const scrubbed = snapshotOf(attributes, [])

    // Assess
    expect(scrubbed).toStrictEqual(attributes)
    expect(scrubbed.nested).not.toBe(attributes.nested)
  })

  it.each([
    ['an Error', { error: new Error('boom') }, { error: {} }],
    ['a Date', { when: new Date('2026-01-01T00:00:00.000Z') }, { when: '2026-01-01T00:00:00.000Z' }],
    ['a class instance', { point: new Point(1, 2) }, { point: { x: 1, y: 2 } }],
    ['an undefined value', { kept: 'yes', gone: undefined }, { kept: 'yes' }],
    ['an undefined array item', { list: ['a', undefined] }, { list: ['a', null] }],
    ['a function', { kept: 1, run: () => 'x' }, { kept: 1 }],
    ['a nested Map', { nested: { map: new Map([['a', 1]]) } }, { nested: { map: {} } }],
    ['a Date in an array', { list: [new Date('2026-01-01T00:00:00.000Z')] }, { list: ['2026-01-01T00:00:00.000Z'] }],
    ['a function and a symbol in an array', { list: [() => 1, Symbol('s'), 'a'] }, { list: [null, null, 'a'] }],
    ['a symbol value', { kept: 1, tag: Symbol('s') }, { kept: 1 }],
    ['numbers JSON cannot write, and a negative zero', { big: Infinity, none: Number.NaN, zero: -0 }, { big: null, none: null, zero: 0 }],
    ['an array with its own toJSON', { list: Object.assign(['a'], { toJSON: () => 'listed' }) }, { list: 'listed' }],
  ])('returns the JSON copy, not the attributes themselves, when they hold %s', (_case, attributes, expected) => {
    // Act
    const scrubbed = snapshotOf(attributes, SECRETS)

    // Assess
    expect(scrubbed).not.toBe(attributes)
    expect(scrubbed).toStrictEqual(expected)
  })

  it('returns the JSON copy of attributes nested deeper than it inspects', () => {
    // Prepare
    let attributes: Record<string, unknown> = { leaf: 'all good' }
    for (let i = 0; i < 70; i += 1) attributes = { next: attributes }

    // Act
    const scrubbed = snapshotOf(attributes, SECRETS)

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
    const scrubbed = snapshotOf(attributes, SECRETS)

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
      const scrubbed = snapshotOf(attributes, [secret])
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

  it('lets scrubbingLogger hand a logger a snapshot, so a change to the object after the line never reaches it', () => {
    // Prepare: a logger that keeps what it is given and serializes later, as a log buffer does
    const kept: unknown[] = []
    const buffer: Logger = {
      debug: (_message, given) => void kept.push(given),
      info: (_message, given) => void kept.push(given),
      warn: () => undefined,
      error: () => undefined,
    }
    const logger = scrubbingLogger(buffer, () => ['Legacy-Passw0rd!'])
    const details: Record<string, unknown> = { user: 'jane', nested: { step: 1 } }

    // Act
    logger.info('checking the legacy store', details)
    details.password = 'Legacy-Passw0rd!'
    ;(details.nested as Record<string, unknown>).step = 'Legacy-Passw0rd!'

    // Assess
    expect(JSON.stringify(kept)).toBe('[{"user":"jane","nested":{"step":1}}]')
  })
})

describe('scrubberFor', () => {
  it('works from the secrets as they were when it was built, whatever happens to the list afterwards', () => {
    // Prepare
    const list = ['jane@example.com']
    const scrubber = scrubberFor(list, '***')

    // Act
    list.splice(0, 1, '+15555550100')

    // Assess
    expect(scrubber.mask).toBe('***')
    expect(scrubber.clean('jane@example.com +15555550100')).toBe('*** +15555550100')
  })

  it('writes the line’s own message as given, and scrubs what the attributes carry', () => {
    // Prepare: a user typed the router's own error message as their password
    const written: string[] = []
    const logger = jsonLogger({ level: 'INFO', sink: (line) => written.push(line) })
    const scrubber = scrubberFor(['cognito trigger failed'])

    // Act
    scrubber.write(logger, 'error', 'cognito trigger failed', { errorMessage: 'wrong password cognito trigger failed' })

    // Assess
    expect(JSON.parse(written[0] as string)).toStrictEqual({ level: 'ERROR', message: 'cognito trigger failed', errorMessage: 'wrong password [REDACTED]' })
  })

  it.each([
    ['the level', 'ERROR'],
    ['the message', 'cognito trigger failed'],
    ['a correlation field', 'us-east-1_EXAMPLE'],
  ])('never masks %s of a JSON line, nor its own fields, though a secret reads the same', (_case, secret) => {
    // Prepare
    const written: string[] = []
    const logger = jsonLogger({ level: 'INFO', sink: (line) => written.push(line) })
    const fields = { triggerSource: 'PreSignUp_SignUp', userPoolId: 'us-east-1_EXAMPLE', clientId: undefined }

    // Act
    scrubberFor([secret]).write(logger, 'error', 'cognito trigger failed', { upstream: `refused ${secret}` }, fields)

    // Assess
    expect(JSON.parse(written[0] as string)).toStrictEqual({
      level: 'ERROR',
      message: 'cognito trigger failed',
      triggerSource: 'PreSignUp_SignUp',
      userPoolId: 'us-east-1_EXAMPLE',
      upstream: 'refused [REDACTED]',
    })
  })

  it('hands another logger the line’s own fields as given, without undefined ones, then the scrubbed attributes', () => {
    // Prepare
    const error = vi.fn()
    const logger: Logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error }
    const fields = { userPoolId: 'us-east-1_EXAMPLE', clientId: undefined }
    const attributes = { upstream: 'pool us-east-1_EXAMPLE' }

    // Act
    scrubberFor(['us-east-1_EXAMPLE']).write(logger, 'error', 'cognito trigger failed', attributes, fields)
    scrubberFor(['us-east-1_EXAMPLE']).write(logger, 'error', 'no attributes', undefined, fields)

    // Assess
    expect(error.mock.calls).toStrictEqual([
      ['cognito trigger failed', { userPoolId: 'us-east-1_EXAMPLE', upstream: 'pool [REDACTED]' }],
      ['no attributes', { userPoolId: 'us-east-1_EXAMPLE' }],
    ])
    expect(attributes.upstream).toBe('pool us-east-1_EXAMPLE')
  })

  it('hands another logger no attributes when the line has none', () => {
    // Prepare
    const info = vi.fn()
    const logger: Logger = { debug: vi.fn(), info, warn: vi.fn(), error: vi.fn() }

    // Act
    scrubberFor(['jane@example.com']).write(logger, 'info', 'done', undefined)

    // Assess
    expect(info.mock.calls).toStrictEqual([['done', undefined]])
  })
})

describe('errorWithoutSecrets', () => {
  it('masks the secrets in the name, message and stack of a copy, and drops the cause', () => {
    // Prepare
    const failure = new Error('Subject "Your code is 474110" rejected', { cause: { request: 'Your code is 474110' } })
    failure.name = 'Rejected474110'

    // Act
    const copy = errorWithoutSecrets(failure, ['474110', ''])

    // Assess
    expect(copy).not.toBe(failure)
    expect(copy.message).toBe('Subject "Your code is [REDACTED]" rejected')
    expect(copy.name).toBe('Rejected[REDACTED]')
    expect(copy.stack).not.toContain('474110')
    expect(copy.cause).toBeUndefined()
  })

  it.each([
    ['a string', 'code 474110 refused', 'code [REDACTED] refused'],
    ['a number', 474110, 'non-Error value of type number'],
    ['an Error without a stack', Object.assign(new Error('474110'), { stack: undefined }), '[REDACTED]'],
  ])('turns %s into an Error without the secret', (_case, thrown, message) => {
    const copy = errorWithoutSecrets(thrown, ['474110'])
    expect(copy).toBeInstanceOf(Error)
    expect(copy.message).toBe(message)
  })
})
