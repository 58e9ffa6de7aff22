// The router's stand-in for the metrics recorder (src/metrics/lazy.ts): the recorder imported at
// once, runs recorded before it arrives handed over at the end of the request, and a failed import
// only warned about.
import { describe, expect, it } from 'vitest'
import type { PluginRun } from '../../../src/invocation.js'
import { METRICS_FAILED } from '../../../src/metrics/failed.js'
import { lazyMetricsRecorder } from '../../../src/metrics/lazy.js'
import { resolveMetricsOptions } from '../../../src/metrics/options.js'
import { capturingLogger } from '../../helpers/lambda.js'
import { emfProblems } from './emf.js'
import { captureEmfLines } from './stdout.js'

const options = resolveMetricsOptions(true, {})!
const ok: PluginRun = { plugin: 'gate', ms: 1.5, outcome: 'ok' }

const emfLines = captureEmfLines()

describe('lazyMetricsRecorder', () => {
  it('starts importing the recorder when it is made', () => {
    let loads = 0
    lazyMetricsRecorder(options, capturingLogger(), () => (loads++, import('../../../src/metrics/recorder.js')))

    expect(loads).toBe(1)
  })

  it('has nothing to wait for when nothing was recorded', () => {
    const recorder = lazyMetricsRecorder(options, capturingLogger())

    recorder.record('PreSignUp_SignUp', [])

    expect(recorder.flush()).toBeUndefined()
  })

  it('hands runs recorded before the import over at the end of the request, then writes through the recorder', async () => {
    const recorder = lazyMetricsRecorder(options, capturingLogger())

    recorder.record('PreSignUp_SignUp', [ok])
    await recorder.flush()
    recorder.record('PreSignUp_SignUp', [ok, { ...ok, plugin: 'audit' }])
    await recorder.flush()

    expect(emfLines()).toHaveLength(3)
    for (const line of emfLines()) expect(emfProblems(line)).toStrictEqual([])
  })

  it('hands runs over without waiting when the import is done before the request ends', async () => {
    let imported: () => void = () => undefined
    const done = new Promise<void>((resolve) => (imported = resolve))
    const recorder = lazyMetricsRecorder(options, capturingLogger(), async () => {
      const module = await import('../../../src/metrics/recorder.js')
      imported()
      return module
    })

    recorder.record('PreSignUp_SignUp', [ok])
    await done
    await Promise.resolve()
    await recorder.flush()

    expect(emfLines()).toHaveLength(1)
  })

  it.each([
    ['an Error', new Error('Cannot find module ./chunks/recorder.mjs'), { name: 'Error', message: 'Cannot find module ./chunks/recorder.mjs' }],
    ['something else', 'gone', { name: 'string', message: 'gone' }],
  ])('warns once per request with runs, without failing, when the import rejects with %s', async (_case, reason, error) => {
    const logger = capturingLogger()
    const recorder = lazyMetricsRecorder(options, logger, () => Promise.reject(reason))

    recorder.record('PreSignUp_SignUp', [ok])
    await recorder.flush()
    expect(recorder.flush()).toBeUndefined()
    recorder.record('PreSignUp_SignUp', [ok])
    await recorder.flush()

    expect(logger.lines).toStrictEqual([
      { level: 'warn', message: METRICS_FAILED, attributes: { error } },
      { level: 'warn', message: METRICS_FAILED, attributes: { error } },
    ])
    expect(emfLines()).toStrictEqual([])
  })

  it('goes on when the logger fails as well', async () => {
    const logger = { ...capturingLogger(), warn: () => { throw new Error('logger down') } }
    const recorder = lazyMetricsRecorder(options, logger, () => Promise.reject(new Error('no module')))

    recorder.record('PreSignUp_SignUp', [ok])

    await expect(recorder.flush()).resolves.toBeUndefined()
  })
})
