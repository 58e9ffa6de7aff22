// The Lambda entry (`dist/index.mjs`, handler `index.handler`): a router built from the JSON
// configuration bundled at build time (`node build.mjs --config file.json`), which the
// COGNITO_ROUTER_CONFIG or COGNITO_ROUTER_CONFIG_FILE environment variables override.
// Built at module load (top-level await), so a bad configuration fails the cold start, not a
// user's sign-in; only the plugins the configuration enables are imported.

import { builtinPluginLoaders } from '../../plugins/loaders.js'
import { loadRouterFromConfig, resolveConfig } from '../config.js'
import bundledConfig from './config.json' with { type: 'json' }

export const handler = await loadRouterFromConfig(resolveConfig(bundledConfig), builtinPluginLoaders)
