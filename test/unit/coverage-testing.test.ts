// The test kit is public (`cognito-trigger-router/testing`): the paths plugin authors reach
// less often.

import { describe, expect, it } from 'vitest'
import { TRIGGERS, type TriggerSource } from '../../src/catalogue.js'
import { definePlugin } from '../../src/plugin.js'
import { createLambdaContext } from '../../src/testing/invoke.js'
import { checkPluginContract, createEvent } from '../../src/testing/index.js'
import { describePluginContract } from '../../src/testing/vitest.js'

describe('createEvent, rarely taken paths', () => {
  it('fills the identity provider claims with a default email when the attributes have none', () => {
    // Act
    const event = createEvent('InboundFederation_ExternalProvider', { userAttributes: { sub: 'abc' } })

    // Assess
    expect(event.request.attributes.idToken).toStrictEqual({ sub: 'corp-123', email: 'jane.doe@example.com', name: 'Jane Doe' })
    expect(event.request.attributes.userInfo).toStrictEqual({ email: 'jane.doe@example.com', given_name: 'Jane' })
  })

  it('uses the given email in the identity provider claims', () => {
    // Act
    const event = createEvent('InboundFederation_ExternalProvider', { userAttributes: { email: 'a@example.com' } })

    // Assess
    expect(event.request.attributes.idToken).toMatchObject({ email: 'a@example.com' })
    expect(event.request.attributes.userInfo).toMatchObject({ email: 'a@example.com' })
  })
})

describe('createEvent, client credentials', () => {
  it.each([
    ['by default', {}],
    ['even when user attributes are given', { userAttributes: { sub: 'abc', email: 'a@example.com' } }],
    ['even when a V1 event is asked for', { tokenVersion: 1 as const }],
  ])('builds a V3 event with scopes and no user %s', (_case, options) => {
    // Act
    const event = createEvent('TokenGeneration_ClientCredentials', options)

    // Assess
    expect(event.version).toBe('3')
    expect(event.request).toStrictEqual({ scopes: ['orders/read'], clientMetadata: null })
    expect(event).not.toHaveProperty('userName')
    expect(event.callerContext.clientId).toBe('1example23456789')
  })

  it('takes the client metadata a GetClientToken call would pass', () => {
    // Act
    const event = createEvent('TokenGeneration_ClientCredentials', { overrides: { request: { clientMetadata: { tenant: 'acme' } } } })

    // Assess
    expect(event.request.clientMetadata).toStrictEqual({ tenant: 'acme' })
  })
})

describe('checkPluginContract, rarely taken paths', () => {
  it('gives the plugin a budget when it runs it directly to check event.request', async () => {
    // Prepare
    const budgets: number[] = []
    const plugin = definePlugin({
      name: 'reads-its-budget',
      triggers: ['PreAuthentication_Authentication'],
      handler: (_event, context) => {
        budgets.push(context.remainingTimeInMillis())
      },
    })

    // Act
    const violations = await checkPluginContract(plugin)

    // Assess
    expect(violations).toStrictEqual([])
    expect(budgets).toHaveLength(3)
    expect(budgets[2]).toBe(3000)
  })
})

describe('createEvent, every source', () => {
  it('builds the same realistic events as the reviewed catalogue', async () => {
    // Prepare
    const sources = Object.keys(TRIGGERS) as TriggerSource[]

    // Act
    const events = {
      ...Object.fromEntries(sources.map((source) => [source, createEvent(source)])),
      'TokenGeneration_Authentication (V2)': createEvent('TokenGeneration_Authentication', { tokenVersion: 2 }),
      'TokenGeneration_RefreshTokens (V3)': createEvent('TokenGeneration_RefreshTokens', { tokenVersion: 3 }),
      'TokenGeneration_ClientCredentials (asked for V1)': createEvent('TokenGeneration_ClientCredentials', { tokenVersion: 1 }),
      'PreSignUp_SignUp (overrides)': createEvent('PreSignUp_SignUp', { overrides: { userName: 'x', request: { validationData: { a: 'b' } } } }),
    }

    // Assess
    await expect(`${JSON.stringify(events, null, 2)}\n`).toMatchFileSnapshot('./coverage-testing.events.snap.json')
  })
})

describe('checkPluginContract, each rule', () => {
  it('reports a plugin that gives a different outcome when retried', async () => {
    // Prepare
    let calls = 0
    const flaky = definePlugin({ name: 'flaky', triggers: ['PreAuthentication_Authentication'], handler: () => {
      calls += 1
      if (calls === 2) throw new Error('second call fails')
    } })

    // Act
    const violations = await checkPluginContract(flaky)

    // Assess
    expect(violations).toStrictEqual([
      { source: 'PreAuthentication_Authentication', rule: 'retry', detail: 'a retried invocation (Cognito retries on timeout) gave a different outcome' },
    ])
  })

  it('reports a plugin that copies a credential into the response', async () => {
    // Prepare
    const copier = definePlugin({
      name: 'copier',
      triggers: ['UserMigration_Authentication'],
      handler: (event) => ({ userAttributes: { 'custom:legacy': String(event.request.password) } }),
    })

    // Act
    const violations = await checkPluginContract(copier)

    // Assess
    expect(violations).toStrictEqual([
      { source: 'UserMigration_Authentication', rule: 'secrets', detail: 'a credential of the event was copied into the response' },
    ])
  })

  it('accepts an echoed reply whose response is null for an asynchronous source', async () => {
    // Prepare
    const sender = definePlugin({ name: 'sender', triggers: ['CustomSMSSender_SignUp'], handler: () => undefined })

    // Act
    const violations = await checkPluginContract(sender)

    // Assess
    expect(violations).toStrictEqual([])
  })

  it('reports a plugin that changes event.request, telling the author what to do instead', async () => {
    // Prepare
    const meddler = definePlugin({
      name: 'meddler',
      triggers: ['PostAuthentication_Authentication'],
      handler: (event, context) => {
        // Only with the context the contract hands over: a wrong context would hide the change.
        if (context.lambdaContext.awsRequestId === 'contract-0000' && context.signal instanceof AbortSignal) {
          event.request.newDeviceUsed = false
        }
      },
    })

    // Act
    const violations = await checkPluginContract(meddler)

    // Assess
    expect(violations).toStrictEqual([
      { source: 'PostAuthentication_Authentication', rule: 'request', detail: 'the plugin modified event.request; write to event.response or return a patch' },
    ])
  })
})

describe('describePluginContract', () => {
  const noop = definePlugin({ name: 'registered-noop', triggers: ['PreSignUp_SignUp', 'PostConfirmation_ConfirmSignUp'], handler: () => undefined })
  describePluginContract(noop)

  it('registers one suite named after the plugin, with one test per source', ({ task }) => {
    // Act
    const suite = task.suite?.tasks.find((child) => child.name === 'plugin contract: registered-noop')

    // Assess
    expect(suite?.type).toBe('suite')
    const names = suite?.type === 'suite' ? suite.tasks.map((child) => child.name) : []
    expect(names).toStrictEqual(['keeps the contract on PreSignUp_SignUp', 'keeps the contract on PostConfirmation_ConfirmSignUp'])
  })
})

describe('createLambdaContext', () => {
  it('names its log stream like a local Lambda: local/[$LATEST] and the start time in hex', () => {
    // Act
    const context = createLambdaContext({ requestId: 'r-1' })

    // Assess
    expect(context.logStreamName).toMatch(/^local\/\[\$LATEST\][0-9a-f]+$/)
    expect(context.awsRequestId).toBe('r-1')
  })
})
