// -- metrics: what is emitted -------------------------------------------------------------------
// The names, units and dimensions of the metrics the router writes, one place for the README and
// the tests to agree on. Named as Lambda names its own metrics (Invocations, Duration, Errors), so
// a dashboard reads alike ("Monitoring functions in the Lambda console", AWS Lambda developer guide).

/**
 * Metric names and their CloudWatch units, written once per plugin run (README "Metrics").
 *
 * @example
 * ```ts
 * import { DEFAULT_METRICS_NAMESPACE, METRICS } from 'cognito-trigger-router'
 *
 * // An alarm on the failures of one plugin (aws-cdk-lib/aws-cloudwatch).
 * new Metric({ namespace: DEFAULT_METRICS_NAMESPACE, metricName: METRICS.failures.name, statistic: 'Sum',
 *   dimensionsMap: { service: 'cognito-trigger-router', triggerSource: 'PreSignUp_SignUp', plugin: 'signup-policy' } })
 * ```
 */
export const METRICS = Object.freeze({
  /** 1 per run of the plugin. */
  invocations: { name: 'Invocations', unit: 'Count' },
  /** How long the plugin ran, in ms (as the `ms` of the log line's `plugins` field). */
  duration: { name: 'Duration', unit: 'Milliseconds' },
  /** 1 when the plugin failed and the invocation failed closed with it, else 0. */
  failures: { name: 'Failures', unit: 'Count' },
  /** 1 when the plugin failed but has `failOpen`, so the event was still echoed, else 0. */
  failOpens: { name: 'FailOpens', unit: 'Count' },
  /** 1 when the plugin ran out of the time budget (a DeadlineExceededError), else 0; also counted in Failures or FailOpens. */
  deadlineHits: { name: 'DeadlineHits', unit: 'Count' },
} as const)

/**
 * The dimensions of every metric, besides the extra ones configured: all low cardinality, never a
 * user, pool, client or request id.
 *
 * @example
 * ```ts
 * import { METRIC_DIMENSIONS } from 'cognito-trigger-router'
 *
 * const dimensionsMap = { [METRIC_DIMENSIONS.service]: 'sign-up', [METRIC_DIMENSIONS.plugin]: 'signup-policy', [METRIC_DIMENSIONS.triggerSource]: 'PreSignUp_SignUp' }
 * ```
 */
export const DIMENSIONS = Object.freeze({
  /** The service, a Powertools default dimension. */
  service: 'service',
  /** The trigger source of the event (one of the catalogue's, never an unknown one). */
  triggerSource: 'triggerSource',
  /** The plugin's name. */
  plugin: 'plugin',
} as const)

/**
 * The namespace when neither the option nor `POWERTOOLS_METRICS_NAMESPACE` names one.
 *
 * @example
 * ```ts
 * createRouter({ plugins, metrics: true }) // metrics in the CognitoTriggerRouter namespace
 * ```
 */
export const DEFAULT_METRICS_NAMESPACE = 'CognitoTriggerRouter'

/** The `service` dimension when neither the option nor `POWERTOOLS_SERVICE_NAME` names one. */
export const DEFAULT_METRICS_SERVICE = 'cognito-trigger-router'
