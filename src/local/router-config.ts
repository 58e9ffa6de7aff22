// -- the configuration of `serve` and `invoke` -----------------------------------------------
// `--config file.json`, or what the Lambda entry would use: COGNITO_ROUTER_CONFIG,
// COGNITO_ROUTER_CONFIG_FILE, then the configuration bundled at build time (src/lambda/config.json).

import { readFileSync } from 'node:fs'
import { builtinPlugins } from '../../plugins/index.js'
import { CONFIG_ENV, createRouterFromConfig, resolveConfig, type PluginFactory } from '../config.js'
import { ConfigurationError } from '../errors.js'
import type { CognitoRouter } from '../router.js'
import bundledConfig from '../lambda/config.json' with { type: 'json' }
import type { RouterTrace } from './trace.js'

/** A configuration and where it came from, for messages. */
export interface LoadedConfig {
  readonly config: unknown
  readonly source: string
}

/** Reads `file`, or resolves the configuration the way the Lambda entry does. */
export const loadConfig = (file: string | undefined, env: NodeJS.ProcessEnv = process.env): LoadedConfig => {
  if (file !== undefined) {
    let text: string
    try {
      text = readFileSync(file, 'utf8')
    } catch (cause) {
      throw new ConfigurationError(`cannot read --config ${file}: ${(cause as Error).message}`, { cause })
    }
    try {
      return { config: JSON.parse(text), source: file }
    } catch (cause) {
      throw new ConfigurationError(`--config ${file} is not valid JSON: ${(cause as Error).message}`, { cause })
    }
  }
  const source =
    env[CONFIG_ENV.inline]?.trim() ? CONFIG_ENV.inline : env[CONFIG_ENV.file]?.trim() ? `${CONFIG_ENV.file}=${env[CONFIG_ENV.file]}` : 'the bundled configuration (src/lambda/config.json)'
  return { config: resolveConfig(bundledConfig, env), source }
}

/** Builds the router with the built-in plugins, logging to `trace`. Mistakes name the configuration's source. */
export const routerFrom = (loaded: LoadedConfig, trace: RouterTrace, registry: Readonly<Record<string, PluginFactory>> = builtinPlugins): CognitoRouter => {
  try {
    return createRouterFromConfig(loaded.config, registry, { logger: trace.logger })
  } catch (error) {
    if (error instanceof ConfigurationError) throw new ConfigurationError(`${loaded.source}: ${error.message}`, { cause: error })
    throw error
  }
}
