import { isDeepStrictEqual } from 'node:util'
import fc from 'fast-check'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { cloneJson } from '../../src/response.js'

// As in test/property: small in `npm test`, raised by `npm run fuzz`.
const RUNS = Number(process.env.FUZZ_RUNS ?? 150)

/** Every object and array reachable from `value`, cycles included. */
const objectsIn = (value: unknown, found = new Set<object>()): Set<object> => {
  if (typeof value !== 'object' || value === null || found.has(value)) return found
  found.add(value)
  for (const item of Object.values(value)) objectsIn(item, found)
  return found
}

/** True when `copy` reaches no object that `original` reaches. */
const sharesNothing = (original: unknown, copy: unknown): boolean => {
  const mine = objectsIn(original)
  return [...objectsIn(copy)].every((object) => !mine.has(object))
}

/** An object whose deepest object sits `levels` levels below it: `{ next: { next: { leaf: 'x' } } }`. */
const chain = (levels: number): Record<string, unknown> => {
  let node: Record<string, unknown> = { leaf: 'x' }
  for (let i = 0; i < levels; i += 1) node = { next: node }
  return node
}

class Account {
  constructor(
    readonly id: string,
    readonly tags: string[],
  ) {}

  label(): string {
    return `account ${this.id}`
  }
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('cloneJson', () => {
  it.each([
    ['a string', 'jane@example.com'],
    ['a number', 42],
    ['negative zero', -0],
    ['true', true],
    ['null', null],
    ['undefined', undefined],
    ['a bigint', 10n],
  ])('returns %s as it is', (_case, value) => {
    // Act
    const copy = cloneJson(value)

    // Assess
    expect(Object.is(copy, value)).toBe(true)
  })

  it('copies nested objects and arrays, equal in value and sharing no object with the original', () => {
    // Prepare
    const original = {
      response: { autoConfirmUser: false, claims: { tier: 'gold', groups: ['a', 'b'] } },
      list: [{ x: 1 }, [2, [3]], null, 'text'],
      empty: {},
      none: [],
    }

    // Act
    const copy = cloneJson(original)

    // Assess
    expect(copy).toStrictEqual(original)
    expect(sharesNothing(original, copy)).toBe(true)
  })

  it('leaves the original untouched when the copy is changed', () => {
    // Prepare
    const original = { response: { claims: { tier: 'gold' } }, list: [1] }
    const copy = cloneJson(original)

    // Act
    copy.response.claims.tier = 'lead'
    copy.list.push(2)

    // Assess
    expect(original).toStrictEqual({ response: { claims: { tier: 'gold' } }, list: [1] })
  })

  it('keeps a null-prototype object null-prototype, at the top and nested', () => {
    // Prepare
    const inner = Object.assign(Object.create(null) as Record<string, unknown>, { b: 2 })
    const outer = Object.assign(Object.create(null) as Record<string, unknown>, { a: 1, inner, list: [inner] })

    // Act
    const copy = cloneJson(outer)

    // Assess
    expect(Object.getPrototypeOf(copy)).toBeNull()
    expect(Object.getPrototypeOf(copy.inner)).toBeNull()
    expect(Object.getPrototypeOf((copy.list as unknown[])[0])).toBeNull()
    expect(isDeepStrictEqual(copy, outer)).toBe(true)
    expect(sharesNothing(outer, copy)).toBe(true)
  })

  it('keeps an own __proto__ key as an own data key, and never changes a prototype', () => {
    // Prepare
    const original = JSON.parse('{"__proto__":{"polluted":"yes"},"nested":{"__proto__":{"polluted":"yes"}}}') as Record<string, unknown>

    // Act
    const copy = cloneJson(original)

    // Assess
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype)
    expect(Object.hasOwn(copy, '__proto__')).toBe(true)
    expect(Object.getOwnPropertyDescriptor(copy, '__proto__')).toStrictEqual({
      value: { polluted: 'yes' },
      writable: true,
      enumerable: true,
      configurable: true,
    })
    expect(Object.hasOwn(copy.nested as object, '__proto__')).toBe(true)
    expect(Object.getPrototypeOf(copy.nested)).toBe(Object.prototype)
    expect(JSON.stringify(copy)).toBe(JSON.stringify(original))
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('keeps functions as they are, at the top, in objects and in arrays', () => {
    // Prepare
    const handler = () => 'called'

    // Act
    const copies = [cloneJson(handler), cloneJson({ handler }).handler, cloneJson([handler])[0]]

    // Assess
    expect(copies).toStrictEqual([handler, handler, handler])
    for (const copy of copies) expect(copy).toBe(handler)
  })

  it('copies a Date as a Date with the same time', () => {
    // Prepare
    const when = new Date('2026-01-01T00:00:00.000Z')
    const original = { when }

    // Act
    const copy = cloneJson(original)

    // Assess
    expect(copy.when).toBeInstanceOf(Date)
    expect(copy.when).not.toBe(when)
    expect(copy.when.getTime()).toBe(when.getTime())
  })

  it('copies a Map as a Map with copies of its entries', () => {
    // Prepare
    const value = { nested: true }
    const original = new Map([['key', value]])

    // Act
    const copy = cloneJson(original)

    // Assess
    expect(copy).toBeInstanceOf(Map)
    expect(copy).not.toBe(original)
    expect(copy.get('key')).toStrictEqual(value)
    expect(copy.get('key')).not.toBe(value)
  })

  it.each([
    ['a Date', () => new Date(0)],
    ['a Map', () => new Map([['a', 1]])],
    ['a Set', () => new Set([1, 2])],
    ['a class instance', () => new Account('a-1', ['x'])],
    ['an Error', () => new Error('boom')],
    ['a RegExp', () => /abc/gi],
  ])('hands %s to structuredClone and returns what it gives', (_case, make) => {
    // Prepare
    const value = make()
    const clone = vi.spyOn(globalThis, 'structuredClone')

    // Act
    const copy = cloneJson({ value })

    // Assess
    expect(clone).toHaveBeenCalledExactlyOnceWith(value)
    expect(copy.value).not.toBe(value)
    expect(copy.value).toStrictEqual(structuredClone(value))
  })

  it('copies a class instance as structuredClone does: its own fields, without its class', () => {
    // Prepare
    const account = new Account('a-1', ['x'])

    // Act
    const copy = cloneJson({ account }).account as unknown

    // Assess
    expect(copy).not.toBeInstanceOf(Account)
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype)
    expect(copy).toStrictEqual({ id: 'a-1', tags: ['x'] })
    expect((copy as { tags: string[] }).tags).not.toBe(account.tags)
  })

  it.each([
    ['64 levels deep', 64, 0],
    ['65 levels deep', 65, 1],
    ['100 levels deep', 100, 1],
  ])('copies an object nested %s by itself, handing anything past level 64 to structuredClone once', (_case, levels, calls) => {
    // Prepare
    const original = chain(levels)
    const clone = vi.spyOn(globalThis, 'structuredClone')

    // Act
    const copy = cloneJson(original)

    // Assess
    expect(clone).toHaveBeenCalledTimes(calls)
    expect(copy).toStrictEqual(original)
    expect(sharesNothing(original, copy)).toBe(true)
  })

  it('counts arrays as levels too', () => {
    // Prepare
    let original: unknown = ['leaf']
    for (let i = 0; i < 65; i += 1) original = [original]
    const clone = vi.spyOn(globalThis, 'structuredClone')

    // Act
    const copy = cloneJson(original)

    // Assess
    expect(clone).toHaveBeenCalledOnce()
    expect(copy).toStrictEqual(original)
    expect(sharesNothing(original, copy)).toBe(true)
  })

  it('copies a cycle without overflowing the stack, sharing no object with the original', () => {
    // Prepare
    const original: Record<string, unknown> = { name: 'loop' }
    original.self = original

    // Act
    const copy = cloneJson(original)

    // Assess
    let node = copy
    for (let step = 0; step < 200; step += 1) {
      expect(node).not.toBe(original)
      expect(node.name).toBe('loop')
      node = node.self as Record<string, unknown>
    }
    expect(sharesNothing(original, copy)).toBe(true)
  })

  it('copies a cycle through an array as well', () => {
    // Prepare
    const list: unknown[] = []
    const original = { list }
    list.push(original)

    // Act
    const copy = cloneJson(original)

    // Assess
    expect(copy.list[0]).not.toBe(original)
    expect((copy.list[0] as typeof original).list).toHaveLength(1)
    expect(sharesNothing(original, copy)).toBe(true)
  })

  it('deep-equals any JSON value and shares no object with it', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        // Act
        const copy = cloneJson(value)

        // Assess: node's deep equality, because vitest's compares an own "constructor" key as a class.
        expect(isDeepStrictEqual(copy, value)).toBe(true)
        expect(sharesNothing(value, copy)).toBe(true)
      }),
      { numRuns: RUNS },
    )
  })
})
