import { describe, expect, it } from 'vitest'
import { cloneJson, describe as describeValue, NotJsonError, wireCopy } from '../../src/json.js'

const pathOf = (value: unknown): readonly (string | number)[] | undefined => {
  try {
    wireCopy(value)
    return undefined
  } catch (error) {
    if (!(error instanceof NotJsonError)) throw error
    return error.path
  }
}

describe('wireCopy', () => {
  it('copies plain JSON data into new objects that share nothing with the original', () => {
    // Prepare
    const original = { a: [1, 'x', { b: true, c: null }], d: { e: -2.5 } }

    // Act
    const copy = wireCopy(original) as typeof original

    // Assess
    expect(copy).toStrictEqual(original)
    expect(copy.a).not.toBe(original.a)
    expect(copy.d).not.toBe(original.d)
  })

  it('leaves out undefined members, as JSON does', () => {
    expect(wireCopy({ a: undefined, b: 1 })).toStrictEqual({ b: 1 })
  })

  it('reads a getter once and keeps that value, so a second read cannot change what is sent', () => {
    // Prepare
    let reads = 0
    const original = {
      get claim() {
        reads += 1
        return reads === 1 ? 'tenant-a' : 'sub'
      },
    }

    // Act
    const copy = wireCopy(original)

    // Assess
    expect(copy).toStrictEqual({ claim: 'tenant-a' })
    expect(JSON.stringify(copy)).toBe('{"claim":"tenant-a"}')
  })

  it('keeps an own __proto__ key as data', () => {
    const copy = wireCopy(JSON.parse('{"__proto__":{"polluted":true}}')) as object
    expect(Object.hasOwn(copy, '__proto__')).toBe(true)
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined()
  })

  const cyclic: Record<string, unknown> = {}
  cyclic.self = cyclic
  const hiddenToJson = Object.defineProperty({ claims: {} }, 'toJSON', { value: () => ({ claims: { sub: 'x' } }), enumerable: false })
  it.each([
    ['a non-enumerable toJSON method', { a: hiddenToJson }, ['a']],
    ['a toJSON method on an array', { a: Object.assign([1], { toJSON: () => [] }) }, ['a']],
    ['a Date', { a: new Date(0) }, ['a']],
    ['a class instance', { a: new (class Claims {})() }, ['a']],
    ['a Map', { a: new Map() }, ['a']],
    ['NaN', { a: Number.NaN }, ['a']],
    ['Infinity', { a: [Number.POSITIVE_INFINITY] }, ['a', 0]],
    ['a function', { a: { b: () => 1 } }, ['a', 'b']],
    ['a symbol', { a: Symbol('s') }, ['a']],
    ['a bigint', { a: 1n }, ['a']],
    ['undefined in an array', { a: [1, undefined] }, ['a', 1]],
    ['a hole in an array', { a: [1, , 3] }, ['a', 1]], // eslint-disable-line no-sparse-arrays
    ['a cycle', { a: cyclic }, ['a', ...Array<string>(64).fill('self')]],
  ])('refuses %s, naming where it is', (_, value, path) => {
    expect(pathOf(value)).toStrictEqual(path)
  })

  it('lets an error a getter throws through as it is, however deep the getter is', () => {
    // Prepare
    const failure = new Error('getter failed')
    const value = { a: [{ get b() { throw failure } }] }

    // Act
    const thrown = (() => {
      try {
        wireCopy(value)
        return undefined
      } catch (error) {
        return error
      }
    })()

    // Assess
    expect(thrown).toBe(failure)
  })

  it('refuses a toJSON method on the value itself, at the root', () => {
    expect(pathOf({ toJSON: () => ({}) })).toStrictEqual([])
  })

  it('says what it found, never the value', () => {
    try {
      wireCopy({ a: new Date(0), password: 'hunter2!' })
    } catch (error) {
      expect((error as Error).message).toBe('has a toJSON method, so JSON would send something else')
    }
    expect(() => wireCopy({ a: new Map() })).toThrowError('is a non-plain object, which JSON would send as a plain object')
    expect(() => wireCopy({ a: 'hunter2!', b: 1n })).toThrowError('is a bigint, which JSON cannot send')
  })
})

describe('describe', () => {
  it.each([
    [undefined, 'undefined'],
    [{}, 'an object'],
    [Object.create(null), 'an object'],
    [true, 'a boolean'],
    [1n, 'a bigint'],
  ])('names %o as %s, with the right article', (value, expected) => {
    expect(describeValue(value)).toBe(expected)
  })
})

describe('cloneJson', () => {
  it('copies own keys only, even when Object.prototype was polluted', () => {
    // Prepare: what a prototype-pollution bug elsewhere in the process leaves behind
    const polluted = Object.prototype as Record<string, unknown>
    polluted.isAdmin = true
    try {
      // Act
      const copy = cloneJson({ request: { userAttributes: { email: 'jane@example.com' } } })

      // Assess
      expect(Object.keys(copy.request.userAttributes)).toStrictEqual(['email'])
      expect(Object.hasOwn(copy, 'isAdmin')).toBe(false)
    } finally {
      delete polluted.isAdmin
    }
  })
})

