import middy from '@middy/core'
import { afterEach, describe, expect, it, vi } from 'vitest'
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

describe('startDeadline, work that settles after the budget', () => {
  it('rejects work that resolves after the budget, though the event loop was blocked and the timer never fired', async () => {
    // Prepare
    const deadline = startDeadline(5)
    const work = (async () => {
      await Promise.resolve()
      const end = performance.now() + 30
      while (performance.now() < end) {
        // a synchronous hash
      }
      return 'late'
    })()

    // Act
    const error = await deadline.race(work, 'hash').catch((e: unknown) => e)

    // Assess
    expect(error).toBeInstanceOf(DeadlineExceededError)
    expect((error as DeadlineExceededError).plugin).toBe('hash')
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

describe('startDeadline, armed on first use', () => {
  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

  afterEach(() => {
    vi.useRealTimers()
    vi.restoreAllMocks()
  })

  it('creates no timer until the signal is read, and only one however often it is read', () => {
    // Prepare
    const timers = vi.spyOn(globalThis, 'setTimeout')
    const deadline = startDeadline(1000)

    // Act
    const before = [deadline.budgetMs, deadline.remainingTimeInMillis(), deadline.expired(), timers.mock.calls.length]
    const first = deadline.signal
    const second = deadline.signal
    deadline.stop()

    // Assess
    expect(before).toStrictEqual([1000, expect.any(Number), false, 0])
    expect(timers).toHaveBeenCalledOnce()
    expect(second).toBe(first)
    expect(first.aborted).toBe(false)
  })

  it('creates its timer on the first race, and shares it with the signal and later races', async () => {
    // Prepare
    const timers = vi.spyOn(globalThis, 'setTimeout')
    const deadline = startDeadline(1000)

    // Act
    const results = [await deadline.race(Promise.resolve('a')), await deadline.race(Promise.resolve('b'))]
    const signal = deadline.signal
    deadline.stop()

    // Assess
    expect(results).toStrictEqual(['a', 'b'])
    expect(timers).toHaveBeenCalledOnce()
    expect(signal.aborted).toBe(false)
  })

  it('hands out a signal that is already aborted, with a DeadlineExceededError reason, when first read after the budget ran out', async () => {
    // Prepare
    const deadline = startDeadline(1)
    await wait(20)
    const timers = vi.spyOn(globalThis, 'setTimeout')

    // Act
    const signal = deadline.signal

    // Assess
    expect(signal.aborted).toBe(true)
    expect(signal.reason).toBeInstanceOf(DeadlineExceededError)
    expect((signal.reason as DeadlineExceededError).budgetMs).toBe(1)
    expect(timers).not.toHaveBeenCalled()
  })

  it('rejects a race first started after the budget ran out, naming the work, whatever the work does', async () => {
    // Prepare
    const deadline = startDeadline(1)
    await wait(20)

    // Act
    const error = await deadline.race(Promise.resolve('too late'), 'late-plugin').catch((e: unknown) => e)

    // Assess
    expect(error).toBeInstanceOf(DeadlineExceededError)
    expect((error as DeadlineExceededError).plugin).toBe('late-plugin')
  })

  it('says it has expired once the budget has run out, without a timer', () => {
    // Prepare
    vi.useFakeTimers({ toFake: ['performance', 'setTimeout', 'clearTimeout'] })
    const deadline = startDeadline(100)

    // Act
    const atStart = deadline.expired()
    vi.advanceTimersByTime(99)
    const justBefore = deadline.expired()
    vi.advanceTimersByTime(1)
    const atTheEnd = deadline.expired()

    // Assess
    expect([atStart, justBefore, atTheEnd]).toStrictEqual([false, false, true])
    expect(vi.getTimerCount()).toBe(0)
  })

  it('says it has expired when its timer fired, even if the clock reads a little earlier (Node timers may fire early)', () => {
    // Prepare: the clock stands still, so only the timer can tell
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    vi.spyOn(performance, 'now').mockReturnValue(0)
    const deadline = startDeadline(100)
    const { signal } = deadline

    // Act
    vi.advanceTimersByTime(100)

    // Assess
    expect(signal.aborted).toBe(true)
    expect(deadline.expired()).toBe(true)
  })

  it('loses a race started at the very instant the budget ends, though the timer has not fired yet', async () => {
    // Prepare: arm the timer at 50 ms, then read the clock at exactly 100 ms while the timer waits
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const now = vi.spyOn(performance, 'now').mockReturnValue(0)
    const deadline = startDeadline(100)
    now.mockReturnValue(50)
    void deadline.signal
    now.mockReturnValue(100)

    // Act
    const outcome = await deadline.race(Promise.resolve('on time')).catch((error: unknown) => error)

    // Assess
    expect(outcome).toBeInstanceOf(DeadlineExceededError)
  })

  it('says it has expired once its armed signal has aborted', () => {
    // Prepare
    vi.useFakeTimers({ toFake: ['performance', 'setTimeout', 'clearTimeout'] })
    const deadline = startDeadline(100)
    const { signal } = deadline

    // Act
    const before = deadline.expired()
    vi.advanceTimersByTime(100)

    // Assess
    expect(before).toBe(false)
    expect(signal.aborted).toBe(true)
    expect(deadline.expired()).toBe(true)
  })

  it('aborts its armed signal when the budget runs out, measured from the start, not from the first read', () => {
    // Prepare
    vi.useFakeTimers({ toFake: ['performance', 'setTimeout', 'clearTimeout'] })
    const deadline = startDeadline(100)
    vi.advanceTimersByTime(60)
    const { signal } = deadline

    // Act
    vi.advanceTimersByTime(39)
    const justBefore = signal.aborted
    vi.advanceTimersByTime(1)

    // Assess
    expect(justBefore).toBe(false)
    expect(signal.aborted).toBe(true)
    expect(signal.reason).toBeInstanceOf(DeadlineExceededError)
  })

  it('never aborts a signal first read after stop, even past the budget, and makes no timer for it', async () => {
    // Prepare
    const deadline = startDeadline(1)
    deadline.stop()
    await wait(20)
    const timers = vi.spyOn(globalThis, 'setTimeout')

    // Act
    const signal = deadline.signal
    const timersMade = timers.mock.calls.length
    timers.mockRestore()
    await wait(20)

    // Assess
    expect(signal.aborted).toBe(false)
    expect(timersMade).toBe(0)
  })

  it.each([
    ['a late race', false],
    ['a race on an aborted signal', true],
  ])('handles the rejection of work that lost %s, so nothing rejects unhandled', async (_case, readSignalFirst) => {
    // Prepare
    const unhandled: unknown[] = []
    const record = (reason: unknown) => unhandled.push(reason)
    process.on('unhandledRejection', record)
    const deadline = startDeadline(1)
    if (readSignalFirst) void deadline.signal.aborted
    await wait(20)

    // Act
    // eslint-disable-next-line prefer-promise-reject-errors -- plugins reject with anything; this is the case under test
    const outcome = await deadline.race(Promise.reject(null), 'late').catch((error: unknown) => error)
    await wait(20)
    process.off('unhandledRejection', record)

    // Assess
    expect(outcome).toBeInstanceOf(DeadlineExceededError)
    expect(unhandled).toStrictEqual([])
  })

  it('lets a race started after stop settle like its work', async () => {
    // Prepare
    const deadline = startDeadline(1)
    deadline.stop()
    await wait(20)

    // Act
    const result = await deadline.race(Promise.resolve('settled'))

    // Assess
    expect(result).toBe('settled')
  })

  it('aborts at once, without a timer, a signal armed when the Lambda has no time left', () => {
    // Prepare: the Lambda has exactly the safety margin left, so the budget is 0.
    vi.useFakeTimers({ toFake: ['performance', 'setTimeout', 'clearTimeout'] })
    const deadline = startDeadline(100, () => 50, 50)

    // Act
    const { signal } = deadline

    // Assess
    expect(deadline.budgetMs).toBe(0)
    expect(signal.aborted).toBe(true)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('never aborts an armed signal once stopped', () => {
    // Prepare
    vi.useFakeTimers({ toFake: ['performance', 'setTimeout', 'clearTimeout'] })
    const deadline = startDeadline(100)
    const { signal } = deadline

    // Act
    deadline.stop()
    vi.advanceTimersByTime(1000)

    // Assess
    expect(signal.aborted).toBe(false)
    expect(vi.getTimerCount()).toBe(0)
  })
})

describe('cognitoDeadline after the handler returned', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('stops the deadline, so the signal a handler took never aborts once the invocation is over', async () => {
    // Prepare
    vi.useFakeTimers({ toFake: ['performance', 'setTimeout', 'clearTimeout'] })
    let taken: AbortSignal | undefined
    const handler = middy(async (event: unknown, context: Context) => {
      taken = (context as DeadlineContext).cognitoDeadline.signal
      return event
    }).use(cognitoDeadline({ budgetMs: 100 }))

    // Act
    const { error } = await settle(handler, {})
    vi.advanceTimersByTime(1000)

    // Assess
    expect(error).toBeUndefined()
    expect(taken?.aborted).toBe(false)
    expect(vi.getTimerCount()).toBe(0)
  })
})

describe('cognitoDeadline rejecting late handlers', () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  const slowHandler = () =>
    middy(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20))
      return 'late'
    })

  it('rejects a handler that finished after the budget, though it never looked at the deadline', async () => {
    // Prepare
    const handler = slowHandler().use(cognitoDeadline({ budgetMs: 1 }))

    // Act
    const { reply, error } = await settle(handler, {})

    // Assess
    expect(reply).toBeUndefined()
    expect(error).toBeInstanceOf(DeadlineExceededError)
    expect((error as DeadlineExceededError).budgetMs).toBe(1)
  })

  it('rejects with the budget clamped to what the Lambda had left', async () => {
    // Prepare
    const handler = slowHandler().use(cognitoDeadline({ budgetMs: 4000, safetyMarginMs: 100 }))

    // Act
    const { error } = await settle(handler, {}, lambdaContext({ getRemainingTimeInMillis: () => 102 }))

    // Assess
    expect(error).toBeInstanceOf(DeadlineExceededError)
    expect((error as DeadlineExceededError).budgetMs).toBe(2)
  })

  it('lets the same late handler through when rejectLate is false', async () => {
    // Prepare
    const handler = slowHandler().use(cognitoDeadline({ budgetMs: 1, rejectLate: false }))

    // Act
    const { reply, error } = await settle(handler, {})

    // Assess
    expect(error).toBeUndefined()
    expect(reply).toBe('late')
  })

  it('lets a handler that finished in time through, without ever making a timer', async () => {
    // Prepare
    const timers = vi.spyOn(globalThis, 'setTimeout')
    const handler = middy(async () => 'on time').use(cognitoDeadline({ budgetMs: 1000 }))

    // Act
    const { reply } = await settle(handler, {})

    // Assess
    expect(reply).toBe('on time')
    expect(timers).not.toHaveBeenCalled()
  })

  it('does nothing after a request it never started a deadline for', () => {
    // Prepare
    const { after } = cognitoDeadline()

    // Act
    const running = () => after?.({ event: {}, context: lambdaContext(), response: 'x', error: undefined, internal: {} } as never)

    // Assess
    expect(running).not.toThrow()
  })
})
