import type { MiddlewareObj } from '@middy/core'
import inputOutputLogger from '@middy/input-output-logger'
import type { Context } from 'aws-lambda'
import { describe, expectTypeOf, it } from 'vitest'
import type { PreSignUpEvent, TokenGenerationV2Event } from '../../src/events.js'
import { createRouter, type CognitoRouter } from '../../src/router.js'

declare const context: Context
declare const preSignUp: PreSignUpEvent<'PreSignUp_SignUp'>
declare const tokens: TokenGenerationV2Event<'TokenGeneration_Authentication'>

describe('createRouter', () => {
  it('resolves to the type of the event it was given, so the reply needs no cast', async () => {
    const router = createRouter({ plugins: [] })
    expectTypeOf(router(preSignUp, context)).toEqualTypeOf<Promise<PreSignUpEvent<'PreSignUp_SignUp'>>>()
    expectTypeOf((await router(preSignUp, context)).response.autoConfirmUser).toEqualTypeOf<boolean>()
    expectTypeOf((await router(tokens, context)).response.claimsAndScopeOverrideDetails).not.toBeAny()
  })

  it('stays a router after .use(), so the reply is still typed', async () => {
    const router = createRouter({ plugins: [] }).use({ after: () => undefined })
    expectTypeOf(router).toEqualTypeOf<CognitoRouter>()
    expectTypeOf((await router(preSignUp, context)).response.autoConfirmUser).toEqualTypeOf<boolean>()
  })

  it('still needs a Lambda context', () => {
    const router = createRouter({ plugins: [] })
    // @ts-expect-error the context is required
    void router(preSignUp)
  })
})

describe('CognitoRouter.use', () => {
  it('takes middleware typed for one event, as middy does, and middy packages', () => {
    const typed: MiddlewareObj<PreSignUpEvent<'PreSignUp_SignUp'>, PreSignUpEvent<'PreSignUp_SignUp'>> = { before: (request) => void request.event.userName }
    const router = createRouter({ plugins: [] }).use(typed).use([inputOutputLogger(), typed])
    expectTypeOf(router).toEqualTypeOf<CognitoRouter>()
  })
})
