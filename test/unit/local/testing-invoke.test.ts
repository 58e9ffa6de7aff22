// The test kit's invoke(): a router or a plugin, one event, what Cognito would make of it.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createRouter, definePlugin, UserFacingError } from '../../../src/index.js'
import { createEvent } from '../../../src/testing/events.js'
import { createLambdaContext, invoke, shownToUser, slotOf, type InvokeResult } from '../../../src/testing/invoke.js'
import { capturingLogger } from '../../helpers/lambda.js'

const confirmStaff = definePlugin({
  name: 'confirm-staff',
  triggers: ['PreSignUp_SignUp'],
  handler: (event) => {
    const email = event.request.userAttributes.email ?? ''
    if (email.endsWith('@blocked.example')) throw new UserFacingError('Sign-ups from this domain are not allowed.')
    if (email.endsWith('@broken.example')) throw new Error('database down')
    return email.endsWith('@example.com') ? { autoConfirmUser: true } : undefined
  },
})

const signUpEvent = (email: string) => createEvent('PreSignUp_SignUp', { userAttributes: { email } })

// The remaining time is read on a fake clock (Date): it must not depend on how long the machine
// took between building the context and reading it.
afterEach(() => {
  vi.useRealTimers()
})

describe('invoke', () => {
  it('runs a plugin inside a router and returns the merged reply', async () => {
    // Act
    const result = await invoke(confirmStaff, signUpEvent('jane@example.com'))

    // Assess
    expect(result.ok).toBe(true)
    expect(result.ok && result.reply.response).toStrictEqual({ autoConfirmUser: true, autoVerifyEmail: false, autoVerifyPhone: false })
  })

  it('returns a refusal with the message and the text Cognito shows, without the doubled period', async () => {
    // Act
    const result = await invoke(confirmStaff, signUpEvent('eve@blocked.example'))

    // Assess
    expect(result).toStrictEqual({
      ok: false,
      message: 'Sign-ups from this domain are not allowed',
      shownToUser: 'PreSignUp failed with error Sign-ups from this domain are not allowed.',
    })
  })

  it('shows an internal error as the generic message with the request id as reference', async () => {
    // Act
    const result = await invoke(confirmStaff, signUpEvent('ops@broken.example'), { context: { awsRequestId: 'req-42' } })

    // Assess
    expect(result).toStrictEqual({
      ok: false,
      message: '[INTERNAL_ERROR] We could not complete your request (reference req-42)',
      shownToUser: 'PreSignUp failed with error [INTERNAL_ERROR] We could not complete your request (reference req-42).',
    })
  })

  it('logs to the given logger and honours the given deadline when wrapping a plugin', async () => {
    // Prepare
    const logger = capturingLogger()
    const slow = definePlugin({ name: 'slow', triggers: ['PreSignUp_SignUp'], handler: () => new Promise<never>(() => undefined) })

    // Act
    const result = await invoke(slow, signUpEvent('jane@example.com'), { logger, deadlineMs: 20 })

    // Assess
    expect(result.ok).toBe(false)
    expect(logger.lines.find((line) => line.message === 'cognito trigger failed')?.attributes).toMatchObject({ errorName: 'DeadlineExceededError' })
  })

  it('runs a router as it is, leaving the caller\'s event untouched', async () => {
    // Prepare
    const router = createRouter({ plugins: [confirmStaff], logger: capturingLogger() })
    const event = signUpEvent('jane@example.com')
    const before = structuredClone(event)

    // Act
    const result = await invoke(router, event)

    // Assess
    expect(result.ok).toBe(true)
    expect(event).toStrictEqual(before)
  })

  it('passes a Lambda-like context whose remaining time counts down from timeoutMs', async () => {
    // Prepare
    const handler = vi.fn((_event: unknown, context: { getRemainingTimeInMillis(): number; functionName: string }) => ({
      remaining: context.getRemainingTimeInMillis(),
      functionName: context.functionName,
    }))

    vi.useFakeTimers({ toFake: ['Date'] })

    // Act
    const result = await invoke(handler, { triggerSource: 'PreSignUp_SignUp' }, { timeoutMs: 1000, context: { functionName: 'PreSignUp' } })

    // Assess
    const reply = (result as Extract<InvokeResult<object>, { ok: true }>).reply as unknown as { remaining: number; functionName: string }
    expect(reply.functionName).toBe('PreSignUp')
    expect(reply.remaining).toBe(1000)
  })

  it('describes a thrown value that is not an Error', async () => {
    // Prepare
    const notAnError: unknown = 'plain text'

    // Act
    const result = await invoke(
      () => {
        throw notAnError
      },
      { triggerSource: 'TokenGeneration_RefreshTokens' },
    )

    // Assess
    expect(result).toStrictEqual({ ok: false, message: 'plain text', shownToUser: 'PreTokenGeneration failed with error plain text.' })
  })
})

describe('slotOf and shownToUser', () => {
  it.each([
    [{ triggerSource: 'TokenGeneration_Authentication' }, 'PreTokenGeneration'],
    [{ triggerSource: 'VerifyAuthChallengeResponse_Authentication' }, 'VerifyAuthChallengeResponse'],
    [{ triggerSource: 'NewTrigger_Something' }, 'NewTrigger'],
    [{ triggerSource: 'nounderscore' }, 'Lambda'],
    [{ triggerSource: 42 }, 'Lambda'],
    [null, 'Lambda'],
    ['PreSignUp_SignUp', 'Lambda'],
  ])('names the slot of %j "%s"', (event, slot) => {
    // Act and assess
    expect(slotOf(event)).toBe(slot)
  })

  it('formats the message the way Cognito does', () => {
    // Act and assess
    expect(shownToUser({ triggerSource: 'UserMigration_Authentication' }, 'Bad password')).toBe('UserMigration failed with error Bad password.')
  })
})

describe('createLambdaContext', () => {
  it('builds the context the Node.js runtime passes, with defaults', () => {
    // Prepare
    vi.useFakeTimers({ toFake: ['Date'] })

    // Act
    const context = createLambdaContext()

    // Assess
    expect(context).toMatchObject({
      functionName: 'cognito-trigger-router',
      functionVersion: '$LATEST',
      invokedFunctionArn: 'arn:aws:lambda:local:000000000000:function:cognito-trigger-router',
      memoryLimitInMB: '128',
      logGroupName: '/aws/lambda/cognito-trigger-router',
      callbackWaitsForEmptyEventLoop: true,
    })
    expect(context.awsRequestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(context.getRemainingTimeInMillis()).toBe(4000)
    vi.advanceTimersByTime(150)
    expect(context.getRemainingTimeInMillis()).toBe(3850)
  })

  it('takes the function name and request id, and never reports negative time', () => {
    // Prepare
    vi.useFakeTimers()
    const context = createLambdaContext({ functionName: 'PreSignUp', requestId: 'r-1', timeoutMs: 100 })

    // Act
    vi.advanceTimersByTime(250)

    // Assess
    expect([context.functionName, context.awsRequestId, context.getRemainingTimeInMillis()]).toStrictEqual(['PreSignUp', 'r-1', 0])
    vi.useRealTimers()
  })

  it.each(['done', 'fail', 'succeed'] as const)('refuses the callback-era context.%s()', (method) => {
    // Act and assess
    expect(() => (createLambdaContext()[method] as () => void)()).toThrow(`context.${method}() is not supported`)
  })
})
