// -- deployment plan ----------------------------------------------------------------------
// From the JSON configuration to "which slots, which permissions", before any infrastructure
// code runs. A configuration the Lambda would reject at cold start fails here, at synth.

import { TRIGGER_FAMILIES, type TriggerFamily } from '../catalogue.js'
import { createRouterFromConfig, type PluginFactory, type RouterConfig } from '../config.js'
import { mapPluginObjects, pluginObjects } from '../config-variants.js'
import { ConfigurationError } from '../errors.js'
import type { Logger } from '../logger.js'
import { resolveMetricsOptions } from '../metrics/options.js'
import { definePlugin } from '../plugin.js'
import { isPlainObject } from '../response.js'
import { builtinManifests } from '../../plugins/registry.js'
import type { Prerequisite } from '../manifest.js'
import {
  isBuiltinPluginName,
  pluginDeployment,
  type BuiltinPluginName,
  type PermissionNeed,
} from './plugins.js'
import { idempotencyPlan, type IdempotencyPlan } from './idempotency.js'
import type { TokenVersion } from './slots.js'

/**
 * Which slots get the function.
 * - `'enabled'`: only the slots of the families an enabled plugin handles. Fewer slots, fewer
 *   invocations on every sign-in.
 * - `'all'`: every slot, so enabling a plugin later needs no pool update — except the custom
 *   sender slots, which are attached only when a plugin handles them: once a sender slot is set
 *   Cognito stops delivering that channel's messages itself, and without a plugin nobody would.
 */
export type SlotSelection = 'enabled' | 'all'

export interface DeploymentPlan {
  /** Families whose slots get the function, in catalogue order. */
  readonly families: readonly TriggerFamily[]
  /** Every permission the enabled plugins need. */
  readonly needs: readonly PermissionNeed[]
  /** Enabled built-in plugins, in configuration order. */
  readonly plugins: readonly BuiltinPluginName[]
  /** True when a custom sender slot is attached: the pool needs a KMS key (AWS docs, "Custom sender Lambda triggers"). */
  readonly customSenders: boolean
  /** Environment values the enabled plugins read at run time, which the deployment must provide. */
  readonly prerequisites: readonly (Prerequisite & { readonly plugin: string })[]
  /** With `idempotency` on: the table (layout, name when the configuration states one) and the four item actions to grant on it. */
  readonly idempotency: IdempotencyPlan | undefined
}

const SENDER_FAMILIES: readonly TriggerFamily[] = ['CustomEmailSender', 'CustomSMSSender']
const silent: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined }

// Stand-ins with the real names and triggers: they let the core loader check the configuration
// (unknown keys, deadlineMs, logging, errorMessage) without running any plugin code at synth;
// each plugin's options are then checked against its manifest's schema.
const stubRegistry: Readonly<Record<string, PluginFactory>> = Object.fromEntries(
  Object.values(builtinManifests).map(({ name, triggers }) => [name, () => definePlugin({ name, triggers, handler: () => undefined })]),
)

/**
 * Plans the deployment of a JSON configuration: the slots to attach and the permissions to grant.
 *
 * @example
 * ```ts
 * const plan = planDeployment({ plugins: { 'add-to-group': { group: 'users' } } })
 * plan.families // ['PostConfirmation']
 * plan.needs    // [{ kind: 'add-user-to-group', plugin: 'add-to-group' }]
 * ```
 */
export const planDeployment = (config: RouterConfig, options: { slots?: SlotSelection } = {}): DeploymentPlan => {
  const { slots = 'enabled' } = options
  if (slots !== 'enabled' && slots !== 'all') throw new ConfigurationError(`slots must be "enabled" or "all", got ${String(slots)}`)
  // `metrics` is checked apart: a router built with metrics on starts importing Powertools, which
  // synth has no use for.
  createRouterFromConfig(isPlainObject(config) ? { ...config, metrics: undefined } : config, stubRegistry, { logger: silent })
  resolveMetricsOptions(config.metrics)

  const handled = new Set<TriggerFamily>()
  const needs = new Map<string, PermissionNeed>()
  const plugins = new Set<BuiltinPluginName>()
  const prerequisites = new Map<string, Prerequisite & { plugin: string }>()
  // The union of every variant: the default's plugins and every per-pool or per-client override's
  // (README "One function for many pools and clients"), since one function serves them all.
  for (const { prefix, plugins: enabled } of pluginObjects(config as unknown as Record<string, unknown>)) {
    for (const [name, value] of Object.entries(enabled)) {
      // The loader above has rejected unknown names and non-object options already.
      if (value === false || !isBuiltinPluginName(name)) continue
      let deployment
      try {
        deployment = pluginDeployment(name, isPlainObject(value) ? value : {})
      } catch (cause) {
        // The key named in the message is the one in the override: "pools.<id>.plugins.<name>…".
        throw new ConfigurationError(`configuration: ${(cause as Error).message.replace('"plugins.', `"${prefix}plugins.`)}`, { cause })
      }
      plugins.add(name)
      deployment.families.forEach((family) => handled.add(family))
      for (const need of deployment.needs) needs.set(JSON.stringify(need), need)
      for (const prerequisite of deployment.prerequisites) prerequisites.set(prerequisite.env, { ...prerequisite, plugin: name })
    }
  }

  const all = Object.keys(TRIGGER_FAMILIES) as TriggerFamily[]
  const families = all.filter((family) =>
    slots === 'all' ? !SENDER_FAMILIES.includes(family) || handled.has(family) : handled.has(family),
  )
  return {
    families,
    needs: [...needs.values()],
    plugins: [...plugins],
    customSenders: families.some((family) => SENDER_FAMILIES.includes(family)),
    prerequisites: [...prerequisites.values()],
    idempotency: idempotencyPlan(config),
  }
}

/** Values only the deployment knows, which some plugins need in their options. */
export interface DeploymentValues {
  /** Written to `token-claims.version`, so the plugin checks claims against the event shape the pool sends. */
  readonly tokenVersion: TokenVersion
  /** Written to `custom-sender.kmsKeyArn` when the configuration leaves it out (e.g. a key created by the same deployment). */
  readonly kmsKeyArn?: string
}

/**
 * The configuration the function receives: `config` with the deployment's values filled in.
 * A value the configuration already states must agree with the deployment, or this throws:
 * a token-claims plugin checking V1_0 rules on a V2_0 pool (or decrypting with another key)
 * would fail on every sign-in.
 */
export const completeConfig = (config: RouterConfig, values: DeploymentValues): RouterConfig =>
  // Filled in wherever the plugin is enabled: the default and every per-pool or per-client override.
  mapPluginObjects(config as unknown as Record<string, unknown>, (given, prefix) => {
    const plugins = { ...given }
    const fill = (name: BuiltinPluginName, key: string, value: string | undefined) => {
      const options = plugins[name]
      if (options === undefined || options === false || value === undefined) return
      const current = isPlainObject(options) ? options : {}
      if (current[key] !== undefined && current[key] !== value) {
        throw new ConfigurationError(
          `configuration: "${prefix}plugins.${name}.${key}" is ${JSON.stringify(current[key])} but the deployment uses ${JSON.stringify(value)}; remove the option or make them agree`,
        )
      }
      plugins[name] = { ...current, [key]: value }
    }
    fill('token-claims', 'version', values.tokenVersion)
    fill('custom-sender', 'kmsKeyArn', values.kmsKeyArn)
    return plugins
  }) as unknown as RouterConfig
