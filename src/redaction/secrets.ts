// -- redaction: collecting secrets -------------------------------------------------------
// The values at the redaction paths of an event, so that they can be scrubbed from every line.

import { ROOTS } from './paths.js'

/**
 * Values with fewer non-blank characters than this are masked by path only: replacing a
 * one-letter password or a `"1"` flag everywhere would destroy every log line it touches.
 */
export const MIN_SECRET_LENGTH = 4


// The words of JSON itself: a `"true"` in clientMetadata is no secret, and scrubbing it would
// mask every boolean-like attribute (`email_verified`) in every line.
const JSON_WORDS = new Set(['true', 'false', 'null'])
// Events are shallow; the limit only stops a hostile or cyclic structure from exhausting the stack.
export const MAX_DEPTH = 64

const isScrubbable = (value: string): boolean =>
  value.trim().length >= MIN_SECRET_LENGTH && !JSON_WORDS.has(value)

// A read that cannot throw: a getter or a revoked proxy must not crash the logger.
const readOwn = (node: object, key: string): unknown => {
  try {
    return Object.hasOwn(node, key) ? (node as Record<string, unknown>)[key] : undefined
  } catch {
    return undefined
  }
}

const keysOf = (node: object): string[] => {
  try {
    return Object.keys(node)
  } catch {
    return []
  }
}

// Both roots name the same event-shaped object, so a path under either root is looked up in
// whatever event-shaped object is searched (the event or the reply). The paths become a tree, so
// the 20-odd default paths walk `request.userAttributes` once, not once per attribute. Path lists
// are resolved once (the defaults, a router's configuration) but searched on every invocation,
// so the tree of a frozen list is kept.
interface PathTree {
  /** Everything below this point is collected. */
  whole: boolean
  readonly children: Map<string, PathTree>
  /** The same children as an array: iterating it allocates nothing, which a Map's iterator does. */
  readonly list: [string, PathTree][]
}

const trees = new WeakMap<readonly string[], PathTree>()

const treeOf = (paths: readonly string[]): PathTree => {
  const cached = trees.get(paths)
  if (cached !== undefined) return cached
  const tree: PathTree = { whole: false, children: new Map(), list: [] }
  for (const path of paths) {
    const [root, ...rest] = path.split('.')
    if (!ROOTS.has(root as string) || rest.length === 0) continue
    let node = tree
    for (const segment of rest) {
      let child = node.children.get(segment)
      if (child === undefined) {
        child = { whole: false, children: new Map(), list: [] }
        node.children.set(segment, child)
        node.list.push([segment, child])
      }
      node = child
    }
    node.whole = true
  }
  // Only frozen lists are kept: a caller may still change an unfrozen one.
  if (Object.isFrozen(paths)) trees.set(paths, tree)
  return tree
}

// What one collection found, and the objects it has been through (made on the first object: most
// secrets are strings at a path, and most events have no object under a secret path).
interface Found {
  readonly values: Set<string>
  seen: WeakSet<object> | undefined
}

const collectAt = (node: unknown, tree: PathTree, found: Found): void => {
  if (tree.whole) {
    stringsIn(node, found, 0)
    return
  }
  if (typeof node !== 'object' || node === null) return
  const isArray = Array.isArray(node)
  for (const [segment, child] of tree.list) {
    if (isArray) {
      // As in input-output-logger, only `[]` descends into an array.
      if (segment === '[]') for (const item of node) collectAt(item, child, found)
      continue
    }
    const value = readOwn(node, segment)
    if (value !== undefined) collectAt(value, child, found)
  }
}

const stringsIn = (value: unknown, found: Found, depth: number): void => {
  if (typeof value === 'string') {
    found.values.add(value)
    return
  }
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return
  const seen = (found.seen ??= new WeakSet())
  if (seen.has(value)) return
  seen.add(value)
  for (const key of keysOf(value)) stringsIn(readOwn(value, key), found, depth + 1)
}

/**
 * The secret values of an event: every string found at `paths` (a map or array at a path
 * contributes all its strings, recursively), deduplicated. Paths are rooted at `event.` or
 * `response.`; both are looked up in `event`, because the reply has the event's shape. Values
 * with fewer than {@link MIN_SECRET_LENGTH} non-blank characters, and the words `true`,
 * `false` and `null`, are left out: they are masked by path only. Never throws, whatever
 * `event` is.
 *
 * @example
 * ```ts
 * import { collectSecrets, DEFAULT_REDACT_PATHS } from 'cognito-trigger-router'
 *
 * collectSecrets(
 *   { userName: 'jdoe', request: { password: 'hunter2!', clientMetadata: { a: 'b' } } },
 *   DEFAULT_REDACT_PATHS,
 * ) // ['jdoe', 'hunter2!'] ('b' is too short to scrub by value)
 * ```
 */
export const collectSecrets = (event: unknown, paths: readonly string[]): string[] => {
  const found: Found = { values: new Set(), seen: undefined }
  collectAt(event, treeOf(paths), found)
  return [...found.values].filter(isScrubbable)
}
