// -- response patches --------------------------------------------------------------
// Handlers answer in three styles: a patch of `event.response`, nothing (after writing
// to `event.response`), or the whole event as in AWS's samples. Everything here turns
// those into one form, a patch, so that merging and validation see only what was set.

import { InvalidReplyError } from './errors.js'
import { describe, isPlainObject, jsonEqual, NotJsonError, setOwn, wireCopy, type JsonObject } from './json.js'
import { indexPath, memberPath } from './validation/common.js'

// Other modules still import these from here; ./json.ts is where they live.
export { cloneJson, describe, isPlainObject, jsonEqual, setOwn, type JsonObject } from './json.js'

/** A whole event returned AWS-style: it carries its own `triggerSource` and `request`. */
export const isWholeEvent = (value: unknown): value is JsonObject & { response?: unknown } =>
  isPlainObject(value) && typeof value.triggerSource === 'string' && isPlainObject(value.request)

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
  // for...in rather than Object.keys: no array of keys per reply (it runs on every invocation).
  // Both are plain objects (prototype Object.prototype or null), so only own keys are kept.
  if (isPlainObject(base)) for (const key in base) if (Object.hasOwn(base, key)) setOwn(out, key, base[key])
  for (const key in patch) {
    if (Object.hasOwn(patch, key)) {
      const value = patch[key]
      const current = Object.hasOwn(out, key) ? out[key] : undefined
      setOwn(out, key, isPlainObject(value) && isPlainObject(current) ? applyPatch(current, value) : value)
    }
  }
  return out
}

/**
 * The patch as it will be sent: a copy made of plain JSON data only (see `wireCopy` in
 * ./json.ts), so that validation judges, and Lambda sends, the same thing, whatever getters,
 * `toJSON` methods or later changes the handler's objects hold. Anything JSON would send
 * differently than it looks fails closed as `reply.not-json`, naming where it is.
 */
export const wirePatch = (patch: JsonObject): JsonObject => {
  try {
    return wireCopy(patch) as JsonObject
  } catch (error) {
    if (!(error instanceof NotJsonError)) throw error
    const path = error.path.reduce<string>((at, key) => (typeof key === 'number' ? indexPath(at, key) : memberPath(at, key)), '')
    throw new InvalidReplyError('reply.not-json', path, `${path === '' ? 'the response ' : ''}${error.message}; reply with plain JSON data`)
  }
}
