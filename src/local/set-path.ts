// -- `--set path=value` -------------------------------------------------------------------------
// Writes a value at a dotted path of a JSON object, creating objects on the way. Values are JSON
// when they parse (`true`, `3`, `null`, `["a"]`), text otherwise. Segments that reach an object's
// prototype are refused: the event is user input to this tool.

import { isPlainObject, type JsonObject } from '../response.js'
import { UsageError } from './errors.js'

const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor'])

/** `'3'` → 3, `'true'` → true, `'{"a":1}'` → `{ a: 1 }`, `'a@b.c'` → `'a@b.c'`. */
export const parseValue = (text: string): unknown => {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

/** Splits `path=value` at the first `=`. */
export const splitAssignment = (assignment: string, flag: string, command: string): [string, string] => {
  const at = assignment.indexOf('=')
  if (at <= 0) throw new UsageError(`${flag} needs key=value, got "${assignment}"`, command)
  return [assignment.slice(0, at), assignment.slice(at + 1)]
}

/**
 * Sets `value` at `path` (`request.userAttributes.email`, `request.session.0.challengeName`) in
 * `target`, creating missing or `null` containers as objects. Array elements are addressed by
 * index. Throws a UsageError for an empty or forbidden segment, or a path through a scalar.
 */
export const setPath = (target: JsonObject, path: string, value: unknown, command = 'event'): void => {
  const segments = path.split('.')
  const bad = segments.find((segment) => segment === '' || FORBIDDEN.has(segment))
  if (bad !== undefined) throw new UsageError(`--set ${path}: ${bad === '' ? 'empty path segment' : `the segment "${bad}" is not allowed`}`, command)
  let current: JsonObject | unknown[] = target
  segments.forEach((segment, index) => {
    const where = segments.slice(0, index + 1).join('.')
    let slot: string | number = segment
    if (Array.isArray(current)) {
      if (!/^\d+$/.test(segment)) throw new UsageError(`--set ${path}: "${segments.slice(0, index).join('.')}" is an array; use an index, not "${segment}"`, command)
      slot = Number(segment)
    }
    const container = current as Record<string | number, unknown>
    if (index === segments.length - 1) {
      container[slot] = value
      return
    }
    const next = Object.hasOwn(container, slot) ? container[slot] : undefined
    if (next === undefined || next === null) container[slot] = {}
    else if (!isPlainObject(next) && !Array.isArray(next)) throw new UsageError(`--set ${path}: "${where}" is ${typeof next}, not an object`, command)
    current = container[slot] as JsonObject | unknown[]
  })
}
