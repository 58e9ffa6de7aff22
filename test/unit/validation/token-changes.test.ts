import { describe, expect, it } from 'vitest'
import type { JsonObject } from '../../../src/response.js'
import { RESERVED_CLAIMS } from '../../../src/validation/index.js'
import { CLIENT_ID, errorOf, ruleOf, validate } from './fixtures.js'
import { accessClaims, accessSuppress, idClaims, idSuppress, scopesToAdd, v1, v1Claims, v2 } from './token-events.js'

describe('pre token generation: claim values', () => {
  const nonStrings = [1, true, null, ['a'], { nested: { deep: [1, 'two'] } }]
  it.each(nonStrings)('rejects the V1 claim value %o, since V1 takes strings only', (value) => {
    expect(ruleOf(v1(), v1Claims({ tenant: value }))).toBe('tokengeneration.claim-value')
  })

  const jsonValues: [string, unknown][] = [
    ['string', 's'],
    ['number', 3],
    ['boolean', false],
    ['null', null],
    ['array', [1, 'a']],
    ['object', { a: { b: [true] } }],
  ]
  it.each(jsonValues)(
    'accepts a V2 %s claim value',
    (_, value) => {
      expect(() => validate(v2(), accessClaims({ custom: value }))).not.toThrow()
    },
  )

  const cyclic: JsonObject = {}
  cyclic.self = cyclic
  it.each([
    ['undefined', undefined],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['a function', () => 1],
    ['a Date', new Date(0)],
    ['a bigint', 1n],
    ['a cycle', cyclic],
    ['a sparse array', [1, , 3]], // eslint-disable-line no-sparse-arrays
    ['an array holding undefined', [undefined]],
    ['an object holding NaN', { n: Number.NaN }],
  ])('rejects the V2 claim value %s, which JSON would drop or change', (_, value) => {
    expect(ruleOf(v2(), idClaims({ custom: value }))).toBe('tokengeneration.claim-value')
  })

  it.each(['email_verified', 'phone_number_verified', 'updated_at', 'address'])(
    'rejects a complex %s in the ID token',
    (name) => {
      expect(ruleOf(v2(), idClaims({ [name]: { value: true } }))).toBe('tokengeneration.id-claim-complex')
      expect(ruleOf(v2(), idClaims({ [name]: ['x'] }))).toBe('tokengeneration.id-claim-complex')
    },
  )

  it('accepts scalar email_verified in the ID token and complex values in the access token', () => {
    expect(() => validate(v2(), idClaims({ email_verified: 'true', address: 'Main St 1' }))).not.toThrow()
    expect(() => validate(v2(), accessClaims({ address: { street: 'Main St 1' } }))).not.toThrow()
  })
})

describe('pre token generation: reserved claims', () => {
  const cognitoClaims = ['cognito:username', 'cognito:groups', 'cognito:roles']
  const alwaysReserved = [...RESERVED_CLAIMS.filter((name) => name !== 'username'), ...cognitoClaims]

  it.each(alwaysReserved)('rejects adding %s to either token', (name) => {
    expect(ruleOf(v2(), idClaims({ [name]: 'x' }))).toBe('tokengeneration.reserved-claim')
    expect(ruleOf(v2(), accessClaims({ [name]: 'x' }))).toBe('tokengeneration.reserved-claim')
    expect(ruleOf(v1(), v1Claims({ [name]: 'x' }))).toBe('tokengeneration.reserved-claim')
  })

  it.each(alwaysReserved.filter((name) => name !== 'cognito:groups'))('rejects suppressing %s in either token', (name) => {
    expect(ruleOf(v2(), idSuppress([name]))).toBe('tokengeneration.reserved-claim')
    expect(ruleOf(v2(), accessSuppress([name]))).toBe('tokengeneration.reserved-claim')
  })

  it('accepts suppressing cognito:groups, the way to drop groups', () => {
    expect(() => validate(v2(), idSuppress(['cognito:groups']))).not.toThrow()
    expect(() => validate(v1(), { claimsOverrideDetails: { claimsToSuppress: ['cognito:groups'] } })).not.toThrow()
  })

  it('rejects username in the access token but accepts it in the ID token', () => {
    expect(ruleOf(v2(), accessClaims({ username: 'jane' }))).toBe('tokengeneration.reserved-claim')
    expect(() => validate(v2(), idClaims({ username: 'jane' }))).not.toThrow()
  })

  it('rejects adding a dev: claim and accepts suppressing one', () => {
    expect(ruleOf(v2(), idClaims({ 'dev:trace': 'on' }))).toBe('tokengeneration.dev-claim')
    expect(() => validate(v2(), idSuppress(['dev:trace']))).not.toThrow()
  })

  it('names the claim in the path and keeps its value out of the message', () => {
    const error = errorOf(() => validate(v2(), idClaims({ sub: 'value-of-sub-123' })))
    expect(error.path).toBe('claimsAndScopeOverrideDetails.idTokenGeneration.claimsToAddOrOverride["sub"]')
    expect(error.message).not.toContain('value-of-sub-123')
  })

  it('points at the position of a reserved name in claimsToSuppress', () => {
    expect(errorOf(() => validate(v2(), accessSuppress(['email', 'sub']))).path).toBe(
      'claimsAndScopeOverrideDetails.accessTokenGeneration.claimsToSuppress[1]',
    )
  })
})

describe('pre token generation: aud', () => {
  it('accepts aud in the access token when it is the app client id', () => {
    expect(() => validate(v2(), accessClaims({ aud: CLIENT_ID }))).not.toThrow()
  })

  it.each([
    ['another client id', v2(), accessClaims({ aud: 'other-client' })],
    ['a list holding the client id', v2(), accessClaims({ aud: [CLIENT_ID] })],
    ['null when the event has no client id', v2('TokenGeneration_Authentication', '2', null), accessClaims({ aud: null })],
  ])('rejects aud set to %s', (_, event, changed) => {
    expect(ruleOf(event, changed)).toBe('tokengeneration.aud')
  })

  it.each([
    ['added to the V2 ID token', v2(), idClaims({ aud: CLIENT_ID })],
    ['added in a V1 reply (ID token)', v1(), v1Claims({ aud: CLIENT_ID })],
    ['suppressed in the access token', v2(), accessSuppress(['aud'])],
    ['suppressed in the ID token', v2(), idSuppress(['aud'])],
  ])('rejects aud %s', (_, event, changed) => {
    expect(ruleOf(event, changed)).toBe('tokengeneration.aud')
  })
})

describe('pre token generation: scopes', () => {
  it('accepts ordinary scopes', () => {
    expect(() => validate(v2(), scopesToAdd(['orders/read', 'https://api.example.com/write']))).not.toThrow()
  })

  it.each([
    ['an empty scope', ['']],
    ['a scope with a space', ['orders/read orders/write']],
    ['a scope with a tab', ['a\tb']],
    ['a number', [1]],
    ['a string instead of a list', 'orders/read'],
  ])('rejects %s', (_, scopes) => {
    expect(ruleOf(v2(), scopesToAdd(scopes))).toBe('tokengeneration.scope')
  })

  it('applies the same rule to scopesToSuppress', () => {
    const changed = { claimsAndScopeOverrideDetails: { accessTokenGeneration: { scopesToSuppress: ['a b'] } } }
    expect(ruleOf(v2(), changed)).toBe('tokengeneration.scope')
  })
})
