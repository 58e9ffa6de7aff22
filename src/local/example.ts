// -- the example configuration ----------------------------------------------------------------
// What `npm start` and `npm run demo` run: example-config.json, and the people the walkthrough
// and the demo use to show each plugin at work. Placeholders like `{{legacyStoreUrl}}` are
// replaced by the stack once it knows its ports.

import { ConfigurationError } from '../errors.js'
import type { PluginFactory } from '../config.js'
import { isPlainObject } from '../response.js'
import exampleConfig from './example-config.json' with { type: 'json' }
import { LEGACY_ACCOUNTS } from './legacy-store.js'

export { exampleConfig }

/** The people of the walkthrough and the demo, chosen to hit each rule of the example configuration. */
export const EXAMPLE = {
  password: 'Passw0rd!',
  /** A trusted domain: signup-policy confirms the user, add-to-group adds them to "users". */
  trusted: 'ada@trusted.example',
  /** Any other domain: confirmed with the code. */
  regular: 'bob@example.com',
  /** A denied domain: signup-policy refuses the sign-up. */
  blocked: 'mallory@blocked.example',
  /** Only the legacy store knows this user: user-migration creates them on first sign-in. */
  legacy: LEGACY_ACCOUNTS[0]!,
} as const

/** Replaces `{{name}}` in every string of `config` with `values[name]`; an unknown name is an error. */
export const fillPlaceholders = (config: unknown, values: Readonly<Record<string, string>>): unknown => {
  if (typeof config === 'string') {
    return config.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
      if (!Object.hasOwn(values, name)) throw new ConfigurationError(`configuration: unknown placeholder {{${name}}}; known: ${Object.keys(values).join(', ')}`)
      return values[name]!
    })
  }
  if (Array.isArray(config)) return config.map((item) => fillPlaceholders(item, values))
  if (isPlainObject(config)) return Object.fromEntries(Object.entries(config).map(([key, item]) => [key, fillPlaceholders(item, values)]))
  return config
}

/** The plugins a configuration enables (`false` disables), in order. */
export const enabledPlugins = (config: unknown): string[] => {
  const plugins = isPlainObject(config) && isPlainObject(config.plugins) ? config.plugins : {}
  return Object.entries(plugins)
    .filter(([, options]) => options !== false)
    .map(([name]) => name)
}

/** Throws a ConfigurationError naming every enabled plugin the registry lacks. */
export const assertPluginsAvailable = (config: unknown, registry: Readonly<Record<string, PluginFactory>>, where: string): void => {
  const missing = enabledPlugins(config).filter((name) => !Object.hasOwn(registry, name))
  if (missing.length === 0) return
  const known = Object.keys(registry)
  throw new ConfigurationError(
    `${where} enables ${missing.map((name) => `"${name}"`).join(', ')}, which ${missing.length === 1 ? 'is' : 'are'} not in the built-in plugin registry ` +
      `(plugins/index.ts has: ${known.length > 0 ? known.join(', ') : 'none'}); register ${missing.length === 1 ? 'it' : 'them'} in builtinPlugins, or pass --config with a configuration that uses only those`,
  )
}

/** The groups an `add-to-group` configuration adds users to, which must exist in the pool. */
export const groupsOf = (config: unknown): string[] => {
  const plugins = isPlainObject(config) && isPlainObject(config.plugins) ? config.plugins : {}
  const options = plugins['add-to-group']
  if (!isPlainObject(options)) return []
  const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [])
  const fromRules = Array.isArray(options.rules) ? options.rules.flatMap((rule) => (isPlainObject(rule) ? strings(rule.groups) : [])) : []
  return [...new Set([...strings(options.groups), ...fromRules])]
}
