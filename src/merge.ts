// -- merge rules -------------------------------------------------------------------
// Several plugins on one triggerSource run in registration order; their patches merge
// deterministically: maps merge (later wins), lists are unions, suppression beats
// addition (as Cognito does), and for decisions the most restrictive value wins.

import type { TriggerInfo } from './catalogue.js'
import { MergeConflictError } from './errors.js'
import { isPlainObject, jsonEqual, setOwn, type JsonObject } from './json.js'

/** The merged patch so far and which plugin set each top-level key. */
export interface MergeState {
  readonly patch: JsonObject
  readonly owners: Map<string, string>
}

// mergePatch never changes the state it is given, so every invocation can start from this one.
const EMPTY: MergeState = Object.freeze({ patch: Object.freeze({}), owners: new Map<string, string>() })

/** The state before any plugin ran: nothing set. Shared; mergePatch returns a new state. */
export const emptyMergeState = (): MergeState => EMPTY

/** Merges one plugin's patch into the state, applying the trigger's decision rules. */
export const mergePatch = (state: MergeState, patch: JsonObject, trigger: TriggerInfo, plugin: string): MergeState => {
  const out: JsonObject = { ...state.patch }
  // The first plugin's merge starts from the shared empty state: nothing of its map to copy.
  const owners = state === EMPTY ? new Map<string, string>() : new Map(state.owners)
  for (const key of Object.keys(patch)) {
    const incoming = patch[key]
    const had = Object.hasOwn(out, key)
    const current = had ? out[key] : undefined
    let value = had ? mergeValue(current, incoming) : incoming
    if (had && Object.hasOwn(trigger.restrictive, key)) {
      const safe = trigger.restrictive[key]
      value = current === safe || incoming === safe ? safe : incoming
    }
    if (had && trigger.exclusive.includes(key) && current != null && incoming != null && current !== incoming) {
      throw new MergeConflictError(key, owners.get(key) ?? 'unknown', plugin)
    }
    setOwn(out, key, value)
    owners.set(key, plugin)
  }
  return { patch: suppressionWins(out), owners }
}

const mergeValue = (current: unknown, incoming: unknown): unknown => {
  if (Array.isArray(current) && Array.isArray(incoming)) return union(current, incoming)
  if (isPlainObject(current) && isPlainObject(incoming)) {
    const out: JsonObject = { ...current }
    for (const key of Object.keys(incoming)) {
      setOwn(out, key, Object.hasOwn(out, key) ? mergeValue(out[key], incoming[key]) : incoming[key])
    }
    return out
  }
  return incoming
}

const union = (a: readonly unknown[], b: readonly unknown[]): unknown[] => {
  const out = [...a]
  for (const item of b) if (!out.some((existing) => jsonEqual(existing, item))) out.push(item)
  return out
}

// Cognito suppresses a claim that is both added and suppressed; doing the same here keeps
// the reply honest and lets validation judge what will really be in the token
// ("Pre token generation Lambda trigger", Amazon Cognito developer guide).
const PAIRS = [
  ['claimsToAddOrOverride', 'claimsToSuppress'],
  ['scopesToAdd', 'scopesToSuppress'],
] as const

const suppressionWins = (value: JsonObject): JsonObject => {
  let out = value
  for (const key of Object.keys(value)) {
    const child = value[key]
    if (isPlainObject(child)) {
      const next = suppressionWins(child)
      if (next !== child) {
        if (out === value) out = { ...value }
        setOwn(out, key, next)
      }
    }
  }
  for (const [added, suppressed] of PAIRS) {
    const drop = out[suppressed]
    const add = out[added]
    if (!Array.isArray(drop) || drop.length === 0 || add == null) continue
    if (out === value) out = { ...value }
    if (Array.isArray(add)) setOwn(out, added, add.filter((scope) => !drop.includes(scope)))
    else if (isPlainObject(add)) {
      setOwn(out, added, Object.fromEntries(Object.entries(add).filter(([claim]) => !drop.includes(claim))))
    }
  }
  return out
}
