// -- metrics: writing them ----------------------------------------------------------------------
// Per plugin run, in CloudWatch Embedded Metric Format through @aws-lambda-powertools/metrics
// ("Metrics", Powertools for AWS Lambda (TypeScript) documentation). The module is imported only
// when metrics are on, from createRouter (so during the Lambda's init, not a user's sign-in):
// with metrics off nothing of it loads (test/unit/metrics/cold-start.test.ts).
//
// One EMF line per plugin run: the values of an EMF line's dimensions are members of the line
// itself ("Specification: Embedded metric format", Amazon CloudWatch User Guide), so one line holds
// one `plugin` and one `triggerSource`; Powertools likewise merges every dimension set of a flush
// into one object, where a second `plugin` would overwrite the first. The runs of an invocation are
// recorded as the plugins finish and written together when the request ends (after the reply or
// the rejection is decided), success or failure. Writing never fails an invocation.

import type { PluginRun } from '../invocation.js'
import type { Logger } from '../logger.js'
import { warnMetricsFailed } from './failed.js'
import type { ResolvedMetrics } from './options.js'

/** The Powertools metrics module, as the recorder loads it. */
export type MetricsModule = typeof import('@aws-lambda-powertools/metrics')

/** What the router hands over: the runs of one dispatch, and the end of a request. */
export interface MetricsRecorder {
  /** Keeps the runs of one dispatch for the next flush. */
  record(triggerSource: string, runs: readonly PluginRun[]): void
  /** Writes what was recorded: synchronously once the module is loaded; never throws or rejects. */
  flush(): Promise<void> | undefined
}

export { METRICS_FAILED } from './failed.js'

const loadPowertools = (): Promise<MetricsModule> => import('@aws-lambda-powertools/metrics')

/**
 * Starts loading Powertools and returns the recorder of one router. `load` is for tests.
 *
 * @example
 * ```ts
 * const recorder = metricsRecorder(resolveMetricsOptions(true)!, logger)
 * recorder.record('PreSignUp_SignUp', [{ plugin: 'signup-policy', ms: 1.2, outcome: 'ok' }])
 * await recorder.flush() // one EMF line on stdout
 * ```
 */
export const metricsRecorder = (
  options: ResolvedMetrics,
  logger: Logger,
  load: () => Promise<MetricsModule> = loadPowertools,
): MetricsRecorder => {
  let pending: { triggerSource: string; runs: readonly PluginRun[] }[] = []
  let writer: ((triggerSource: string, run: PluginRun) => void) | undefined
  let loadError: unknown
  let settled = false

  const warn = (error: unknown): void => warnMetricsFailed(logger, error)

  // Handled here, whatever happens: a failed import must never be an unhandled rejection.
  // The writer (./writer.ts) is imported beside Powertools: with metrics off, neither is in the
  // Lambda's core chunk.
  const loading = Promise.all([load(), import('./writer.js')])
    .then(([module, { writerOf }]) => {
      writer = writerOf(module, options, logger)
    })
    .catch((error: unknown) => {
      loadError = error
    })
    .finally(() => {
      settled = true
    })

  const write = (): void => {
    const taken = pending
    pending = []
    if (writer === undefined) return warn(loadError)
    try {
      for (const { triggerSource, runs } of taken) for (const run of runs) writer(triggerSource, run)
    } catch (error) {
      warn(error)
    }
  }

  return {
    record: (triggerSource, runs) => {
      if (runs.length > 0) pending.push({ triggerSource, runs })
    },
    flush: () => {
      if (pending.length === 0) return undefined
      if (!settled) return loading.then(write)
      write()
      return undefined
    },
  }
}
