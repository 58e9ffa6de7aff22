import { describe, expect, it } from 'vitest'
import type { JsonObject } from '../../../src/response.js'
import { eventFor, json, ruleOf, validate } from './fixtures.js'
import { accessClaims, groups, idClaims, idSuppress, machine, v1, v1Claims, v2, v2Reply } from './token-events.js'

describe('pre token generation: the container matches the event version', () => {
  it('accepts claimsOverrideDetails for a V1 event', () => {
    expect(() => validate(v1(), v1Claims({ tenant: 'acme' }))).not.toThrow()
  })

  it('rejects claimsAndScopeOverrideDetails for a V1 event', () => {
    expect(ruleOf(v1(), idClaims({ tenant: 'acme' }))).toBe('tokengeneration.container')
  })

  it('rejects claimsOverrideDetails for an event with request.scopes, even when it says version "1"', () => {
    const event = { ...v2(), version: '1' }
    expect(ruleOf(event, v1Claims({ tenant: 'acme' }))).toBe('tokengeneration.container')
  })

  it.each(['2', '3'])('treats version "%s" as V2/V3 even without request.scopes', (version) => {
    const event = eventFor('TokenGeneration_RefreshTokens', { version, request: {} })
    expect(ruleOf(event, v1Claims({ tenant: 'acme' }))).toBe('tokengeneration.container')
    expect(() => validate(event, idClaims({ tenant: 'acme' }))).not.toThrow()
  })

  it('rejects even a null V1 container in a V2 event', () => {
    expect(ruleOf(v2(), { claimsOverrideDetails: null })).toBe('tokengeneration.container')
  })

  it('accepts only the V2/V3 container for client credentials, whatever the event says', () => {
    const bare = eventFor('TokenGeneration_ClientCredentials', { request: {} })
    expect(ruleOf(bare, v1Claims({ tenant: 'acme' }))).toBe('tokengeneration.container')
    expect(() => validate(bare, accessClaims({ tenant: 'acme' }))).not.toThrow()
  })

  it.each([
    ['V1', v1(), { claimsOverrideDetails: null }],
    ['V2', v2(), { claimsAndScopeOverrideDetails: null }],
  ])('accepts a null %s container', (_, event, changed) => {
    expect(() => validate(event, changed)).not.toThrow()
  })
})

describe('pre token generation: shapes', () => {
  it('accepts a full V2 reply', () => {
    const changed = {
      claimsAndScopeOverrideDetails: {
        idTokenGeneration: { claimsToAddOrOverride: { tenant: 'acme', roles: ['a', 'b'] }, claimsToSuppress: ['email'] },
        accessTokenGeneration: {
          claimsToAddOrOverride: { tier: 3, flags: { beta: true } },
          claimsToSuppress: ['cognito:groups'],
          scopesToAdd: ['orders/read'],
          scopesToSuppress: ['email'],
        },
        groupOverrideDetails: {
          groupsToOverride: ['admins'],
          iamRolesToOverride: ['arn:aws:iam::1:role/a'],
          preferredRole: null,
        },
      },
    }
    expect(() => validate(v2(), changed)).not.toThrow()
  })

  it('accepts a full V1 reply', () => {
    const changed = {
      claimsOverrideDetails: {
        claimsToAddOrOverride: { tenant: 'acme' },
        claimsToSuppress: ['email'],
        groupOverrideDetails: { groupsToOverride: [], preferredRole: 'arn:aws:iam::1:role/a' },
      },
    }
    expect(() => validate(v1(), changed)).not.toThrow()
  })

  it.each([
    ['idTokenGeneration inside a V1 reply', v1(), { claimsOverrideDetails: { idTokenGeneration: {} } }],
    ['scopesToAdd for the ID token', v2(), { claimsAndScopeOverrideDetails: { idTokenGeneration: { scopesToAdd: ['a'] } } }],
    ['a misspelt claimsToAdd', v2(), { claimsAndScopeOverrideDetails: { accessTokenGeneration: { claimsToAdd: {} } } }],
    ['groups instead of groupsToOverride', v2(), groups({ groups: [] })],
  ])('rejects %s as an unknown key', (_, event, changed) => {
    expect(ruleOf(event, changed)).toBe('tokengeneration.unknown-key')
  })

  it.each([
    ['the V2 container as an array', v2(), { claimsAndScopeOverrideDetails: [] }],
    ['the V1 container as a string', v1(), { claimsOverrideDetails: 'none' }],
    ['claimsToAddOrOverride as an array', v2(), idClaims([] as unknown as JsonObject)],
    ['claimsToAddOrOverride as null', v1(), v1Claims(null as unknown as JsonObject)],
    ['claimsToSuppress as a string', v2(), v2Reply({ idTokenGeneration: { claimsToSuppress: 'email' } })],
    ['a number in claimsToSuppress', v2(), idSuppress([7])],
    ['groupsToOverride with a number', v2(), groups({ groupsToOverride: [1] })],
    ['iamRolesToOverride as null', v1(), { claimsOverrideDetails: { groupOverrideDetails: { iamRolesToOverride: null } } }],
    ['preferredRole as an array (the AWS sample bug)', v2(), groups({ preferredRole: ['arn'] })],
  ])('rejects %s as tokengeneration.type', (_, event, changed) => {
    expect(ruleOf(event, changed)).toBe('tokengeneration.type')
  })

  it('accepts null token sections and groupOverrideDetails', () => {
    const changed = v2Reply({ idTokenGeneration: null, accessTokenGeneration: null, groupOverrideDetails: null })
    expect(() => validate(v2(), changed)).not.toThrow()
  })
})

describe('pre token generation: client credentials', () => {
  it('accepts access-token changes', () => {
    const changed = v2Reply({ accessTokenGeneration: { claimsToAddOrOverride: { tenant: 'acme' }, scopesToAdd: ['x/y'] } })
    expect(() => validate(machine(), changed)).not.toThrow()
  })

  it('rejects ID-token changes, since the grant issues no ID token', () => {
    expect(ruleOf(machine(), idClaims({ tenant: 'acme' }))).toBe('tokengeneration.client-credentials-id-token')
  })

  it('accepts a null idTokenGeneration', () => {
    expect(() => validate(machine(), { claimsAndScopeOverrideDetails: { idTokenGeneration: null } })).not.toThrow()
  })
})

describe('pre token generation: only what plugins set is judged', () => {
  it('never judges claims the event already carried', () => {
    const event = v2()
    event.response = {
      claimsAndScopeOverrideDetails: { idTokenGeneration: { claimsToAddOrOverride: { sub: 'x', aud: 'y' } } },
    }
    expect(() => validate(event, idClaims({ tenant: 'acme' }))).not.toThrow()
  })

  it('never judges the wrong container an event arrived with', () => {
    const event = v2()
    event.response = { claimsOverrideDetails: null, claimsAndScopeOverrideDetails: [] }
    expect(() => validate(event, {})).not.toThrow()
  })

  it('handles __proto__ and constructor claim names without touching prototypes', () => {
    const claims = json('{"__proto__": {"polluted": "yes"}, "constructor": "x"}')
    expect(ruleOf(v1(), v1Claims(claims))).toBe('tokengeneration.claim-value')
    expect(() => validate(v2(), accessClaims(claims))).not.toThrow()
    expect(({} as JsonObject).polluted).toBeUndefined()
  })
})
