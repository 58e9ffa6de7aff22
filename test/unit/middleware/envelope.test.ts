import middy from '@middy/core'
import { describe, expect, it } from 'vitest'
import { TRIGGER_SOURCES } from '../../../src/catalogue.js'
import { MalformedEventError } from '../../../src/errors.js'
import { cognitoEnvelope } from '../../../src/middleware/envelope.js'
import { createEvent } from '../../../src/testing/events.js'
import { lambdaContext, settle } from '../../helpers/lambda.js'

// Used alone, without the router: these are the mistakes hand-written triggers make ("Customizing user pool workflows with Lambda triggers").
describe('cognitoEnvelope used alone', () => {
  it.each([
    ['returns nothing', () => undefined],
    ['returns null', () => null],
    ['returns {}', () => ({})],
  ])('echoes the whole event when the handler %s', async (_case, handler) => {
    for (const source of TRIGGER_SOURCES) {
      const event = createEvent(source)
      const { reply } = await settle(middy(handler).use(cognitoEnvelope()), event)
      expect(reply).toStrictEqual(event)
    }
  })

  it('turns a bare response into the whole event with that response', async () => {
    const event = createEvent('PreSignUp_SignUp')
    const handler = middy(() => ({ autoConfirmUser: true })).use(cognitoEnvelope())
    expect(await handler(event, lambdaContext())).toStrictEqual({ ...event, response: { ...event.response, autoConfirmUser: true } })
  })

  it('gives the handler a copy, so its mutations of the envelope never reach Cognito', async () => {
    const event = createEvent('PostConfirmation_ConfirmSignUp')
    const snapshot = structuredClone(event)
    const handler = middy((copy: typeof event) => {
      copy.userName = 'x'
      copy.request.userAttributes.email = 'attacker@example.com'
      copy.response = { added: true } as never
      return copy
    }).use(cognitoEnvelope())
    const reply = await handler(event, lambdaContext())
    expect(reply).toStrictEqual({ ...snapshot, response: { added: true } })
    expect(event).toStrictEqual(snapshot)
  })

  it('echoes a sender event without inventing a response it did not have', async () => {
    const event = createEvent('CustomEmailSender_SignUp')
    expect('response' in event).toBe(false)
    const reply = await middy(() => undefined).use(cognitoEnvelope())(event, lambdaContext())
    expect(reply).toStrictEqual(event)
  })

  it('rejects a malformed event before the handler runs', async () => {
    let ran = false
    const handler = middy(() => void (ran = true)).use(cognitoEnvelope())
    const { error } = await settle(handler, { triggerSource: '', request: {} })
    expect(error).toBeInstanceOf(MalformedEventError)
    expect(ran).toBe(false)
  })

  it('rejects a result that cannot be a response', async () => {
    const { error } = await settle(middy(() => 'ok').use(cognitoEnvelope()), createEvent('PreSignUp_SignUp'))
    expect(error?.name).toBe('InvalidReplyError')
  })
})

describe('the copy the handler is given', () => {
  it('is a plain copy of the event, carrying nothing extra, and the event as it arrived is kept apart', async () => {
    // Prepare
    const event = createEvent('PreSignUp_SignUp')
    const sent = structuredClone(event)
    let copy: Record<string, unknown> | undefined
    const handler = middy(async (given: Record<string, unknown>) => {
      copy = given
      ;(given.request as Record<string, unknown>).userAttributes = {}
    }).use(cognitoEnvelope())

    // Act
    const reply = await handler(event as never, lambdaContext())

    // Assess
    expect(copy).not.toBe(event)
    expect(Object.getOwnPropertySymbols(copy)).toStrictEqual([])
    expect(Object.getOwnPropertyNames(copy)).toStrictEqual(Object.keys(event))
    expect(event).toStrictEqual(sent)
    expect(reply).toStrictEqual(sent)
  })
})
