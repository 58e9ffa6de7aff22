import { describe, expect, it } from 'vitest'
import { claimChangeProblem, isReservedClaim, RESERVED_CLAIMS } from '../../../src/validation/index.js'

describe('the reserved-claim vocabulary', () => {
  it('lists the fixed reserved names of "Pre token generation Lambda trigger"', () => {
    expect(RESERVED_CLAIMS).toEqual(
      expect.arrayContaining(['sub', 'username', 'token_use', 'origin_jti', 'auth_time', 'client_id', 'identities']),
    )
    expect(RESERVED_CLAIMS).not.toContain('aud')
  })

  it.each(RESERVED_CLAIMS.filter((name) => name !== 'username'))('reserves %s in both tokens', (name) => {
    expect(isReservedClaim(name, 'id')).toBe(true)
    expect(isReservedClaim(name, 'access')).toBe(true)
  })

  it.each(['cognito:username', 'cognito:groups', 'cognito:roles', 'cognito:preferred_role', 'cognito:anything'])(
    'reserves every cognito: claim, such as %s',
    (name) => {
      expect(isReservedClaim(name)).toBe(true)
    },
  )

  it('reserves username in the access token only', () => {
    expect(isReservedClaim('username')).toBe(true)
    expect(isReservedClaim('username', 'access')).toBe(true)
    expect(isReservedClaim('username', 'id')).toBe(false)
  })

  it.each(['custom:tenant', 'email', 'aud', 'dev:debug', 'Sub', '__proto__', 'constructor', ''])(
    'does not reserve %o',
    (name) => {
      expect(isReservedClaim(name)).toBe(false)
    },
  )

  it.each([42, null, undefined, ['sub']])('is a runtime guard that rejects the non-string %o', (value) => {
    expect(isReservedClaim(value)).toBe(false)
  })

  it.each([
    ['sub', 'id', 'add', 'tokengeneration.reserved-claim'],
    ['sub', 'access', 'suppress', 'tokengeneration.reserved-claim'],
    ['cognito:groups', 'id', 'add', 'tokengeneration.reserved-claim'],
    ['cognito:roles', 'id', 'suppress', 'tokengeneration.reserved-claim'],
    ['dev:debug', 'id', 'add', 'tokengeneration.dev-claim'],
    ['aud', 'id', 'add', 'tokengeneration.aud'],
    ['aud', 'access', 'suppress', 'tokengeneration.aud'],
    ['aud', 'id', 'suppress', 'tokengeneration.aud'],
  ] as const)('refuses to %3$s %1$s in the %2$s token', (name, token, change, rule) => {
    expect(claimChangeProblem(name, token, change)?.rule).toBe(rule)
  })

  it.each([
    ['cognito:groups', 'id', 'suppress'],
    ['cognito:groups', 'access', 'suppress'],
    ['dev:debug', 'id', 'suppress'],
    ['aud', 'access', 'add'],
    ['username', 'id', 'add'],
    ['custom:tenant', 'access', 'add'],
    ['email', 'id', 'suppress'],
  ] as const)('allows to %3$s %1$s in the %2$s token', (name, token, change) => {
    expect(claimChangeProblem(name, token, change)).toBeUndefined()
  })

  it('names the claim in the reason, quoted', () => {
    expect(claimChangeProblem('sub', 'id', 'add')?.reason).toContain('"sub"')
  })
})
