// -- shared checks -------------------------------------------------------------------
// Building blocks for the per-family rules. Messages name rule ids, paths, types and
// lengths only, never a value: replies carry passwords, codes and personal data, and
// these errors end up in logs (README, "Logging and redaction").

import type { TriggerSource } from '../catalogue.js'
import { InvalidReplyError } from '../errors.js'
import { isPlainObject, type JsonObject } from '../json.js'

/** Everything a rule may look at. Rules judge what plugins set; `event` and `response` are context. */
export interface ReplyContext {
  readonly source: TriggerSource
  readonly event: JsonObject
  /** The final response, read only by rules across keys. */
  readonly response: JsonObject
  readonly changed: JsonObject
}

/** Judges one value a plugin set, found at `path` inside the response. */
export type Check = (value: unknown, path: string, context: ReplyContext) => void

/** One check per member name. */
export type Checks = Readonly<Record<string, Check>>

/** The rules of one trigger family. */
export interface FamilyRules {
  /** One check per response key Cognito reads (the catalogue's `responseKeys`). */
  readonly keys: Checks
  /** Rules across keys: they read the final response and fire only when an involved key changed. */
  readonly across?: (context: ReplyContext) => void
}

export const fail = (rule: string, path: string, message: string): never => {
  throw new InvalidReplyError(rule, path, message)
}

/** Reads an own property only, so keys such as `__proto__` never reach a prototype. */
export const getOwn = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null && Object.hasOwn(value, key) ? (value as JsonObject)[key] : undefined

// -- paths ---------------------------------------------------------------------------

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/u
const MAX_SHOWN_KEY = 64

/** A key as it appears in a message: quoted, escaped and shortened, so odd keys cannot garble a log line. */
export const quote = (key: string): string =>
  JSON.stringify(key.length > MAX_SHOWN_KEY ? `${key.slice(0, MAX_SHOWN_KEY)}…` : key)

/** `parent["key"]`: map keys are names chosen by configuration (a claim, an attribute), not values. */
export const entryPath = (parent: string, key: string): string => `${parent}[${quote(key)}]`

/** `parent.key`, falling back to `parent["key"]` when the key is not an identifier. */
export const memberPath = (parent: string, key: string): string => {
  if (!IDENTIFIER.test(key)) return entryPath(parent, key)
  return parent === '' ? key : `${parent}.${key}`
}

export const indexPath = (parent: string, index: number): string => `${parent}[${index}]`

// -- values --------------------------------------------------------------------------

/**
 * True for what survives JSON serialization unchanged. `undefined`, `NaN`, class instances
 * and cycles would be dropped, altered or crash the reply, so none of them is JSON here.
 */
export const isJsonValue = (value: unknown, ancestors: readonly object[] = []): boolean => {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true
  if (typeof value === 'number') return Number.isFinite(value)
  if (typeof value !== 'object' || ancestors.includes(value)) return false
  const inside = [...ancestors, value]
  if (Array.isArray(value)) {
    // An index loop, not every(): holes in sparse arrays would be skipped, yet serialize as null.
    for (let index = 0; index < value.length; index++) if (!isJsonValue(value[index], inside)) return false
    return true
  }
  return isPlainObject(value) && Object.keys(value).every((key) => isJsonValue(value[key], inside))
}

/** Length in Unicode code points: Cognito's message limits count characters, and an emoji is one, not two. */
export const characterCount = (text: string): number => [...text].length

export const checkLength = (text: string, max: number, rule: string, path: string, what: string): void => {
  // The UTF-16 length is never below the code-point count, so short text needs no count.
  if (text.length <= max) return
  const count = characterCount(text)
  if (count > max) fail(rule, path, `${what} is ${count} characters long; the limit is ${max}`)
}
