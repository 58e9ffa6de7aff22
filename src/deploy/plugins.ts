// -- what each built-in plugin needs from the deployment -----------------------------------
// Which trigger families a built-in plugin handles (so only those slots are attached) and which
// AWS permissions its options imply (so the function gets exactly those, nothing more).
// Pure data: the CDK construct turns it into IAM statements, the docs into a table.

import type { TriggerFamily } from '../catalogue.js'
import { ConfigurationError } from '../errors.js'
import { isPlainObject, type JsonObject } from '../response.js'

/** The trigger families each built-in plugin handles, by its configuration name. */
export const BUILTIN_PLUGIN_FAMILIES = {
  'add-to-group': ['PostConfirmation'],
  'welcome-email': ['PostConfirmation'],
  'sign-in-audit': ['PostAuthentication'],
  'token-claims': ['TokenGeneration'],
  'signup-policy': ['PreSignUp'],
  'email-otp': ['DefineAuthChallenge', 'CreateAuthChallenge', 'VerifyAuthChallengeResponse'],
  'user-migration': ['UserMigration'],
  'custom-messages': ['CustomMessage'],
  'custom-sender': ['CustomEmailSender', 'CustomSMSSender'],
  'federation-attributes': ['InboundFederation'],
} as const satisfies Record<string, readonly TriggerFamily[]>

/** The configuration name of a built-in plugin, e.g. `'signup-policy'`. */
export type BuiltinPluginName = keyof typeof BUILTIN_PLUGIN_FAMILIES

export const isBuiltinPluginName = (name: unknown): name is BuiltinPluginName =>
  typeof name === 'string' && Object.hasOwn(BUILTIN_PLUGIN_FAMILIES, name)

/**
 * One permission the function needs. `plugin` says who needs it, so every IAM statement can
 * be traced back to a line of configuration.
 */
export type PermissionNeed =
  /** `cognito-idp:AdminAddUserToGroup` on the user pool. */
  | { readonly kind: 'add-user-to-group'; readonly plugin: string }
  /** `ses:SendEmail` on the sending identities (address and its domain) and configuration set. */
  | { readonly kind: 'send-email'; readonly plugin: string; readonly identities: readonly string[]; readonly configurationSet?: string }
  /** `events:PutEvents` on one bus: a name, or an ARN when the bus is in another account. */
  | { readonly kind: 'put-events'; readonly plugin: string; readonly eventBus: string }
  /** `sns:Publish` straight to phone numbers, which have no ARN (so the resource is `*`). */
  | { readonly kind: 'publish-sms'; readonly plugin: string }
  /** `kms:Decrypt` of the codes Cognito encrypts for custom senders, for this pool only (§4.6). */
  | { readonly kind: 'decrypt-codes'; readonly plugin: string }

/** What one enabled plugin means for the deployment. */
export interface PluginDeployment {
  readonly families: readonly TriggerFamily[]
  readonly needs: readonly PermissionNeed[]
}

type Options = JsonObject

// -- option readers --------------------------------------------------------------------------
// Plugins validate their own options at cold start; these only read the few keys that decide
// permissions, and fail synth when a permission cannot be derived (rather than granting `*`).

const at = (plugin: string, path: string) => `"plugins.${plugin}.${path}"`

const optional = (options: Options, key: string, plugin: string, path = key): string | undefined => {
  const value = options[key]
  if (value === undefined) return undefined
  if (typeof value !== 'string' || value.trim() === '') throw new ConfigurationError(`${at(plugin, path)} must be a non-empty string`)
  return value
}

// "Team <no-reply@example.com>" or "no-reply@example.com": SES authorises the address identity
// or its domain identity, whichever is verified, so both are granted.
const ADDRESS = /^(?:[^<>]*<\s*)?([^\s<>@]+@([^\s<>@]+\.[^\s<>@]+))\s*>?\s*$/

const sendEmail = (options: Options, plugin: string, prefix = ''): PermissionNeed => {
  const from = options.from
  const match = typeof from === 'string' ? ADDRESS.exec(from) : null
  if (!match) {
    throw new ConfigurationError(
      `${at(plugin, `${prefix}from`)} must be a sender address like "no-reply@example.com" (it decides the ses:SendEmail resource)`,
    )
  }
  const configurationSet = optional(options, 'configurationSetName', plugin, `${prefix}configurationSetName`)
  return {
    kind: 'send-email',
    plugin,
    identities: [match[1]!, match[2]!.toLowerCase()],
    ...(configurationSet === undefined ? {} : { configurationSet }),
  }
}

const channel = (options: Options, key: 'email' | 'sms', plugin: string): Options | undefined => {
  const value = options[key]
  if (value === undefined) return undefined
  if (!isPlainObject(value)) throw new ConfigurationError(`${at(plugin, key)} must be an options object`)
  return value
}

// Only the channels the plugin is configured for get a slot: once a sender slot is set, Cognito
// stops delivering that channel itself.
const customSender = (options: Options, plugin: string): PluginDeployment => {
  const email = channel(options, 'email', plugin)
  const sms = channel(options, 'sms', plugin)
  if (email === undefined && sms === undefined) throw new ConfigurationError(`"plugins.${plugin}" must enable "email", "sms" or both`)
  const families: TriggerFamily[] = []
  const needs: PermissionNeed[] = [{ kind: 'decrypt-codes', plugin }]
  if (email !== undefined) {
    families.push('CustomEmailSender')
    needs.push(sendEmail(email, plugin, 'email.'))
  }
  if (sms !== undefined) {
    families.push('CustomSMSSender')
    needs.push({ kind: 'publish-sms', plugin })
  }
  return { families, needs }
}

const signInAudit = (options: Options, plugin: string): readonly PermissionNeed[] => {
  const eventBridge = options.eventBridge
  if (eventBridge === undefined || eventBridge === false) return []
  if (eventBridge === true) return [{ kind: 'put-events', plugin, eventBus: 'default' }]
  if (!isPlainObject(eventBridge)) throw new ConfigurationError(`${at(plugin, 'eventBridge')} must be an options object, true or false`)
  const eventBus = optional(eventBridge, 'busName', plugin, 'eventBridge.busName') ?? 'default'
  return [{ kind: 'put-events', plugin, eventBus }]
}

/**
 * The slots and permissions one enabled built-in plugin needs, read from its options.
 * Throws ConfigurationError, naming the option, when a permission cannot be derived.
 */
export const pluginDeployment = (name: BuiltinPluginName, options: Options): PluginDeployment => {
  const families = BUILTIN_PLUGIN_FAMILIES[name]
  switch (name) {
    case 'add-to-group':
      return { families, needs: [{ kind: 'add-user-to-group', plugin: name }] }
    case 'welcome-email':
    case 'email-otp':
      return { families, needs: [sendEmail(options, name)] }
    case 'sign-in-audit':
      return { families, needs: signInAudit(options, name) }
    case 'custom-sender':
      return customSender(options, name)
    default:
      return { families, needs: [] }
  }
}
