import { describe, expectTypeOf, it } from 'vitest'
import { definePlugin } from '../../src/plugin.js'
import type {
  CustomMessageEvent,
  CustomSenderEvent,
  JsonValue,
  PreSignUpEvent,
  TokenGenerationClientCredentialsEvent,
  TokenGenerationV1Event,
  TokenGenerationV2Event,
  TriggerEvent,
} from '../../src/events.js'

describe('definePlugin inference', () => {
  it('types the event from one exact trigger', () => {
    definePlugin({
      name: 'a',
      triggers: ['PreSignUp_SignUp'],
      handler: (event) => {
        expectTypeOf(event).toEqualTypeOf<PreSignUpEvent<'PreSignUp_SignUp'>>()
        expectTypeOf(event.request.validationData).toEqualTypeOf<Record<string, string> | null | undefined>()
      },
    })
  })

  it('types the event from a family wildcard as the union of its sources', () => {
    definePlugin({
      name: 'b',
      triggers: ['CustomMessage_*'],
      handler: (event) => {
        expectTypeOf(event.triggerSource).toEqualTypeOf<
          | 'CustomMessage_SignUp'
          | 'CustomMessage_AdminCreateUser'
          | 'CustomMessage_ResendCode'
          | 'CustomMessage_ForgotPassword'
          | 'CustomMessage_UpdateUserAttribute'
          | 'CustomMessage_VerifyUserAttribute'
          | 'CustomMessage_Authentication'
        >()
        expectTypeOf(event).toExtend<CustomMessageEvent>()
      },
    })
  })

  it('types pre token generation as V1 or V2/V3, and ClientCredentials as V3 only', () => {
    definePlugin({
      name: 'c',
      triggers: ['TokenGeneration_*'],
      handler: (event) => {
        if (event.triggerSource === 'TokenGeneration_ClientCredentials') {
          expectTypeOf(event).toEqualTypeOf<TokenGenerationClientCredentialsEvent>()
        } else if (event.version === '1') {
          expectTypeOf(event).toExtend<TokenGenerationV1Event>()
        } else {
          expectTypeOf(event).toExtend<TokenGenerationV2Event>()
        }
      },
    })
  })

  it('allows JSON claim values on V2/V3 and only strings on V1', () => {
    expectTypeOf<NonNullable<NonNullable<NonNullable<TokenGenerationV2Event['response']['claimsAndScopeOverrideDetails']>['idTokenGeneration']>['claimsToAddOrOverride']>[string]>().toEqualTypeOf<JsonValue>()
    expectTypeOf<NonNullable<NonNullable<TokenGenerationV1Event['response']['claimsOverrideDetails']>['claimsToAddOrOverride']>[string]>().toEqualTypeOf<string>()
  })

  it('types the custom sender code as nullable ciphertext', () => {
    expectTypeOf<CustomSenderEvent['request']['code']>().toEqualTypeOf<string | null>()
  })

  it('types the handler result as a response patch, nothing, or the event', () => {
    definePlugin({ name: 'd', triggers: ['PreSignUp_SignUp'], handler: () => ({ autoConfirmUser: true }) })
    definePlugin({ name: 'e', triggers: ['PreSignUp_SignUp'], handler: async (event) => event })
    definePlugin({ name: 'f', triggers: ['PreSignUp_SignUp'], handler: () => undefined })
    // @ts-expect-error autoConfirmUser is a boolean
    definePlugin({ name: 'g', triggers: ['PreSignUp_SignUp'], handler: () => ({ autoConfirmUser: 'yes' }) })
  })

  it('makes a misspelt trigger a compile error', () => {
    // @ts-expect-error PreSignup_SignUp is not a triggerSource
    definePlugin({ name: 'h', triggers: ['PreSignup_SignUp'], handler: () => undefined })
    // @ts-expect-error the slot name is not the family name
    definePlugin({ name: 'i', triggers: ['PreTokenGeneration_*'], handler: () => undefined })
  })

  it('allows failOpen only where Cognito has committed the state', () => {
    definePlugin({ name: 'j', triggers: ['PostConfirmation_*', 'PostAuthentication_Authentication'], failOpen: true, handler: () => undefined })
    // @ts-expect-error failOpen on PreSignUp would let a sign-up through on error
    definePlugin({ name: 'k', triggers: ['PreSignUp_SignUp'], failOpen: true, handler: () => undefined })
  })

  it('maps every source to an event', () => {
    expectTypeOf<TriggerEvent<'InboundFederation_ExternalProvider'>['response']['userAttributesToMap']>().toEqualTypeOf<Record<string, string>>()
  })
})
