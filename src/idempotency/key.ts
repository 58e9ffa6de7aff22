// -- idempotency: the key of one Cognito request ------------------------------------------
// Which fields identify "the same request" when Cognito (or Lambda) tries again. Pure: the event
// in, a canonical string and its SHA-256 out. Hashing uses Web Crypto (`globalThis.crypto`), which
// Node loads on first access, so importing this module costs nothing at cold start.

import { summarize } from '../errors.js'
import { IdempotencyKeyError } from './errors.js'
import { DEFAULT_KEY_PATHS, KEY_EXCLUDED_PATHS, isExcludedKeyPath, type IdempotencyKeySource } from './paths.js'

export { DEFAULT_KEY_PATHS, KEY_EXCLUDED_PATHS, KEY_PATH_PATTERN, isExcludedKeyPath, type IdempotencyKeySource } from './paths.js'
export { IdempotencyKeyError } from './errors.js'

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
