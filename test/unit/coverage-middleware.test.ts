// The middleware are public: teams compose them with their own middy handlers, without the
// router. These cases cover the compositions the router itself never builds.

import middy, { type MiddlewareObj, type Request } from '@middy/core'
import type { Context } from 'aws-lambda'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ConfigurationError, InvalidReplyError, MalformedEventError, TriggerRejectedError, UserFacingError } from '../../src/errors.js'
import { cognitoDeadline, cognitoDeadlineValidateOptions, startDeadline, type DeadlineContext } from '../../src/middleware/deadline.js'
import { assertTriggerEvent, cognitoEnvelope } from '../../src/middleware/envelope.js'
import { cognitoFailClosed } from '../../src/middleware/fail-closed.js'
import { cognitoReplyValidation } from '../../src/middleware/reply-validation.js'
import { definePlugin } from '../../src/plugin.js'
import { createRouter } from '../../src/router.js'
import { createEvent } from '../../src/testing/events.js'
import { capturingLogger, lambdaContext, settle } from '../helpers/lambda.js'

const GENERIC = '[INTERNAL_ERROR] We could not complete your request (reference req-0000-1111)'

// Where a test reads the time left, the deadline's clock (performance.now) is fake: the figure must
// not depend on how long the machine took between starting the deadline and reading it.
const fakeClock = () => vi.useFakeTimers({ toFake: ['performance', 'setTimeout', 'clearTimeout'] })
afterEach(() => {
  vi.useRealTimers()
})

describe('cognitoEnvelope in unusual compositions', () => {
  it('passes the reply through when only its after hook is registered', async () => {
    // Prepare
    const event = createEvent('PreSignUp_SignUp')
    const handler = middy(() => ({ whatever: true })).after(cognitoEnvelope().after!)

    // Act
    const { reply } = await settle(handler, event)

    // Assess
    expect(reply).toStrictEqual({ whatever: true })
  })

  it('still echoes the event as sent when a later middleware replaced the event with a non-object', async () => {
    // Prepare
    const event = createEvent('PreSignUp_SignUp')
    const replaceEvent: MiddlewareObj = {
      before: (request: Request) => {
        request.event = 'replaced'
      },
    }
    const handler = middy(() => ({ autoConfirmUser: true })).use(cognitoEnvelope()).use(replaceEvent)

    // Act
    const { reply } = await settle(handler, event)

    // Assess
    expect(reply).toStrictEqual({ ...event, response: { ...event.response, autoConfirmUser: true } })
  })
})

describe('cognitoFailClosed without cognitoEnvelope', () => {
  it('refuses to show a user-facing message that quotes a secret of the event', async () => {
    // Prepare
    const event = createEvent('UserMigration_Authentication')
    const handler = middy(() => {
      throw new UserFacingError(`Password ${event.request.password} is expired`)
    }).use(cognitoFailClosed())

    // Act
    const { error } = await settle(handler, event)

    // Assess
    expect(error).toBeInstanceOf(TriggerRejectedError)
    expect(error?.message).toBe(GENERIC)
  })

  it('shows a user-facing message that quotes no secret, without its final periods', async () => {
    // Prepare
    const handler = middy(() => {
      throw new UserFacingError('  Your password has expired...  ')
    }).use(cognitoFailClosed())

    // Act
    const { error } = await settle(handler, createEvent('UserMigration_Authentication'))

    // Assess
    expect(error?.message).toBe('Your password has expired')
  })

  it('uses a fresh correlation id when the context has none', async () => {
    // Prepare
    const handler = middy(() => {
      throw new Error('boom')
    }).use(cognitoFailClosed())

    // Act
    const { error } = await settle(handler, createEvent('PreSignUp_SignUp'), lambdaContext({ awsRequestId: '' }))

    // Assess
    expect(error).toBeInstanceOf(TriggerRejectedError)
    const id = (error as TriggerRejectedError).correlationId
    expect(id).toMatch(/^[0-9a-f-]{36}$/)
    expect(error?.message).toBe(`[INTERNAL_ERROR] We could not complete your request (reference ${id})`)
  })
})

describe('cognitoFailClosed with a request id that is not a string', () => {
  it('uses a fresh correlation id instead', async () => {
    // Prepare
    const handler = middy(() => {
      throw new Error('boom')
    }).use(cognitoFailClosed())

    // Act
    const { error } = await settle(handler, createEvent('PreSignUp_SignUp'), lambdaContext({ awsRequestId: 42 as never }))

    // Assess
    expect((error as TriggerRejectedError).correlationId).toMatch(/^[0-9a-f-]{36}$/)
  })
})

describe('cognitoReplyValidation without cognitoEnvelope', () => {
  it('refuses a reply that is not an event object', async () => {
    // Prepare
    const handler = middy(() => 'ok').use(cognitoReplyValidation())

    // Act
    const { error } = await settle(handler, createEvent('PreSignUp_SignUp'))

    // Assess
    expect(error).toBeInstanceOf(InvalidReplyError)
    expect((error as InvalidReplyError).rule).toBe('reply.not-event')
    expect((error as InvalidReplyError).path).toBe('')
    expect(error?.message).toBe('invalid reply: the reply is not an event object [reply.not-event]')
  })

  it('judges the reply against the incoming event when no envelope kept the original', async () => {
    // Prepare
    const event = createEvent('PreSignUp_SignUp')
    const handler = middy(() => ({ ...event, response: { ...event.response, autoConfirmUser: 'yes' } })).use(cognitoReplyValidation())

    // Act
    const { error } = await settle(handler, event)

    // Assess
    expect((error as InvalidReplyError).rule).toBe('presignup.boolean')
  })

  it('judges everything a plugin set when the event came with a null response', async () => {
    // Prepare
    const event = { ...createEvent('PreSignUp_SignUp'), response: null }
    const handler = middy(() => ({ ...event, response: { autoVerifyEmail: 'yes' } })).use(cognitoReplyValidation())

    // Act
    const { error } = await settle(handler, event)

    // Assess
    expect((error as InvalidReplyError).rule).toBe('presignup.boolean')
  })

  it('refuses a reply whose response is not an object', async () => {
    // Prepare
    const event = createEvent('PreSignUp_SignUp')
    const handler = middy(() => ({ ...event, response: 'yes' })).use(cognitoReplyValidation())

    // Act
    const { error } = await settle(handler, event)

    // Assess
    expect((error as InvalidReplyError).rule).toBe('reply.not-object')
  })

  it('has nothing to judge when the incoming event is not an object', async () => {
    // Prepare
    const handler = middy(() => ({ response: { anything: true } })).use(cognitoReplyValidation())

    // Act
    const { reply, error } = await settle(handler, 'not an event')

    // Assess
    expect(error).toBeUndefined()
    expect(reply).toStrictEqual({ response: { anything: true } })
  })
})

describe('the router when a middleware removed the deadline from the context', () => {
  it('still gives plugins a budget of its default 3000 ms', async () => {
    // Prepare
    fakeClock()
    let remaining = -1
    const plugin = definePlugin({
      name: 'reads-the-budget',
      triggers: ['PreAuthentication_Authentication'],
      handler: (_event, context) => {
        remaining = context.remainingTimeInMillis()
      },
    })
    const router = createRouter({ plugins: [plugin], logger: capturingLogger() }).use({
      before: (request: Request) => {
        delete (request.context as { cognitoDeadline?: unknown }).cognitoDeadline
      },
    })

    // Act
    const { error } = await settle(router, createEvent('PreAuthentication_Authentication'))

    // Assess
    expect(error).toBeUndefined()
    expect(remaining).toBe(3000)
  })
})

describe('assertTriggerEvent messages', () => {
  it.each([
    ['a string', 'x', 'event must be an object, got a string'],
    ['no triggerSource', { request: {} }, 'event.triggerSource must be a non-empty string, got undefined'],
    ['an empty triggerSource', { triggerSource: '', request: {} }, 'event.triggerSource must be a non-empty string, got a string'],
    ['a request list', { triggerSource: 'PreSignUp_SignUp', request: [] }, 'event.request must be an object, got an array'],
    ['a response string', { triggerSource: 'PreSignUp_SignUp', request: {}, response: 'ok' }, 'event.response must be an object or null, got a string'],
  ])('explains %s', (_case, event, message) => {
    // Assess
    expect(() => assertTriggerEvent(event)).toThrowError(new MalformedEventError(message))
  })

  it.each([
    ['a null response', null],
    ['no response', undefined],
  ])('accepts %s', (_case, response) => {
    // Assess
    expect(() => assertTriggerEvent({ triggerSource: 'CustomSMSSender_SignUp', request: {}, response })).not.toThrow()
  })
})

describe('cognitoEnvelope, the reply it builds', () => {
  it('fills in a response for a sender event that arrived without one when the handler sets something', async () => {
    // Prepare
    const { response: _none, ...event } = { ...createEvent('CustomEmailSender_SignUp'), response: undefined }
    const handler = middy(() => ({ delivered: true })).use(cognitoEnvelope())

    // Act
    const { reply } = await settle(handler, event)

    // Assess
    expect(reply).toStrictEqual({ ...event, response: { delivered: true } })
  })

  it('turns a null response into an empty object when nothing was set', async () => {
    // Prepare
    const event = { ...createEvent('PostConfirmation_ConfirmSignUp'), response: null }
    const handler = middy(() => undefined).use(cognitoEnvelope())

    // Act
    const { reply } = await settle(handler, event)

    // Assess
    expect(reply).toStrictEqual({ ...event, response: {} })
  })

  it('names what the handler returned when it is not a patch', async () => {
    // Prepare
    const handler = middy(() => 'done').use(cognitoEnvelope())

    // Act
    const { error } = await settle(handler, createEvent('PreSignUp_SignUp'))

    // Assess
    expect(error).toBeInstanceOf(InvalidReplyError)
    expect(error?.message).toBe('invalid reply: the handler returned a string; return a response patch, nothing, or the event [reply.not-event]')
  })

  it('lets reply validation judge against the event as sent, not the handler’s copy', async () => {
    // Prepare
    const handler = middy((copy: unknown) => {
      ;(copy as { response: Record<string, unknown> }).response.autoConfirmUser = 'yes'
    })
      .use(cognitoReplyValidation())
      .use(cognitoEnvelope())

    // Act
    const { error } = await settle(handler, createEvent('PreSignUp_SignUp'))

    // Assess
    expect((error as InvalidReplyError).rule).toBe('presignup.boolean')
  })
})

describe('cognitoFailClosed, exact behaviour', () => {
  it('refuses an errorMessage that is not a string', () => {
    // Assess
    expect(() => cognitoFailClosed({ errorMessage: 5 as never })).toThrowError(ConfigurationError)
  })

  it('strips only the final periods of a user-facing message', async () => {
    // Prepare
    const handler = middy(() => {
      throw new UserFacingError('Version 1.2 is no longer supported..')
    }).use(cognitoFailClosed())

    // Act
    const { error } = await settle(handler, createEvent('PreSignUp_SignUp'))

    // Assess
    expect(error?.message).toBe('Version 1.2 is no longer supported')
  })

  it('checks the message against the event as sent, even if the handler dropped the secret from its copy', async () => {
    // Prepare
    const event = createEvent('UserMigration_Authentication')
    const handler = middy((copy: unknown) => {
      const { request } = copy as { request: { password?: string } }
      const { password } = request
      delete request.password
      throw new UserFacingError(`Password ${password} is expired`)
    })
      .use(cognitoFailClosed())
      .use(cognitoEnvelope())

    // Act
    const { error } = await settle(handler, event)

    // Assess
    expect(error?.message).toBe(GENERIC)
  })

  it('refuses a message that quotes any one of several secrets', async () => {
    // Prepare
    const event = createEvent('UserMigration_Authentication', { overrides: { request: { userAttributes: { email: 'jane@example.com' } } } })
    const handler = middy(() => {
      throw new UserFacingError(`Password ${event.request.password} is expired`)
    }).use(cognitoFailClosed())

    // Act
    const { error } = await settle(handler, event)

    // Assess
    expect(error?.message).toBe(GENERIC)
  })
})

describe('cognitoDeadline, exact behaviour', () => {
  it.each([
    ['the smallest budget', { budgetMs: 1 }],
    ['the largest budget', { budgetMs: 4999 }],
    ['no safety margin', { safetyMarginMs: 0 }],
  ])('accepts %s', (_case, options) => {
    // Assess
    expect(() => cognitoDeadlineValidateOptions(options)).not.toThrow()
  })

  it('counts the remaining time down from the budget', () => {
    // Prepare
    fakeClock()
    const deadline = startDeadline(1000)

    // Act
    const remaining = [deadline.remainingTimeInMillis()]
    vi.advanceTimersByTime(400)
    remaining.push(deadline.remainingTimeInMillis())
    deadline.stop()

    // Assess
    expect(remaining).toStrictEqual([1000, 600])
  })

  it('never fires once stopped', async () => {
    // Prepare
    const deadline = startDeadline(10)

    // Act
    deadline.stop()
    await new Promise((resolve) => setTimeout(resolve, 30))

    // Assess
    expect(deadline.signal.aborted).toBe(false)
  })

  it('works with a context that cannot tell the remaining time, and stops its timer when the handler fails', async () => {
    // Prepare
    let seen: DeadlineContext['cognitoDeadline'] | undefined
    const handler = middy((_event: unknown, context: Context) => {
      seen = (context as DeadlineContext).cognitoDeadline
      throw new Error('failed early')
    }).use(cognitoDeadline({ budgetMs: 10 }))

    // Act
    const { error } = await settle(handler, {}, { awsRequestId: 'x' } as never)
    await new Promise((resolve) => setTimeout(resolve, 30))

    // Assess
    expect(error?.message).toBe('failed early')
    expect(seen?.budgetMs).toBe(10)
    expect(seen?.signal.aborted).toBe(false)
  })
})
