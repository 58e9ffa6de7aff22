import { describe, expect, it } from 'vitest'
import type { JsonObject } from '../../../src/response.js'
import { errorOf, eventFor, json, ruleOf, validate } from './fixtures.js'
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
        groupOverrideDetails: { groupsToOverride: ['admins'], preferredRole: 'arn:aws:iam::1:role/a' },
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

  it('accepts null token sections', () => {
    const changed = v2Reply({ idTokenGeneration: null, accessTokenGeneration: null })
    expect(() => validate(v2(), changed)).not.toThrow()
  })
})

describe('pre token generation: a group override never strips cognito:groups by accident', () => {
  const v1Groups = (details: unknown) => ({ claimsOverrideDetails: { groupOverrideDetails: details } }) as JsonObject
  const groupless = (event: JsonObject): JsonObject => ({
    ...event,
    request: { ...(event.request as JsonObject), groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [], preferredRole: null } },
  })

  it.each([
    ['a null groupOverrideDetails', null],
    ['an empty groupOverrideDetails', {}],
    ['a groupOverrideDetails with only a preferred role', { preferredRole: 'arn:aws:iam::1:role/a' }],
    ['an empty groupsToOverride alone', { groupsToOverride: [] }],
    ['an empty groupsToOverride with a preferred role', { groupsToOverride: [], preferredRole: null }],
  ])('rejects %s on V1 and V2 for a user in groups', (_, details) => {
    expect(ruleOf(v1(), v1Groups(details))).toBe('tokengeneration.groups-stripped')
    expect(ruleOf(v2(), groups(details as JsonObject))).toBe('tokengeneration.groups-stripped')
  })

  it('names the rule and the path, and says how to keep or drop groups on purpose, without any value', () => {
    const error = errorOf(() => validate(v2(), groups({})))
    expect(error.path).toBe('claimsAndScopeOverrideDetails.groupOverrideDetails')
    expect(error.message).toContain('copy event.request.groupConfiguration')
    expect(error.message).toContain('suppress cognito:groups in claimsToSuppress')
    expect(error.message).not.toContain('admins')
  })

  it('judges the override as it will be sent: an unchanged empty list from Cognito is not what the plugin set', () => {
    // Cognito's own groupOverrideDetails comes back as it came; a plugin that only adds roles keeps its groups.
    const event = { ...v2(), response: { claimsAndScopeOverrideDetails: { groupOverrideDetails: { groupsToOverride: ['admins'] } } } }
    expect(() => validate(event, groups({ iamRolesToOverride: ['arn:aws:iam::1:role/a'] }))).not.toThrow()
    expect(ruleOf(event, groups({ groupsToOverride: [] }))).toBe('tokengeneration.groups-stripped')
  })

  it.each([
    ['new groups', v2(), { groupsToOverride: ['auditors'] }],
    ['the request configuration of a user in no group, copied', groupless(v2()), { groupsToOverride: [], iamRolesToOverride: [], preferredRole: null }],
    ['an empty list for a user in no group', groupless(v2()), { groupsToOverride: [] }],
    ['a complete override that removes every group and names its roles', v2(), { groupsToOverride: [], iamRolesToOverride: [] }],
  ])('accepts %s', (_, event, details) => {
    expect(() => validate(event, groups(details))).not.toThrow()
  })

  it('accepts suppressing cognito:groups, the documented way to drop them', () => {
    expect(() => validate(v2(), idSuppress(['cognito:groups']))).not.toThrow()
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
