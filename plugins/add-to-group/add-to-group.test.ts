import {
  AdminAddUserToGroupCommand,
  CognitoIdentityProviderClient,
  ResourceNotFoundException,
  TooManyRequestsException,
} from '@aws-sdk/client-cognito-identity-provider'
import { mockClient } from 'aws-sdk-client-mock'
import { beforeEach, describe, expect, it } from 'vitest'
import { ConfigurationError, createRouter, createRouterFromConfig, type AnyPlugin, type PluginFactory } from '../../src/index.js'
import { createEvent } from '../../src/testing/index.js'
import { describePluginContract } from '../../src/testing/vitest.js'
import { capturingLogger, settle } from '../../test/helpers/lambda.js'
import { restoredAfterAll } from '../../test/helpers/sdk-mock.js'
import { addToGroup, type AddToGroupOptions } from './index.js'

const cognito = restoredAfterAll(mockClient(CognitoIdentityProviderClient))
const GENERIC = '[INTERNAL_ERROR] We could not complete your request (reference req-0000-1111)'
const SUB = '5d5a1e8e-1c2b-4a6f-9f0e-2b1f6f7a3c11'
const POOL = 'us-east-1_EXAMPLE'

const run = async (plugin: AnyPlugin, event: unknown, deadlineMs?: number) => {
  const logger = capturingLogger()
  const router = createRouter({ plugins: [plugin], logger, ...(deadlineMs === undefined ? {} : { deadlineMs }) })
  return { ...(await settle(router, event)), logger }
}

const sentGroups = (): (string | undefined)[] =>
  cognito.commandCalls(AdminAddUserToGroupCommand).map((call) => call.args[0].input.GroupName)

// aws-sdk-client-mock types a call's arguments as [command]; send() also receives its options.
const sendOptions = (index = 0): { abortSignal?: AbortSignal } =>
  (cognito.commandCalls(AdminAddUserToGroupCommand)[index]!.args as unknown[])[1] as { abortSignal?: AbortSignal }

const confirmed = (attributes: Record<string, string> = {}) =>
  createEvent('PostConfirmation_ConfirmSignUp', {
    userAttributes: { sub: SUB, email: 'jane.doe@example.com', email_verified: 'true', ...attributes },
  })

beforeEach(() => {
  cognito.reset()
  cognito.on(AdminAddUserToGroupCommand).resolves({})
})

describe('add-to-group', () => {
  it('adds a newly confirmed user to the configured group and echoes the event', async () => {
    // Prepare
    const event = confirmed()

    // Act
    const { reply, logger } = await run(addToGroup({ groups: ['users'] }), event)

    // Assess
    expect(reply).toStrictEqual(event)
    const calls = cognito.commandCalls(AdminAddUserToGroupCommand)
    expect(calls).toHaveLength(1)
    expect(calls[0]!.args[0].input).toStrictEqual({ UserPoolId: POOL, Username: SUB, GroupName: 'users' })
    expect(sendOptions()).toStrictEqual({ abortSignal: expect.any(AbortSignal) })
    expect(logger.lines).toContainEqual(
      expect.objectContaining({ level: 'info', message: 'added the user to groups', attributes: expect.objectContaining({ groups: ['users'] }) }),
    )
    expect(logger.text()).not.toContain('jane.doe@example.com')
  })

  it('adds groups in a fixed order, each once: groups first, then each matching rule in order', async () => {
    // Prepare
    const plugin = addToGroup({
      groups: ['users', 'beta'],
      rules: [
        { attribute: 'email', endsWith: '@example.com', groups: ['staff', 'users'] },
        { attribute: 'custom:team', equals: 'payments', groups: ['payments', 'staff'] },
      ],
    })

    // Act
    await run(plugin, confirmed({ 'custom:team': 'payments' }))

    // Assess
    expect(sentGroups()).toStrictEqual(['users', 'beta', 'staff', 'payments'])
  })

  it.each<[string, AddToGroupOptions['rules'], Record<string, string>, string[]]>([
    ['equals', [{ attribute: 'custom:team', equals: 'ops', groups: ['ops'] }], { 'custom:team': 'ops' }, ['ops']],
    ['equals, which is case-sensitive outside email', [{ attribute: 'custom:team', equals: 'ops', groups: ['ops'] }], { 'custom:team': 'Ops' }, []],
    ['endsWith on an email domain', [{ attribute: 'email', endsWith: '@example.com', groups: ['staff'] }], {}, ['staff']],
    ['endsWith on an email in another case', [{ attribute: 'email', endsWith: '@Example.com', groups: ['staff'] }], { email: 'Jane@EXAMPLE.COM' }, ['staff']],
    ['equals on an email in another case', [{ attribute: 'email', equals: 'jane@example.com', groups: ['vip'] }], { email: 'JANE@example.com' }, ['vip']],
    ['endsWith on a lookalike domain', [{ attribute: 'email', endsWith: '@example.com', groups: ['staff'] }], { email: 'jane@example.com.evil.test' }, []],
    ['matches', [{ attribute: 'email', matches: '@(eu|us)\\.example\\.com$', groups: ['regional'] }], { email: 'jane@EU.example.com' }, ['regional']],
    ['matches, which is case-sensitive outside email', [{ attribute: 'custom:tier', matches: '^gold', groups: ['gold'] }], { 'custom:tier': 'Gold' }, []],
    ['a missing attribute', [{ attribute: 'custom:team', equals: 'ops', groups: ['ops'] }], {}, []],
    ['an unverified email', [{ attribute: 'email', endsWith: '@example.com', groups: ['staff'] }], { email_verified: 'false' }, []],
    ['an unverified email with requireVerified: false', [{ attribute: 'email', endsWith: '@example.com', requireVerified: false, groups: ['staff'] }], { email_verified: 'false' }, ['staff']],
    ['a verified phone number', [{ attribute: 'phone_number', matches: '^\\+44', groups: ['uk'] }], { phone_number: '+447700900123', phone_number_verified: 'true' }, ['uk']],
    ['an unverified phone number', [{ attribute: 'phone_number', matches: '^\\+44', groups: ['uk'] }], { phone_number: '+447700900123', phone_number_verified: 'false' }, []],
    ['an attribute named like an Object property', [{ attribute: 'constructor', matches: '.', groups: ['x'] }], {}, []],
  ])('chooses groups by a rule with %s', async (_case, rules, attributes, expected) => {
    // Act
    const { reply } = await run(addToGroup({ ...(rules === undefined ? {} : { rules }) }), confirmed(attributes))

    // Assess
    expect(reply).toBeDefined()
    expect(sentGroups()).toStrictEqual(expected)
  })

  it('calls nothing when no group applies', async () => {
    // Prepare
    const plugin = addToGroup({ rules: [{ attribute: 'email', endsWith: '@example.com', groups: ['staff'] }] })
    const event = confirmed({ email: 'jane@elsewhere.test' })

    // Act
    const { reply } = await run(plugin, event)

    // Assess
    expect(reply).toStrictEqual(event)
    expect(cognito.calls()).toHaveLength(0)
  })

  it('does nothing after a password reset (PostConfirmation_ConfirmForgotPassword)', async () => {
    // Prepare
    const event = createEvent('PostConfirmation_ConfirmForgotPassword')

    // Act
    const { reply } = await run(addToGroup({ groups: ['users'] }), event)

    // Assess
    expect(addToGroup({ groups: ['users'] }).triggers).toStrictEqual(['PostConfirmation_ConfirmSignUp'])
    expect(reply).toStrictEqual(event)
    expect(cognito.calls()).toHaveLength(0)
  })

  it('is safe to run twice, as when Cognito retries after a timeout: AdminAddUserToGroup is idempotent', async () => {
    // Prepare
    const plugin = addToGroup({ groups: ['users', 'beta'] })
    const event = confirmed()

    // Act
    const first = await run(plugin, structuredClone(event))
    const second = await run(plugin, structuredClone(event))

    // Assess
    expect(first.reply).toStrictEqual(event)
    expect(second.reply).toStrictEqual(event)
    expect(sentGroups()).toStrictEqual(['users', 'beta', 'users', 'beta'])
  })

  it('uses the injected client', async () => {
    // Prepare
    const client = new CognitoIdentityProviderClient({ region: 'eu-west-1' })
    const own = mockClient(client)
    own.on(AdminAddUserToGroupCommand).resolves({})

    // Act
    await run(addToGroup({ groups: ['users'], client }), confirmed())

    // Assess
    expect(own.commandCalls(AdminAddUserToGroupCommand)[0]!.args[0].input).toStrictEqual({ UserPoolId: POOL, Username: SUB, GroupName: 'users' })
    own.restore()
  })
})

describe('add-to-group failures', () => {
  it('fails closed naming the missing group in the log, not to the user', async () => {
    // Prepare
    cognito.on(AdminAddUserToGroupCommand, { GroupName: 'staff' }).rejects(new ResourceNotFoundException({ message: 'Group not found.', $metadata: {} }))

    // Act
    const { error, logger } = await run(addToGroup({ groups: ['users', 'staff', 'beta'] }), confirmed())

    // Assess
    expect(error?.message).toBe(GENERIC)
    expect(logger.text()).toContain(`GroupNotFoundError: group \\"staff\\" was not found in user pool ${POOL}`)
    expect(sentGroups()).toStrictEqual(['users', 'staff'])
  })

  it('fails closed with the generic message when Cognito fails', async () => {
    // Prepare
    cognito.on(AdminAddUserToGroupCommand).rejects(new TooManyRequestsException({ message: 'Rate exceeded', $metadata: {} }))

    // Act
    const { error, logger } = await run(addToGroup({ groups: ['users'] }), confirmed())

    // Assess
    expect(error?.message).toBe(GENERIC)
    expect(logger.text()).toContain('TooManyRequestsException')
  })

  it('fails closed when Cognito does not answer before the deadline, and aborts the call', async () => {
    // Prepare
    cognito.on(AdminAddUserToGroupCommand).callsFake(() => new Promise<never>(() => undefined))

    // Act
    const { error, logger } = await run(addToGroup({ groups: ['users'] }), confirmed(), 50)

    // Assess
    expect(error?.message).toBe(GENERIC)
    expect(logger.text()).toContain('DeadlineExceededError')
    expect(sendOptions().abortSignal?.aborted).toBe(true)
  })

  it.each([
    ['Cognito fails', () => cognito.on(AdminAddUserToGroupCommand).rejects(new ResourceNotFoundException({ message: 'Group not found.', $metadata: {} })), undefined],
    ['Cognito hangs past the deadline', () => cognito.on(AdminAddUserToGroupCommand).callsFake(() => new Promise<never>(() => undefined)), 50],
  ])('with failOpen, logs the error and echoes the event when %s', async (_case, arrange, deadlineMs) => {
    // Prepare
    arrange()
    const event = confirmed()

    // Act
    const { reply, logger } = await run(addToGroup({ groups: ['users'], failOpen: true }), event, deadlineMs)

    // Assess
    expect(reply).toStrictEqual(event)
    expect(logger.lines).toContainEqual(
      expect.objectContaining({ level: 'error', message: 'plugin failed; failOpen, so the event is still echoed', attributes: expect.objectContaining({ plugin: 'add-to-group' }) }),
    )
  })
})

describe('add-to-group options', () => {
  it.each<[string, unknown, string]>([
    ['no options object', undefined, 'options must be an object'],
    ['neither groups nor rules', {}, 'needs "groups", "rules" or both'],
    ['an unknown option', { groups: ['a'], group: 'b' }, 'unknown option "group"'],
    ['groups that is not an array', { groups: 'staff' }, '"groups" must be an array of group names'],
    ['an empty group name', { groups: [''] }, '"groups[0]" must be a Cognito group name'],
    ['a group name with a space', { groups: ['a', 'team staff'] }, '"groups[1]" must be a Cognito group name'],
    ['a group name of 129 characters', { groups: ['g'.repeat(129)] }, '"groups[0]" must be a Cognito group name'],
    ['empty groups and rules', { groups: [], rules: [] }, 'nothing to add'],
    ['rules that is not an array', { rules: {} }, '"rules" must be an array'],
    ['a rule that is not an object', { rules: ['staff'] }, '"rules[0]" must be an object'],
    ['an unknown rule key', { rules: [{ attribute: 'email', endWith: '@x.com', groups: ['a'] }] }, 'unknown option "rules[0].endWith"'],
    ['a rule without an attribute', { rules: [{ equals: 'x', groups: ['a'] }] }, '"rules[0].attribute" is required'],
    ['a rule without a condition', { rules: [{ attribute: 'email', groups: ['a'] }] }, '"rules[0]" needs exactly one of "equals", "endsWith" or "matches", got 0'],
    ['a rule with two conditions', { rules: [{ attribute: 'email', equals: 'a', endsWith: 'b', groups: ['a'] }] }, 'got 2'],
    ['an empty condition', { rules: [{ attribute: 'email', endsWith: '', groups: ['a'] }] }, '"rules[0].endsWith" must be a non-empty string'],
    ['a condition that is not a string', { rules: [{ attribute: 'email', equals: 1, groups: ['a'] }] }, '"rules[0].equals" must be a non-empty string, got a number'],
    ['a broken regular expression', { rules: [{ attribute: 'email', matches: '(unclosed', groups: ['a'] }] }, '"rules[0].matches" is not a valid regular expression'],
    ['a rule without groups', { rules: [{ attribute: 'email', equals: 'a' }] }, '"rules[0].groups" is required'],
    ['a rule with empty groups', { rules: [{ attribute: 'email', equals: 'a', groups: [] }] }, '"rules[0].groups" must name at least one group'],
    ['a bad group in a rule', { rules: [{ attribute: 'email', equals: 'a', groups: ['ok', 'not ok'] }] }, '"rules[0].groups[1]" must be a Cognito group name'],
    ['requireVerified on another attribute', { rules: [{ attribute: 'custom:team', equals: 'a', requireVerified: true, groups: ['a'] }] }, '"rules[0].requireVerified" must be a boolean, and only applies to "email" and "phone_number"'],
    ['requireVerified that is not a boolean', { rules: [{ attribute: 'email', equals: 'a', requireVerified: 'no', groups: ['a'] }] }, '"rules[0].requireVerified"'],
    ['failOpen that is not a boolean', { groups: ['a'], failOpen: 'yes' }, '"failOpen" must be a boolean, got a string'],
    ['a client without send', { groups: ['a'], client: {} }, '"client" must be a CognitoIdentityProviderClient'],
  ])('fails at cold start for %s, naming the option', (_case, options, message) => {
    expect(() => addToGroup(options as AddToGroupOptions)).toThrowError(ConfigurationError)
    expect(() => addToGroup(options as AddToGroupOptions)).toThrowError(message)
  })

  it('accepts group names in any script, with symbols and punctuation', () => {
    expect(() => addToGroup({ groups: ['Équipe-Paris', '管理者', 'ops+oncall', 'g'.repeat(128)] })).not.toThrow()
  })

  it('runs from the JSON configuration', async () => {
    // Prepare
    const logger = capturingLogger()
    const router = createRouterFromConfig(
      { plugins: { 'add-to-group': { groups: ['users'], rules: [{ attribute: 'email', endsWith: '@example.com', groups: ['staff'] }] } } },
      { 'add-to-group': addToGroup as PluginFactory },
      { logger },
    )
    const event = confirmed()

    // Act
    const { reply } = await settle(router, event)

    // Assess
    expect(reply).toStrictEqual(event)
    expect(sentGroups()).toStrictEqual(['users', 'staff'])
  })

  it('reports a bad JSON option with the plugin name', () => {
    expect(() =>
      createRouterFromConfig({ plugins: { 'add-to-group': { groups: ['bad name'] } } }, { 'add-to-group': addToGroup as PluginFactory }),
    ).toThrowError('configuration: "plugins.add-to-group": "groups[0]" must be a Cognito group name')
  })
})

describePluginContract(addToGroup({ groups: ['users'], rules: [{ attribute: 'email', endsWith: '@example.com', groups: ['staff'] }] }), {
  beforeEach: () => {
    cognito.reset()
    cognito.on(AdminAddUserToGroupCommand).resolves({})
  },
})
