// -- response patches --------------------------------------------------------------
// Handlers answer in three styles: a patch of `event.response`, nothing (after writing
// to `event.response`), or the whole event as in AWS's samples. Everything here turns
// those into one form, a patch, so that merging and validation see only what was set.

export type JsonObject = Record<string, unknown>

/**
 * Structural equality of JSON values (what events and responses are). Written here rather than
 * taken from `node:util`'s isDeepStrictEqual because importing `node:util` costs a cold start
 * several milliseconds, a large share of the router's whole budget over a bare handler.
 */
export const jsonEqual = (a: unknown, b: unknown): boolean => {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]))
  if (Array.isArray(b)) return false
  const keys = Object.keys(a)
  return (
    keys.length === Object.keys(b).length &&
    keys.every((key) => Object.hasOwn(b, key) && jsonEqual((a as JsonObject)[key], (b as JsonObject)[key]))
  )
}

export const isPlainObject = (value: unknown): value is JsonObject => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/** A whole event returned AWS-style: it carries its own `triggerSource` and `request`. */
export const isWholeEvent = (value: unknown): value is JsonObject & { response?: unknown } =>
  isPlainObject(value) && typeof value.triggerSource === 'string' && isPlainObject(value.request)

/**
 * Defines an own property even for keys like `__proto__`, where plain assignment would
 * replace the prototype instead (the prototype-pollution path of naive merges).
 */
export const setOwn = (target: JsonObject, key: string, value: unknown): void => {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true })
  } else {
    target[key] = value
  }
}

/** What a handler's result says about the response, relative to the `base` it was shown. */
export type Outcome =
  | { readonly kind: 'patch'; readonly patch: JsonObject }
  | { readonly kind: 'invalid'; readonly reason: string }

/**
 * Turns a handler result into a patch of the response it was shown (`base`).
 * `mutated` is `event.response` after the handler ran, for handlers that return nothing.
 * An explicit patch is kept as is, even where it repeats `base`, because an explicit
 * decision (`autoConfirmUser: false`) must take part in the merge.
 */
export const toPatch = (result: unknown, base: unknown, mutated: unknown): Outcome => {
  if (result === undefined || result === null) return changesOf(base, mutated, 'event.response')
  if (isWholeEvent(result)) return changesOf(base, result.response, 'the returned event\'s response')
  if (isPlainObject(result)) return { kind: 'patch', patch: result }
  return { kind: 'invalid', reason: `returned ${describe(result)}; return a response patch, nothing, or the event` }
}

const changesOf = (base: unknown, next: unknown, what: string): Outcome => {
  if (next === undefined || next === null || jsonEqual(base, next)) return { kind: 'patch', patch: {} }
  if (!isPlainObject(next)) return { kind: 'invalid', reason: `${what} was set to ${describe(next)}, not an object` }
  return { kind: 'patch', patch: diff(isPlainObject(base) ? base : {}, next) }
}

/** The part of `next` that differs from `base`: nested objects recurse, everything else compares whole. */
export const diff = (base: JsonObject, next: JsonObject): JsonObject => {
  const out: JsonObject = {}
  for (const key of Object.keys(next)) {
    const before = Object.hasOwn(base, key) ? base[key] : undefined
    const after = next[key]
    if (jsonEqual(before, after)) continue
    if (isPlainObject(before) && isPlainObject(after)) {
      const nested = diff(before, after)
      if (Object.keys(nested).length > 0) setOwn(out, key, nested)
    } else {
      setOwn(out, key, after)
    }
  }
  return out
}

/** Writes `patch` over `base` into a new object: objects merge recursively, everything else replaces. */
export const applyPatch = (base: unknown, patch: JsonObject): JsonObject => {
  const out: JsonObject = {}
  if (isPlainObject(base)) for (const key of Object.keys(base)) setOwn(out, key, base[key])
  for (const key of Object.keys(patch)) {
    const value = patch[key]
    const current = Object.hasOwn(out, key) ? out[key] : undefined
    setOwn(out, key, isPlainObject(value) && isPlainObject(current) ? applyPatch(current, value) : value)
  }
  return out
}

// Events are shallow; past this depth (or on a cycle) the platform's clone takes over.
const MAX_CLONE_DEPTH = 64

/**
 * A deep copy of a JSON value, several times faster than `structuredClone` on the small objects
 * Cognito sends. Anything JSON cannot hold (a Date, a class instance, a cycle) is handed to
 * `structuredClone`, so the result is the same, apart from functions, which are kept as they are.
 */
export const cloneJson = <T>(value: T, depth = 0): T => {
  if (typeof value !== 'object' || value === null) return value
  if (depth > MAX_CLONE_DEPTH) return structuredClone(value)
  if (Array.isArray(value)) return value.map((item: unknown) => cloneJson(item, depth + 1)) as T
  if (!isPlainObject(value)) return structuredClone(value)
  const out: JsonObject = Object.getPrototypeOf(value) === null ? Object.create(null) : {}
  for (const key of Object.keys(value)) setOwn(out, key, cloneJson(value[key], depth + 1))
  return out as T
}

export const describe = (value: unknown): string => {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'string') return 'a string'
  return typeof value === 'object' ? 'a non-plain object' : `a ${typeof value}`
}
