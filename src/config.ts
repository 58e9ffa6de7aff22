// -- JSON configuration --------------------------------------------------------------------
// The Lambda entry builds its router from JSON, so a team can enable and configure built-in
// plugins without writing code. Every mistake is reported at cold start with the key that is
// wrong, because a bad configuration found on a user's sign-in is an outage.

import { hasOverrides, mapVariants, variantsOf, variantTable, VARIANT_KEYS, type Variant, type VariantTable } from './config-variants.js'
import { ConfigurationError } from './errors.js'
import { cognitoDeadlineValidateOptions } from './middleware/deadline.js'
import { cognitoFailClosedValidateOptions } from './middleware/fail-closed.js'
import { cognitoLoggingValidateOptions } from './middleware/logging.js'
import { resolveIdempotencyOptions } from './idempotency/options.js'
import { resolveMetricsOptions } from './metrics/options.js'
import type { AnyPlugin } from './plugin.js'
import { isPlainObject, type JsonObject } from './response.js'
import { createRouter, type CognitoRouter, type RouterOptions } from './router.js'
import { selectingRouter } from './router-select.js'

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
  /**
   * Overrides of `plugins` by user pool id, each optionally with overrides by app client id
   * (README "One function for many pools and clients").
   */
  pools?: Record<string, PoolOverride>
  /** Overrides of `plugins` by app client id, for every pool. */
  clients?: Record<string, PluginsOverride>
}

/**
 * An override of the default plugins, per plugin: a plugin named here replaces the default's
 * entry as a whole, `false` disables it, the plugins it does not name are kept.
 *
 * @example
 * ```ts
 * const mobile: PluginsOverride = { plugins: { 'token-claims': false } }
 * ```
 */
export interface PluginsOverride {
  plugins?: Record<string, JsonObject | boolean>
}

/**
 * A pool's override (under `pools.<user pool id>`), with overrides for some of its app clients.
 *
 * @example
 * ```ts
 * const partners: PoolOverride = {
 *   plugins: { 'signup-policy': { allowDomains: ['partner.example'] } },
 *   clients: { '6kiosk0client0id': { plugins: { 'add-to-group': false } } },
 * }
 * ```
 */
export interface PoolOverride extends PluginsOverride {
  clients?: Record<string, PluginsOverride>
}

const CONFIG_KEYS = new Set(['$schema', 'plugins', 'deadlineMs', 'logging', 'errorMessage', 'metrics', 'idempotency', ...VARIANT_KEYS])

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
  /** Every pool/client variant: its enabled plugins in order, with the options their factory gets. */
  readonly variants: VariantTable<Variant>
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
  const { plugins: _plugins, pools: _pools, clients: _clients, $schema: _schema, ...rest } = config
  const variants = variantTable(config, known)
  // The router's own options, checked here too, so a bad one fails before any plugin is imported.
  if (rest.deadlineMs !== undefined) cognitoDeadlineValidateOptions({ budgetMs: rest.deadlineMs as number })
  if (rest.errorMessage !== undefined) cognitoFailClosedValidateOptions({ errorMessage: rest.errorMessage as string })
  cognitoLoggingValidateOptions(rest.logging)
  // Only checked here: the Powertools metrics code is imported by the router, and only when enabled.
  resolveMetricsOptions(rest.metrics)
  // The plugin names are checked by createRouter, once the plugins are built.
  resolveIdempotencyOptions(rest.idempotency)
  return { variants, rest: rest as Omit<RouterOptions, 'plugins'> }
}

// One router per distinct variant, each plugin built once per options object; with overrides, a
// thin layer in front selects the router of each event's pool and client (src/router-select.ts).
const build = (
  { variants, rest }: CheckedConfig,
  factoryOf: (name: string) => PluginFactory,
  extra: Pick<RouterOptions, 'logger'>,
): CognitoRouter => {
  const plugins = new Map<string, AnyPlugin>()
  const pluginOf = ({ name, options, where }: Variant[number]): AnyPlugin => {
    let plugin = plugins.get(where)
    if (plugin === undefined) {
      try {
        plugin = factoryOf(name)(options as never)
      } catch (cause) {
        const message = cause instanceof Error ? cause.message : String(cause)
        throw new ConfigurationError(`configuration: "${where}": ${message}`, { cause })
      }
      plugins.set(where, plugin)
    }
    return plugin
  }
  // `idempotency.plugins` may name a plugin only some variants enable: each variant's router gets
  // the entries of its own plugins (and of names no variant enables, which its check refuses).
  const everywhere = new Set(variantsOf(variants).flatMap((variant) => variant.map(({ name }) => name)))
  const optionsFor = (variant: Variant): Omit<RouterOptions, 'plugins'> => {
    const idempotency = rest.idempotency as unknown
    if (!isPlainObject(idempotency) || !isPlainObject(idempotency.plugins)) return rest
    const here = new Set(variant.map(({ name }) => name))
    const plugins = Object.fromEntries(Object.entries(idempotency.plugins).filter(([name]) => here.has(name) || !everywhere.has(name)))
    return { ...rest, idempotency: { ...idempotency, plugins } as RouterOptions['idempotency'] }
  }
  const routers = new Map<string, CognitoRouter>()
  const routerOf = (variant: Variant): CognitoRouter => {
    const key = variant.map(({ where }) => where).join('\n')
    let router = routers.get(key)
    if (router === undefined) {
      router = createRouter({ ...optionsFor(variant), ...extra, plugins: variant.map(pluginOf) })
      routers.set(key, router)
    }
    return router
  }
  const table = mapVariants(variants, routerOf)
  return hasOverrides(variants) ? selectingRouter(table) : table.other.pool
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
  // Only the plugins some variant enables are imported.
  const names = [...new Set(variantsOf(checked.variants).flatMap((variant) => variant.map(({ name }) => name)))]
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
