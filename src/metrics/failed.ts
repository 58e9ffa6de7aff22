// -- metrics: the one warning when they cannot be written -----------------------------------------
// Written by ./recorder.ts when Powertools or ./writer.ts cannot be loaded, or a line cannot be written.

import type { Logger } from '../logger.js'

/** The one line written when metrics cannot be written; it carries nothing from any event. */
export const METRICS_FAILED = 'metrics could not be written; the invocation is not affected'

/**
 * Writes {@link METRICS_FAILED} with the error's name and message only: Powertools is given plugin
 * names, trigger sources and numbers, never event data, and a failed import names the module.
 * Never throws: a logger that fails too leaves nothing to report to, and the invocation must go on.
 *
 * @example
 * ```ts
 * warnMetricsFailed(logger, new Error('Cannot find package @aws-lambda-powertools/metrics'))
 * ```
 */
export const warnMetricsFailed = (logger: Logger, error: unknown): void => {
  try {
    const { name, message } = error instanceof Error ? error : { name: typeof error, message: String(error) }
    logger.warn(METRICS_FAILED, { error: { name, message } })
  } catch {
    // The logger failed too: nothing left to report to.
  }
}
