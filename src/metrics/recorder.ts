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

import type { Metrics } from '@aws-lambda-powertools/metrics'
import type { PluginRun } from '../invocation.js'
import type { Logger } from '../logger.js'
import { warnMetricsFailed } from './failed.js'
import { DIMENSIONS, METRICS } from './names.js'
import type { ResolvedMetrics } from './options.js'

type MetricsModule = typeof import('@aws-lambda-powertools/metrics')

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
  const loading = load()
    .then((module) => {
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

const writerOf = (
  { Metrics: MetricsClass, MetricUnit: units }: MetricsModule,
  { namespace, service, dimensions }: ResolvedMetrics,
  logger: Logger,
): ((triggerSource: string, run: PluginRun) => void) => {
  // Powertools' own messages (it only warns) become lines of the router's logger, not bare text on stderr.
  const at = (level: 'debug' | 'info' | 'warn' | 'error') => (message: unknown) => logger[level](`metrics: ${String(message)}`)
  const metrics: Metrics = new MetricsClass({
    namespace,
    serviceName: service,
    defaultDimensions: { ...dimensions },
    logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') },
  })
  const count = units.Count
  return (triggerSource, run) => {
    try {
      metrics.addDimension(DIMENSIONS.triggerSource, triggerSource)
      metrics.addDimension(DIMENSIONS.plugin, run.plugin)
      metrics.addMetric(METRICS.invocations.name, count, 1)
      metrics.addMetric(METRICS.duration.name, units.Milliseconds, run.ms)
      metrics.addMetric(METRICS.failures.name, count, run.outcome === 'failed' ? 1 : 0)
      metrics.addMetric(METRICS.failOpens.name, count, run.outcome === 'failed-open' ? 1 : 0)
      metrics.addMetric(METRICS.deadlineHits.name, count, run.deadline === true ? 1 : 0)
      metrics.publishStoredMetrics()
    } finally {
      // A failure half-way must not leave this run's dimensions or values to the next line.
      metrics.clearMetrics()
      metrics.clearDimensions()
    }
  }
}
