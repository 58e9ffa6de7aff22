// Router behaviour the other router tests take for granted: option checks, the exact log lines,
// the deadline a plugin sees, and timing figures.

import type { Request } from '@middy/core'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ConfigurationError, TriggerRejectedError } from '../../src/errors.js'
import { definePlugin } from '../../src/plugin.js'
import { createRouter, type PluginRun } from '../../src/router.js'
import { createEvent } from '../../src/testing/events.js'
import { capturingLogger, settle } from '../helpers/lambda.js'

// The router's clock (performance.now) and timers are fake where a test depends on time: what a
// plugin sees, or how long it took, must not depend on how fast the machine is.
const fakeClock = () => vi.useFakeTimers({ toFake: ['performance', 'setTimeout', 'clearTimeout'] })
afterEach(() => {
  vi.useRealTimers()
})

describe('createRouter options', () => {
  it.each([
    ['no options object', () => createRouter(undefined as never), 'createRouter needs an options object with "plugins"'],
    ['a logger without warn', () => createRouter({ plugins: [], logger: { debug: () => 1, info: () => 1, error: () => 1 } as never }), 'createRouter: "logger" must have debug, info, warn and error methods (missing warn)'],
    ['a logger whose isLevelEnabled is not a function', () => createRouter({ plugins: [], logger: { ...capturingLogger(), isLevelEnabled: true } as never }), 'createRouter: "logger" has an "isLevelEnabled" that is not a function'],
  ])('refuses %s', (_case, create, message) => {
    // Assess
    expect(create).toThrowError(new ConfigurationError(message))
  })

  it('uses the configured generic message', async () => {
    // Prepare
    const failing = definePlugin({ name: 'failing', triggers: ['PreSignUp_SignUp'], handler: () => {
      throw new Error('down')
    } })
    const router = createRouter({ plugins: [failing], logger: capturingLogger(), errorMessage: 'Sign-up is closed (ref {requestId})' })

    // Act
    const { error } = await settle(router, createEvent('PreSignUp_SignUp'))

    // Assess
    expect(error?.message).toBe('[INTERNAL_ERROR] Sign-up is closed (ref req-0000-1111)')
  })
})

describe('the deadline a plugin sees', () => {
  it('is the router’s deadlineMs, not a default', async () => {
    // Prepare
    fakeClock()
    let remaining = -1
    const reader = definePlugin({ name: 'reader', triggers: ['PreAuthentication_Authentication'], handler: (_event, context) => {
      remaining = context.remainingTimeInMillis()
    } })
    const router = createRouter({ plugins: [reader], logger: capturingLogger(), deadlineMs: 400 })

    // Act
    await settle(router, createEvent('PreAuthentication_Authentication'))

    // Assess
    expect(remaining).toBe(400)
  })

  it('only races the plugins: a slow middleware added after them does not fail the invocation', async () => {
    // Prepare
    fakeClock()
    const quick = definePlugin({ name: 'quick', triggers: ['PreAuthentication_Authentication'], handler: () => undefined })
    const router = createRouter({ plugins: [quick], logger: capturingLogger(), deadlineMs: 5 }).use({
      after: (_request: Request) => {
        vi.advanceTimersByTime(30)
      },
    })

    // Act
    const { error } = await settle(router, createEvent('PreAuthentication_Authentication'))

    // Assess
    expect(error).toBeUndefined()
  })
})

describe('router log lines', () => {
  const runsOf = (lines: ReturnType<typeof capturingLogger>['lines']): PluginRun[] =>
    lines.find((line) => line.attributes !== undefined && 'plugins' in line.attributes)?.attributes?.plugins as PluginRun[]

  it('warns about an unknown triggerSource with the source and the request id', async () => {
    // Prepare
    const logger = capturingLogger()
    const router = createRouter({ plugins: [], logger })

    // Act
    await settle(router, { ...createEvent('PreSignUp_SignUp'), triggerSource: 'PreSignUp_Future' })

    // Assess
    expect(logger.lines.filter((line) => line.level === 'warn')).toStrictEqual([
      { level: 'warn', message: 'unknown triggerSource echoed unchanged', attributes: { triggerSource: 'PreSignUp_Future', requestId: 'req-0000-1111' } },
    ])
  })

  it('logs a failOpen failure with a summary of the error and records the run as failed-open', async () => {
    // Prepare
    const logger = capturingLogger()
    const welcome = definePlugin({ name: 'welcome', triggers: ['PostConfirmation_ConfirmSignUp'], failOpen: true, handler: () => {
      throw new TypeError('mail server down')
    } })
    const router = createRouter({ plugins: [welcome], logger })

    // Act
    const { error } = await settle(router, createEvent('PostConfirmation_ConfirmSignUp'))

    // Assess
    expect(error).toBeUndefined()
    const line = logger.lines.find((entry) => entry.level === 'error')
    expect(line?.message).toBe('plugin failed; failOpen, so the event is still echoed')
    expect(line?.attributes).toMatchObject({ plugin: 'welcome', error: 'TypeError: mail server down' })
    expect(runsOf(logger.lines).map((run) => run.outcome)).toStrictEqual(['failed-open'])
  })

  it('records a failed run and names the plugin whose result is not a patch', async () => {
    // Prepare
    const logger = capturingLogger()
    const numeric = definePlugin({ name: 'numeric', triggers: ['PreSignUp_SignUp'], handler: () => 42 as never })
    const router = createRouter({ plugins: [numeric], logger })

    // Act
    const { error } = await settle(router, createEvent('PreSignUp_SignUp'))

    // Assess
    expect(error).toBeInstanceOf(TriggerRejectedError)
    expect(runsOf(logger.lines)).toMatchObject([{ plugin: 'numeric', outcome: 'failed' }])
    const failure = logger.lines.find((line) => line.message === 'cognito trigger failed')
    expect(failure?.attributes).toMatchObject({
      errorName: 'InvalidReplyError',
      errorMessage: 'invalid reply: plugin "numeric" returned a number; return a response patch, nothing, or the event [plugin.result]',
    })
  })

  it('measures each plugin’s time in milliseconds, to two decimals', async () => {
    // Prepare
    const logger = capturingLogger()
    fakeClock()
    const slow = definePlugin({ name: 'slow', triggers: ['PreAuthentication_Authentication'], handler: async () => {
      vi.advanceTimersByTime(12.3456)
    } })
    const router = createRouter({ plugins: [slow], logger })

    // Act
    await settle(router, createEvent('PreAuthentication_Authentication'))

    // Assess
    const [run] = runsOf(logger.lines)
    expect(run?.ms).toBe(12.35)
  })

  it('keeps invocations in flight at once apart, past an awaiting middleware: each reply echoes its own event', async () => {
    // Prepare: each sign-up waits until released, so three are in flight together and end in reverse order.
    const releases = new Map<string, () => void>()
    const gate = definePlugin({ name: 'gate', triggers: ['PreSignUp_SignUp'], handler: async (event) => {
      await new Promise<void>((resolve) => releases.set(event.userName, resolve))
      return { autoConfirmUser: event.userName === 'second' }
    } })
    // A middleware that awaits before the plugins: every invocation's before step runs before any handler.
    const router = createRouter({ plugins: [gate], logger: capturingLogger() }).use({ before: async () => {
      await Promise.resolve()
    } })
    const names = ['first', 'second', 'third']

    // Act
    const pending = names.map((userName) => settle(router, createEvent('PreSignUp_SignUp', { overrides: { userName } })))
    await vi.waitFor(() => expect(releases.size).toBe(3))
    for (const name of [...names].reverse()) releases.get(name)?.()
    const outcomes = await Promise.all(pending)

    // Assess
    expect(outcomes.map(({ reply }) => reply)).toMatchObject([
      { userName: 'first', response: { autoConfirmUser: false } },
      { userName: 'second', response: { autoConfirmUser: true } },
      { userName: 'third', response: { autoConfirmUser: false } },
    ])
  })
})
