// -- idempotency: the key of one Cognito request ------------------------------------------
// Which fields identify "the same request" when Cognito (or Lambda) tries again. Pure: the event
// in, a canonical string and its SHA-256 out. Hashing uses Web Crypto (`globalThis.crypto`), which
// Node loads on first access, so importing this module costs nothing at cold start.

import { CognitoTriggerRouterError, summarize } from '../errors.js'

/**
 * How a plugin's idempotency key is chosen: dotted paths into the event (see
 * {@link DEFAULT_KEY_PATHS}), or a function that returns any JSON value identifying the request.
 */
export type IdempotencyKeySource = readonly string[] | ((event: Readonly<Record<string, unknown>>) => unknown)

/**
 * The fields that make up a key unless a plugin says otherwise: the pool, the trigger, the user,
 * the app client and the whole request body (minus {@link KEY_EXCLUDED_PATHS}). The plugin's name
 * is always added, so two plugins on one event never share a record.
 *
 * UNCONFIRMED: AWS documents that Cognito retries a synchronous trigger that did not answer within
 * 5 seconds, up to three attempts ("Customizing user pool workflows with Lambda triggers",
 * https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-working-with-lambda-triggers.html),
 * but not that the retried event is byte for byte the same. Nothing in a trigger event changes
 * per attempt as far as any sample shows; should a field do so, a retry gets a new key and the
 * side effect runs again (the behaviour without idempotency), never the reverse.
 *
 * Left out on purpose:
 * - `request.password` (UserMigration): a plaintext password must not reach a store, even hashed
 *   with the rest (SHA-256 is fast to brute-force when the other fields are known).
 * - `version`, `region`, `callerContext.awsSdkVersion`: describe the caller, not the request
 *   (`userPoolId` already names the region).
 * - `response`: the defaults Cognito sends, not part of what was asked.
 *
 * Kept on purpose: `request.code` of the custom sender triggers. It is AWS Encryption SDK
 * ciphertext ("Custom email sender Lambda trigger",
 * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-custom-email-sender.html),
 * and Encryption SDK messages are never the same twice (a fresh data key per message), so each
 * new code (a ResendCode, a new sign-up) has a new key and is delivered. Lambda retries an
 * asynchronous invocation with the same event ("Asynchronous invocation",
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html), so the same ciphertext comes
 * back and the retry is recognised. Leaving the code out would instead swallow a legitimate resend
 * within the window, and the user could be left without a valid code.
 *
 * Caveat: Cognito events carry no request id. Two genuinely separate requests whose events are
 * equal (the same user signing in twice, a PostAuthentication with the same attributes) cannot be
 * told apart from a retry, so within the window the second one is replayed, not run. Keep the
 * window of such plugins short (Cognito's three attempts fit in 15 seconds).
 *
 * @example
 * ```ts
 * // The default key, plus what the client sent for this one call.
 * const key = [...DEFAULT_KEY_PATHS, 'request.clientMetadata.requestId']
 * ```
 */
export const DEFAULT_KEY_PATHS: readonly string[] = Object.freeze([
  'userPoolId',
  'triggerSource',
  'userName',
  'callerContext.clientId',
  'request',
])

/** Paths never part of a key, even under a selected parent (`request` drops its `password`). */
export const KEY_EXCLUDED_PATHS: readonly string[] = Object.freeze(['request.password'])

/** A key path: dot-separated, non-empty segments. */
export const KEY_PATH_PATTERN = /^[^.]+(\.[^.]+)*$/

/** Whether `path` is, or lies under, a path that must never be part of a key. */
export const isExcludedKeyPath = (path: string): boolean =>
  KEY_EXCLUDED_PATHS.some((excluded) => path === excluded || path.startsWith(`${excluded}.`))

/** The key of a request could not be built: the custom key function threw or returned something that is not JSON. */
export class IdempotencyKeyError extends CognitoTriggerRouterError {
  readonly plugin: string
  constructor(plugin: string, message: string, options?: { cause?: unknown }) {
    super(`idempotency key of plugin "${plugin}": ${message}`, options)
    this.plugin = plugin
  }
}

// Events are shallow; the limit only stops a hostile or cyclic structure from exhausting the stack.
const MAX_DEPTH = 64

const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

// JSON with object keys sorted, so that two events that differ only in key order get one key.
// Undefined object members are left out, as JSON.stringify does; anything JSON cannot represent
// faithfully is refused rather than silently turned into `null`.
const canonical = (value: unknown, depth: number): string => {
  if (depth > MAX_DEPTH) throw new TypeError(`nested deeper than ${MAX_DEPTH} levels`)
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value)
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`${value} is not a JSON number`)
    return JSON.stringify(value)
  }
  if (Array.isArray(value)) return `[${value.map((item) => canonical(item, depth + 1)).join(',')}]`
  if (isPlainObject(value)) {
    const members = Object.keys(value)
      .sort()
      .filter((key) => value[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonical(value[key], depth + 1)}`)
    return `{${members.join(',')}}`
  }
  throw new TypeError(`a value of type ${value === undefined ? 'undefined' : typeof value === 'object' ? 'object (not plain)' : typeof value} is not JSON`)
}

const readPath = (event: unknown, segments: readonly string[]): unknown => {
  let node = event
  for (const segment of segments) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, segment)) return undefined
    node = (node as Record<string, unknown>)[segment]
  }
  return node
}

// A copy of `value` (found at `path`) without the excluded paths that lie under it.
const withoutExcluded = (path: string, value: unknown): unknown => {
  let result = value
  for (const excluded of KEY_EXCLUDED_PATHS) {
    if (excluded.startsWith(`${path}.`)) result = omit(result, excluded.slice(path.length + 1).split('.'))
  }
  return result
}

// Sets the member at `segments` to undefined in a copy (canonical() leaves undefined members out).
const omit = (value: unknown, segments: readonly string[]): unknown => {
  const [head, ...rest] = segments
  if (head === undefined) return undefined
  if (!isPlainObject(value) || !Object.hasOwn(value, head)) return value
  // A computed key defines an own property, even for `__proto__`.
  return { ...value, [head]: omit(value[head], rest) }
}

const selected = (event: unknown, paths: readonly string[]): Record<string, unknown> => {
  const fields: Record<string, unknown> = {}
  for (const path of paths) {
    // Options are checked at cold start (./options.ts); this guard keeps a direct caller honest too.
    if (isExcludedKeyPath(path)) continue
    fields[path] = withoutExcluded(path, readPath(event, path.split('.')))
  }
  return fields
}

/**
 * The canonical text the key of `plugin`'s run for `event` is hashed from: JSON with sorted keys,
 * holding the plugin's name and the selected fields (absent fields are left out). Exposed for
 * tests and for explaining a key; store only {@link idempotencyKey}'s hash.
 *
 * @throws {IdempotencyKeyError} when a key function throws or returns something that is not JSON.
 *
 * @example
 * ```ts
 * keyMaterial(event, 'welcome-email')
 * // '{"fields":{"callerContext.clientId":"app","request":{...},"triggerSource":"PostConfirmation_ConfirmSignUp",...},"plugin":"welcome-email"}'
 * ```
 */
export const keyMaterial = (
  event: Readonly<Record<string, unknown>>,
  plugin: string,
  source: IdempotencyKeySource = DEFAULT_KEY_PATHS,
): string => {
  let fields: unknown
  if (typeof source === 'function') {
    try {
      fields = source(event)
    } catch (error) {
      throw new IdempotencyKeyError(plugin, `the key function threw (${summarize(error)})`, { cause: error })
    }
    if (fields === undefined) throw new IdempotencyKeyError(plugin, 'the key function returned undefined')
  } else {
    fields = selected(event, source)
  }
  try {
    return canonical({ plugin, fields }, 0)
  } catch (error) {
    throw new IdempotencyKeyError(plugin, (error as Error).message, { cause: error })
  }
}

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'))

/**
 * The idempotency key of `plugin`'s run for one Cognito request: the SHA-256 (hex) of
 * {@link keyMaterial}. Equal for a retry of the same request, different for another user, client,
 * trigger, plugin or request body. Nothing personal can be read back from it.
 *
 * @throws {IdempotencyKeyError} when a key function throws or returns something that is not JSON.
 *
 * @example
 * ```ts
 * const key = await idempotencyKey(event, 'custom-sender')
 * // '9f2c…' (64 hex digits); a retry of the same event gives the same key
 * const byEmail = await idempotencyKey(event, 'welcome-email', (e) => [e.userPoolId, (e.request as { userAttributes: { email: string } }).userAttributes.email])
 * ```
 */
export const idempotencyKey = async (
  event: Readonly<Record<string, unknown>>,
  plugin: string,
  source?: IdempotencyKeySource,
): Promise<string> => {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(keyMaterial(event, plugin, source)))
  let hex = ''
  for (const byte of new Uint8Array(digest)) hex += HEX[byte]
  return hex
}
