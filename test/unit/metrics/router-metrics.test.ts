// The `metrics` option end to end: a router with plugins that succeed, fail, fail open and run out
// of time writes one EMF line per plugin run on stdout, once the reply or the rejection is decided,
// and every line validates against the EMF specification's structure (./emf.ts).
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { TriggerSource } from '../../../src/catalogue.js'
import { TriggerRejectedError } from '../../../src/errors.js'
import { METRICS_FAILED } from '../../../src/metrics/recorder.js'
import type { AnyPlugin } from '../../../src/plugin.js'
import { createRouter, type RouterOptions } from '../../../src/router.js'
import { createEvent } from '../../../src/testing/events.js'
import { capturingLogger, deferred, lambdaContext, settle } from '../../helpers/lambda.js'
import { emfProblems } from './emf.js'
import { captureEmfLines } from './stdout.js'

const SIGN_UP = 'PreSignUp_SignUp' satisfies TriggerSource
const CONFIRMED = 'PostConfirmation_ConfirmSignUp' satisfies TriggerSource

// Settles only when the deadline aborts it: whatever the machine's speed, the run is a deadline hit.
const never = (): Promise<never> => new Promise(() => undefined)

const emfLines = captureEmfLines()

afterEach(() => {
  vi.useRealTimers()
})

const run = async (plugins: readonly AnyPlugin[], event: unknown, options: Partial<RouterOptions> = {}) => {
  const logger = capturingLogger()
  const router = createRouter({ plugins, logger, metrics: true, ...options })
  const settled = await settle(router, event)
  return { ...settled, logger, lines: emfLines(), documents: emfLines().map((line) => JSON.parse(line) as Record<string, unknown>) }
}

describe('metrics per plugin run', () => {
  it.each([
    ['succeeds', SIGN_UP, { handler: () => ({ autoConfirmUser: true }) }, {}, { Failures: 0, FailOpens: 0, DeadlineHits: 0 }, 'ok'],
    ['fails', SIGN_UP, { handler: () => { throw new Error('db down') } }, {}, { Failures: 1, FailOpens: 0, DeadlineHits: 0 }, 'failed'],
    ['fails open', CONFIRMED, { failOpen: true, handler: () => { throw new Error('mail down') } }, {}, { Failures: 0, FailOpens: 1, DeadlineHits: 0 }, 'ok'],
    ['hits the deadline', SIGN_UP, { handler: never }, { deadlineMs: 1 }, { Failures: 1, FailOpens: 0, DeadlineHits: 1 }, 'failed'],
    ['hits the deadline and fails open', CONFIRMED, { failOpen: true, handler: never }, { deadlineMs: 1 }, { Failures: 0, FailOpens: 1, DeadlineHits: 1 }, 'ok'],
  ] as const)('a plugin that %s gives one valid EMF line with its counts', async (_case, source, definition, options, counts, replied) => {
    // Prepare
    const plugin = { name: 'gate', triggers: [source], ...definition } as AnyPlugin
    const event = createEvent(source)

    // Act
    const { reply, error, lines, documents } = await run([plugin], event, options)

    // Assess
    if (replied === 'ok') expect(reply).toBeDefined()
    else expect(error).toBeInstanceOf(TriggerRejectedError)
    expect(lines).toHaveLength(1)
    expect(emfProblems(lines[0]!)).toStrictEqual([])
    const [document] = documents
    expect(document).toStrictEqual({
      _aws: {
        Timestamp: expect.any(Number),
        CloudWatchMetrics: [
          {
            Namespace: 'CognitoTriggerRouter',
            Dimensions: [['service', 'triggerSource', 'plugin']],
            Metrics: [
              { Name: 'Invocations', Unit: 'Count' },
              { Name: 'Duration', Unit: 'Milliseconds' },
              { Name: 'Failures', Unit: 'Count' },
              { Name: 'FailOpens', Unit: 'Count' },
              { Name: 'DeadlineHits', Unit: 'Count' },
            ],
          },
        ],
      },
      service: 'cognito-trigger-router',
      triggerSource: source,
      plugin: 'gate',
      Invocations: 1,
      Duration: expect.any(Number),
      ...counts,
    })
  })

  it('never puts a user, pool, client or request id on a line', async () => {
    // Prepare
    const plugin: AnyPlugin = { name: 'gate', triggers: [SIGN_UP], handler: () => undefined }
    const event = createEvent(SIGN_UP)

    // Act
    const { lines } = await run([plugin], event)

    // Assess
    expect(lines).toHaveLength(1)
    for (const id of [event.userName, event.userPoolId, event.callerContext.clientId, lambdaContext().awsRequestId]) {
      expect(lines[0]).not.toContain(id)
    }
  })

  it('writes one line per plugin run, in the order the plugins ran, all after the reply was decided', async () => {
    // Prepare
    const linesWhenRun: number[] = []
    const plugins: AnyPlugin[] = ['first', 'second'].map((name) => ({
      name,
      triggers: [SIGN_UP],
      handler: () => void linesWhenRun.push(emfLines().length),
    }))

    // Act
    const { documents } = await run(plugins, createEvent(SIGN_UP))

    // Assess
    expect(linesWhenRun).toStrictEqual([0, 0])
    expect(documents.map((document) => document.plugin)).toStrictEqual(['first', 'second'])
  })

  it('writes no line for the plugins that never ran after a failure', async () => {
    // Prepare
    const plugins: AnyPlugin[] = [
      { name: 'refuses', triggers: [SIGN_UP], handler: () => { throw new Error('no') } },
      { name: 'after', triggers: [SIGN_UP], handler: () => undefined },
    ]

    // Act
    const { documents } = await run(plugins, createEvent(SIGN_UP))

    // Assess
    expect(documents.map((document) => [document.plugin, document.Failures])).toStrictEqual([['refuses', 1]])
  })

  it('still counts the runs when a middleware replaced the event', async () => {
    // Prepare
    const plugin: AnyPlugin = { name: 'gate', triggers: [SIGN_UP], handler: () => undefined }
    const router = createRouter({ plugins: [plugin], logger: capturingLogger(), metrics: true }).use({
      before: (request) => {
        request.event = structuredClone(request.event)
      },
    })

    // Act
    const { error } = await settle(router, createEvent(SIGN_UP))

    // Assess
    expect(error).toBeUndefined()
    expect(emfLines().map((line) => (JSON.parse(line) as { plugin: string }).plugin)).toStrictEqual(['gate'])
  })

  it.each([
    ['no plugin handles the source', createEvent('PreAuthentication_Authentication')],
    ['the source is unknown', { ...createEvent(SIGN_UP), triggerSource: 'Brand_New' }],
  ])('writes nothing when %s', async (_case, event) => {
    // Prepare
    const plugin: AnyPlugin = { name: 'gate', triggers: [SIGN_UP], handler: () => undefined }

    // Act
    const { lines } = await run([plugin], event)

    // Assess
    expect(lines).toStrictEqual([])
  })
})

describe('the metrics option', () => {
  it.each([
    ['left out', {}],
    ['false', { metrics: false }],
  ])('writes no metrics when %s', async (_case, options) => {
    // Prepare
    const plugin: AnyPlugin = { name: 'gate', triggers: [SIGN_UP], handler: () => undefined }

    // Act
    const { lines } = await run([plugin], createEvent(SIGN_UP), { metrics: undefined, ...options })

    // Assess
    expect(lines).toStrictEqual([])
  })

  it('puts the namespace, the service and the fixed extra dimensions on every line', async () => {
    // Prepare
    const plugin: AnyPlugin = { name: 'gate', triggers: [SIGN_UP], handler: () => undefined }
    const metrics = { namespace: 'Auth/SignUp', service: 'sign-up', dimensions: { environment: 'prod' } }

    // Act
    const { lines, documents } = await run([plugin], createEvent(SIGN_UP), { metrics })

    // Assess
    expect(emfProblems(lines[0]!)).toStrictEqual([])
    expect(documents[0]).toMatchObject({
      _aws: { CloudWatchMetrics: [{ Namespace: 'Auth/SignUp', Dimensions: [['service', 'environment', 'triggerSource', 'plugin']] }] },
      service: 'sign-up',
      environment: 'prod',
    })
  })

  it('takes the namespace and the service from the Powertools variables when the option names none', async () => {
    // Prepare
    vi.stubEnv('POWERTOOLS_METRICS_NAMESPACE', 'FromEnv')
    vi.stubEnv('POWERTOOLS_SERVICE_NAME', 'env-service')
    const plugin: AnyPlugin = { name: 'gate', triggers: [SIGN_UP], handler: () => undefined }

    // Act
    const { documents } = await run([plugin], createEvent(SIGN_UP))

    // Assess
    expect(documents[0]).toMatchObject({ _aws: { CloudWatchMetrics: [{ Namespace: 'FromEnv' }] }, service: 'env-service' })
  })

  it('writes nothing when POWERTOOLS_METRICS_DISABLED is true, as Powertools documents', async () => {
    // Prepare
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'true')
    const plugin: AnyPlugin = { name: 'gate', triggers: [SIGN_UP], handler: () => undefined }

    // Act
    const { reply, lines } = await run([plugin], createEvent(SIGN_UP))

    // Assess
    expect(reply).toBeDefined()
    expect(lines).toStrictEqual([])
  })

  it('never fails an invocation when the metrics cannot be written: one warning without event data', async () => {
    // Prepare: Powertools refuses to start on a value of POWERTOOLS_METRICS_DISABLED that is not a boolean.
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'perhaps')
    const plugin: AnyPlugin = { name: 'gate', triggers: [SIGN_UP], handler: () => ({ autoConfirmUser: true }) }
    const event = createEvent(SIGN_UP)

    // Act
    const { reply, error, lines, logger } = await run([plugin], event)

    // Assess
    expect(error).toBeUndefined()
    expect(reply).toMatchObject({ response: { autoConfirmUser: true } })
    expect(lines).toStrictEqual([])
    const warnings = logger.lines.filter((line) => line.level === 'warn')
    expect(warnings).toStrictEqual([
      { level: 'warn', message: METRICS_FAILED, attributes: { error: { name: 'Error', message: expect.stringContaining('POWERTOOLS_METRICS_DISABLED') } } },
    ])
    expect(JSON.stringify(warnings)).not.toContain(event.userName)
  })
})

describe('the plugins field of the log line', () => {
  // The router's clock (performance.now) and its timer (setTimeout) are fake here: the budget runs
  // out when the test says so, however long the machine takes to run the quick plugin.
  it('marks a run that hit the deadline, and leaves the other runs as they were', async () => {
    // Prepare
    vi.useFakeTimers({ toFake: ['performance', 'setTimeout', 'clearTimeout'] })
    const slowStarted = deferred()
    const plugins: AnyPlugin[] = [
      { name: 'quick', triggers: [CONFIRMED], handler: () => undefined },
      {
        name: 'slow',
        triggers: [CONFIRMED],
        failOpen: true,
        handler: () => {
          slowStarted.resolve()
          return never()
        },
      },
    ]

    // Act
    const ran = run(plugins, createEvent(CONFIRMED), { deadlineMs: 1000, metrics: false })
    await slowStarted.promise
    await vi.advanceTimersByTimeAsync(1000)
    const { logger } = await ran

    // Assess
    const withRuns = logger.lines.filter((line) => line.attributes?.plugins !== undefined)
    expect(withRuns).toHaveLength(1)
    expect(withRuns[0]?.attributes?.plugins).toStrictEqual([
      { plugin: 'quick', ms: expect.any(Number), outcome: 'ok' },
      { plugin: 'slow', ms: expect.any(Number), outcome: 'failed-open', deadline: true },
    ])
  })
})
