// -- metrics: one EMF line per plugin run ---------------------------------------------------------
// Imported by ./recorder.ts beside @aws-lambda-powertools/metrics, only when metrics are on.

import type { Metrics } from '@aws-lambda-powertools/metrics'
import type { PluginRun } from '../invocation.js'
import type { Logger } from '../logger.js'
import { DIMENSIONS, METRICS } from './names.js'
import type { ResolvedMetrics } from './options.js'
import type { MetricsModule } from './recorder.js'

/** Writes one run as one EMF line through Powertools; throws what Powertools throws. */
export const writerOf = (
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
