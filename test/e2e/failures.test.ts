// End to end: what the user sees when a plugin fails, through cognito-local. An internal error
// reaches the client only as the generic message with a reference; a plugin that hangs is cut
// off by the router's deadline, long before Cognito's 5 s. Test-only plugins, from their own registry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { definePlugin } from '../../src/index.js'
import { startStack, type Stack } from '../../src/local/stack.js'
import { observe, registry, rejection, signUp, STACK_TIMEOUT } from './support/stack.js'

const INTERNAL = 'connection to db-7.internal refused for user jane@corp.example'

const failing = {
  // Throws for addresses starting with "boom", with a message that must never reach the user.
  explode: () =>
    definePlugin({
      name: 'explode',
      triggers: ['PreSignUp_SignUp'],
      handler: (event) => {
        if (event.request.userAttributes.email?.startsWith('boom')) throw new Error(INTERNAL)
      },
    }),
  // Never answers for addresses starting with "hang".
  hang: () =>
    definePlugin({
      name: 'hang',
      triggers: ['PreSignUp_SignUp'],
      handler: (event) => (event.request.userAttributes.email?.startsWith('hang') ? new Promise<never>(() => undefined) : undefined),
    }),
}

const GENERIC = /^PreSignUp failed with error \[INTERNAL_ERROR\] We could not complete your request \(reference ([0-9a-f-]{36})\)\.$/

describe('plugin failures, as a Cognito client sees them', () => {
  let stack: Stack

  beforeAll(async () => {
    stack = await startStack({
      registry: { ...registry, ...failing },
      config: { plugins: { explode: true, hang: true }, deadlineMs: 300 },
      configName: 'the failures test configuration',
    })
  }, STACK_TIMEOUT)
  afterAll(() => stack?.close())

  it('shows an internal error only as the generic message, whose reference is the request id in the logs', async () => {
    // Act
    const { result: failure, invocations } = await observe(stack, () => rejection(signUp(stack, 'boom@example.com')))

    // Assess
    expect(failure.name).toBe('UserLambdaValidationException')
    expect(failure.message).toMatch(GENERIC)
    expect(failure.message).not.toContain('db-7')
    const [record] = invocations
    expect(failure.message).toContain(record!.requestId)
    expect(record!.failure).toStrictEqual({ name: 'PluginError', message: `plugin "explode" failed: Error: ${INTERNAL}`, plugin: 'explode' })
  })

  it('fails a hanging plugin at the router deadline, well before Cognito gives up after 5 s', async () => {
    // Act
    const started = performance.now()
    const { result: failure, invocations } = await observe(stack, () => rejection(signUp(stack, 'hang@example.com')))
    const elapsed = performance.now() - started

    // Assess
    expect(failure.name).toBe('UserLambdaValidationException')
    // The router's own rejection (its generic message, a DeadlineExceededError in its record) shows
    // that the deadline ended the call, not cognito-local giving up; no upper bound on the time,
    // which only a loaded machine would break.
    expect(failure.message).toMatch(GENERIC)
    expect(elapsed).toBeGreaterThanOrEqual(290)
    expect(invocations[0]!.failure?.name).toBe('DeadlineExceededError')
  })

  it('still lets everyone else sign up', async () => {
    // Act
    const { result, invocations } = await observe(stack, () => signUp(stack, 'calm@example.com'))

    // Assess
    expect(result.UserSub).toBeDefined()
    expect(invocations.map((record) => [record.triggerSource, record.outcome])).toStrictEqual([
      ['PreSignUp_SignUp', 'ok'],
      ['CustomMessage_SignUp', 'ok'],
    ])
  })
})
