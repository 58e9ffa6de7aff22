// -- permission needs -------------------------------------------------------------------------
// What a plugin's options mean for the function's role, as plain data: the CDK construct turns
// each need into one IAM statement (src/cdk/permissions.ts), the README into one table row. A
// plugin's manifest derives its needs with these helpers, and fails synth when a permission cannot
// be derived, rather than granting `*`.

import { ConfigurationError } from '../errors.js'

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
  /**
   * `kms:Decrypt` of the codes Cognito encrypts for custom senders, for this pool only
   * (AWS docs, "Custom sender Lambda triggers": the encryption context holds the pool id).
   */
  | { readonly kind: 'decrypt-codes'; readonly plugin: string }

/** The kind of a permission need, e.g. `'send-email'`. */
export type PermissionKind = PermissionNeed['kind']

/** What one kind of need grants, on what, and why: the statements and the README's permission table. */
export interface PermissionInfo {
  readonly actions: readonly string[]
  readonly resource: string
  readonly why: string
}

/** Each kind of need; test/unit/plugin-manifests.test.ts checks every AWS call a plugin makes against `actions`. */
export const PERMISSIONS: Readonly<Record<PermissionKind, PermissionInfo>> = {
  'add-user-to-group': { actions: ['cognito-idp:AdminAddUserToGroup'], resource: 'the pool', why: 'adding the confirmed user to groups' },
  'send-email': {
    actions: ['ses:SendEmail'],
    resource: '`identity/<address>` and `identity/<domain>` of `from`, and `configuration-set/<name>` when set',
    why: "sending mail; SES authorises whichever identity is verified (and the configuration set, including an identity's default one)",
  },
  'put-events': { actions: ['events:PutEvents'], resource: '`event-bus/<busName>` (default `default`), or the bus ARN', why: 'publishing sign-in records' },
  'publish-sms': {
    actions: ['sns:Publish'],
    resource: '`*`',
    why: 'sending SMS straight to a phone number, which has no ARN (acknowledged for cdk-nag)',
  },
  'decrypt-codes': {
    actions: ['kms:Decrypt'],
    resource: 'the sender key, condition `kms:EncryptionContext:userpool-id` = pool id',
    why: 'decrypting the codes Cognito encrypts for this pool only',
  },
}

/** The IAM actions each kind of need grants. */
export const PERMISSION_ACTIONS: Readonly<Record<PermissionKind, readonly string[]>> = Object.fromEntries(
  Object.entries(PERMISSIONS).map(([kind, { actions }]) => [kind, actions]),
) as Record<PermissionKind, readonly string[]>

// "Team <no-reply@example.com>" or "no-reply@example.com": SES authorises the address identity
// or its domain identity, whichever is verified, so both are granted.
const ADDRESS = /^(?:[^<>]*<\s*)?([^\s<>@]+@([^\s<>@]+\.[^\s<>@]+))\s*>?\s*$/

/**
 * `ses:SendEmail` for a sender address and, when given, a configuration set. `path` is the
 * option path of `from` (`email.from`), named when the address cannot decide the resource.
 */
export const sendEmailNeed = (plugin: string, from: unknown, configurationSet: string | undefined, path = 'from'): PermissionNeed => {
  const match = typeof from === 'string' ? ADDRESS.exec(from) : null
  if (!match) {
    throw new ConfigurationError(
      `"plugins.${plugin}.${path}" must be a sender address like "no-reply@example.com" (it decides the ses:SendEmail resource)`,
    )
  }
  return {
    kind: 'send-email',
    plugin,
    identities: [match[1]!, match[2]!.toLowerCase()],
    ...(configurationSet === undefined ? {} : { configurationSet }),
  }
}
