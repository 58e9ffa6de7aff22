// -- redaction: paths and options ---------------------------------------------------
// Cognito events carry secrets (a migrating user's plaintext password, challenge answers,
// sender ciphertext, provider tokens) and personal data. Two layers keep them out of logs,
// because neither is enough alone:
//   1. Path masking: `@middy/input-output-logger` replaces the value at each known path by the
//      mask, whatever its length, without walking the rest of the event.
//   2. Value scrubbing: the values found at those paths are then removed wherever else they
//      show up - an error message quoting the password, a plugin's log line with the email,
//      a reply that copies `userName` into a claim.
// This module holds the paths and their options; ./secrets.ts collects the values at those paths,
// ./scrub.ts removes them from log lines.

import { ConfigurationError } from '../errors.js'
import { describe, isPlainObject } from '../response.js'

/** What replaces a secret, unless `mask` says otherwise. */
export const DEFAULT_MASK = '[REDACTED]'

// The paths under the event root; DEFAULT_REDACT_PATHS adds each under the reply root.
const EVENT_REDACT_PATHS = [
  // UserMigration: what the user typed; elsewhere the pool username (often the `sub`).
  'event.userName',
  // Credentials and challenge secrets.
  'event.request.password',
  'event.request.challengeAnswer',
  'event.request.privateChallengeParameters',
  'event.response.privateChallengeParameters',
  'event.request.code',
  // Caller-supplied maps: may carry anything, including tokens.
  'event.request.validationData',
  'event.request.clientMetadata',
  // InboundFederation: everything the identity provider sent.
  'event.request.attributes.tokenResponse',
  'event.request.attributes.idToken',
  'event.request.attributes.userInfo',
  'event.request.attributes.samlResponse',
  'event.response.userAttributesToMap',
  // Personal data in user attributes, including the alias pseudo-attributes.
  'event.request.userAttributes.email',
  'event.request.userAttributes.phone_number',
  'event.request.userAttributes.cognito:email_alias',
  'event.request.userAttributes.cognito:phone_number_alias',
  // AccountTakeOverNotification sender events: who, from where, and the one-click links and
  // feedback token, which act for the user without a password.
  'event.request.userAttributes.USER_NAME',
  'event.request.userAttributes.IP_ADDRESS',
  'event.request.userAttributes.FEEDBACK_TOKEN',
  'event.request.userAttributes.ONE_CLICK_LINK_VALID',
  'event.request.userAttributes.ONE_CLICK_LINK_INVALID',
  // UserMigration reply: the migrated user's profile.
  'event.response.userAttributes',

] as const

type EventRedactPath = (typeof EVENT_REDACT_PATHS)[number]
type ReplyRedactPath = EventRedactPath extends `event.${infer Rest}` ? `response.${Rest}` : never

/**
 * The paths redacted by default, in `@middy/input-output-logger` `omitPaths` syntax: dotted,
 * rooted at `event.` (the incoming event) or `response.` (the reply), `[]` for "every element".
 * The router replies with the whole event and its `response` filled in, so every path exists
 * under both roots. A key with a colon needs no quoting (`cognito:email_alias`); a key that
 * contains a dot cannot be expressed, so mask its parent instead.
 *
 * @example
 * ```ts
 * import inputOutputLogger from '@middy/input-output-logger'
 * import { DEFAULT_REDACT_PATHS } from 'cognito-trigger-router'
 *
 * // The same paths, for a handler that uses input-output-logger directly.
 * const io = inputOutputLogger({ omitPaths: [...DEFAULT_REDACT_PATHS], mask: '[REDACTED]' })
 * ```
 */
export const DEFAULT_REDACT_PATHS: readonly (EventRedactPath | ReplyRedactPath)[] = Object.freeze([
  ...EVENT_REDACT_PATHS,
  ...EVENT_REDACT_PATHS.map((path) => `response.${path.slice('event.'.length)}` as ReplyRedactPath),
])

// Masked by path, and scrubbed by value only for the email addresses and phone numbers they hold:
// otherwise they hold ordinary values (a `sub` as userName, `en-US` in clientMetadata, a client id
// as an ID-token `aud`) that would be masked in every line, down to the triggerSource itself. What
// a user typed as UserMigration's userName and the identity provider's claims of an
// InboundFederation event are personal data where they are contact data (Amazon Cognito Developer
// Guide, "Migrate user Lambda trigger" and "Inbound federation Lambda trigger":
// https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-migrate-user.html,
// https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-inbound-federation.html).
const CONTACT_ONLY = [
  /\.userName$/,
  /\.validationData$/,
  /\.clientMetadata$/,
  /\.attributes\.(idToken|userInfo|samlResponse)$/,
  /\.response\.(userAttributes|userAttributesToMap)$/,
]

/**
 * The default paths whose values are scrubbed by value only for the email addresses and phone
 * numbers found in them (in any string below the path, JSON text included), because the rest is
 * ordinary: a userName that is a `sub`, a locale in clientMetadata, an ID-token `aud`. They are
 * part of {@link DEFAULT_SECRET_PATHS}; {@link collectSecrets} treats each of these exact paths
 * this way, and any other path (a claim below one of them included) whole.
 *
 * @example
 * ```ts
 * import { collectSecrets, DEFAULT_SECRET_PATHS } from 'cognito-trigger-router'
 *
 * collectSecrets({ userName: 'jane@example.com' }, DEFAULT_SECRET_PATHS) // ['jane@example.com']
 * collectSecrets({ userName: 'a1b2c3d4-5678' }, DEFAULT_SECRET_PATHS) // []
 * ```
 */
export const DEFAULT_CONTACT_PATHS: readonly string[] = Object.freeze(
  DEFAULT_REDACT_PATHS.filter((path) => CONTACT_ONLY.some((pattern) => pattern.test(path))),
)

/**
 * The default paths whose values are also scrubbed wherever else they appear (an error message
 * quoting the password, a plugin log line with the email): credentials, challenge secrets,
 * sender codes, provider tokens and contact data, whole; and, at the
 * {@link DEFAULT_CONTACT_PATHS}, the email addresses and phone numbers only.
 */
export const DEFAULT_SECRET_PATHS: readonly string[] = Object.freeze([...DEFAULT_REDACT_PATHS])

/** How to redact. Validate with {@link validateRedactionOptions}; resolve with {@link resolveRedaction}. */
export interface RedactionOptions {
  /** More paths, in the syntax of {@link DEFAULT_REDACT_PATHS} (rooted at `event.` or `response.`). */
  paths?: readonly string[]
  /** Use `paths` instead of the defaults rather than in addition to them. Default false. */
  replaceDefaults?: boolean
  /** The replacement text. Default `'[REDACTED]'`. */
  mask?: string
}

/** Redaction options with the defaults applied. */
export interface ResolvedRedaction {
  /** Masked in the event and reply lines. */
  readonly paths: readonly string[]
  /**
   * Also scrubbed by value from every line: the default secret paths plus the configured ones
   * (a configured path equal to one of {@link DEFAULT_CONTACT_PATHS} stays contact-only; name a
   * field below it to scrub that field whole).
   */
  readonly secretPaths: readonly string[]
  readonly mask: string
}

/** The roots of a redaction path: the incoming event, or the reply (the event with its response). */
export const ROOTS: ReadonlySet<string> = new Set(['event', 'response'])
// input-output-logger silently skips paths with these segments, which would leave the value
// unmasked; refusing them at cold start turns that silent leak into a visible mistake.
const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'constructor', 'prototype'])
const REDACTION_KEYS = new Set(['paths', 'replaceDefaults', 'mask'])

const pathProblem = (path: unknown): string | undefined => {
  if (typeof path !== 'string') return `must be a string, got ${describe(path)}`
  const segments = path.split('.')
  if (!ROOTS.has(segments[0] as string)) {
    return `must start with "event." or "response." (the input-output-logger roots), got "${path}"`
  }
  if (segments.length < 2) return `must name a field below its root, got "${path}"`
  if (segments.includes('')) return `has an empty segment: "${path}"`
  const forbidden = segments.find((segment) => FORBIDDEN_SEGMENTS.has(segment))
  if (forbidden !== undefined) return `must not contain the segment "${forbidden}": "${path}"`
  return undefined
}

/**
 * Checks redaction options at cold start and returns them typed. Throws a
 * {@link ConfigurationError} naming the offending key (`redact.paths[2]`, `redact.mask`, ...).
 * `where` is the name the options have in the caller's configuration.
 *
 * @example
 * ```ts
 * import { validateRedactionOptions } from 'cognito-trigger-router'
 *
 * validateRedactionOptions({ paths: ['event.request.userAttributes.custom:ssn'] }) // ok
 * validateRedactionOptions({ paths: ['request.password'] })
 * // ConfigurationError: redaction option "redact.paths[0]" must start with "event." or "response." ...
 * ```
 */
export const validateRedactionOptions = (options: unknown, where = 'redact'): RedactionOptions => {
  if (options === undefined) return {}
  if (!isPlainObject(options)) {
    throw new ConfigurationError(`redaction option "${where}" must be an object, got ${describe(options)}`)
  }
  for (const key of Object.keys(options)) {
    if (!REDACTION_KEYS.has(key)) {
      throw new ConfigurationError(
        `unknown redaction option "${where}.${key}"; expected "paths", "replaceDefaults" or "mask"`,
      )
    }
  }
  const { paths, replaceDefaults, mask } = options
  if (paths !== undefined) {
    if (!Array.isArray(paths)) {
      throw new ConfigurationError(`redaction option "${where}.paths" must be an array of strings, got ${describe(paths)}`)
    }
    paths.forEach((path: unknown, index) => {
      const problem = pathProblem(path)
      if (problem !== undefined) throw new ConfigurationError(`redaction option "${where}.paths[${index}]" ${problem}`)
    })
  }
  if (replaceDefaults !== undefined && typeof replaceDefaults !== 'boolean') {
    throw new ConfigurationError(
      `redaction option "${where}.replaceDefaults" must be a boolean, got ${describe(replaceDefaults)}`,
    )
  }
  if (mask !== undefined && typeof mask !== 'string') {
    throw new ConfigurationError(`redaction option "${where}.mask" must be a string, got ${describe(mask)}`)
  }
  return options as RedactionOptions
}

/**
 * Validates redaction options and applies the defaults: the default paths plus `paths`
 * (or only `paths` with `replaceDefaults: true`, which with no `paths` turns redaction off),
 * and the mask `'[REDACTED]'`.
 *
 * @example
 * ```ts
 * import { resolveRedaction } from 'cognito-trigger-router'
 *
 * const { paths, mask } = resolveRedaction({ paths: ['event.request.userAttributes.custom:ssn'] })
 * // paths = DEFAULT_REDACT_PATHS + the custom path, mask = '[REDACTED]'
 * ```
 */
export const resolveRedaction = (options?: RedactionOptions): ResolvedRedaction => {
  const { paths = [], replaceDefaults = false, mask = DEFAULT_MASK } = validateRedactionOptions(options)
  const all = replaceDefaults ? paths : [...DEFAULT_REDACT_PATHS, ...paths]
  const secrets = replaceDefaults ? paths : [...DEFAULT_SECRET_PATHS, ...paths]
  return Object.freeze({ paths: Object.freeze([...new Set(all)]), secretPaths: Object.freeze([...new Set(secrets)]), mask })
}
