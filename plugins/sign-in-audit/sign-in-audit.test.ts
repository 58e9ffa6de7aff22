import { EventBridgeClient, InternalException, PutEventsCommand } from '@aws-sdk/client-eventbridge'
import { mockClient } from 'aws-sdk-client-mock'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ConfigurationError, createRouter, createRouterFromConfig, type AnyPlugin, type PluginFactory } from '../../src/index.js'
import { createEvent } from '../../src/testing/index.js'
import { describePluginContract } from '../../src/testing/vitest.js'
import { capturingLogger, settle } from '../../test/helpers/lambda.js'
import { signInAudit, type SignInAuditOptions, type SignInAuditRecord } from './index.js'

const eventBridge = mockClient(EventBridgeClient)
const GENERIC = '[INTERNAL_ERROR] We could not complete your request (reference req-0000-1111)'
const NOW = Date.parse('2026-11-22T10:15:30.123Z')
const SUB = '5d5a1e8e-1c2b-4a6f-9f0e-2b1f6f7a3c11'
const EMAIL = 'jane.doe@example.com'

const RECORD: SignInAuditRecord = {
  event: 'sign-in',
  sub: SUB,
  userPoolId: 'us-east-1_EXAMPLE',
  clientId: '1example23456789',
  newDeviceUsed: true,
  triggerSource: 'PostAuthentication_Authentication',
  time: '2026-11-22T10:15:30.123Z',
}

const run = async (plugin: AnyPlugin, event: unknown, deadlineMs?: number) => {
  const logger = capturingLogger()
  const router = createRouter({ plugins: [plugin], logger, ...(deadlineMs === undefined ? {} : { deadlineMs }) })
  return { ...(await settle(router, event)), logger }
}

const signIn = (overrides: Record<string, unknown> = {}) => createEvent('PostAuthentication_Authentication', { overrides })

const auditLines = (logger: ReturnType<typeof capturingLogger>) =>
  logger.lines.filter((line) => line.message === 'sign-in audit record').map((line) => ({ level: line.level, audit: line.attributes?.audit }))

const sent = () => eventBridge.commandCalls(PutEventsCommand).map((call) => call.args[0].input)
// aws-sdk-client-mock types a call's arguments as [command]; send() also receives its options.
const sendOptions = (): { abortSignal?: AbortSignal } =>
  (eventBridge.commandCalls(PutEventsCommand)[0]!.args as unknown[])[1] as { abortSignal?: AbortSignal }

const accepted = () => eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'evt-1' }] })

beforeEach(() => {
  vi.spyOn(Date, 'now').mockReturnValue(NOW)
  eventBridge.reset()
  accepted()
})

afterEach(() => {
  vi.restoreAllMocks()
})

describe('sign-in-audit', () => {
  it('logs one audit record at info, without the email, phone or userName, and echoes the event', async () => {
    // Prepare
    const event = signIn()

    // Act
    const { reply, logger } = await run(signInAudit(), event)

    // Assess
    expect(reply).toStrictEqual(event)
    expect(auditLines(logger)).toStrictEqual([{ level: 'info', audit: RECORD }])
    expect(logger.text()).not.toContain(EMAIL)
    expect(logger.text()).not.toContain('+15555550100')
    expect(eventBridge.calls()).toHaveLength(0)
  })

  it('sends the same record to EventBridge with the default bus, source and detail type', async () => {
    // Act
    const { reply, logger } = await run(signInAudit({ eventBridge: true }), signIn())

    // Assess
    expect(reply).toBeDefined()
    expect(sent()).toStrictEqual([
      {
        Entries: [
          { EventBusName: 'default', Source: 'cognito-trigger-router', DetailType: 'Cognito Sign-In', Detail: JSON.stringify(RECORD), Time: new Date(NOW) },
        ],
      },
    ])
    expect(sendOptions()).toStrictEqual({ abortSignal: expect.any(AbortSignal) })
    expect(auditLines(logger)).toHaveLength(1)
  })

  it('uses the configured bus, source and detail type', async () => {
    // Prepare
    const options: SignInAuditOptions = { eventBridge: { busName: 'security-audit', source: 'com.example.auth', detailType: 'User Signed In' } }

    // Act
    await run(signInAudit(options), signIn())

    // Assess
    expect(sent()[0]!.Entries![0]).toStrictEqual(
      expect.objectContaining({ EventBusName: 'security-audit', Source: 'com.example.auth', DetailType: 'User Signed In' }),
    )
  })

  it('adds userName only with includeUserName: true, and the log still scrubs it when it is the email', async () => {
    // Prepare
    const event = signIn({ userName: EMAIL })

    // Act
    const { logger } = await run(signInAudit({ includeUserName: true, eventBridge: {} }), event)

    // Assess
    expect(JSON.parse(sent()[0]!.Entries![0]!.Detail!)).toStrictEqual({ ...RECORD, userName: EMAIL })
    expect(auditLines(logger)[0]?.audit).toStrictEqual(expect.objectContaining({ userName: '[REDACTED]' }))
  })

  it.each([
    ['a sign-in from a known device', { request: { newDeviceUsed: false } }, { newDeviceUsed: false }],
    ['an admin flow without an app client', { callerContext: { clientId: null } }, { clientId: null }],
    ['a user without sub', { request: { userAttributes: { sub: null } } }, { sub: null }],
  ])('records %s', async (_case, overrides, expected) => {
    // Act
    const { logger } = await run(signInAudit(), signIn(overrides))

    // Assess
    expect(auditLines(logger)[0]?.audit).toStrictEqual({ ...RECORD, ...expected })
  })

  it('takes the time from the clock at invocation', async () => {
    // Prepare
    vi.mocked(Date.now).mockReturnValue(NOW + 60_000)

    // Act
    const { logger } = await run(signInAudit(), signIn())

    // Assess
    expect(auditLines(logger)[0]?.audit).toStrictEqual({ ...RECORD, time: '2026-11-22T10:16:30.123Z' })
  })

  it('uses the injected client', async () => {
    // Prepare
    const client = new EventBridgeClient({ region: 'eu-west-1' })
    const own = mockClient(client)
    own.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'own-1' }] })

    // Act
    await run(signInAudit({ eventBridge: true, client }), signIn())

    // Assess
    expect(own.commandCalls(PutEventsCommand)).toHaveLength(1)
    own.restore()
  })
})

describe('sign-in-audit failures', () => {
  const throwing = () => eventBridge.on(PutEventsCommand).rejects(new InternalException({ message: 'Internal', $metadata: {} }))
  const rejectingEntry = () =>
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'NotAuthorizedForSourceException', ErrorMessage: 'Not authorized for the source.' }] })
  const hanging = () => eventBridge.on(PutEventsCommand).callsFake(() => new Promise<never>(() => undefined))

  it.each([
    ['EventBridge fails', throwing, undefined, 'InternalException'],
    ['EventBridge rejects the entry (FailedEntryCount > 0)', rejectingEntry, undefined, 'AuditDeliveryError: EventBridge did not accept the sign-in audit record: NotAuthorizedForSourceException'],
    ['EventBridge hangs past the deadline', hanging, 50, 'DeadlineExceededError'],
  ])('logs the error and lets the sign-in through when %s (failOpen by default)', async (_case, arrange, deadlineMs, logged) => {
    // Prepare
    arrange()
    const event = signIn()

    // Act
    const { reply, logger } = await run(signInAudit({ eventBridge: true }), event, deadlineMs)

    // Assess
    expect(reply).toStrictEqual(event)
    expect(auditLines(logger)).toHaveLength(1)
    expect(logger.lines).toContainEqual(
      expect.objectContaining({ level: 'error', message: 'plugin failed; failOpen, so the event is still echoed', attributes: expect.objectContaining({ plugin: 'sign-in-audit' }) }),
    )
    expect(logger.text()).toContain(logged)
  })

  it.each([
    ['EventBridge fails', throwing, undefined],
    ['EventBridge rejects the entry (FailedEntryCount > 0)', rejectingEntry, undefined],
    ['EventBridge hangs past the deadline', hanging, 50],
  ])('blocks the sign-in with the generic message when %s and failOpen is false', async (_case, arrange, deadlineMs) => {
    // Prepare
    arrange()

    // Act
    const { error } = await run(signInAudit({ eventBridge: true, failOpen: false }), signIn(), deadlineMs)

    // Assess
    expect(error?.message).toBe(GENERIC)
  })

  it('aborts the EventBridge call when the deadline runs out', async () => {
    // Prepare
    hanging()

    // Act
    await run(signInAudit({ eventBridge: true }), signIn(), 50)

    // Assess
    expect(sendOptions().abortSignal?.aborted).toBe(true)
  })

  it('sends one record per invocation, so a retried invocation sends a second one with the same content', async () => {
    // Prepare
    const plugin = signInAudit({ eventBridge: true })

    // Act
    await run(plugin, signIn())
    await run(plugin, signIn())

    // Assess
    expect(sent()).toHaveLength(2)
    expect(sent()[1]).toStrictEqual(sent()[0])
  })
})

describe('sign-in-audit options', () => {
  it.each<[string, unknown, string]>([
    ['options that are not an object', 'yes', 'options must be an object'],
    ['an unknown option', { includeUsername: true }, 'unknown option "includeUsername"'],
    ['includeUserName that is not a boolean', { includeUserName: 'true' }, '"includeUserName" must be a boolean'],
    ['failOpen that is not a boolean', { failOpen: 1 }, '"failOpen" must be a boolean'],
    ['eventBridge that is not an object', { eventBridge: 'default' }, '"eventBridge" must be true or an object'],
    ['an unknown eventBridge key', { eventBridge: { bus: 'x' } }, 'unknown option "eventBridge.bus"'],
    ['a bus name with a space', { eventBridge: { busName: 'my bus' } }, '"eventBridge.busName" must be an event bus name or ARN'],
    ['a bus ARN of another service', { eventBridge: { busName: 'arn:aws:sns:us-east-1:123456789012:topic' } }, '"eventBridge.busName"'],
    ['an empty source', { eventBridge: { source: '' } }, '"eventBridge.source" must be a non-empty string of at most 256 characters'],
    ['a source reserved for AWS', { eventBridge: { source: 'aws.cognito-idp' } }, '"eventBridge.source" must not start with "aws."'],
    ['a detail type too long', { eventBridge: { detailType: 'x'.repeat(129) } }, '"eventBridge.detailType" must be a non-empty string of at most 128 characters'],
    ['a client without send', { eventBridge: true, client: {} }, '"client" must be an EventBridgeClient'],
    ['a client without eventBridge', { client: new EventBridgeClient({}) }, '"client" is only used with "eventBridge"'],
  ])('fails at cold start for %s, naming the option', (_case, options, message) => {
    expect(() => signInAudit(options as SignInAuditOptions)).toThrowError(ConfigurationError)
    expect(() => signInAudit(options as SignInAuditOptions)).toThrowError(message)
  })

  it.each(['default', 'security-audit', 'arn:aws:events:eu-west-1:123456789012:event-bus/security-audit'])('accepts the bus %s', (busName) => {
    expect(() => signInAudit({ eventBridge: { busName } })).not.toThrow()
  })

  it('treats eventBridge: false as log only', async () => {
    // Act
    await run(signInAudit({ eventBridge: false }), signIn())

    // Assess
    expect(eventBridge.calls()).toHaveLength(0)
  })

  it.each([
    ['true', true],
    ['an options object', { includeUserName: false, eventBridge: { busName: 'security-audit' }, failOpen: false }],
  ])('runs from the JSON configuration with %s', async (_case, options) => {
    // Prepare
    const router = createRouterFromConfig({ plugins: { 'sign-in-audit': options } }, { 'sign-in-audit': signInAudit as PluginFactory }, { logger: capturingLogger() })
    const event = signIn()

    // Act
    const { reply } = await settle(router, event)

    // Assess
    expect(reply).toStrictEqual(event)
    expect(sent()).toHaveLength(options === true ? 0 : 1)
  })

  it('reports a bad JSON option with the plugin name', () => {
    expect(() =>
      createRouterFromConfig({ plugins: { 'sign-in-audit': { eventBridge: { source: 'aws.x' } } } }, { 'sign-in-audit': signInAudit as PluginFactory }),
    ).toThrowError('configuration: "plugins.sign-in-audit": "eventBridge.source" must not start with "aws."')
  })
})

describePluginContract(signInAudit({ eventBridge: true, failOpen: false }), {
  beforeEach: () => {
    eventBridge.reset()
    accepted()
  },
})
