// -- check factories -----------------------------------------------------------------
// The shapes replies are made of (flags, enums, lists, string maps, nested objects), each
// a Check that fails closed with a message naming the type it found, never the value.

import { describe, isPlainObject } from '../json.js'
import {
  checkLength,
  entryPath,
  fail,
  indexPath,
  memberPath,
  quote,
  type Check,
  type Checks,
} from './common.js'

const orNull = (nullable: boolean): string => (nullable ? ' or null' : '')

/** Accepts values of one JSON type, and null when `nullable`. */
export const typed =
  (type: 'string' | 'boolean', rule: string, nullable = false): Check =>
  (value, path) => {
    if (typeof value === type || (nullable && value === null)) return
    fail(rule, path, `must be a ${type}${orNull(nullable)}, got ${describe(value)}`)
  }

/** Accepts one of `allowed`, and null when `nullable`. */
export const oneOf =
  (allowed: readonly string[], rule: string, nullable: boolean): Check =>
  (value, path) => {
    if ((nullable && value === null) || (typeof value === 'string' && allowed.includes(value))) return
    const got = typeof value === 'string' ? 'another string' : describe(value)
    fail(rule, path, `must be one of ${allowed.join(', ')}${orNull(nullable)}, got ${got}`)
  }

/** Accepts an array whose items pass `item`, and null when `nullable`. */
export const listOf =
  (item: Check, rule: string, nullable = false): Check =>
  (value, path, context) => {
    if (nullable && value === null) return
    if (!Array.isArray(value)) return fail(rule, path, `must be an array${orNull(nullable)}, got ${describe(value)}`)
    for (let index = 0; index < value.length; index++) item(value[index], indexPath(path, index), context)
  }

/** A cap on the length of each value, as for user attributes (2,048 characters, "Working with user attributes"). */
export interface LengthLimit {
  readonly max: number
  readonly rule: string
}

/** Accepts an object of strings (an attribute or parameter map), and null when `nullable`. */
export const stringMap =
  (rule: string, nullable: boolean, limit?: LengthLimit): Check =>
  (value, path) => {
    if (nullable && value === null) return
    if (!isPlainObject(value)) {
      return fail(rule, path, `must be an object of strings${orNull(nullable)}, got ${describe(value)}`)
    }
    for (const key of Object.keys(value)) {
      const entry = value[key]
      const at = entryPath(path, key)
      if (typeof entry !== 'string') fail(rule, at, `must be a string, got ${describe(entry)}`)
      else if (limit) checkLength(entry, limit.max, limit.rule, at, 'the value')
    }
  }

/**
 * Accepts an object (or null) whose members all have a check. An unknown member is an error
 * because Cognito would drop it silently: a typo must not pass as a customization.
 */
export const struct = (members: Checks, rules: { readonly type: string; readonly unknown: string }): Check => {
  const byName = new Map(Object.entries(members))
  const known = [...byName.keys()].join(', ')
  return (value, path, context) => {
    if (value === null) return
    if (!isPlainObject(value)) return fail(rules.type, path, `must be an object or null, got ${describe(value)}`)
    for (const key of Object.keys(value)) {
      const check = byName.get(key)
      const at = memberPath(path, key)
      if (check === undefined) fail(rules.unknown, at, `Cognito reads no ${quote(key)} here; it reads ${known}`)
      else check(value[key], at, context)
    }
  }
}
