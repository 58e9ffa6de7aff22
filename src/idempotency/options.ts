// -- idempotency: the `idempotency` router option ------------------------------------------
// Off unless given. Checked once at cold start: a wrong option is a ConfigurationError naming the
// key, never a surprise on the first retry in production.

import type { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { ConfigurationError } from '../errors.js'
import { type IdempotencyKeySource, DEFAULT_KEY_PATHS, KEY_PATH_PATTERN, isExcludedKeyPath } from './paths.js'

/**
 * Seconds within which a repeat of a request replays the first result, unless configured.
 * Cognito's three attempts of a synchronous trigger fit in 15 s; Lambda retries an asynchronous
 * invocation (the custom senders) after about one and then two more minutes ("Asynchronous
 * invocation", https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html). Five minutes
 * covers both with room to spare, while keeping short the time in which two genuinely separate but
 * identical requests are mistaken for a retry (see DEFAULT_KEY_PATHS in ./paths.ts).
 */
export const DEFAULT_WINDOW_SECONDS = 300

/** The longest window accepted: a day. Longer would only keep stale records around. */
export const MAX_WINDOW_SECONDS = 86_400

/** Per-plugin settings, under `idempotency.plugins.<plugin name>`. */
export interface IdempotencyPluginOptions {
  /** `false` runs this plugin without idempotency even though it has side effects. Default true. */
  enabled?: boolean
  /** What identifies one request for this plugin: paths into the event, or a function. Default {@link DEFAULT_KEY_PATHS}. */
  key?: IdempotencyKeySource
  /** Replay window for this plugin, in seconds. Default: the router-wide `windowSeconds`. */
  windowSeconds?: number
}

/**
 * The `idempotency` router option. Without it, nothing changes and nothing is loaded. With it,
 * each plugin that declares side effects runs at most once per Cognito request within the window;
 * a repeat gets the first run's result.
 *
 * There is deliberately no switch to run a plugin unprotected when the store fails: a store that
 * cannot be reached or is throttled makes the plugin fail without running (a run could be a second
 * send). What happens next is the plugin's `failOpen` (see {@link storeFailureOutcome}).
 *
 * @example
 * ```ts
 * const router = createRouter({
 *   plugins: [welcomeEmail(), signInAudit()],
 *   idempotency: {
 *     tableName: process.env.IDEMPOTENCY_TABLE!,
 *     plugins: { 'sign-in-audit': { windowSeconds: 30 } },
 *   },
 * })
 * ```
 */
export interface IdempotencyOptions {
  /** The DynamoDB table, in the layout `@aws-lambda-powertools/idempotency` documents (partition key `id`, TTL on `expiration`). */
  tableName: string
  /** Replay window in seconds, 1 to {@link MAX_WINDOW_SECONDS}. Default {@link DEFAULT_WINDOW_SECONDS}. */
  windowSeconds?: number
  /** Settings for single plugins, by plugin name. */
  plugins?: Readonly<Record<string, IdempotencyPluginOptions>>
  /** The DynamoDB client to use (code only, not JSON); default: one created on first use, with the Lambda's region and role. */
  client?: DynamoDBClient
}

/** What one plugin runs with, all defaults applied. */
export interface ResolvedPluginIdempotency {
  readonly enabled: boolean
  readonly key: IdempotencyKeySource
  readonly windowSeconds: number
}

/** The option with its defaults applied. */
export interface ResolvedIdempotency {
  readonly tableName: string
  readonly windowSeconds: number
  readonly client: DynamoDBClient | undefined
  /** The settings of `plugin`, defaults applied (a plugin without its own entry gets the router-wide ones). */
  forPlugin(plugin: string): ResolvedPluginIdempotency
}

const OPTION_KEYS = ['tableName', 'windowSeconds', 'plugins', 'client']
const PLUGIN_KEYS = ['enabled', 'key', 'windowSeconds']

const describe = (value: unknown): string => {
  if (value === undefined) return 'nothing'
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const problem = (where: string, message: string) => new ConfigurationError(`idempotency option "${where}" ${message}`)

const checkKeys = (value: Record<string, unknown>, allowed: readonly string[], where: string): void => {
  const unknown = Object.keys(value).find((key) => !allowed.includes(key))
  if (unknown !== undefined) {
    throw problem(`${where}.${unknown}`, `is not an option; expected ${allowed.map((key) => `"${key}"`).join(', ')}`)
  }
}

const checkWindow = (value: unknown, where: string): number | undefined => {
  if (value === undefined) return undefined
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_WINDOW_SECONDS) {
    throw problem(where, `must be a whole number of seconds from 1 to ${MAX_WINDOW_SECONDS}, got ${describe(value)}`)
  }
  return value
}

const checkKey = (value: unknown, where: string): IdempotencyKeySource | undefined => {
  if (value === undefined || typeof value === 'function') return value as IdempotencyKeySource | undefined
  if (!Array.isArray(value) || value.length === 0) {
    throw problem(where, `must be a non-empty array of event paths or a function, got ${describe(value)}`)
  }
  value.forEach((path: unknown, index) => {
    if (typeof path !== 'string' || !KEY_PATH_PATTERN.test(path)) {
      throw problem(`${where}[${index}]`, `must be a dotted path into the event such as "request.userAttributes.sub", got ${describe(path)}`)
    }
    if (isExcludedKeyPath(path)) {
      throw problem(`${where}[${index}]`, `names "${path}", which is never part of a key (a secret must not reach the store)`)
    }
  })
  return Object.freeze([...(value as string[])])
}

const checkPlugin = (value: unknown, where: string, windowSeconds: number): ResolvedPluginIdempotency => {
  if (!isRecord(value)) throw problem(where, `must be an object, got ${describe(value)}`)
  checkKeys(value, PLUGIN_KEYS, where)
  if (value.enabled !== undefined && typeof value.enabled !== 'boolean') {
    throw problem(`${where}.enabled`, `must be a boolean, got ${describe(value.enabled)}`)
  }
  return Object.freeze({
    enabled: value.enabled ?? true,
    key: checkKey(value.key, `${where}.key`) ?? DEFAULT_KEY_PATHS,
    windowSeconds: checkWindow(value.windowSeconds, `${where}.windowSeconds`) ?? windowSeconds,
  })
}

/**
 * Checks the `idempotency` router option and applies its defaults. `undefined` means off.
 * `sideEffectPlugins`, when given, are the plugins that declare side effects: a `plugins` entry
 * for any other name is refused, since it would silently do nothing.
 *
 * @throws {ConfigurationError} naming the first wrong key, for example
 *   `idempotency option "idempotency.plugins.welcome-email.windowSeconds" must be a whole number of seconds from 1 to 86400, got 0`.
 *
 * @example
 * ```ts
 * const idempotency = resolveIdempotencyOptions({ tableName: 'idempotency', windowSeconds: 120 })
 * idempotency?.forPlugin('welcome-email') // { enabled: true, key: DEFAULT_KEY_PATHS, windowSeconds: 120 }
 * ```
 */
export const resolveIdempotencyOptions = (
  options: unknown,
  sideEffectPlugins?: readonly string[],
  where = 'idempotency',
): ResolvedIdempotency | undefined => {
  if (options === undefined) return undefined
  if (!isRecord(options)) throw problem(where, `must be an object with a "tableName", got ${describe(options)}`)
  checkKeys(options, OPTION_KEYS, where)
  const { tableName } = options
  if (typeof tableName !== 'string' || tableName.trim() === '') {
    throw problem(`${where}.tableName`, `must be the name of a DynamoDB table, got ${describe(tableName)}`)
  }
  const windowSeconds = checkWindow(options.windowSeconds, `${where}.windowSeconds`) ?? DEFAULT_WINDOW_SECONDS
  if (options.plugins !== undefined && !isRecord(options.plugins)) {
    throw problem(`${where}.plugins`, `must be an object keyed by plugin name, got ${describe(options.plugins)}`)
  }
  const { client } = options
  if (client !== undefined && (!isRecord(client) || typeof client.send !== 'function')) {
    throw problem(`${where}.client`, `must be a DynamoDBClient, got ${describe(client)}`)
  }
  const plugins = new Map<string, ResolvedPluginIdempotency>()
  for (const [name, value] of Object.entries(options.plugins ?? {})) {
    if (sideEffectPlugins !== undefined && !sideEffectPlugins.includes(name)) {
      const expected = sideEffectPlugins.length === 0 ? 'none is registered' : `expected ${sideEffectPlugins.map((known) => `"${known}"`).join(', ')}`
      throw problem(`${where}.plugins.${name}`, `names no registered plugin with side effects; ${expected}`)
    }
    plugins.set(name, checkPlugin(value, `${where}.plugins.${name}`, windowSeconds))
  }
  const defaults: ResolvedPluginIdempotency = Object.freeze({ enabled: true, key: DEFAULT_KEY_PATHS, windowSeconds })
  return Object.freeze({
    tableName,
    windowSeconds,
    client: client as DynamoDBClient | undefined,
    forPlugin: (plugin: string) => plugins.get(plugin) ?? defaults,
  })
}

/**
 * What the router does when the idempotency store fails (unreachable, throttled, access denied)
 * before a side-effecting plugin ran: the plugin does not run, since running it unprotected could
 * be the second send Cognito's retry was about to cause. The failure then counts as the plugin's
 * own failure: the request fails closed, unless the plugin is `failOpen` (allowed only on the
 * PostConfirmation and PostAuthentication triggers, whose state Cognito has already committed), in
 * which case the event is echoed and the plugin's side effect is skipped for this request. A
 * custom sender that fails is retried by Lambda (asynchronous invocation), when the store may be back.
 *
 * @example
 * ```ts
 * storeFailureOutcome({ failOpen: true }) // 'skip-plugin'
 * storeFailureOutcome({}) // 'fail-closed'
 * ```
 */
export const storeFailureOutcome = (plugin: { readonly failOpen?: boolean }): 'fail-closed' | 'skip-plugin' =>
  plugin.failOpen === true ? 'skip-plugin' : 'fail-closed'

const TRUTHY = new Set(['1', 'y', 'yes', 't', 'true', 'on'])

/**
 * Whether POWERTOOLS_IDEMPOTENCY_DISABLED is set to a value the utility reads as true (the same
 * values: `getBooleanFromEnv` with extended parsing in @aws-lambda-powertools/commons).
 *
 * @example
 * ```ts
 * idempotencyDisabledByEnvironment('Yes') // true
 * idempotencyDisabledByEnvironment(undefined) // false
 * ```
 */
export const idempotencyDisabledByEnvironment = (value = process.env.POWERTOOLS_IDEMPOTENCY_DISABLED): boolean =>
  value !== undefined && TRUTHY.has(value.trim().toLowerCase())

/**
 * The `idempotency` option checked as the router needs it at cold start: with the names of the
 * plugins that declare side effects, and POWERTOOLS_IDEMPOTENCY_DISABLED refused, since it would
 * silently turn the protection off. `undefined` means off.
 *
 * @throws {ConfigurationError} for a wrong option, or POWERTOOLS_IDEMPOTENCY_DISABLED set with the option given.
 *
 * @example
 * ```ts
 * checkIdempotencyOption({ tableName: 'idempotency' }, ['welcome-email'])?.windowSeconds // 300
 * ```
 */
export const checkIdempotencyOption = (option: unknown, sideEffectPlugins: readonly string[]): ResolvedIdempotency | undefined => {
  const resolved = resolveIdempotencyOptions(option, sideEffectPlugins)
  if (resolved !== undefined && idempotencyDisabledByEnvironment()) {
    throw new ConfigurationError(
      'the idempotency option is given but POWERTOOLS_IDEMPOTENCY_DISABLED is set, which would run every side effect on every retry; unset one of them',
    )
  }
  return resolved
}
