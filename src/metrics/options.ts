// -- metrics: the `metrics` option ------------------------------------------------------------
// Checked at cold start like every other option: a namespace CloudWatch would refuse, or a
// dimension that would make one metric per user, is a ConfigurationError naming the key, not
// a stream of metrics that never appear.

import { ConfigurationError } from '../errors.js'
import { describe, isPlainObject } from '../json.js'
import { DEFAULT_METRICS_NAMESPACE, DEFAULT_METRICS_SERVICE, DIMENSIONS, METRICS } from './names.js'

/**
 * The `metrics` option of `createRouter`. Metrics are off unless it is `true` or an object; see
 * the README's "Metrics" for the names, units and dimensions.
 *
 * @example
 * ```ts
 * createRouter({ plugins, metrics: { namespace: 'Auth', service: 'sign-up', dimensions: { environment: 'prod' } } })
 * ```
 */
export interface MetricsOptions {
  /** The CloudWatch namespace. Default: `POWERTOOLS_METRICS_NAMESPACE`, else `CognitoTriggerRouter`. */
  namespace?: string
  /** The `service` dimension. Default: `POWERTOOLS_SERVICE_NAME`, else `cognito-trigger-router`. */
  service?: string
  /**
   * Extra dimensions with fixed values, the same on every metric (e.g. `{ environment: 'prod' }`).
   * Fixed at cold start, so they never multiply the metrics; names of per-user or per-request
   * fields (`userName`, `sub`, `userPoolId`, `requestId`...) are refused all the same.
   */
  dimensions?: Readonly<Record<string, string>>
}

/** The metrics configuration once checked, with every default applied. */
export interface ResolvedMetrics {
  readonly namespace: string
  readonly service: string
  readonly dimensions: Readonly<Record<string, string>>
}

const OPTION_KEYS = ['namespace', 'service', 'dimensions']

// CloudWatch allows 30 dimensions per metric ("Dimension", Amazon CloudWatch API Reference);
// Powertools keeps one for `service` and refuses more than 29 in all
// (node_modules/@aws-lambda-powertools/metrics/lib/esm/constants.js, MAX_DIMENSION_COUNT).
// service, triggerSource and plugin leave 26.
export const MAX_EXTRA_DIMENSIONS = 29 - Object.keys(DIMENSIONS).length

// "Namespaces" (Amazon CloudWatch User Guide, cloudwatch_concepts): ASCII letters and digits,
// . - _ / # : and space, up to 255 characters, at least one that is not a space; `AWS/` is
// reserved for AWS services, and the API refuses a leading colon (`[^:].*`, "Metric", API Reference).
const NAMESPACE = /^[0-9A-Za-z.\-_/#: ]{1,255}$/
// Dimension names (1-255) and values (1-1024) ("Dimension", Amazon CloudWatch API Reference):
// kept to printable ASCII, which every CloudWatch console and query shows as written.
const PRINTABLE = /^[\x20-\x7E]+$/

// Fields of a Cognito event or a Lambda context that differ per user, per session or per request:
// as a dimension, each would make a metric of its own per value (and each is billed). Compared
// without case, `_`, `-`, `:` or `.`, so `user_name`, `custom:userId` and `cognito:username` match.
const PER_USER_NAMES = new Set([
  'username',
  'user',
  'userid',
  'sub',
  'email',
  'phonenumber',
  'phone',
  'userpoolid',
  'poolid',
  'clientid',
  'appclientid',
  'requestid',
  'awsrequestid',
  'sessionid',
  'ip',
  'ipaddress',
  'sourceip',
  'devicekey',
])
const normalized = (name: string): string => name.toLowerCase().replace(/^custom|^cognito|[-_:.]/g, '')

const fail = (message: string): never => {
  throw new ConfigurationError(`createRouter: ${message}`)
}

const isText = (value: unknown, max: number): value is string =>
  typeof value === 'string' && value.trim() !== '' && value.length <= max && PRINTABLE.test(value)

const checkText = (value: unknown, key: string, max: number): string =>
  isText(value, max) ? value : fail(`"${key}" must be printable ASCII text of 1 to ${max} characters, not only spaces; got ${describe(value)}`)

const checkNamespace = (value: unknown, key: string): string => {
  const text = typeof value === 'string' ? value : ''
  if (!NAMESPACE.test(text) || text.trim() === '' || text.startsWith(':') || text.startsWith('AWS/')) {
    fail(
      `"${key}" must be a CloudWatch namespace: 1 to 255 of A-Z a-z 0-9 . - _ / # : and space, ` +
        `not only spaces, not starting with ":" or "AWS/"; got ${describe(value)}`,
    )
  }
  return text
}

const RESERVED = new Set<string>([...Object.values(DIMENSIONS), ...Object.values(METRICS).map((metric) => metric.name)])

const checkDimensions = (value: unknown): Record<string, string> => {
  if (value === undefined) return {}
  if (!isPlainObject(value)) return fail(`"metrics.dimensions" must be an object of name to fixed text, got ${describe(value)}`)
  const names = Object.keys(value)
  if (names.length > MAX_EXTRA_DIMENSIONS) {
    fail(`"metrics.dimensions" has ${names.length} dimensions; at most ${MAX_EXTRA_DIMENSIONS} fit beside service, triggerSource and plugin`)
  }
  const dimensions: Record<string, string> = {}
  for (const name of names) {
    const key = `metrics.dimensions.${name}`
    if (!isText(name, 255) || name.startsWith(':')) {
      fail(`"${key}": a dimension name must be printable ASCII of 1 to 255 characters, not only spaces, not starting with ":"`)
    }
    if (RESERVED.has(name)) fail(`"${key}": "${name}" is the router's own; pick another name`)
    if (PER_USER_NAMES.has(normalized(name))) {
      fail(`"${key}": a per-user or per-request field is never a dimension (one metric per value); leave it out`)
    }
    dimensions[name] = checkText(value[name], key, 1024)
  }
  return dimensions
}

/**
 * Checks the `metrics` option at cold start and applies its defaults: `undefined` when metrics
 * are off (`undefined` or `false`). Throws a ConfigurationError naming the bad key.
 *
 * @example
 * ```ts
 * resolveMetricsOptions(true, {}) // { namespace: 'CognitoTriggerRouter', service: 'cognito-trigger-router', dimensions: {} }
 * resolveMetricsOptions({ dimensions: { userName: 'x' } })
 * // ConfigurationError: createRouter: "metrics.dimensions.userName": a per-user or per-request field is never a dimension ...
 * ```
 */
export const resolveMetricsOptions = (value: unknown, env: NodeJS.ProcessEnv = process.env): ResolvedMetrics | undefined => {
  if (value === undefined || value === false) return undefined
  const options = value === true ? {} : value
  if (!isPlainObject(options)) return fail(`"metrics" must be true, false or an object, got ${describe(value)}`)
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.includes(key)) fail(`unknown option "metrics.${key}"; expected namespace, service or dimensions`)
  }
  const fromEnv = (name: string): string | undefined => (env[name]?.trim() ? env[name] : undefined)
  const namespace =
    options.namespace !== undefined
      ? checkNamespace(options.namespace, 'metrics.namespace')
      : checkNamespace(fromEnv('POWERTOOLS_METRICS_NAMESPACE') ?? DEFAULT_METRICS_NAMESPACE, 'POWERTOOLS_METRICS_NAMESPACE')
  const service =
    options.service !== undefined
      ? checkText(options.service, 'metrics.service', 1024)
      : checkText(fromEnv('POWERTOOLS_SERVICE_NAME') ?? DEFAULT_METRICS_SERVICE, 'POWERTOOLS_SERVICE_NAME', 1024)
  return Object.freeze({ namespace, service, dimensions: Object.freeze(checkDimensions(options.dimensions)) })
}
