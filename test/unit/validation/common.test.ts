import { describe, expect, it } from 'vitest'
import {
  characterCount,
  checkLength,
  entryPath,
  getOwn,
  indexPath,
  isJsonValue,
  memberPath,
  quote,
} from '../../../src/validation/common.js'
import { errorOf, json } from './fixtures.js'
import { describe as describeValue } from '../../../src/json.js'

describe('describe, the one way a value is named in an error', () => {
  it.each([
    [null, 'null'],
    [undefined, 'undefined'],
    [[1], 'an array'],
    [{ a: 1 }, 'an object'],
    [Object.create(null), 'an object'],
    ['s', 'a string'],
    [1, 'a number'],
    [true, 'a boolean'],
    [new Date(0), 'a non-plain object'],
    [1n, 'a bigint'],
    [Symbol('s'), 'a symbol'],
    [() => 1, 'a function'],
  ])('describes %o as %s', (value, expected) => {
    expect(describeValue(value)).toBe(expected)
  })

  it('never shows the value itself', () => {
    expect(describeValue('hunter2')).not.toContain('hunter2')
  })
})

describe('isJsonValue', () => {
  it('accepts an object with a null prototype', () => {
    expect(isJsonValue(Object.assign(Object.create(null), { a: 1 }))).toBe(true)
  })

  it('accepts the same object twice when it is not a cycle', () => {
    const shared = { a: 1 }
    expect(isJsonValue({ left: shared, right: [shared, shared] })).toBe(true)
  })

  it('rejects an array that contains itself', () => {
    const list: unknown[] = []
    list.push(list)
    expect(isJsonValue(list)).toBe(false)
  })
})

describe('lengths', () => {
  it('counts code points, not UTF-16 units', () => {
    expect(characterCount('a😀b')).toBe(3)
  })

  it.each([
    ['short text', 'abc', 3],
    ['long UTF-16 text within the code-point limit', '😀😀😀', 3],
  ])('accepts %s', (_, text, max) => {
    expect(() => checkLength(text, max, 'r', 'p', 'the text')).not.toThrow()
  })

  it('rejects text over the limit with the count and the limit', () => {
    const error = errorOf(() => checkLength('😀😀😀😀', 3, 'some.rule', 'p', 'the text'))
    expect(error.rule).toBe('some.rule')
    expect(error.message).toContain('the text is 4 characters long; the limit is 3')
  })
})

describe('paths', () => {
  it.each([
    ['', 'autoConfirmUser', 'autoConfirmUser'],
    ['a', 'b', 'a.b'],
    ['a', '$b_1', 'a.$b_1'],
    ['a', 'custom:tenant', 'a["custom:tenant"]'],
    ['', '1st', '["1st"]'],
  ])('joins %o and %o as %s', (parent, key, expected) => {
    expect(memberPath(parent, key)).toBe(expected)
  })

  it('quotes map entries even when they are identifiers', () => {
    expect(entryPath('claims', 'sub')).toBe('claims["sub"]')
  })

  it('indexes arrays', () => {
    expect(indexPath('list', 2)).toBe('list[2]')
  })

  it('escapes control characters and shortens long keys', () => {
    expect(quote('a\nb')).toBe('"a\\nb"')
    const shown = quote('k'.repeat(500))
    expect(shown.length).toBeLessThan(80)
    expect(shown.endsWith('…"')).toBe(true)
  })
})

describe('getOwn', () => {
  it('reads own properties, including one named __proto__', () => {
    expect(getOwn(json('{"__proto__": 1}'), '__proto__')).toBe(1)
  })

  it.each([
    ['an inherited property', { a: 1 }, 'toString'],
    ['a missing property', { a: 1 }, 'b'],
    ['null', null, 'a'],
    ['a string', 'abc', 'length'],
  ])('returns undefined for %s', (_, value, key) => {
    expect(getOwn(value, key)).toBeUndefined()
  })
})
