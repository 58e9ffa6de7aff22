import { describe, expect, it } from 'vitest'
import type { TriggerSource } from '../../../src/catalogue.js'
import { listOf, oneOf, stringMap, struct, typed } from '../../../src/validation/checks.js'
import type { Check, ReplyContext } from '../../../src/validation/common.js'
import { errorOf } from './fixtures.js'

const context: ReplyContext = {
  source: 'PreSignUp_SignUp' as TriggerSource,
  event: {},
  response: {},
  changed: {},
}

const run = (check: Check, value: unknown) => () => check(value, 'at', context)

describe('check factories', () => {
  it('typed accepts null only when nullable', () => {
    expect(run(typed('string', 'r', true), null)).not.toThrow()
    expect(errorOf(run(typed('string', 'r'), null)).message).toContain('must be a string, got null')
  })

  it('oneOf says "another string" instead of repeating the value', () => {
    const error = errorOf(run(oneOf(['A', 'B'], 'r', false), 'C-secret'))
    expect(error.message).toContain('must be one of A, B, got another string')
    expect(error.message).not.toContain('C-secret')
  })

  it('oneOf rejects null when not nullable', () => {
    expect(errorOf(run(oneOf(['A'], 'r', false), null)).rule).toBe('r')
  })

  it('listOf checks every item at its index', () => {
    const error = errorOf(run(listOf(typed('string', 'item'), 'list'), ['a', 2]))
    expect(error.rule).toBe('item')
    expect(error.path).toBe('at[1]')
  })

  it('listOf rejects null unless nullable', () => {
    expect(errorOf(run(listOf(typed('string', 'item'), 'list'), null)).rule).toBe('list')
    expect(run(listOf(typed('string', 'item'), 'list', true), null)).not.toThrow()
  })

  it('stringMap without a limit accepts long values', () => {
    expect(run(stringMap('r', false), { a: 'x'.repeat(10_000) })).not.toThrow()
  })

  it('struct lists the keys it knows when it meets another', () => {
    const check = struct({ first: typed('string', 't'), second: typed('string', 't') }, { type: 'type', unknown: 'unknown' })
    const error = errorOf(run(check, { thrid: 'x' }))
    expect(error.rule).toBe('unknown')
    expect(error.message).toContain('it reads first, second')
  })

  it('struct looks members up without the prototype', () => {
    const check = struct({ first: typed('string', 't') }, { type: 'type', unknown: 'unknown' })
    expect(errorOf(run(check, { toString: 'x' })).rule).toBe('unknown')
  })
})
