// -- what each built-in plugin needs from the deployment -----------------------------------
// Read from the plugins' manifests (plugins/*/manifest.ts): which trigger families a plugin
// handles (so only those slots are attached), which AWS permissions its options imply (so the
// function gets exactly those, nothing more) and which environment values it reads at run time.
// Pure data: the CDK construct turns it into IAM statements, the docs into tables.

import { builtinManifests } from '../../plugins/registry.js'
import type { TriggerFamily } from '../catalogue.js'
import { ConfigurationError } from '../errors.js'
import { familiesOf, type PluginManifest, type Prerequisite } from '../manifest.js'
import { parseOptions } from '../options.js'
import type { JsonObject } from '../response.js'
import type { PermissionNeed } from './needs.js'

export { PERMISSION_ACTIONS, PERMISSIONS, sendEmailNeed, type PermissionInfo, type PermissionKind, type PermissionNeed } from './needs.js'

/** The configuration name of a built-in plugin, e.g. `'signup-policy'`. */
export type BuiltinPluginName = string

/** The trigger families each built-in plugin may handle, by its configuration name: the families of its manifest's triggers. */
export const BUILTIN_PLUGIN_FAMILIES: Readonly<Record<BuiltinPluginName, readonly TriggerFamily[]>> = Object.freeze(
  Object.fromEntries(Object.values(builtinManifests).map((manifest) => [manifest.name, familiesOf(manifest.triggers)])),
)

export const isBuiltinPluginName = (name: unknown): name is BuiltinPluginName =>
  typeof name === 'string' && Object.hasOwn(builtinManifests, name)

/** What one enabled plugin means for the deployment. */
export interface PluginDeployment {
  readonly families: readonly TriggerFamily[]
  readonly needs: readonly PermissionNeed[]
  readonly prerequisites: readonly Prerequisite[]
}

/**
 * The slots, permissions and prerequisites one enabled plugin needs, read from its options
 * through its manifest. The options are checked against the manifest's schema first, as the
 * cold start would; a plugin may narrow its slots to some of its triggers' families, never widen
 * them. Throws ConfigurationError, naming the option, when the options are wrong or a permission
 * cannot be derived.
 */
export const manifestDeployment = (manifest: PluginManifest, options: JsonObject): PluginDeployment => {
  const at = `"plugins.${manifest.name}"`
  const parsed = parseOptions(manifest.options, options, `plugins.${manifest.name}`)
  const declared = familiesOf(manifest.triggers)
  const { families = declared, needs = [], prerequisites = [] } = manifest.deployment?.(parsed, manifest.name) ?? {}
  const foreign = families.filter((family) => !declared.includes(family))
  if (foreign.length > 0) {
    throw new ConfigurationError(`${at}: the deployment asks for ${foreign.join(', ')}, which none of its triggers belongs to`)
  }
  return { families: declared.filter((family) => families.includes(family)), needs, prerequisites }
}

/**
 * The slots, permissions and prerequisites one enabled built-in plugin needs, read from its options.
 * Throws ConfigurationError, naming the option, when a permission cannot be derived.
 */
export const pluginDeployment = (name: BuiltinPluginName, options: JsonObject): PluginDeployment => {
  const manifest = builtinManifests[name]
  if (manifest === undefined) throw new ConfigurationError(`"plugins.${name}" is not a built-in plugin`)
  return manifestDeployment(manifest, options)
}
