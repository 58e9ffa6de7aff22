// The built-in plugin manifests by their configuration name, from the registration lines of
// manifests.ts. Imports no plugin code: each manifest loads its plugin on demand.

import type { PluginManifest } from '../src/manifest.js'
import * as registered from './manifests.js'

/**
 * The manifests of the built-in plugins, keyed by the name the JSON configuration uses.
 *
 * @example
 * ```ts
 * import { builtinManifests } from 'cognito-trigger-router/plugins'
 *
 * builtinManifests['add-to-group']?.triggers // ['PostConfirmation_ConfirmSignUp']
 * ```
 */
export const builtinManifests: Readonly<Record<string, PluginManifest>> = Object.freeze(
  Object.fromEntries(Object.values<PluginManifest>(registered).map((manifest) => [manifest.name, manifest])),
)
