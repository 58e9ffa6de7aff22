// Command-line parsing errors become UsageError (exit code 2) naming the command.
import { parseArgs } from 'node:util'
import { describe, expect, it } from 'vitest'
import { integerOption, parseCommand, portOption, timeoutOption } from '../../../src/local/args.js'
import { UsageError } from '../../../src/local/errors.js'

const parse = (args: string[]) => parseCommand('serve', () => parseArgs({ args, options: { port: { type: 'string' }, quiet: { type: 'boolean' } } }))

describe('parseCommand', () => {
  it.each([
    [['--nope'], 'unknown option --nope'],
    [['extra'], 'unexpected argument "extra"'],
    [['--port'], "Option '--port <value>' argument missing"],
  ])('turns %j into a UsageError', (args, message) => {
    // Act and assess
    expect(() => parse(args)).toThrow(new UsageError(message, 'serve'))
  })

  it('passes other errors through, and results back', () => {
    // Act and assess
    expect(() =>
      parseCommand('serve', () => {
        throw new RangeError('not parseArgs')
      }),
    ).toThrow(RangeError)
    expect(parse(['--port', '1']).values.port).toBe('1')
  })
})

describe('integer options', () => {
  it.each([
    ['0', 0],
    ['65535', 65535],
    [undefined, undefined],
  ])('reads the port %s', (value, port) => {
    // Act and assess
    expect(portOption(value, '--port', 'serve')).toBe(port)
  })

  it.each(['-1', '65536', '1.5', 'abc', '', '1e3'])('refuses the port %j', (value) => {
    // Act and assess
    expect(() => portOption(value, '--port', 'serve')).toThrow(new UsageError(`--port must be a whole number from 0 to 65535, got "${value}"`, 'serve'))
  })

  it('bounds the timeout to what Lambda allows, and any integer to its range', () => {
    // Act and assess
    expect(timeoutOption('4000', 'invoke')).toBe(4000)
    expect(() => timeoutOption('0', 'invoke')).toThrow('--timeout must be a whole number from 1 to 900000, got "0"')
    expect(() => integerOption('99999999999999999999', '--n', 'x', 0, Number.MAX_SAFE_INTEGER)).toThrow(UsageError)
  })
})
