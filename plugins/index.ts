// The built-in plugins, by the name the JSON configuration uses to enable them.
// Each entry is a factory that validates its options at cold start.

import type { PluginFactory } from '../src/config.js'

/** Built-in plugin factories, keyed by configuration name. */
export const builtinPlugins: Readonly<Record<string, PluginFactory>> = Object.freeze({})
