// -- JSON configuration --------------------------------------------------------------------
// The Lambda entry builds its router from JSON, so a team can enable and configure built-in
// plugins without writing code. Every mistake is reported at cold start with the key that is
// wrong, because a bad configuration found on a user's sign-in is an outage.

import { ConfigurationError } from './errors.js'
import { cognitoDeadlineValidateOptions } from './middleware/deadline.js'
import { cognitoFailClosedValidateOptions } from './middleware/fail-closed.js'
import { cognitoLoggingValidateOptions } from './middleware/logging.js'
import { resolveIdempotencyOptions } from './idempotency/options.js'
import { resolveMetricsOptions } from './metrics/options.js'
import type { AnyPlugin } from './plugin.js'
import { isPlainObject, type JsonObject } from './response.js'
import { createRouter, type CognitoRouter, type RouterOptions } from './router.js'

/**
 * A built-in plugin as the configuration sees it: a factory that validates its options
 * (throwing ConfigurationError naming the bad option) and returns the plugin. The options come
 * from JSON, so they are checked at run time; the parameter type is the factory's own.
 */
// `never` so that a factory typed `(options: AddToGroupOptions) => Plugin` is assignable.
export type PluginFactory = (options: never) => AnyPlugin

/** The JSON configuration of the Lambda entry. */
export interface RouterConfig {
  /** Built-in plugins to enable, by name, with their options (`true` for the defaults). Run in this order. */
  plugins: Record<string, JsonObject | boolean>
  deadlineMs?: number
  logging?: RouterOptions['logging']
  errorMessage?: string
  /** Per-plugin CloudWatch metrics (README "Metrics"): `true`, or an object of namespace, service and fixed dimensions. */
  metrics?: RouterOptions['metrics']
  /** Side effects once per Cognito request (README "Retries and side effects"): `{ tableName, windowSeconds?, plugins? }`. */
  idempotency?: RouterOptions['idempotency']
}

const CONFIG_KEYS = new Set(['$schema', 'plugins', 'deadlineMs', 'logging', 'errorMessage', 'metrics', 'idempotency'])

/** Environment variables that override the configuration bundled at build time. */
export const CONFIG_ENV = {
  /** The whole configuration as inline JSON. */
  inline: 'COGNITO_ROUTER_CONFIG',
  /** A path to a JSON file, e.g. one shipped in a Lambda layer. */
  file: 'COGNITO_ROUTER_CONFIG_FILE',
} as const

/**
 * Picks the configuration: inline JSON from the environment, then a file named by the
 * environment, then the one bundled at build time.
 */
export const resolveConfig = (bundled: unknown, env: NodeJS.ProcessEnv = process.env): unknown => {
  const inline = env[CONFIG_ENV.inline]
  if (inline !== undefined && inline.trim() !== '') return parseJson(inline, `environment variable ${CONFIG_ENV.inline}`)
  const file = env[CONFIG_ENV.file]
  if (file !== undefined && file.trim() !== '') {
    let text: string
    try {
      // Not a static import: an ES module import of node:fs loads fs/promises, streams and readline
      // with it, several milliseconds of every cold start, for a file most deployments never read.
      text = process.getBuiltinModule('node:fs').readFileSync(file, 'utf8')
    } catch (cause) {
      throw new ConfigurationError(`cannot read ${CONFIG_ENV.file}=${file}`, { cause })
    }
    return parseJson(text, `${CONFIG_ENV.file}=${file}`)
  }
  return bundled
}

const parseJson = (text: string, where: string): unknown => {
  try {
    return JSON.parse(text)
  } catch (cause) {
    throw new ConfigurationError(`${where} is not valid JSON: ${(cause as Error).message}`, { cause })
  }
}

/** A loader of a plugin factory, for {@link loadRouterFromConfig}: usually a dynamic `import()`. */
export type PluginLoader = () => Promise<PluginFactory>

interface CheckedConfig {
  /** Enabled plugins in configuration order, with the options their factory gets. */
  readonly enabled: readonly (readonly [name: string, options: JsonObject])[]
  readonly rest: Omit<RouterOptions, 'plugins'>
}

// Everything about the configuration that does not need the plugins' code.
const checkConfig = (config: unknown, known: readonly string[]): CheckedConfig => {
  if (!isPlainObject(config)) throw new ConfigurationError('configuration must be a JSON object with a "plugins" object')
  for (const key of Object.keys(config)) {
    if (!CONFIG_KEYS.has(key)) {
      throw new ConfigurationError(`configuration: unknown key "${key}" (known: ${[...CONFIG_KEYS].join(', ')})`)
    }
  }
  const { plugins, $schema: _schema, ...rest } = config
  if (!isPlainObject(plugins)) throw new ConfigurationError('configuration: "plugins" must be an object of plugin name to options')
  const enabled: [string, JsonObject][] = []
  for (const [name, options] of Object.entries(plugins)) {
    if (!known.includes(name)) {
      throw new ConfigurationError(
        `configuration: unknown plugin "plugins.${name}"; built-in plugins: ${known.length > 0 ? known.join(', ') : '(none)'}`,
      )
    }
    if (options === false) continue
    if (options !== true && !isPlainObject(options)) {
      throw new ConfigurationError(`configuration: "plugins.${name}" must be an options object, true or false`)
    }
    enabled.push([name, options === true ? {} : options])
  }
  // The router's own options, checked here too, so a bad one fails before any plugin is imported.
  if (rest.deadlineMs !== undefined) cognitoDeadlineValidateOptions({ budgetMs: rest.deadlineMs as number })
  if (rest.errorMessage !== undefined) cognitoFailClosedValidateOptions({ errorMessage: rest.errorMessage as string })
  cognitoLoggingValidateOptions(rest.logging)
  // Only checked here: the Powertools metrics code is imported by the router, and only when enabled.
  resolveMetricsOptions(rest.metrics)
  // The plugin names are checked by createRouter, once the plugins are built.
  resolveIdempotencyOptions(rest.idempotency)
  return { enabled, rest: rest as Omit<RouterOptions, 'plugins'> }
}

const build = (
  { enabled, rest }: CheckedConfig,
  factoryOf: (name: string) => PluginFactory,
  extra: Pick<RouterOptions, 'logger'>,
): CognitoRouter => {
  const plugins = enabled.map(([name, options]) => {
    try {
      return factoryOf(name)(options as never)
    } catch (cause) {
      const message = cause instanceof Error ? cause.message : String(cause)
      throw new ConfigurationError(`configuration: "plugins.${name}": ${message}`, { cause })
    }
  })
  return createRouter({ ...rest, ...extra, plugins })
}

/**
 * Builds a router from a JSON configuration and a registry of plugin factories.
 *
 * @example
 * ```ts
 * import { createRouterFromConfig } from 'cognito-trigger-router'
 * import { builtinPlugins } from 'cognito-trigger-router/plugins'
 *
 * export const handler = createRouterFromConfig(
 *   { plugins: { 'signup-policy': { allowDomains: ['example.com'] } }, deadlineMs: 2500 },
 *   builtinPlugins,
 * )
 * ```
 */
export const createRouterFromConfig = (
  config: unknown,
  registry: Readonly<Record<string, PluginFactory>>,
  extra: Pick<RouterOptions, 'logger'> = {},
): CognitoRouter => build(checkConfig(config, Object.keys(registry)), (name) => registry[name] as PluginFactory, extra)

/**
 * Like {@link createRouterFromConfig}, but imports only the plugins the configuration enables:
 * a disabled plugin's code is never loaded, which keeps the cold start of a bundled Lambda at
 * the cost of the plugins it uses. The configuration is checked before anything is imported.
 *
 * @example
 * ```ts
 * import { loadRouterFromConfig } from 'cognito-trigger-router'
 * import { builtinPluginLoaders } from 'cognito-trigger-router/plugins/loaders'
 *
 * // Top-level await: the router is ready, or the cold start failed, before the first event.
 * export const handler = await loadRouterFromConfig({ plugins: { 'sign-in-audit': true } }, builtinPluginLoaders)
 * ```
 */
export const loadRouterFromConfig = async (
  config: unknown,
  loaders: Readonly<Record<string, PluginLoader>>,
  extra: Pick<RouterOptions, 'logger'> = {},
): Promise<CognitoRouter> => {
  const checked = checkConfig(config, Object.keys(loaders))
  const names = [...new Set(checked.enabled.map(([name]) => name))]
  const loaded = new Map<string, PluginFactory>()
  await Promise.all(
    names.map(async (name) => {
      try {
        loaded.set(name, await (loaders[name] as PluginLoader)())
      } catch (cause) {
        throw new ConfigurationError(`configuration: "plugins.${name}" could not be loaded`, { cause })
      }
    }),
  )
  return build(checked, (name) => loaded.get(name) as PluginFactory, extra)
}
