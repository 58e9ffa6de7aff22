import { afterEach, describe, expect, it, vi } from 'vitest'
import type { TriggerSource } from '../../src/catalogue.js'
import { DeadlineExceededError, TriggerRejectedError } from '../../src/errors.js'
import type { Logger } from '../../src/logger.js'
import { definePlugin, type AnyPlugin, type PluginContext } from '../../src/plugin.js'
import { createRouter, type RouterOptions } from '../../src/router.js'
import { createEvent } from '../../src/testing/events.js'
import { capturingLogger, deferred, settle } from '../helpers/lambda.js'

const GENERIC = '[INTERNAL_ERROR] We could not complete your request (reference req-0000-1111)'
const source = 'PreSignUp_SignUp' satisfies TriggerSource

const routerWith = (plugins: readonly AnyPlugin[], options: Partial<RouterOptions> = {}) => {
  const logger = capturingLogger()
  const router = createRouter({ plugins, logger, ...options })
  return { logger, run: (event: unknown) => settle(router, event) }
}

/** Blocks the event loop, as a synchronous plugin doing heavy work does. */
const blockFor = (ms: number): void => {
  const end = performance.now() + ms
  while (performance.now() < end) {
    // spin
  }
}

const confirmed = (event: ReturnType<typeof createEvent>) => ({ ...event, response: { ...event.response, autoConfirmUser: true } })

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

describe('plugins that return without a promise', () => {
  it.each([
    ['a synchronous plugin', 0, () => ({ autoConfirmUser: true })],
    ['an async plugin', 1, async () => ({ autoConfirmUser: true })],
  ])('races only what can still be waiting: %s makes %i timer(s)', async (_case, timersExpected, handler) => {
    // Prepare
    const { run } = routerWith([{ name: 'p', triggers: [source], handler } as AnyPlugin])
    const event = createEvent(source)
    const timers = vi.spyOn(globalThis, 'setTimeout')

    // Act
    const { reply, error } = await run(event)

    // Assess
    expect(error).toBeUndefined()
    expect(reply).toStrictEqual(confirmed(createEvent(source)))
    expect(timers).toHaveBeenCalledTimes(timersExpected)
  })

  it('makes no timer for several synchronous plugins in a row', async () => {
    // Prepare
    const plugins: AnyPlugin[] = ['a', 'b', 'c'].map((name) => ({ name, triggers: [source], handler: () => undefined }))
    const { run } = routerWith(plugins)
    const timers = vi.spyOn(globalThis, 'setTimeout')

    // Act
    const { error } = await run(createEvent(source))

    // Assess
    expect(error).toBeUndefined()
    expect(timers).not.toHaveBeenCalled()
  })

  it('fails closed when a synchronous plugin returns after the budget, and drops what it returned', async () => {
    // Prepare
    const slow = definePlugin({
      name: 'slow-sync',
      triggers: [source],
      handler: () => {
        blockFor(30)
        return { autoConfirmUser: true }
      },
    })
    const { run, logger } = routerWith([slow], { deadlineMs: 5 })

    // Act
    const { reply, error } = await run(createEvent(source))

    // Assess
    expect(reply).toBeUndefined()
    expect(error).toBeInstanceOf(TriggerRejectedError)
    expect(error?.message).toBe(GENERIC)
    expect(logger.text()).toContain('DeadlineExceededError')
    expect(logger.text()).toContain('while plugin \\"slow-sync\\" was running')
  })

  it('logs a late synchronous failOpen plugin and still echoes the event on a committed trigger', async () => {
    // Prepare
    const slow = definePlugin({
      name: 'slow-welcome',
      triggers: ['PostConfirmation_ConfirmSignUp'],
      failOpen: true,
      handler: () => {
        blockFor(30)
      },
    })
    const { run, logger } = routerWith([slow], { deadlineMs: 5 })
    const event = createEvent('PostConfirmation_ConfirmSignUp')

    // Act
    const { reply, error } = await run(createEvent('PostConfirmation_ConfirmSignUp'))

    // Assess
    expect(error).toBeUndefined()
    expect(reply).toStrictEqual(event)
    expect(logger.lines).toContainEqual(
      expect.objectContaining({
        message: 'cognito trigger reply',
        attributes: expect.objectContaining({ plugins: [expect.objectContaining({ plugin: 'slow-welcome', outcome: 'failed-open' })] }),
      }),
    )
  })

  // Once the deadline is armed, its timer still cannot fire while a synchronous plugin blocks the
  // event loop: race() must look at the clock as well as at the signal.
  it('fails closed when a synchronous plugin that read its signal returns after the budget', async () => {
    // Prepare
    const slow = definePlugin({
      name: 'slow-sync-with-signal',
      triggers: [source],
      handler: (_event, { signal }) => {
        void signal
        blockFor(30)
        return { autoConfirmUser: true }
      },
    })
    const { run } = routerWith([slow], { deadlineMs: 5 })

    // Act
    const { error } = await run(createEvent(source))

    // Assess
    expect(error?.message).toBe(GENERIC)
  })
})

describe('plugins whose result arrives after the budget', () => {
  // A database read, then a synchronous hash: the timer cannot fire while the hash blocks the
  // event loop, and the promise resolves before it gets a chance to.
  it.each([
    ['awaits once, then blocks', async () => {
      await Promise.resolve()
      blockFor(30)
      return { autoConfirmUser: true }
    }],
    ['awaits a macrotask, then blocks', async () => {
      await new Promise((resolve) => setImmediate(resolve))
      blockFor(30)
      return { autoConfirmUser: true }
    }],
    ['blocks, then returns a resolved promise', () => {
      blockFor(30)
      return Promise.resolve({ autoConfirmUser: true })
    }],
  ])('fails closed with DeadlineExceededError when an async plugin %s past the budget', async (_case, handler) => {
    // Prepare
    const { run, logger } = routerWith([{ name: 'db-then-hash', triggers: [source], handler } as AnyPlugin], { deadlineMs: 5 })

    // Act
    const { reply, error } = await run(createEvent(source))

    // Assess
    expect(reply).toBeUndefined()
    expect(error?.message).toBe(GENERIC)
    expect(logger.text()).toContain('DeadlineExceededError')
    expect(logger.text()).toContain('while plugin \\"db-then-hash\\" was running')
  })

  it('fails closed when the second of two plugins settles after the budget, though the first was on time', async () => {
    // Prepare
    const quick: AnyPlugin = { name: 'quick', triggers: [source], handler: async () => ({ autoConfirmUser: true }) }
    const slow: AnyPlugin = {
      name: 'slow',
      triggers: [source],
      handler: async () => {
        await Promise.resolve()
        blockFor(30)
      },
    }
    const { run } = routerWith([quick, slow], { deadlineMs: 5 })

    // Act
    const { error } = await run(createEvent(source))

    // Assess
    expect(error?.message).toBe(GENERIC)
  })
})

describe('plugins that return a thenable that is not a Promise', () => {
  const thenableOf = <T>(value: T) => ({
    then: (resolve: (value: T) => void) => {
      resolve(value)
    },
  })

  it.each([
    ['an object with a then method', () => thenableOf({ autoConfirmUser: true })],
    [
      'a function with a then method',
      () => Object.assign(() => undefined, { then: (resolve: (value: unknown) => void) => resolve({ autoConfirmUser: true }) }),
    ],
    ['a thenable that settles later', () => ({ then: (resolve: (value: unknown) => void) => setImmediate(() => resolve({ autoConfirmUser: true })) })],
  ])('awaits %s and merges what it resolves to', async (_case, handler) => {
    // Prepare
    const { run } = routerWith([{ name: 'thenable', triggers: [source], handler } as AnyPlugin])

    // Act
    const { reply, error } = await run(createEvent(source))

    // Assess
    expect(error).toBeUndefined()
    expect(reply).toStrictEqual(confirmed(createEvent(source)))
  })

  it('fails closed when the thenable rejects', async () => {
    // Prepare
    const handler = () => ({
      then: (_resolve: unknown, reject: (reason: unknown) => void) => reject(new Error('upstream failed')),
    })
    const { run, logger } = routerWith([{ name: 'rejecting', triggers: [source], handler } as AnyPlugin])

    // Act
    const { error } = await run(createEvent(source))

    // Assess
    expect(error?.message).toBe(GENERIC)
    expect(logger.text()).toContain('upstream failed')
  })

  it('fails closed when the thenable never settles, once the budget runs out', async () => {
    // Prepare
    const handler = () => ({ then: () => undefined })
    const { run, logger } = routerWith([{ name: 'hanging-thenable', triggers: [source], handler } as AnyPlugin], { deadlineMs: 5 })

    // Act
    const { error } = await run(createEvent(source))

    // Assess
    expect(error?.message).toBe(GENERIC)
    expect(logger.text()).toContain('DeadlineExceededError')
  })

  it('treats an object whose then is not a function as a patch, which reply validation then refuses', async () => {
    // Prepare
    const handler = () => ({ then: 'not callable' })
    const { run, logger } = routerWith([{ name: 'not-thenable', triggers: [source], handler } as AnyPlugin])
    const timers = vi.spyOn(globalThis, 'setTimeout')

    // Act
    const { error } = await run(createEvent(source))

    // Assess
    expect(timers).not.toHaveBeenCalled()
    expect(error?.message).toBe(GENERIC)
    expect(logger.text()).toContain('invalid reply at response.then')
  })
})

describe('the plugin context', () => {
  // The router's clock (performance.now) and its timer (setTimeout) are fake here: the budget runs
  // out when the test says so, however long the machine takes to reach the plugin.
  it('gives a plugin a live signal, the same one however often it is read, and aborts it when the budget runs out', async () => {
    // Prepare
    vi.useFakeTimers({ toFake: ['performance', 'setTimeout', 'clearTimeout'] })
    const seen: { first?: AbortSignal; second?: AbortSignal; abortedAtStart?: boolean } = {}
    const running = deferred()
    const hang = definePlugin({
      name: 'hang',
      triggers: [source],
      handler: (_event, context) => {
        seen.first = context.signal
        seen.second = context.signal
        seen.abortedAtStart = context.signal.aborted
        running.resolve()
        return new Promise<never>(() => undefined)
      },
    })
    const { run } = routerWith([hang], { deadlineMs: 1000 })

    // Act
    const settled = run(createEvent(source))
    await running.promise
    await vi.advanceTimersByTimeAsync(999)
    const abortedBeforeTheBudget = seen.first?.aborted
    await vi.advanceTimersByTimeAsync(1)
    const { error } = await settled

    // Assess
    expect(seen.abortedAtStart).toBe(false)
    expect(seen.second).toBe(seen.first)
    expect(abortedBeforeTheBudget).toBe(false)
    expect(seen.first?.aborted).toBe(true)
    expect(seen.first?.reason).toBeInstanceOf(DeadlineExceededError)
    expect(error?.message).toBe(GENERIC)
  })

  it('gives every plugin of one invocation the same signal', async () => {
    // Prepare
    const signals: AbortSignal[] = []
    const reads = (name: string): AnyPlugin => ({ name, triggers: [source], handler: (_event, { signal }) => void signals.push(signal) })
    const { run } = routerWith([reads('a'), reads('b')])

    // Act
    await run(createEvent(source))

    // Assess
    expect(signals).toHaveLength(2)
    expect(signals[1]).toBe(signals[0])
  })

  it('can be destructured, getters and all', async () => {
    // Prepare
    let parts: Partial<PluginContext> = {}
    const plugin: AnyPlugin = {
      name: 'destructures',
      triggers: [source],
      handler: (_event, { signal, logger, lambdaContext, remainingTimeInMillis }: PluginContext) => {
        parts = { signal, logger, lambdaContext, remainingTimeInMillis }
      },
    }
    const { run } = routerWith([plugin])

    // Act
    await run(createEvent(source))

    // Assess
    expect(parts.signal).toBeInstanceOf(AbortSignal)
    expect(typeof parts.logger?.info).toBe('function')
    expect(parts.lambdaContext?.awsRequestId).toBe('req-0000-1111')
    expect(parts.remainingTimeInMillis?.()).toBeGreaterThan(0)
  })

  it('gives a plugin one logger, bound to the plugin and invocation, however often it is read', async () => {
    // Prepare
    const loggers: Logger[] = []
    const chatty = definePlugin({
      name: 'chatty',
      triggers: [source],
      handler: (_event, context) => {
        loggers.push(context.logger, context.logger)
        context.logger.info('checked the domain', { domain: 'example.com' })
      },
    })
    const { run, logger } = routerWith([chatty])

    // Act
    await run(createEvent(source))

    // Assess
    expect(loggers[1]).toBe(loggers[0])
    expect(logger.lines).toContainEqual({
      level: 'info',
      message: 'checked the domain',
      attributes: expect.objectContaining({ plugin: 'chatty', triggerSource: source, requestId: 'req-0000-1111', domain: 'example.com' }),
    })
  })

  it('scrubs the event secrets from a plugin log line, in the message, the attributes and nested JSON, even after the plugin deleted them', async () => {
    // Prepare
    const password = 'Legacy-Passw0rd!'
    const leaky = definePlugin({
      name: 'leaky',
      triggers: ['UserMigration_Authentication'],
      handler: (event, { logger }) => {
        const typed = event.request.password
        delete (event.request as { password?: string }).password
        logger.warn(`migrating with ${typed}`, { typed, nested: { list: [typed] }, body: JSON.stringify({ password: typed }) })
        return { userAttributes: { email: 'jane.doe@example.com' }, finalUserStatus: 'CONFIRMED', messageAction: 'SUPPRESS' }
      },
    })
    const { run, logger } = routerWith([leaky])

    // Act
    await run(createEvent('UserMigration_Authentication'))

    // Assess
    const line = logger.lines.find((entry) => entry.level === 'warn')
    expect(line?.message).toBe('migrating with [REDACTED]')
    expect(line?.attributes).toMatchObject({ typed: '[REDACTED]', nested: { list: ['[REDACTED]'] }, body: '{"password":"[REDACTED]"}' })
    expect(logger.text()).not.toContain(password)
  })

  it.each([
    ['the envelope’s copy', (router: ReturnType<typeof createRouter>) => router],
    [
      'an event a middleware added with use() replaced',
      (router: ReturnType<typeof createRouter>) => router.use({ before: (request) => void (request.event = structuredClone(request.event)) }),
    ],
  ])('scrubs a password the plugin deleted before logging it, from %s', async (_case, wire) => {
    // Prepare
    const password = 'Legacy-Passw0rd!'
    const deleting = definePlugin({
      name: 'deleting',
      triggers: ['UserMigration_Authentication'],
      handler: (event, { logger }) => {
        const typed = event.request.password
        delete (event.request as { password?: string }).password
        logger.warn(`migrating with ${typed}`)
      },
    })
    const logger = capturingLogger()
    const router = wire(createRouter({ plugins: [deleting], logger }))

    // Act
    await settle(router, createEvent('UserMigration_Authentication'))

    // Assess
    expect(logger.lines.find((entry) => entry.level === 'warn')?.message).toBe('migrating with [REDACTED]')
    expect(logger.text()).not.toContain(password)
  })

  it('gives a plugin logger no clientId when the event has no callerContext', async () => {
    // Prepare
    const chatty = definePlugin({ name: 'chatty', triggers: [source], handler: (_event, { logger }) => logger.info('hi') })
    const { run, logger } = routerWith([chatty])
    const { callerContext: _dropped, ...event } = createEvent(source) as unknown as Record<string, unknown>

    // Act
    await run(event)

    // Assess
    const line = logger.lines.find((entry) => entry.message === 'hi')
    expect(line?.attributes).toMatchObject({ plugin: 'chatty' })
    expect(line?.attributes).not.toHaveProperty('clientId')
  })

  it('scrubs a secret a plugin wrote into the event itself', async () => {
    // Prepare
    const written = 'Fresh-Secret-4711'
    const writer = definePlugin({
      name: 'writer',
      triggers: [source],
      handler: (event, { logger }) => {
        ;(event.request as Record<string, unknown>).password = written
        logger.info(`set ${written}`)
      },
    })
    const { run, logger } = routerWith([writer])

    // Act
    await run(createEvent(source))

    // Assess
    expect(logger.lines).toContainEqual(expect.objectContaining({ message: 'set [REDACTED]' }))
  })

  it('logs the error of a failOpen plugin that never read its logger, scrubbed and bound to the plugin', async () => {
    // Prepare
    const email = 'failing.user@example.com'
    const flaky = definePlugin({
      name: 'flaky',
      triggers: ['PostConfirmation_ConfirmSignUp'],
      failOpen: true,
      handler: (event) => {
        throw new Error(`could not welcome ${event.request.userAttributes.email}`)
      },
    })
    const { run, logger } = routerWith([flaky])

    // Act
    const { error } = await run(createEvent('PostConfirmation_ConfirmSignUp', { userAttributes: { email } }))

    // Assess
    expect(error).toBeUndefined()
    const line = logger.lines.find((entry) => entry.message === 'plugin failed; failOpen, so the event is still echoed')
    expect(line?.level).toBe('error')
    expect(line?.attributes).toMatchObject({ plugin: 'flaky' })
    expect(JSON.stringify(line)).toContain('could not welcome [REDACTED]')
    expect(JSON.stringify(line)).not.toContain(email)
  })
})
