// -- JSON configuration --------------------------------------------------------------------
// The Lambda entry builds its router from JSON, so a team can enable and configure built-in
// plugins without writing code. Every mistake is reported at cold start with the key that is
// wrong, because a bad configuration found on a user's sign-in is an outage.

import { readFileSync } from 'node:fs'
import { ConfigurationError } from './errors.js'
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
}

const CONFIG_KEYS = new Set(['$schema', 'plugins', 'deadlineMs', 'logging', 'errorMessage'])

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
      text = readFileSync(file, 'utf8')
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
): CognitoRouter => {
  if (!isPlainObject(config)) throw new ConfigurationError('configuration must be a JSON object with a "plugins" object')
  for (const key of Object.keys(config)) {
    if (!CONFIG_KEYS.has(key)) {
      throw new ConfigurationError(`configuration: unknown key "${key}" (known: ${[...CONFIG_KEYS].join(', ')})`)
    }
  }
  const { plugins: enabled, $schema: _schema, ...rest } = config
  if (!isPlainObject(enabled)) throw new ConfigurationError('configuration: "plugins" must be an object of plugin name to options')
  const plugins: AnyPlugin[] = []
  for (const [name, options] of Object.entries(enabled)) {
    if (!Object.hasOwn(registry, name)) {
      const known = Object.keys(registry)
      throw new ConfigurationError(
        `configuration: unknown plugin "plugins.${name}"; built-in plugins: ${known.length > 0 ? known.join(', ') : '(none)'}`,
      )
    }
    if (options === false) continue
    if (options !== true && !isPlainObject(options)) {
      throw new ConfigurationError(`configuration: "plugins.${name}" must be an options object, true or false`)
    }
    try {
      plugins.push(registry[name]!((options === true ? {} : options) as never))
    } catch (cause) {
      const message = cause instanceof Error ? cause.message : String(cause)
      throw new ConfigurationError(`configuration: "plugins.${name}": ${message}`, { cause })
    }
  }
  return createRouter({ ...(rest as Omit<RouterOptions, 'plugins'>), ...extra, plugins })
}
