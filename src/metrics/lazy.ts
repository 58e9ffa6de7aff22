// -- metrics: the recorder, loaded only when the option is on -------------------------------------
// The router checks the option at cold start (./options.ts) and gets this stand-in, which starts
// importing the recorder (./recorder.ts, and Powertools through it) at once. Runs recorded before
// the import is done are kept and handed over at the end of the request, which waits for it.
// Without the option none of that code is in the Lambda's core chunk, nor parsed at cold start.

import type { PluginRun } from '../invocation.js'
import type { Logger } from '../logger.js'
import { warnMetricsFailed } from './failed.js'
import type { ResolvedMetrics } from './options.js'
import type { MetricsRecorder } from './recorder.js'

type RecorderModule = Pick<typeof import('./recorder.js'), 'metricsRecorder'>

const loadRecorderModule = (): Promise<RecorderModule> => import('./recorder.js')

/**
 * The router's metrics recorder: imports ./recorder.ts now, without waiting for it. A failed
 * import only warns ({@link warnMetricsFailed}), once per request that had runs to write, like a
 * failed Powertools import: metrics never fail an invocation. `load` is for tests.
 *
 * @example
 * ```ts
 * const recorder = lazyMetricsRecorder(resolveMetricsOptions(true)!, logger)
 * recorder.record('PreSignUp_SignUp', [{ plugin: 'signup-policy', ms: 1.2, outcome: 'ok' }])
 * await recorder.flush() // one EMF line on stdout
 * ```
 */
export const lazyMetricsRecorder = (
  options: ResolvedMetrics,
  logger: Logger,
  load: () => Promise<RecorderModule> = loadRecorderModule,
): MetricsRecorder => {
  let recorder: MetricsRecorder | undefined
  let loadError: unknown
  let pending: { triggerSource: string; runs: readonly PluginRun[] }[] = []
  // Never rejects: a failed import must not be an unhandled rejection.
  const loading = load().then(
    ({ metricsRecorder }) => {
      recorder = metricsRecorder(options, logger)
    },
    (error: unknown) => {
      loadError = error
    },
  )

  const handOver = (): Promise<void> | undefined => {
    const taken = pending
    pending = []
    if (recorder === undefined) {
      warnMetricsFailed(logger, loadError)
      return undefined
    }
    for (const { triggerSource, runs } of taken) recorder.record(triggerSource, runs)
    return recorder.flush()
  }

  return {
    record: (triggerSource, runs) => {
      if (recorder !== undefined) recorder.record(triggerSource, runs)
      else if (runs.length > 0) pending.push({ triggerSource, runs })
    },
    flush: () => {
      if (pending.length > 0) return recorder === undefined && loadError === undefined ? loading.then(handOver) : handOver()
      return recorder?.flush()
    },
  }
}
