// The recorder on its own: what happens when Powertools cannot be loaded, cannot write, or warns.
import { Metrics } from '@aws-lambda-powertools/metrics'
import { describe, expect, it, vi } from 'vitest'
import type { PluginRun } from '../../../src/invocation.js'
import { resolveMetricsOptions } from '../../../src/metrics/options.js'
import { METRICS_FAILED, metricsRecorder } from '../../../src/metrics/recorder.js'
import { capturingLogger } from '../../helpers/lambda.js'
import { emfProblems } from './emf.js'
import { captureEmfLines } from './stdout.js'

const options = resolveMetricsOptions(true, {})!
const ok: PluginRun = { plugin: 'gate', ms: 1.5, outcome: 'ok' }

const emfLines = captureEmfLines()

describe('metricsRecorder', () => {
  it('has nothing to wait for when nothing was recorded', () => {
    const recorder = metricsRecorder(options, capturingLogger())

    expect(recorder.flush()).toBeUndefined()
  })

  it('records no dispatch that ran no plugin', async () => {
    const recorder = metricsRecorder(options, capturingLogger())

    recorder.record('PreSignUp_SignUp', [])

    expect(recorder.flush()).toBeUndefined()
    expect(emfLines()).toStrictEqual([])
  })

  it('waits for Powertools on the first flush only, then writes synchronously', async () => {
    // Prepare
    const recorder = metricsRecorder(options, capturingLogger())

    // Act
    recorder.record('PreSignUp_SignUp', [ok])
    const first = recorder.flush()
    await first
    recorder.record('PreSignUp_SignUp', [ok])
    const second = recorder.flush()

    // Assess
    expect(first).toBeInstanceOf(Promise)
    expect(second).toBeUndefined()
    expect(emfLines()).toHaveLength(2)
    for (const line of emfLines()) expect(emfProblems(line)).toStrictEqual([])
  })

  it.each([
    ['an Error', new Error('Cannot find package'), { name: 'Error', message: 'Cannot find package' }],
    ['something else', 'gone', { name: 'string', message: 'gone' }],
  ])('warns once per flush, without failing, when loading Powertools rejects with %s', async (_case, reason, error) => {
    // Prepare
    const logger = capturingLogger()
    const recorder = metricsRecorder(options, logger, () => Promise.reject(reason))

    // Act
    recorder.record('PreSignUp_SignUp', [ok])
    await recorder.flush()
    recorder.record('PreSignUp_SignUp', [ok])
    await recorder.flush()

    // Assess
    expect(logger.lines).toStrictEqual([
      { level: 'warn', message: METRICS_FAILED, attributes: { error } },
      { level: 'warn', message: METRICS_FAILED, attributes: { error } },
    ])
    expect(emfLines()).toStrictEqual([])
  })

  it('warns and goes on when a line cannot be written, and the next line carries nothing of the failed one', async () => {
    // Prepare
    const logger = capturingLogger()
    const recorder = metricsRecorder(options, logger)
    const publish = vi.spyOn(Metrics.prototype, 'publishStoredMetrics').mockImplementationOnce(() => {
      throw new RangeError('cannot publish')
    })

    // Act
    recorder.record('PreSignUp_SignUp', [{ plugin: 'failing-line', ms: 1, outcome: 'ok' }])
    await recorder.flush()
    publish.mockRestore()
    recorder.record('PostConfirmation_ConfirmSignUp', [ok])
    await recorder.flush()

    // Assess
    expect(logger.lines).toStrictEqual([
      { level: 'warn', message: METRICS_FAILED, attributes: { error: { name: 'RangeError', message: 'cannot publish' } } },
    ])
    expect(emfLines().map((line) => JSON.parse(line) as Record<string, unknown>)).toMatchObject([
      { plugin: 'gate', triggerSource: 'PostConfirmation_ConfirmSignUp', Invocations: 1 },
    ])
  })

  it('swallows a logger that throws while warning', async () => {
    // Prepare
    const logger = { ...capturingLogger(), warn: () => { throw new Error('logger down') } }
    const recorder = metricsRecorder(options, logger, () => Promise.reject(new Error('no module')))

    // Act
    recorder.record('PreSignUp_SignUp', [ok])
    const flushed = recorder.flush()

    // Assess
    await expect(flushed).resolves.toBeUndefined()
  })

  it("turns Powertools' own warnings into lines of the router's logger", async () => {
    // Prepare: an empty dimension value is refused by Powertools with a warning (the router never makes one).
    const logger = capturingLogger()
    const recorder = metricsRecorder(options, logger)

    // Act
    recorder.record('PreSignUp_SignUp', [{ plugin: '', ms: 1, outcome: 'ok' }])
    await recorder.flush()

    // Assess
    expect(logger.lines).toStrictEqual([
      { level: 'warn', message: expect.stringMatching(/^metrics: The dimension plugin doesn't meet the requirements/), attributes: undefined },
    ])
  })
})
