// -- plugin manifests -------------------------------------------------------------------------
// One object per plugin folder says everything the rest of the package needs to know about the
// plugin without running it: its name, its triggers, its options schema, how to load its code and
// what a deployment needs for given options. The registries (plugins/index.ts, plugins/loaders.ts),
// the deploy plan, the CDK construct, config.schema.json and the README tables are derived from
// the manifests, so adding a plugin touches its folder and one registration line.

import type * as v from 'valibot'
import { TRIGGER_FAMILIES, expandPattern, familyOf, type TriggerFamily, type TriggerPattern } from './catalogue.js'
import type { PluginFactory } from './config.js'
import type { PermissionNeed } from './deploy/needs.js'
import { ConfigurationError } from './errors.js'
import type { OptionsSchema } from './options.js'

/**
 * A value the plugin reads from its environment at run time, named by its options (a bearer
 * token, say). The deployment must provide it; when it is missing at run time the plugin fails
 * closed on its own triggers and every other plugin keeps working.
 */
export interface Prerequisite {
  /** The environment variable, e.g. `LEGACY_API_TOKEN`. */
  readonly env: string
  /** The option that names it, e.g. `http.bearerTokenEnv`. */
  readonly option: string
  /** True for a credential: the deployment should take it from SSM or Secrets Manager, never from plain text. */
  readonly secret: boolean
}

/** What one enabled plugin needs from the deployment, for its options. */
export interface ManifestDeployment {
  /** The families to attach, when the options narrow the manifest's triggers (a sender for email only). Default: all. */
  readonly families?: readonly TriggerFamily[]
  /** The permissions the function's role needs. Default none. */
  readonly needs?: readonly PermissionNeed[]
  /** Environment variables or secrets the plugin reads at run time. Default none. */
  readonly prerequisites?: readonly Prerequisite[]
}

/** Everything about a plugin that does not need its code. Create one with {@link definePluginManifest}. */
export interface PluginManifest<S extends OptionsSchema = OptionsSchema> {
  /** The name the JSON configuration uses, e.g. `'add-to-group'`; also the plugin's own name. */
  readonly name: string
  /** Every trigger the plugin may handle; its slots are the families of these. */
  readonly triggers: readonly TriggerPattern[]
  /** The options as JSON may give them (code-only options, such as clients, are not part of it). */
  readonly options: S
  /** One line of text for the README's plugin table. */
  readonly summary: string
  /**
   * Options that enable everything the plugin can do, valid for `options`: the README shows them,
   * and the tests run the plugin with them to check its slots and that every AWS call it makes
   * has a permission in `deployment`.
   */
  readonly example: Readonly<Record<string, unknown>>
  /** Imports the plugin's code: a dynamic `import()`, so a bundle loads it only when enabled. */
  readonly load: () => Promise<PluginFactory>
  /**
   * What a deployment needs for these options; they have passed `options` already. A method, so
   * that a manifest of any options is a `PluginManifest` (method parameters are bivariant).
   */
  deployment?(options: v.InferOutput<S>, name: string): ManifestDeployment
}

/**
 * Defines a plugin manifest. An identity function for type inference: `deployment` receives the
 * output type of `options`.
 *
 * @example
 * ```ts
 * import * as v from 'valibot'
 * import { definePluginManifest, strictOptions } from 'cognito-trigger-router'
 *
 * export const manifest = definePluginManifest({
 *   name: 'auto-confirm-staff',
 *   summary: 'Confirms sign-ups from the staff domain.',
 *   triggers: ['PreSignUp_SignUp'],
 *   example: { domain: 'example.com' },
 *   options: strictOptions({ domain: v.string('must be a string') }),
 *   load: async () => (await import('./index.js')).autoConfirmStaff,
 * })
 * ```
 */
export const definePluginManifest = <S extends OptionsSchema>(manifest: PluginManifest<S>): PluginManifest<S> =>
  Object.freeze(manifest)

/**
 * The name a built-in plugin's factory is exported under, from the plugin's name: `add-to-group`
 * → `addToGroup`. plugins/index.ts and the generated plugins/loaders.ts rely on it.
 */
export const factoryName = (plugin: string): string => plugin.replace(/-([a-z])/gu, (_match, letter: string) => letter.toUpperCase())

/** The families of a list of trigger patterns, in catalogue order: the slots a plugin may need. */
export const familiesOf = (triggers: readonly TriggerPattern[]): readonly TriggerFamily[] => {
  const found = new Set<TriggerFamily>()
  for (const pattern of triggers) {
    const sources = expandPattern(pattern)
    if (typeof sources === 'string') throw new ConfigurationError(`trigger pattern ${JSON.stringify(pattern)}: ${sources}`)
    for (const source of sources) found.add(familyOf(source))
  }
  return (Object.keys(TRIGGER_FAMILIES) as TriggerFamily[]).filter((family) => found.has(family))
}

/**
 * A plugin's prerequisite is missing at run time: thrown by the plugin on its own triggers
 * (which so fail closed) rather than at cold start, which would break every trigger of the pool.
 */
export class MissingPrerequisiteError extends ConfigurationError {
  readonly prerequisite: Prerequisite
  constructor(prerequisite: Prerequisite) {
    super(
      `the environment variable ${prerequisite.env}, named by "${prerequisite.option}", is not set; ` +
        `the deployment must provide it${prerequisite.secret ? ' (from SSM Parameter Store or Secrets Manager)' : ''}`,
    )
    this.prerequisite = prerequisite
  }
}
