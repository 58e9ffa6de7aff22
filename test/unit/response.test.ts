import { describe, expect, it } from 'vitest'
import { InvalidReplyError } from '../../src/errors.js'
import { applyPatch, diff, isWholeEvent, toPatch, wirePatch } from '../../src/response.js'

describe('toPatch', () => {
  const base = { autoConfirmUser: false, autoVerifyEmail: false }

  it('keeps an explicit patch even where it repeats the incoming value, so decisions take part in the merge', () => {
    expect(toPatch({ autoConfirmUser: false }, base, base)).toStrictEqual({ kind: 'patch', patch: { autoConfirmUser: false } })
  })

  it.each([undefined, null])('reads the changes a handler made to event.response when it returns %j', (result) => {
    expect(toPatch(result, base, { ...base, autoVerifyEmail: true })).toStrictEqual({ kind: 'patch', patch: { autoVerifyEmail: true } })
  })

  it('reads the changes from a whole event returned AWS-style', () => {
    const event = { triggerSource: 'PreSignUp_SignUp', request: {}, response: { ...base, autoConfirmUser: true } }
    expect(toPatch(event, base, base)).toStrictEqual({ kind: 'patch', patch: { autoConfirmUser: true } })
  })

  it('contributes nothing when nothing changed', () => {
    expect(toPatch(undefined, base, structuredClone(base))).toStrictEqual({ kind: 'patch', patch: {} })
  })

  it.each([['x'], [1], [[]], [true]])('refuses %j as a result', (result) => {
    expect(toPatch(result, base, base).kind).toBe('invalid')
  })

  it('refuses a response replaced by a non-object', () => {
    expect(toPatch(undefined, base, 'yes')).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('not an object') })
  })
})

describe('diff and applyPatch', () => {
  it('diffs nested objects key by key and arrays whole', () => {
    const before = { a: { b: 1, c: [1, 2] }, d: null }
    const after = { a: { b: 1, c: [1, 2, 3] }, d: { e: 'x' } }
    expect(diff(before, after)).toStrictEqual({ a: { c: [1, 2, 3] }, d: { e: 'x' } })
  })

  it('applies a patch without touching its inputs', () => {
    const base = { a: { b: 1 }, c: 2 }
    const out = applyPatch(base, { a: { d: 3 } })
    expect(out).toStrictEqual({ a: { b: 1, d: 3 }, c: 2 })
    expect(base).toStrictEqual({ a: { b: 1 }, c: 2 })
  })

  it('treats "__proto__" as a plain key and never pollutes prototypes', () => {
    const patch = JSON.parse('{"__proto__": {"polluted": true}, "claims": {"__proto__": {"polluted": true}}}')
    const out = applyPatch({ claims: {} }, patch)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype)
    expect(Object.hasOwn(out, '__proto__')).toBe(true)
    expect(Object.hasOwn(diff({}, patch), '__proto__')).toBe(true)
  })
})

describe('applyPatch and a polluted Object.prototype', () => {
  it('writes own keys only, of the base and of the patch', () => {
    // Prepare: what a prototype-pollution bug elsewhere in the process leaves behind
    const polluted = Object.prototype as Record<string, unknown>
    polluted.isAdmin = true
    try {
      // Act
      const merged = applyPatch({ autoConfirmUser: false }, { autoVerifyEmail: true })

      // Assess
      expect(Object.keys(merged)).toStrictEqual(['autoConfirmUser', 'autoVerifyEmail'])
      expect(Object.hasOwn(merged, 'isAdmin')).toBe(false)
    } finally {
      delete polluted.isAdmin
    }
  })
})

describe('isWholeEvent', () => {
  it.each([
    [{ triggerSource: 'x', request: {} }, true],
    [{ triggerSource: 'x' }, false],
    [{ autoConfirmUser: true }, false],
    [null, false],
  ])('recognises %j: %s', (value, expected) => {
    expect(isWholeEvent(value)).toBe(expected)
  })
})

describe('wirePatch', () => {
  it('names the path and the rule of what JSON would send differently', () => {
    const error = (() => {
      try {
        wirePatch({ claims: { list: [1, Number.NaN] }, 'odd key': { x: new Map() } })
        return undefined
      } catch (thrown) {
        return thrown as InvalidReplyError
      }
    })()
    expect(error).toBeInstanceOf(InvalidReplyError)
    expect(error?.rule).toBe('reply.not-json')
    expect(error?.path).toBe('claims.list[1]')
    expect(error?.message).toBe('invalid reply at response.claims.list[1]: is NaN or infinite, which JSON sends as null; reply with plain JSON data [reply.not-json]')
  })

  it('quotes a key that is not an identifier, and names the response itself at the root', () => {
    expect(() => wirePatch({ 'odd key': new Map() })).toThrowError('invalid reply at response.["odd key"]: is a non-plain object')
    expect(() => wirePatch(Object.defineProperty({}, 'toJSON', { value: () => ({}) }))).toThrowError(
      'invalid reply: the response has a toJSON method, so JSON would send something else; reply with plain JSON data [reply.not-json]',
    )
  })

  it('lets any other error through, such as one a getter throws', () => {
    const failure = new TypeError('getter failed')
    expect(() => wirePatch({ get a() { throw failure } })).toThrow(failure)
  })
})
