// -- per-pool and per-client configuration ------------------------------------------------------
// One function attached to several user pools, or serving several app clients, may need different
// plugins or options for each (README "One function for many pools and clients"). The JSON
// configuration holds overrides over its default `plugins`:
//
//   { "plugins": {...},                                     the default
//     "pools":   { "<userPoolId>": { "plugins": {...},       over the default for that pool
//                                    "clients": { "<clientId>": { "plugins": {...} } } } },
//     "clients": { "<clientId>": { "plugins": {...} } } }    over the default for that app client
//
// An invocation gets the default, then its pool's override, then its client's, then its pool's
// override for its client, each applied per plugin: a plugin an override names is replaced as a
// whole (its options are not merged key by key), `false` disables it, and the plugins it does not
// name are kept. Everything here is decided at cold start; an invocation costs two Map lookups.

import { ConfigurationError } from './errors.js'
import { isPlainObject, type JsonObject } from './json.js'

/** One enabled plugin: its options, and the configuration key they came from, for messages. */
export interface VariantEntry {
  readonly name: string
  readonly options: JsonObject
  /** e.g. `plugins.signup-policy` or `pools.us-east-1_AbC.plugins.signup-policy`. */
  readonly where: string
}

/** The plugins one pool/client combination runs, in order. */
export type Variant = readonly VariantEntry[]

/** The variants of a pool: its own, and one per app client it (or the top level) overrides. */
export interface PoolVariants<T> {
  readonly pool: T
  readonly clients: ReadonlyMap<string, T>
}

/** Every variant of a configuration, keyed the way an invocation looks them up. */
export interface VariantTable<T> {
  /** A pool without an override: the default, and the top-level client overrides. */
  readonly other: PoolVariants<T>
  readonly pools: ReadonlyMap<string, PoolVariants<T>>
}

// The shapes Cognito's API gives (Amazon Cognito API Reference, "CreateUserPool" and
// "CreateUserPoolClient": UserPoolIdType `[\w-]+_[0-9a-zA-Z]+`, at most 55 characters;
// ClientIdType `[\w+]+`, at most 128).
const POOL_ID = /^[\w-]+_[0-9a-zA-Z]+$/
const CLIENT_ID = /^[\w+]+$/
const isPoolId = (id: string): boolean => id.length <= 55 && POOL_ID.test(id)
const isClientId = (id: string): boolean => id.length <= 128 && CLIENT_ID.test(id)

/** The top-level keys that hold overrides. */
export const VARIANT_KEYS = ['pools', 'clients'] as const

interface Layer {
  readonly prefix: string
  readonly plugins: JsonObject
}

type Known = readonly string[]

// Checks one `{ plugins, clients? }` override and returns its plugins as a layer.
const overrideLayer = (value: unknown, prefix: string, known: Known, clientsAllowed: boolean): Layer => {
  const at = prefix.slice(0, -1)
  const keys = clientsAllowed ? '"plugins" and "clients"' : '"plugins"'
  if (!isPlainObject(value)) throw new ConfigurationError(`configuration: "${at}" must be an object with ${keys}`)
  for (const key of Object.keys(value)) {
    if (key !== 'plugins' && !(clientsAllowed && key === 'clients')) {
      throw new ConfigurationError(`configuration: unknown key "${prefix}${key}" (an override holds only ${keys})`)
    }
  }
  return pluginsLayer(value.plugins ?? {}, prefix, known)
}

/**
 * Checks a `plugins` object: every name known, every value `true`, `false` or an options object.
 * The options themselves are checked by the plugin's factory when the router is built.
 */
export const pluginsLayer = (plugins: unknown, prefix: string, known: Known): Layer => {
  if (!isPlainObject(plugins)) throw new ConfigurationError(`configuration: "${prefix}plugins" must be an object of plugin name to options`)
  for (const [name, options] of Object.entries(plugins)) {
    if (!known.includes(name)) {
      throw new ConfigurationError(
        `configuration: unknown plugin "${prefix}plugins.${name}"; built-in plugins: ${known.length > 0 ? known.join(', ') : '(none)'}`,
      )
    }
    if (typeof options !== 'boolean' && !isPlainObject(options)) {
      throw new ConfigurationError(`configuration: "${prefix}plugins.${name}" must be an options object, true or false`)
    }
  }
  return { prefix, plugins }
}

// The plugins of layers applied in order, per plugin: a named plugin is replaced, `false` removes it.
const resolve = (layers: readonly Layer[]): Variant => {
  const enabled = new Map<string, VariantEntry>()
  for (const { prefix, plugins } of layers) {
    for (const [name, options] of Object.entries(plugins)) {
      if (options === false) enabled.delete(name)
      else enabled.set(name, { name, options: options === true ? {} : (options as JsonObject), where: `${prefix}plugins.${name}` })
    }
  }
  return [...enabled.values()]
}

// `pools` or `clients` (top level or in a pool): an object keyed by checked ids.
const overrides = (value: unknown, key: string, kind: 'pool' | 'client'): [string, unknown][] => {
  if (value === undefined) return []
  if (!isPlainObject(value)) throw new ConfigurationError(`configuration: "${key}" must be an object of ${kind} id to override`)
  const valid = kind === 'pool' ? isPoolId : isClientId
  const shape = kind === 'pool' ? 'a user pool id, <region>_<id>' : 'an app client id, letters, digits, _ and +'
  for (const id of Object.keys(value)) {
    if (!valid(id)) throw new ConfigurationError(`configuration: "${key}.${id}" is not ${shape}`)
  }
  return Object.entries(value)
}

/**
 * Checks `plugins`, `pools` and `clients` of a configuration object and returns every variant
 * the router can select. Throws ConfigurationError naming the key at fault.
 *
 * @example
 * ```ts
 * const table = variantTable({ plugins: { 'sign-in-audit': true }, pools: { 'eu-west-1_Abc': { plugins: { 'sign-in-audit': false } } } }, ['sign-in-audit'])
 * table.pools.get('eu-west-1_Abc')?.pool // []
 * ```
 */
export const variantTable = (config: JsonObject, known: Known): VariantTable<Variant> => {
  const base = pluginsLayer(config.plugins, '', known)
  const topClients = overrides(config.clients, 'clients', 'client').map(
    ([id, value]) => [id, overrideLayer(value, `clients.${id}.`, known, false)] as const,
  )
  const other: PoolVariants<Variant> = {
    pool: resolve([base]),
    clients: new Map(topClients.map(([id, layer]) => [id, resolve([base, layer])])),
  }
  const pools = new Map<string, PoolVariants<Variant>>()
  for (const [poolId, value] of overrides(config.pools, 'pools', 'pool')) {
    const prefix = `pools.${poolId}.`
    const poolLayer = overrideLayer(value, prefix, known, true)
    const ownClients = overrides((value as JsonObject).clients, `${prefix}clients`, 'client').map(
      ([id, client]) => [id, overrideLayer(client, `${prefix}clients.${id}.`, known, false)] as const,
    )
    const clients = new Map<string, Variant>()
    for (const [id, layer] of topClients) clients.set(id, resolve([base, poolLayer, layer]))
    for (const [id, layer] of ownClients) {
      const top = topClients.find(([topId]) => topId === id)?.[1]
      clients.set(id, resolve(top === undefined ? [base, poolLayer, layer] : [base, poolLayer, top, layer]))
    }
    pools.set(poolId, { pool: resolve([base, poolLayer]), clients })
  }
  return { other, pools }
}

/** Every variant of the table, the default first. */
export const variantsOf = <T>(table: VariantTable<T>): T[] => {
  const all = [table.other.pool, ...table.other.clients.values()]
  for (const { pool, clients } of table.pools.values()) all.push(pool, ...clients.values())
  return all
}

/** The same table with every variant mapped (e.g. to a router). */
export const mapVariants = <T, U>(table: VariantTable<T>, map: (variant: T) => U): VariantTable<U> => {
  const mapPool = ({ pool, clients }: PoolVariants<T>): PoolVariants<U> => ({
    pool: map(pool),
    clients: new Map([...clients].map(([id, variant]) => [id, map(variant)])),
  })
  return { other: mapPool(table.other), pools: new Map([...table.pools].map(([id, pool]) => [id, mapPool(pool)])) }
}

/** Whether the configuration has any override: without one, the router needs no selection. */
export const hasOverrides = <T>(table: VariantTable<T>): boolean => table.pools.size > 0 || table.other.clients.size > 0

interface SelectableEvent {
  readonly userPoolId?: unknown
  readonly callerContext?: { readonly clientId?: unknown } | null
}

/**
 * The variant of one event: by `event.userPoolId`, then `event.callerContext.clientId`; a pool
 * or client without an override gets the default. A malformed event gets the default, whose
 * router then refuses it.
 */
export const selectVariant = <T>(table: VariantTable<T>, event: unknown): T => {
  const { userPoolId, callerContext } = (event ?? {}) as SelectableEvent
  const pool = table.pools.get(userPoolId as string) ?? table.other
  return pool.clients.get(callerContext?.clientId as string) ?? pool.pool
}

/**
 * The configuration with each of its `plugins` objects (the default's and every override's)
 * replaced by what `map` returns for it, given the key prefix of its place (`''`,
 * `pools.<id>.`, `pools.<id>.clients.<id>.`, `clients.<id>.`). For a configuration that has been
 * checked (e.g. by createRouterFromConfig); an override without `plugins` is left as it is.
 *
 * @example
 * ```ts
 * // Fill in an option the deployment knows, wherever the plugin is enabled.
 * mapPluginObjects(config, (plugins) => ('token-claims' in plugins ? { ...plugins, 'token-claims': { version: 'V2_0' } } : plugins))
 * ```
 */
export const mapPluginObjects = <C extends JsonObject>(config: C, map: (plugins: JsonObject, prefix: string) => JsonObject): C => {
  const override = (value: unknown, prefix: string): unknown => {
    if (!isPlainObject(value)) return value
    const mapped: JsonObject = { ...value }
    if (isPlainObject(value.plugins)) mapped.plugins = map(value.plugins, prefix)
    if (isPlainObject(value.clients)) mapped.clients = overridesOf(value.clients, `${prefix}clients.`)
    return mapped
  }
  const overridesOf = (value: JsonObject, prefix: string): JsonObject =>
    Object.fromEntries(Object.entries(value).map(([id, inner]) => [id, override(inner, `${prefix}${id}.`)]))
  const mapped: JsonObject = { ...config, plugins: map(config.plugins as JsonObject, '') }
  if (isPlainObject(config.pools)) mapped.pools = overridesOf(config.pools, 'pools.')
  if (isPlainObject(config.clients)) mapped.clients = overridesOf(config.clients, 'clients.')
  return mapped as C
}

/** Every `plugins` object of a checked configuration with the key prefix of its place, the default first. */
export const pluginObjects = (config: JsonObject): { readonly prefix: string; readonly plugins: JsonObject }[] => {
  const found: { prefix: string; plugins: JsonObject }[] = []
  mapPluginObjects(config, (plugins, prefix) => (found.push({ prefix, plugins }), plugins))
  return found
}
