import { describe, expect, it } from 'vitest'
import { eventFor, ruleOf, validate } from './fixtures.js'

const federation = () =>
  eventFor('InboundFederation_ExternalProvider', {
    request: { providerName: 'CorpOIDC', providerType: 'OIDC', attributes: { idToken: { sub: 'corp-1' } } },
    response: { userAttributesToMap: {} },
  })

describe('InboundFederation replies', () => {
  it.each([
    ['a string map', { userAttributesToMap: { email: 'jane@example.com', groups: 'a,b' } }],
    ['an empty map, which keeps the provider attributes', { userAttributesToMap: {} }],
    ['a value of exactly 2,048 characters', { userAttributesToMap: { groups: 'g'.repeat(2048) } }],
  ])('accepts %s', (_, changed) => {
    expect(() => validate(federation(), changed)).not.toThrow()
  })

  it.each([
    ['null', { userAttributesToMap: null }, 'inboundfederation.user-attributes'],
    ['an array', { userAttributesToMap: [['email', 'x']] }, 'inboundfederation.user-attributes'],
    ['a nested object value', { userAttributesToMap: { address: { city: 'Oslo' } } }, 'inboundfederation.user-attributes'],
    ['a value over 2,048 characters', { userAttributesToMap: { groups: 'g'.repeat(2049) } }, 'inboundfederation.attribute-length'],
  ])('rejects %s', (_, changed, rule) => {
    expect(ruleOf(federation(), changed)).toBe(rule)
  })

  it('never judges the attributes the event brought back untouched', () => {
    const event = eventFor('InboundFederation_ExternalProvider', {
      response: { userAttributesToMap: { groups: 'g'.repeat(5000) } },
    })
    expect(() => validate(event, {})).not.toThrow()
  })
})
