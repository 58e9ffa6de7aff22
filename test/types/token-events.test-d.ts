import { describe, expectTypeOf, it } from 'vitest'
import type {
  GroupConfiguration,
  StringMap,
  TokenGenerationClientCredentialsEvent,
  TokenGenerationV1Event,
  TokenGenerationV2Event,
} from '../../src/events.js'
import { definePlugin } from '../../src/plugin.js'
import { createEvent } from '../../src/testing/events.js'

describe('the client credentials event', () => {
  it('has no user: no attributes, no groups, and a userName that may be missing', () => {
    expectTypeOf<TokenGenerationClientCredentialsEvent['request']['userAttributes']>().toEqualTypeOf<undefined>()
    expectTypeOf<TokenGenerationClientCredentialsEvent['request']['groupConfiguration']>().toEqualTypeOf<undefined>()
    expectTypeOf<TokenGenerationClientCredentialsEvent['userName']>().toEqualTypeOf<string | null | undefined>()
  })

  it('carries the scopes and the client metadata of the request', () => {
    expectTypeOf<TokenGenerationClientCredentialsEvent['request']['scopes']>().toEqualTypeOf<string[]>()
    expectTypeOf<TokenGenerationClientCredentialsEvent['request']['clientMetadata']>().toEqualTypeOf<StringMap | null | undefined>()
  })

  it('refuses a request that names a user', () => {
    const request: TokenGenerationClientCredentialsEvent['request'] = {
      scopes: ['orders/read'],
      // @ts-expect-error a client credentials grant has no user
      userAttributes: { sub: 'u-1' },
    }
    void request
  })

  it('is what the test kit builds for TokenGeneration_ClientCredentials', () => {
    expectTypeOf(createEvent('TokenGeneration_ClientCredentials')).toEqualTypeOf<TokenGenerationClientCredentialsEvent>()
  })
})

describe('groupConfiguration', () => {
  it('may be null on V2/V3 user events, as Cognito sends it for some pools', () => {
    expectTypeOf<TokenGenerationV2Event['request']['groupConfiguration']>().toEqualTypeOf<GroupConfiguration | null>()
  })

  it('stays an object on V1 events', () => {
    expectTypeOf<TokenGenerationV1Event['request']['groupConfiguration']>().toEqualTypeOf<GroupConfiguration>()
  })

  it('must be null-checked on V2 before reading the groups', () => {
    const read = (event: TokenGenerationV2Event) => {
      // @ts-expect-error groupConfiguration may be null
      void event.request.groupConfiguration.groupsToOverride
      return event.request.groupConfiguration?.groupsToOverride ?? []
    }
    expectTypeOf(read).returns.toEqualTypeOf<string[]>()
  })
})

describe('a plugin on every pre token generation source', () => {
  it('reads user attributes with optional chaining, since a machine token has none', () => {
    definePlugin({
      name: 'claims',
      triggers: ['TokenGeneration_*'],
      handler: (event) => {
        expectTypeOf(event.request.userAttributes?.email).toEqualTypeOf<string | undefined>()
        if (event.triggerSource !== 'TokenGeneration_ClientCredentials') {
          expectTypeOf(event.request.userAttributes).toEqualTypeOf<StringMap>()
        }
      },
    })
  })
})
