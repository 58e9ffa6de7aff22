import middy from '@middy/core'
import { describe, expect, it } from 'vitest'
import { ConfigurationError, DeadlineExceededError } from '../../../src/errors.js'
import { cognitoDeadline, startDeadline, type DeadlineContext } from '../../../src/middleware/deadline.js'
import type { Context } from 'aws-lambda'
import { lambdaContext, settle } from '../../helpers/lambda.js'

describe('startDeadline', () => {
  it('clamps the budget to the Lambda remaining time minus the safety margin', () => {
    const deadline = startDeadline(3000, () => 1000, 100)
    expect(deadline.budgetMs).toBe(900)
    expect(deadline.remainingTimeInMillis()).toBeLessThanOrEqual(900)
    deadline.stop()
  })

  it('uses the whole budget when there is no Lambda context', () => {
    const deadline = startDeadline(3000)
    expect(deadline.budgetMs).toBe(3000)
    deadline.stop()
  })

  it('never goes below zero', () => {
    const deadline = startDeadline(3000, () => 10, 100)
    expect(deadline.budgetMs).toBe(0)
    deadline.stop()
  })

  it('settles like the work when it finishes in time', async () => {
    const deadline = startDeadline(1000)
    await expect(deadline.race(Promise.resolve('done'))).resolves.toBe('done')
    await expect(deadline.race(Promise.reject(new Error('failed')))).rejects.toThrowError('failed')
    deadline.stop()
  })

  it('rejects with a DeadlineExceededError naming the work, and aborts the signal, when the budget runs out', async () => {
    const deadline = startDeadline(5)
    const error = await deadline.race(new Promise(() => undefined), 'slow-plugin').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DeadlineExceededError)
    expect((error as DeadlineExceededError).plugin).toBe('slow-plugin')
    expect(deadline.signal.aborted).toBe(true)
    expect(deadline.signal.reason).toBeInstanceOf(DeadlineExceededError)
    await expect(deadline.race(Promise.resolve(1))).rejects.toBeInstanceOf(DeadlineExceededError)
  })
})

describe('cognitoDeadline used alone', () => {
  it('puts the deadline on the context for the handler', async () => {
    const handler = middy(async (_event: unknown, context: Context) => (context as DeadlineContext).cognitoDeadline.budgetMs).use(
      cognitoDeadline({ budgetMs: 1500 }),
    )
    expect(await handler({}, lambdaContext())).toBe(1500)
  })

  it('rejects a result that arrives after the budget', async () => {
    const handler = middy(async (_event: unknown, context: Context) => {
      await new Promise((resolve) => (context as DeadlineContext).cognitoDeadline.signal.addEventListener('abort', resolve))
      return 'late'
    }).use(cognitoDeadline({ budgetMs: 5 }))
    expect((await settle(handler, {})).error).toBeInstanceOf(DeadlineExceededError)
  })

  it('lets a late result through when rejectLate is false', async () => {
    const handler = middy(async (_event: unknown, context: Context) => {
      await new Promise((resolve) => (context as DeadlineContext).cognitoDeadline.signal.addEventListener('abort', resolve))
      return 'late'
    }).use(cognitoDeadline({ budgetMs: 5, rejectLate: false }))
    expect((await settle(handler, {})).reply).toBe('late')
  })

  it('stops its timer when the handler throws', async () => {
    const handler = middy(() => {
      throw new Error('x')
    }).use(cognitoDeadline())
    expect((await settle(handler, {})).error?.message).toBe('x')
  })

  it.each([
    [{ budgetMs: 0 }, 'from 1 to 4999'],
    [{ budgetMs: 5000 }, 'Cognito gives up at 5000 ms'],
    [{ budgetMs: 1.5 }, 'integer'],
    [{ safetyMarginMs: -1 }, 'safetyMarginMs'],
    [{ rejectLate: 'no' }, 'rejectLate'],
    [{ budget: 10 }, 'unknown option "budget"'],
  ])('refuses %j at cold start', (options, message) => {
    expect(() => cognitoDeadline(options as never)).toThrowError(ConfigurationError)
    expect(() => cognitoDeadline(options as never)).toThrowError(message)
  })
})
