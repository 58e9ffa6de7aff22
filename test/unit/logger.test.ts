import { describe, expect, it, vi } from 'vitest'
import { childLogger, isLevelEnabled, jsonLogger, LINE_WRITER, lineWriterOf, UNSERIALIZABLE, type Logger, type LoggerLevel } from '../../src/logger.js'

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

  it('hands the finished line to a line writer’s finish, and writes what it returns', () => {
    // Prepare
    const { lines, logger } = captured('INFO')
    const finish = vi.fn((line: string) => line.replace('secret-value', 'masked'))

    // Act
    lineWriterOf(logger)?.('info', 'said secret-value', { a: 1 }, finish)
    lineWriterOf(logger)?.('debug', 'dropped', undefined, finish)

    // Assess
    expect(finish).toHaveBeenCalledOnce()
    expect(lines).toStrictEqual(['{"level":"INFO","message":"said masked","a":1}'])
  })

  it('finds no line writer on a logger whose line-writer slot holds something other than a function', () => {
    // Prepare
    const logger = { ...console, [LINE_WRITER]: 'not a writer' } as unknown as Logger

    // Act + Assess
    expect(lineWriterOf(logger)).toBeUndefined()
  })

  it('keeps the line writer out of sight of anyone listing or serializing the logger', () => {
    // Prepare
    const logger = jsonLogger({ level: 'INFO', sink: () => undefined })

    // Assess
    expect(Object.keys(logger)).toStrictEqual(['debug', 'info', 'warn', 'error', 'isLevelEnabled'])
    expect(typeof (logger as { [LINE_WRITER]?: unknown })[LINE_WRITER]).toBe('function')
  })
})

describe('childLogger', () => {
  it('answers isLevelEnabled as its parent does, and has none when the parent has none', () => {
    // Prepare
    const child = childLogger(jsonLogger({ level: 'WARN', sink: () => undefined }), { plugin: 'p' })
    const childOfSilent = childLogger(silent(), { plugin: 'p' })

    // Assess
    expect(child.isLevelEnabled?.('info')).toBe(false)
    expect(child.isLevelEnabled?.('error')).toBe(true)
    expect(childOfSilent.isLevelEnabled).toBeUndefined()
  })

  it('passes its fields, under the line’s own attributes, through its parent’s line writer', () => {
    // Prepare
    const { lines, logger } = captured('INFO')
    const child = childLogger(logger, { plugin: 'p', requestId: 'r' })

    // Act
    lineWriterOf(child)?.('info', 'hello', { requestId: 'own' }, (line) => line)

    // Assess
    expect(lines.map((line) => JSON.parse(line))).toStrictEqual([{ level: 'INFO', message: 'hello', plugin: 'p', requestId: 'own' }])
    expect(lineWriterOf(childLogger(silent(), {}))).toBeUndefined()
  })
})
