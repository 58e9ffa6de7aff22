import { afterEach, describe, expect, it, vi } from 'vitest'
import { ConfigurationError } from '../../../src/errors.js'
import type { Logger } from '../../../src/logger.js'
import { definePlugin, type AnyPlugin } from '../../../src/plugin.js'
import type { JsonObject } from '../../../src/response.js'
import { checkPluginContract, type ContractOptions, type ContractViolation } from '../../../src/testing/contract.js'
import { createEvent } from '../../../src/testing/events.js'
import { describePluginContract } from '../../../src/testing/vitest.js'

const wellBehaved = definePlugin({
  name: 'well-behaved',
  triggers: ['PreSignUp_SignUp', 'CreateAuthChallenge_Authentication', 'CustomEmailSender_SignUp'],
  handler: (event) => {
    if (event.triggerSource === 'CreateAuthChallenge_Authentication') {
      return { publicChallengeParameters: { delivery: 'EMAIL' }, privateChallengeParameters: { answer: '123456' }, challengeMetadata: 'OTP' }
    }
    return undefined
  },
})

describePluginContract(wellBehaved)
describePluginContract(wellBehaved, { sources: ['CreateAuthChallenge_Authentication'], deadlineMs: 1000 })

describe('checkPluginContract', () => {
  it('finds nothing wrong with a well-behaved plugin', async () => {
    // Act
    const violations = await checkPluginContract(wellBehaved)

    // Assess
    expect(violations).toStrictEqual([])
  })

  it('accepts a plugin that refuses by throwing: a fail-closed rejection keeps the contract', async () => {
    // Prepare
    const refuses = definePlugin({ name: 'refuses', triggers: ['PreSignUp_SignUp'], handler: () => { throw new Error('no') } })

    // Act
    const violations = await checkPluginContract(refuses)

    // Assess
    expect(violations).toStrictEqual([])
  })

  it.each<[string, AnyPlugin, string]>([
    [
      'modifies event.request',
      { name: 'meddler', triggers: ['PreSignUp_SignUp'], handler: (event: never) => void ((event as { request: { userAttributes: object } }).request.userAttributes = {}) },
      'request',
    ],
    [
      'behaves differently on a retry',
      (() => {
        let calls = 0
        return { name: 'flaky', triggers: ['PreSignUp_SignUp'], handler: () => ({ autoConfirmUser: calls++ % 2 === 0 }) }
      })(),
      'retry',
    ],
  ])('reports a plugin that %s', async (_case, plugin, rule) => {
    // Act
    const violations = await checkPluginContract(plugin)

    // Assess
    expect(violations.map((violation) => violation.rule)).toStrictEqual([rule])
  })

  it('reports a credential copied into the response, which goes back to the client', async () => {
    // Prepare
    const leaky = definePlugin({
      name: 'leaky',
      triggers: ['UserMigration_Authentication'],
      handler: (event) => ({ userAttributes: { email: 'jane@example.com', 'custom:legacy_pw': event.request.password ?? '' }, finalUserStatus: 'CONFIRMED' }),
    })

    // Act
    const violations = await checkPluginContract(leaky)

    // Assess
    expect(violations).toStrictEqual([{ source: 'UserMigration_Authentication', rule: 'secrets', detail: 'a credential of the event was copied into the response' }])
  })

  it('checks only the sources it is asked to, with the events it is given', async () => {
    // Prepare
    const seen: string[] = []
    const spy = definePlugin({ name: 'spy', triggers: ['PreSignUp_*'], handler: (event) => void seen.push(event.request.userAttributes.email ?? '') })

    // Act
    await checkPluginContract(spy, {
      sources: ['PreSignUp_SignUp'],
      events: { PreSignUp_SignUp: [{ triggerSource: 'PreSignUp_SignUp', request: { userAttributes: { email: 'given@example.com' } }, response: {} }] },
    })

    // Assess
    expect(new Set(seen)).toStrictEqual(new Set(['given@example.com']))
  })

  it('calls options.beforeEach before every invocation, so mocks can be reset between them', async () => {
    // Prepare
    const order: string[] = []
    const plugin = definePlugin({ name: 'ordered', triggers: ['PreSignUp_SignUp'], handler: () => void order.push('plugin') })

    // Act
    const violations = await checkPluginContract(plugin, { sources: ['PreSignUp_SignUp'], beforeEach: () => void order.push('beforeEach') })

    // Assess
    expect(violations).toStrictEqual([])
    expect(order.length).toBeGreaterThan(1)
    for (let i = 0; i < order.length; i += 2) expect(order.slice(i, i + 2)).toStrictEqual(['beforeEach', 'plugin'])
  })

  it('finds nothing wrong when the given events hold null-prototype objects or class instances, which serialize like plain ones', async () => {
    // Prepare
    class Attributes {
      readonly email = 'jane.doe@example.com'
    }
    const bare = <T extends object>(value: T): T => Object.assign(Object.create(null) as T, value)
    const event = bare({
      ...createEvent('PreSignUp_SignUp'),
      request: bare({ userAttributes: bare({ email: 'jane.doe@example.com' }), validationData: null }),
      callerContext: bare({ awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: '1example23456789' }),
    }) as unknown as JsonObject
    const classy = { ...createEvent('PreSignUp_SignUp'), request: { userAttributes: new Attributes(), validationData: null } } as unknown as JsonObject
    const quiet = definePlugin({ name: 'quiet', triggers: ['PreSignUp_SignUp'], handler: () => undefined })

    // Act
    const violations = await checkPluginContract(quiet, { events: { PreSignUp_SignUp: [event, classy] } })

    // Assess
    expect(violations).toStrictEqual([])
  })

  it('accepts events Cognito may send: a sender event without a response, a synchronous one whose response is null', async () => {
    // Prepare
    const { response: _response, ...sender } = createEvent('CustomEmailSender_SignUp') as unknown as JsonObject
    const quiet = definePlugin({ name: 'quiet', triggers: ['CustomEmailSender_SignUp', 'PostConfirmation_ConfirmSignUp'], handler: () => undefined })

    // Act
    const violations = await checkPluginContract(quiet, {
      events: {
        CustomEmailSender_SignUp: [sender],
        PostConfirmation_ConfirmSignUp: [{ ...createEvent('PostConfirmation_ConfirmSignUp'), response: null } as unknown as JsonObject],
      },
    })

    // Assess
    expect(violations).toStrictEqual([])
  })
})

describe('checkPluginContract, checking its options', () => {
  const signUp = createEvent('PreSignUp_SignUp') as unknown as JsonObject
  const postConfirmation = createEvent('PostConfirmation_ConfirmSignUp') as unknown as JsonObject
  const { response: _response, ...signUpWithoutResponse } = signUp

  it.each<[string, unknown, string]>([
    ['options that are not an object', null, 'options must be an object, got null'],
    ['a misspelt option', { beforeeach: () => undefined }, 'unknown option(s) "beforeeach"'],
    ['two misspelt options, named together', { beforeeach: () => undefined, source: ['PreSignUp_SignUp'] }, 'unknown option(s) "beforeeach", "source"'],
    ['a beforeEach that is not a function', { beforeEach: 'reset mocks' }, 'options.beforeEach must be a function, got "reset mocks"'],
    ['a deadline Cognito would not wait for', { deadlineMs: 5000 }, 'options.deadlineMs must be an integer from 1 to 4999 (Cognito gives up at 5000 ms), got 5000'],
    ['a deadline of no time', { deadlineMs: 0 }, 'options.deadlineMs must be an integer from 1 to 4999 (Cognito gives up at 5000 ms), got 0'],
    ['a deadline that is not an integer', { deadlineMs: 2.5 }, 'options.deadlineMs must be an integer from 1 to 4999 (Cognito gives up at 5000 ms), got 2.5'],
    ['a deadline given as text', { deadlineMs: '3000' }, 'options.deadlineMs must be an integer from 1 to 4999 (Cognito gives up at 5000 ms), got "3000"'],
    ['sources that are not an array', { sources: 'PreSignUp_SignUp' }, 'options.sources must be a non-empty array of trigger sources, got "PreSignUp_SignUp"'],
    ['sources that are empty, which would check nothing', { sources: [] }, 'options.sources must be a non-empty array of trigger sources, got an empty array'],
    [
      'a source that is not a trigger source',
      { sources: ['PreSignUp_SignUp', 'PreSignup_SignUp'] },
      'options.sources[1] is "PreSignup_SignUp", which is not a trigger source; see TRIGGER_SOURCES for the list',
    ],
    ['a source that is not a string', { sources: [7] }, 'options.sources[0] is a number, which is not a trigger source; see TRIGGER_SOURCES for the list'],
    [
      'a source the plugin does not handle',
      { sources: ['PostConfirmation_ConfirmSignUp'] },
      'options.sources[0] is "PostConfirmation_ConfirmSignUp", which plugin "counted" does not handle',
    ],
    ['events that are not an object keyed by source', { events: [signUp] }, 'options.events must be an object keyed by trigger source, got an array'],
    [
      'events under a key that is not a trigger source',
      { events: { PreSignUp: [signUp] } },
      'options.events has the key "PreSignUp", which is not a trigger source; see TRIGGER_SOURCES for the list',
    ],
    [
      'events for a source the plugin does not handle',
      { events: { PostConfirmation_ConfirmSignUp: [postConfirmation] } },
      'options.events has the key "PostConfirmation_ConfirmSignUp", which plugin "counted" does not handle',
    ],
    ['a single event instead of an array', { events: { PreSignUp_SignUp: signUp } }, 'options.events["PreSignUp_SignUp"] must be a non-empty array of events, got an object'],
    ['an empty array of events', { events: { PreSignUp_SignUp: [] } }, 'options.events["PreSignUp_SignUp"] must be a non-empty array of events, got an empty array'],
    ['an event that is not an object', { events: { PreSignUp_SignUp: [signUp, 'PreSignUp_SignUp'] } }, 'options.events["PreSignUp_SignUp"][1] must be an event object, got "PreSignUp_SignUp"'],
    ['a hole in the array of events', { events: { PreSignUp_SignUp: [signUp, undefined] } }, 'options.events["PreSignUp_SignUp"][1] must be an event object, got undefined'],
    [
      'an event for another source',
      { events: { PreSignUp_SignUp: [signUp, postConfirmation] } },
      'options.events["PreSignUp_SignUp"][1].triggerSource is "PostConfirmation_ConfirmSignUp"; expected "PreSignUp_SignUp"',
    ],
    [
      'an event without a trigger source',
      { events: { PreSignUp_SignUp: [{ ...signUp, triggerSource: undefined }] } },
      'options.events["PreSignUp_SignUp"][0].triggerSource is undefined; expected "PreSignUp_SignUp"',
    ],
    [
      'an event whose request is not an object, which the router would refuse before the plugin runs',
      { events: { PreSignUp_SignUp: [{ ...signUp, request: null }] } },
      'options.events["PreSignUp_SignUp"][0].request must be an object, got null',
    ],
    [
      'an event for a synchronous trigger without a response',
      { events: { PreSignUp_SignUp: [signUpWithoutResponse] } },
      'options.events["PreSignUp_SignUp"][0].response is missing; Cognito always sends one to a synchronous trigger',
    ],
    [
      'an event whose response is not an object',
      { events: { PreSignUp_SignUp: [{ ...signUp, response: [] }] } },
      'options.events["PreSignUp_SignUp"][0].response must be an object or null, got an empty array',
    ],
  ])('refuses %s before it runs the plugin, naming the mistake', async (_case, options, message) => {
    // Prepare
    let runs = 0
    const counted = definePlugin({ name: 'counted', triggers: ['PreSignUp_SignUp', 'CustomEmailSender_SignUp'], handler: () => void (runs += 1) })

    // Act
    const error: unknown = await checkPluginContract(counted, options as ContractOptions).catch((thrown: unknown) => thrown)

    // Assess
    expect(error).toBeInstanceOf(ConfigurationError)
    expect((error as Error).message).toBe(`checkPluginContract: ${message}`)
    expect(runs).toBe(0)
  })

  it('refuses an invalid plugin even when the sources to check are given', async () => {
    // Prepare
    const broken = { name: 'broken', triggers: ['PreSignUp_SignUp'], handler: 'not a function' } as unknown as AnyPlugin

    // Act
    const checking = checkPluginContract(broken, { sources: ['PreSignUp_SignUp'] })

    // Assess
    await expect(checking).rejects.toThrowError(new ConfigurationError('plugin "broken" has no handler function'))
  })
})

// The router echoes the event, keeps secrets out of its logs and its rejections, and fails closed
// with a TriggerRejectedError: a plugin cannot break those promises, but the contract checks them
// end to end all the same, so a regression in the router shows up in every plugin's suite. A
// stand-in router that breaks one shows that the check is there.
describe('checkPluginContract, against a router that breaks its own promises', () => {
  type Errors = typeof import('../../../src/errors.js')
  type FakeRouter = (options: { logger: Logger }) => (event: JsonObject) => Promise<unknown>

  const withRouter = async (make: (errors: Errors) => FakeRouter): Promise<typeof checkPluginContract> => {
    vi.resetModules()
    // The contract must see the same error classes as the stand-in, so both come from the fresh module graph.
    const errors = await import('../../../src/errors.js')
    vi.doMock('../../../src/router.js', () => ({ createRouter: make(errors) }))
    return (await import('../../../src/testing/contract.js')).checkPluginContract
  }
  const migration = definePlugin({ name: 'quiet-migration', triggers: ['UserMigration_Authentication'], handler: () => undefined })

  afterEach(() => {
    vi.doUnmock('../../../src/router.js')
    vi.resetModules()
  })

  it.each<[string, (errors: Errors) => FakeRouter, ContractViolation['rule'], string]>([
    ['replies with a changed envelope', () => () => (event) => Promise.resolve({ ...event, userName: 'someone-else' }), 'echo', 'the reply changed the envelope field "userName"'],
    [
      'writes a secret of the event to a log line',
      () => ({ logger }) => (event) => {
        logger.info('migrating', { password: (event.request as { password?: unknown }).password })
        return Promise.resolve(event)
      },
      'secrets',
      '1 secret value(s) of the event reached a log line or the user',
    ],
    [
      'shows the user a secret of the event',
      ({ TriggerRejectedError }) => () => (event) =>
        Promise.reject(new TriggerRejectedError(`wrong password ${String((event.request as { password?: unknown }).password)}`, 'contract-0000')),
      'secrets',
      '1 secret value(s) of the event reached a log line or the user',
    ],
  ])('reports a router that %s', async (_case, make, rule, detail) => {
    // Prepare
    const check = await withRouter(make)

    // Act
    const violations = await check(migration)

    // Assess
    expect(violations).toStrictEqual([{ source: 'UserMigration_Authentication', rule, detail }])
  })

  it('rethrows an error other than a rejection: that is a bug in the router, not a contract violation of the plugin', async () => {
    // Prepare
    const bug = new TypeError('router bug')
    const check = await withRouter(() => () => () => Promise.reject(bug))

    // Act
    const checking = check(migration)

    // Assess
    await expect(checking).rejects.toBe(bug)
  })
})
