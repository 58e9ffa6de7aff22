// -- redaction: collecting secrets -------------------------------------------------------
// The values at the redaction paths of an event, so that they can be scrubbed from every line.

import { DEFAULT_CONTACT_PATHS, ROOTS } from './paths.js'

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
  /** The email addresses and phone numbers below this point are collected. */
  contacts: boolean
  readonly children: Map<string, PathTree>
  /** The same children as an array: iterating it allocates nothing, which a Map's iterator does. */
  readonly list: [string, PathTree][]
}

const trees = new WeakMap<readonly string[], PathTree>()
const CONTACT_PATHS: ReadonlySet<string> = new Set(DEFAULT_CONTACT_PATHS)
const branch = (): PathTree => ({ whole: false, contacts: false, children: new Map(), list: [] })

const treeOf = (paths: readonly string[]): PathTree => {
  const cached = trees.get(paths)
  if (cached !== undefined) return cached
  const tree = branch()
  for (const path of paths) {
    const [root, ...rest] = path.split('.')
    if (!ROOTS.has(root as string) || rest.length === 0) continue
    let node = tree
    for (const segment of rest) {
      let child = node.children.get(segment)
      if (child === undefined) {
        child = branch()
        node.children.set(segment, child)
        node.list.push([segment, child])
      }
      node = child
    }
    if (CONTACT_PATHS.has(path)) node.contacts = true
    else node.whole = true
  }
  // Only frozen lists are kept: a caller may still change an unfrozen one.
  if (Object.isFrozen(paths)) trees.set(paths, tree)
  return tree
}

// What one collection found, and the objects it has been through (made on the first object: most
// secrets are strings at a path, and most events have no object under a secret path).
interface Found {
  // Made on the first value: most searches (a reply's response, a line's event) find none.
  values: Set<string> | undefined
  seen: WeakSet<object> | undefined
}

const collectAt = (node: unknown, tree: PathTree, found: Found): void => {
  if (tree.whole) {
    stringsIn(node, found, 0, whole)
    return
  }
  if (tree.contacts) stringsIn(node, found, 0, contactsIn)
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

/** Called with every string found, the key it sits under (none for the value at the path itself), and where to add secrets. */
type Visit = (text: string, key: string | undefined, found: Found) => void

const add = (found: Found, value: string): void => {
  ;(found.values ??= new Set()).add(value)
}

const whole: Visit = (text, key, found) => {
  add(found, text)
  // A token is a secret whole, and the claims inside it are contact data once decoded.
  if (text.startsWith(JWT_START)) contactsIn(text, key, found)
}

const stringsIn = (value: unknown, found: Found, depth: number, visit: Visit, key?: string): void => {
  if (typeof value === 'string') {
    visit(value, key, found)
    return
  }
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return
  const seen = (found.seen ??= new WeakSet())
  if (seen.has(value)) return
  seen.add(value)
  for (const name of keysOf(value)) stringsIn(readOwn(value, name), found, depth + 1, visit, name)
}

// -- contact data ----------------------------------------------------------------------
// Found in any text, JSON text included (a claim whose value is a JSON object, a SAML attribute
// list): JSON escapes nothing an address or an E.164 number is made of. Every repetition is
// bounded, so a hostile 100 KB claim costs a linear scan, never a backtracking blow-up.

// An address: RFC 5322 "atext" and dots before the `@` (at most 64, its limit), then dot-separated
// labels of letters, digits and inner hyphens (at most 63 each), Unicode included.
// Built on the first text with an `@` at a contact path, not at import: V8 takes about half a
// millisecond to build an expression of Unicode property classes, which every cold start would
// pay, and most events have no address at a contact path (a userName is usually a `sub`).
const LABEL = '[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?'
let email: RegExp | undefined
const emailPattern = (): RegExp => (email ??= new RegExp(`[\\p{L}\\p{N}.!#$%&'*+/=?^_\`{|}~-]{1,64}@${LABEL}(?:\\.${LABEL}){1,8}`, 'gu'))
// An international number as Cognito stores it (`+15555550100`, E.164) or written with spaces,
// dots, hyphens or parentheses between its 7 to 15 digits.
const PHONE = /\+\d(?:[ .()-]{0,2}\d){6,14}/g
// A claim named as a phone number (`phone_number`, a SAML `mobilephone` claim URI) is one, however written.
const PHONE_KEY = /phone|mobile/i

// A signed JWT (an ID token in tokenResponse) is three base64url parts, the second its claims as
// JSON: a plugin that decodes it and logs the claims would otherwise log the address in them.
// Encoded JSON always starts `{"`, which base64url writes `eyJ`.
const JWT_START = 'eyJ'
const claimsOf = (token: string): string | undefined => {
  const parts = token.split('.')
  return parts.length === 3 && parts[1]?.startsWith(JWT_START) ? Buffer.from(parts[1], 'base64url').toString('utf8') : undefined
}

const contactsIn: Visit = (text, key, found) => {
  if (text.startsWith(JWT_START)) {
    const claims = claimsOf(text)
    if (claims !== undefined) contactsIn(claims, undefined, found)
  }
  if (key !== undefined && PHONE_KEY.test(key)) add(found, text)
  if (text.includes('@')) for (const [address] of text.matchAll(emailPattern())) add(found, address)
  if (text.includes('+')) {
    for (const [number] of text.matchAll(PHONE)) {
      add(found, number)
      // The same number as Cognito stores it, which is how a plugin is likely to log it.
      add(found, `+${number.replace(/\D/g, '')}`)
    }
  }
}

/**
 * The secret values of an event: every string found at `paths` (a map or array at a path
 * contributes all its strings, recursively), deduplicated. At the paths of
 * `DEFAULT_CONTACT_PATHS` only the email addresses and phone numbers found in those strings
 * count (a userName that is a `sub` is not collected, one that is an address is; so is a phone
 * number, also as digits after a `+`). Paths are rooted at `event.` or `response.`; both are looked up in `event`, because the reply has the event's shape. Values
 * with fewer than {@link MIN_SECRET_LENGTH} non-blank characters, and the words `true`,
 * `false` and `null`, are left out: they are masked by path only. Never throws, whatever
 * `event` is.
 *
 * @example
 * ```ts
 * import { collectSecrets, DEFAULT_SECRET_PATHS } from 'cognito-trigger-router'
 *
 * collectSecrets(
 *   { userName: 'jane@example.com', request: { password: 'hunter2!', clientMetadata: { a: 'b', c: 'call +1 555 555 0100' } } },
 *   DEFAULT_SECRET_PATHS,
 * ) // ['jane@example.com', 'hunter2!', '+1 555 555 0100', '+15555550100']
 * ```
 */
export const collectSecrets = (event: unknown, paths: readonly string[]): string[] => {
  const found: Found = { values: undefined, seen: undefined }
  collectAt(event, treeOf(paths), found)
  const secrets: string[] = []
  if (found.values !== undefined) for (const value of found.values) if (isScrubbable(value)) secrets.push(value)
  return secrets
}
