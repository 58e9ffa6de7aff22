import type { Context } from 'aws-lambda'
import { describe, expectTypeOf, it } from 'vitest'
import type { PreSignUpEvent, TriggerEvent } from '../../src/events.js'
import { definePlugin } from '../../src/plugin.js'
import { createRouter } from '../../src/router.js'
import { createEvent } from '../../src/testing/events.js'
import { invoke, type InvokeResult } from '../../src/testing/invoke.js'

const autoConfirm = definePlugin({ name: 'auto-confirm', triggers: ['PreSignUp_SignUp'], handler: () => ({ autoConfirmUser: true }) })

describe('invoke types', () => {
  it('types the reply of a plugin run as the event it was given, so .response compiles', async () => {
    const result = await invoke(autoConfirm, createEvent('PreSignUp_SignUp'))
    expectTypeOf(result).toEqualTypeOf<InvokeResult<PreSignUpEvent<'PreSignUp_SignUp'>>>()
    if (result.ok) {
      expectTypeOf(result.reply.response.autoConfirmUser).toEqualTypeOf<boolean>()
    } else {
      expectTypeOf(result.shownToUser).toBeString()
    }
  })

  it('types the reply of a router run as the event it was given', async () => {
    const router = createRouter({ plugins: [autoConfirm] })
    const result = await invoke(router, createEvent('TokenGeneration_Authentication'))
    if (result.ok) expectTypeOf(result.reply).toEqualTypeOf<TriggerEvent<'TokenGeneration_Authentication'>>()
  })

  it('keeps the reply out of reach until the result is known to be a success', async () => {
    const result = await invoke(autoConfirm, createEvent('PreSignUp_SignUp'))
    // @ts-expect-error a refusal has no reply: check result.ok first
    void result.reply
  })

  it('takes any Lambda handler of an event, and refuses what is not an event object', async () => {
    const handler = (event: PreSignUpEvent, _context: Context) => Promise.resolve(event)
    expectTypeOf(invoke(handler, createEvent('PreSignUp_SignUp'))).resolves.toEqualTypeOf<InvokeResult<PreSignUpEvent<'PreSignUp_SignUp'>>>()
    // @ts-expect-error an event is an object
    void invoke(autoConfirm, 'PreSignUp_SignUp')
  })
})
