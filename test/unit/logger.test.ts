import { describe, expect, it } from 'vitest'
import { childLogger, isLevelEnabled, JsonLogger, jsonLogger, UNSERIALIZABLE, type LineRedaction, type Logger, type LoggerLevel } from '../../src/logger.js'

const silent = (): Logger => ({ debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined })

const captured = (level: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR') => {
  const lines: string[] = []
  return { lines, logger: jsonLogger({ level, sink: (line) => lines.push(line) }) }
}

describe('isLevelEnabled', () => {
  it.each<[string, Logger, boolean]>([
    ['a logger without isLevelEnabled (it cannot tell, so the line is built)', silent(), true],
    ['a logger that says yes', { ...silent(), isLevelEnabled: () => true }, true],
    ['a logger that says no', { ...silent(), isLevelEnabled: () => false }, false],
    ['a logger whose check throws (a broken check costs work, never a line)', { ...silent(), isLevelEnabled: () => { throw new Error('x') } }, true],
  ])('answers for %s', (_case, logger, expected) => {
    // Act
    const enabled = isLevelEnabled(logger, 'debug')

    // Assess
    expect(enabled).toBe(expected)
  })

  it('calls a pino-style isLevelEnabled as a method, with the level name', () => {
    // Prepare
    const pinoLike = { ...silent(), threshold: 30, isLevelEnabled(this: { threshold: number }, level: LoggerLevel) { return { debug: 20, info: 30, warn: 40, error: 50 }[level] >= this.threshold } }

    // Act
    const answers = (['debug', 'info', 'warn', 'error'] as const).map((level) => isLevelEnabled(pinoLike, level))

    // Assess
    expect(answers).toStrictEqual([false, true, true, true])
  })
})

describe('jsonLogger', () => {
  it.each([
    ['DEBUG', [true, true, true, true]],
    ['INFO', [false, true, true, true]],
    ['WARN', [false, false, true, true]],
    ['ERROR', [false, false, false, true]],
  ] as const)('at %s says which levels it writes, and writes exactly those', (level, expected) => {
    // Prepare
    const { lines, logger } = captured(level)
    const levels = ['debug', 'info', 'warn', 'error'] as const

    // Act
    const enabled = levels.map((name) => logger.isLevelEnabled?.(name))
    for (const name of levels) logger[name](name)

    // Assess
    expect(enabled).toStrictEqual(expected)
    expect(lines.map((line) => (JSON.parse(line) as { message: string }).message)).toStrictEqual(levels.filter((_, i) => expected[i]))
  })

  it.each<[string, Record<string, unknown>]>([
    ['a BigInt', { n: 1n }],
    ['a cycle', (() => { const cyclic: Record<string, unknown> = {}; cyclic.self = cyclic; return { cyclic } })()],
    ['a throwing toJSON', { value: { toJSON: () => { throw new Error('no') } } }],
  ])('writes the line with a marker instead of attributes holding %s, rather than losing it', (_case, attributes) => {
    // Prepare
    const { lines, logger } = captured('INFO')

    // Act
    logger.warn('kept', attributes)

    // Assess
    expect(lines.map((line) => JSON.parse(line))).toStrictEqual([{ level: 'WARN', message: 'kept', attributes: UNSERIALIZABLE }])
  })

  // A redaction that finds `secret-value` and masks it in a snapshot of the attributes.
  const redaction = (): LineRedaction & { seen: string[] } => {
    const seen: string[] = []
    return {
      seen,
      hits: (text) => {
        seen.push(text)
        return text.includes('secret-value')
      },
      snapshot: (attributes) => JSON.parse(JSON.stringify(attributes).replaceAll('secret-value', 'masked')) as Record<string, unknown>,
    }
  }

  it('serializes a line once, shows it to the redaction, and writes it as it is when it holds no secret', () => {
    // Prepare
    const { lines, logger } = captured('INFO')
    const check = redaction()

    // Act
    logger.writeRedacted('info', 'said nothing', { a: 1 }, check)
    logger.writeRedacted('debug', 'dropped secret-value', { a: 'secret-value' }, check)

    // Assess
    expect(lines).toStrictEqual(['{"level":"INFO","message":"said nothing","a":1}'])
    expect(check.seen).toStrictEqual(lines)
  })

  it('writes the redaction’s snapshot of the attributes when the line holds a secret, and its own level, message and fields as given', () => {
    // Prepare: the secret happens to read as the level, the message and a field
    const lines: string[] = []
    const logger = jsonLogger({ level: 'INFO', sink: (line) => lines.push(line), fields: { service: 'secret-value' } })

    // Act
    logger.writeRedacted('error', 'secret-value', { note: 'a secret-value here', 'secret-value': true }, redaction())

    // Assess
    expect(lines.map((line) => JSON.parse(line))).toStrictEqual([
      { level: 'ERROR', message: 'secret-value', service: 'secret-value', note: 'a masked here', masked: true },
    ])
  })

  it('writes a line without attributes as it is, even when its own text reads as a secret', () => {
    // Prepare
    const { lines, logger } = captured('INFO')

    // Act
    logger.writeRedacted('warn', 'secret-value', undefined, redaction())

    // Assess
    expect(lines).toStrictEqual(['{"level":"WARN","message":"secret-value"}'])
  })

  it('serializes when the line is written, so a change to the attributes afterwards never reaches it', () => {
    // Prepare
    const { lines, logger } = captured('INFO')
    const attributes: Record<string, unknown> = { user: 'jane' }

    // Act
    logger.info('logged', attributes)
    attributes.password = 'hunter2-plain'

    // Assess
    expect(lines).toStrictEqual(['{"level":"INFO","message":"logged","user":"jane"}'])
  })

  it('keeps its state out of sight of anyone listing or serializing the logger, and its methods work detached', () => {
    // Prepare
    const { lines, logger } = captured('INFO')
    const { info } = logger

    // Act
    info('detached')

    // Assess
    expect(Object.keys(logger)).toStrictEqual(['debug', 'info', 'warn', 'error', 'isLevelEnabled'])
    expect(JSON.stringify(logger)).toBe('{}')
    expect(logger).toBeInstanceOf(JsonLogger)
    expect(lines).toStrictEqual(['{"level":"INFO","message":"detached"}'])
  })
})

describe('childLogger', () => {
  it('answers isLevelEnabled as its parent does, and has none when the parent has none', () => {
    // Prepare
    const child = childLogger(jsonLogger({ level: 'WARN', sink: () => undefined }), { plugin: 'p' })
    const childOfPinoLike = childLogger({ ...silent(), isLevelEnabled: (level) => level !== 'debug' }, { plugin: 'p' })
    const childOfSilent = childLogger(silent(), { plugin: 'p' })

    // Assess
    expect(child.isLevelEnabled?.('info')).toBe(false)
    expect(child.isLevelEnabled?.('error')).toBe(true)
    expect([childOfPinoLike.isLevelEnabled?.('debug'), childOfPinoLike.isLevelEnabled?.('info')]).toStrictEqual([false, true])
    expect(childOfSilent.isLevelEnabled).toBeUndefined()
  })

  it('of a JSON logger, is a JSON logger at its level whose fields, under the line’s own attributes, stay out of redaction', () => {
    // Prepare
    const { lines, logger } = captured('INFO')
    const child = childLogger(childLogger(logger, { plugin: 'p', requestId: 'r' }), { plugin: 'secret-value' })

    // Act
    child.debug('dropped')
    ;(child as JsonLogger).writeRedacted('info', 'hello', { requestId: 'own' }, { hits: () => true, snapshot: (a) => ({ ...(a as object), masked: true }) })

    // Assess
    expect(child).toBeInstanceOf(JsonLogger)
    expect(lines.map((line) => JSON.parse(line))).toStrictEqual([{ level: 'INFO', message: 'hello', plugin: 'secret-value', requestId: 'own', masked: true }])
  })
})
