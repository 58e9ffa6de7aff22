// -- redaction ------------------------------------------------------------------------
// Cognito events carry secrets (a migrating user's plaintext password, challenge answers,
// sender ciphertext, provider tokens) and personal data. Two layers keep them out of logs,
// because neither is enough alone:
//   1. Path masking: `@middy/input-output-logger` replaces the value at each known path by the
//      mask, whatever its length, without walking the rest of the event.
//   2. Value scrubbing: the values found at those paths are then removed wherever else they
//      show up - an error message quoting the password, a plugin's log line with the email,
//      a reply that copies `userName` into a claim.

import { ConfigurationError } from './errors.js'
import type { Logger } from './logger.js'
import { describe, isPlainObject } from './response.js'

/** What replaces a secret, unless `mask` says otherwise. */
export const DEFAULT_MASK = '[REDACTED]'

/**
 * Values with fewer non-blank characters than this are masked by path only: replacing a
 * one-letter password or a `"1"` flag everywhere would destroy every log line it touches.
 */
export const MIN_SECRET_LENGTH = 4

/** What a log line's attributes become when they cannot be turned into JSON (cycles, BigInt). */
export const UNSERIALIZABLE = '[unserializable]'

// The paths under the event root; DEFAULT_REDACT_PATHS adds each under the reply root.
const EVENT_REDACT_PATHS = [
  // UserMigration: what the user typed; elsewhere the pool username (often the `sub`).
  'event.userName',
  // Credentials and challenge secrets.
  'event.request.password',
  'event.request.challengeAnswer',
  'event.request.privateChallengeParameters',
  'event.response.privateChallengeParameters',
  'event.request.code',
  // Caller-supplied maps: may carry anything, including tokens.
  'event.request.validationData',
  'event.request.clientMetadata',
  // InboundFederation: everything the identity provider sent.
  'event.request.attributes.tokenResponse',
  'event.request.attributes.idToken',
  'event.request.attributes.userInfo',
  'event.request.attributes.samlResponse',
  'event.response.userAttributesToMap',
  // Personal data in user attributes, including the alias pseudo-attributes.
  'event.request.userAttributes.email',
  'event.request.userAttributes.phone_number',
  'event.request.userAttributes.cognito:email_alias',
  'event.request.userAttributes.cognito:phone_number_alias',
  // AccountTakeOverNotification sender events: who, from where, and the one-click links and
  // feedback token, which act for the user without a password.
  'event.request.userAttributes.USER_NAME',
  'event.request.userAttributes.IP_ADDRESS',
  'event.request.userAttributes.FEEDBACK_TOKEN',
  'event.request.userAttributes.ONE_CLICK_LINK_VALID',
  'event.request.userAttributes.ONE_CLICK_LINK_INVALID',
  // UserMigration reply: the migrated user's profile.
  'event.response.userAttributes',

] as const

type EventRedactPath = (typeof EVENT_REDACT_PATHS)[number]
type ReplyRedactPath = EventRedactPath extends `event.${infer Rest}` ? `response.${Rest}` : never

/**
 * The paths redacted by default, in `@middy/input-output-logger` `omitPaths` syntax: dotted,
 * rooted at `event.` (the incoming event) or `response.` (the reply), `[]` for "every element".
 * The router replies with the whole event and its `response` filled in, so every path exists
 * under both roots. A key with a colon needs no quoting (`cognito:email_alias`); a key that
 * contains a dot cannot be expressed, so mask its parent instead.
 *
 * @example
 * ```ts
 * import inputOutputLogger from '@middy/input-output-logger'
 * import { DEFAULT_REDACT_PATHS } from 'cognito-trigger-router'
 *
 * // The same paths, for a handler that uses input-output-logger directly.
 * const io = inputOutputLogger({ omitPaths: [...DEFAULT_REDACT_PATHS], mask: '[REDACTED]' })
 * ```
 */
export const DEFAULT_REDACT_PATHS: readonly (EventRedactPath | ReplyRedactPath)[] = Object.freeze([
  ...EVENT_REDACT_PATHS,
  ...EVENT_REDACT_PATHS.map((path) => `response.${path.slice('event.'.length)}` as ReplyRedactPath),
])

// Masked by path, but not scrubbed by value everywhere: they hold ordinary values (a `sub` as
// userName, `en-US` in clientMetadata, a client id as an ID-token `aud`) that would otherwise be
// masked in every line, down to the triggerSource itself.
const PATH_ONLY = [
  /\.userName$/,
  /\.validationData$/,
  /\.clientMetadata$/,
  /\.attributes\.(idToken|userInfo|samlResponse)$/,
  /\.response\.(userAttributes|userAttributesToMap)$/,
]

/**
 * The default paths whose values are also scrubbed wherever else they appear (an error message
 * quoting the password, a plugin log line with the email): credentials, challenge secrets,
 * sender codes, provider tokens, and contact data.
 */
export const DEFAULT_SECRET_PATHS: readonly string[] = Object.freeze(
  DEFAULT_REDACT_PATHS.filter((path) => !PATH_ONLY.some((pattern) => pattern.test(path))),
)

/** How to redact. Validate with {@link validateRedactionOptions}; resolve with {@link resolveRedaction}. */
export interface RedactionOptions {
  /** More paths, in the syntax of {@link DEFAULT_REDACT_PATHS} (rooted at `event.` or `response.`). */
  paths?: readonly string[]
  /** Use `paths` instead of the defaults rather than in addition to them. Default false. */
  replaceDefaults?: boolean
  /** The replacement text. Default `'[REDACTED]'`. */
  mask?: string
}

/** Redaction options with the defaults applied. */
export interface ResolvedRedaction {
  /** Masked in the event and reply lines. */
  readonly paths: readonly string[]
  /** Also scrubbed by value from every line: the default secret paths plus the configured ones. */
  readonly secretPaths: readonly string[]
  readonly mask: string
}

const ROOTS = new Set(['event', 'response'])
// input-output-logger silently skips paths with these segments, which would leave the value
// unmasked; refusing them at cold start turns that silent leak into a visible mistake.
const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'constructor', 'prototype'])
const REDACTION_KEYS = new Set(['paths', 'replaceDefaults', 'mask'])

const pathProblem = (path: unknown): string | undefined => {
  if (typeof path !== 'string') return `must be a string, got ${describe(path)}`
  const segments = path.split('.')
  if (!ROOTS.has(segments[0] as string)) {
    return `must start with "event." or "response." (the input-output-logger roots), got "${path}"`
  }
  if (segments.length < 2) return `must name a field below its root, got "${path}"`
  if (segments.includes('')) return `has an empty segment: "${path}"`
  const forbidden = segments.find((segment) => FORBIDDEN_SEGMENTS.has(segment))
  if (forbidden !== undefined) return `must not contain the segment "${forbidden}": "${path}"`
  return undefined
}

/**
 * Checks redaction options at cold start and returns them typed. Throws a
 * {@link ConfigurationError} naming the offending key (`redact.paths[2]`, `redact.mask`, ...).
 * `where` is the name the options have in the caller's configuration.
 *
 * @example
 * ```ts
 * import { validateRedactionOptions } from 'cognito-trigger-router'
 *
 * validateRedactionOptions({ paths: ['event.request.userAttributes.custom:ssn'] }) // ok
 * validateRedactionOptions({ paths: ['request.password'] })
 * // ConfigurationError: redaction option "redact.paths[0]" must start with "event." or "response." ...
 * ```
 */
export const validateRedactionOptions = (options: unknown, where = 'redact'): RedactionOptions => {
  if (options === undefined) return {}
  if (!isPlainObject(options)) {
    throw new ConfigurationError(`redaction option "${where}" must be an object, got ${describe(options)}`)
  }
  for (const key of Object.keys(options)) {
    if (!REDACTION_KEYS.has(key)) {
      throw new ConfigurationError(
        `unknown redaction option "${where}.${key}"; expected "paths", "replaceDefaults" or "mask"`,
      )
    }
  }
  const { paths, replaceDefaults, mask } = options
  if (paths !== undefined) {
    if (!Array.isArray(paths)) {
      throw new ConfigurationError(`redaction option "${where}.paths" must be an array of strings, got ${describe(paths)}`)
    }
    paths.forEach((path: unknown, index) => {
      const problem = pathProblem(path)
      if (problem !== undefined) throw new ConfigurationError(`redaction option "${where}.paths[${index}]" ${problem}`)
    })
  }
  if (replaceDefaults !== undefined && typeof replaceDefaults !== 'boolean') {
    throw new ConfigurationError(
      `redaction option "${where}.replaceDefaults" must be a boolean, got ${describe(replaceDefaults)}`,
    )
  }
  if (mask !== undefined && typeof mask !== 'string') {
    throw new ConfigurationError(`redaction option "${where}.mask" must be a string, got ${describe(mask)}`)
  }
  return options as RedactionOptions
}

/**
 * Validates redaction options and applies the defaults: the default paths plus `paths`
 * (or only `paths` with `replaceDefaults: true`, which with no `paths` turns redaction off),
 * and the mask `'[REDACTED]'`.
 *
 * @example
 * ```ts
 * import { resolveRedaction } from 'cognito-trigger-router'
 *
 * const { paths, mask } = resolveRedaction({ paths: ['event.request.userAttributes.custom:ssn'] })
 * // paths = DEFAULT_REDACT_PATHS + the custom path, mask = '[REDACTED]'
 * ```
 */
export const resolveRedaction = (options?: RedactionOptions): ResolvedRedaction => {
  const { paths = [], replaceDefaults = false, mask = DEFAULT_MASK } = validateRedactionOptions(options)
  const all = replaceDefaults ? paths : [...DEFAULT_REDACT_PATHS, ...paths]
  const secrets = replaceDefaults ? paths : [...DEFAULT_SECRET_PATHS, ...paths]
  return Object.freeze({ paths: Object.freeze([...new Set(all)]), secretPaths: Object.freeze([...new Set(secrets)]), mask })
}

// -- collecting secrets ------------------------------------------------------------------

// The words of JSON itself: a `"true"` in clientMetadata is no secret, and scrubbing it would
// mask every boolean-like attribute (`email_verified`) in every line.
const JSON_WORDS = new Set(['true', 'false', 'null'])
// Events are shallow; the limit only stops a hostile or cyclic structure from exhausting the stack.
const MAX_DEPTH = 64

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
}

const trees = new WeakMap<readonly string[], PathTree>()

const treeOf = (paths: readonly string[]): PathTree => {
  const cached = trees.get(paths)
  if (cached !== undefined) return cached
  const tree: PathTree = { whole: false, children: new Map() }
  for (const path of paths) {
    const [root, ...rest] = path.split('.')
    if (!ROOTS.has(root as string) || rest.length === 0) continue
    let node = tree
    for (const segment of rest) {
      let child = node.children.get(segment)
      if (child === undefined) node.children.set(segment, (child = { whole: false, children: new Map() }))
      node = child
    }
    node.whole = true
  }
  // Only frozen lists are kept: a caller may still change an unfrozen one.
  if (Object.isFrozen(paths)) trees.set(paths, tree)
  return tree
}

const collectAt = (node: unknown, tree: PathTree, found: Set<string>, seen: WeakSet<object>): void => {
  if (tree.whole) {
    stringsIn(node, found, seen, 0)
    return
  }
  if (typeof node !== 'object' || node === null) return
  for (const [segment, child] of tree.children) {
    if (Array.isArray(node)) {
      // As in input-output-logger, only `[]` descends into an array.
      if (segment === '[]') for (const item of node) collectAt(item, child, found, seen)
      continue
    }
    const value = readOwn(node, segment)
    if (value !== undefined) collectAt(value, child, found, seen)
  }
}

const stringsIn = (value: unknown, found: Set<string>, seen: WeakSet<object>, depth: number): void => {
  if (typeof value === 'string') {
    found.add(value)
    return
  }
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH || seen.has(value)) return
  seen.add(value)
  for (const key of keysOf(value)) stringsIn(readOwn(value, key), found, seen, depth + 1)
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
  const found = new Set<string>()
  collectAt(event, treeOf(paths), found, new WeakSet())
  return [...found].filter(isScrubbable)
}

// -- scrubbing ---------------------------------------------------------------------------

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const jsonEscaped = (text: string): string => JSON.stringify(text).slice(1, -1)

interface Scrubber {
  /** The text with every form of every secret replaced by the mask. */
  readonly clean: (text: string) => string
  /** Whether `clean` would change the text. */
  readonly hits: (text: string) => boolean
}

const NOTHING_TO_SCRUB: Scrubber = { clean: (text) => text, hits: () => false }

// One invocation scrubs every line with the same secrets: keep the last scrubber rather than
// building it again for each line.
let lastScrubber: { secrets: readonly string[]; mask: string; scrubber: Scrubber } | undefined

const scrubberFor = (secrets: readonly string[], mask: string): Scrubber => {
  if (secrets.length === 0) return NOTHING_TO_SCRUB
  const last = lastScrubber
  const same =
    last !== undefined &&
    last.mask === mask &&
    last.secrets.length === secrets.length &&
    last.secrets.every((secret, i) => secret === secrets[i])
  if (same) return last.scrubber
  const scrubber = buildScrubber(secrets, mask)
  // A copy: the caller may change its array after this line.
  lastScrubber = { secrets: [...secrets], mask, scrubber }
  return scrubber
}

/**
 * One pass over the text with every form of every secret, longest first: a single regular
 * expression matches leftmost-longest, so a secret that contains a shorter one is masked whole
 * instead of leaving a recognisable remainder. The escaped forms catch a secret inside a JSON
 * string, and inside a JSON string that was itself put into JSON (a logged request body).
 * Most lines hold no secret (path masking came first): finding none is a substring search, and
 * the regular expression is compiled on first use.
 */
const buildScrubber = (secrets: readonly string[], mask: string): Scrubber => {
  const forms = new Set<string>()
  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret === '') continue
    const once = jsonEscaped(secret)
    // Nothing to escape (the common case): every form is the secret itself.
    forms.add(secret)
    if (once !== secret) forms.add(once).add(jsonEscaped(once))
  }
  if (forms.size === 0) return NOTHING_TO_SCRUB
  const list = [...forms].sort((a, b) => b.length - a.length)
  // Most strings of a line are shorter than any secret, and cannot hold one.
  const shortest = (list.at(-1) as string).length
  let pattern: RegExp | undefined
  return {
    clean: (text) => {
      pattern ??= new RegExp(list.map(escapeRegExp).join('|'), 'g')
      // A replacer function, so a mask such as `$&` is inserted literally.
      return text.replace(pattern, () => mask)
    },
    hits: (text) => text.length >= shortest && list.some((form) => text.includes(form)),
  }
}

/**
 * Replaces every occurrence of each secret in `text`, and of its JSON-escaped form, by `mask`.
 * Matching is exact and case-sensitive. Empty secrets are ignored; short ones are not (filter
 * them out with {@link collectSecrets}).
 *
 * @example
 * ```ts
 * import { scrub } from 'cognito-trigger-router'
 *
 * scrub('{"message":"bad password p\\"w0rd!"}', ['p"w0rd!'])
 * // '{"message":"bad password [REDACTED]"}'
 * ```
 */
export const scrub = (text: string, secrets: readonly string[], mask: string = DEFAULT_MASK): string =>
  scrubberFor(secrets, mask).clean(text)

const scrubTree = (value: unknown, clean: (text: string) => string, mask: string): unknown => {
  if (typeof value === 'string') return clean(value)
  // A number is a secret's digits too (a PIN logged as a number).
  if (typeof value === 'number') return clean(String(value)) === String(value) ? value : mask
  if (Array.isArray(value)) return value.map((item) => scrubTree(item, clean, mask))
  if (typeof value === 'object' && value !== null) {
    // Object.fromEntries defines own properties, so a `__proto__` key stays data.
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [clean(key), scrubTree(item, clean, mask)]))
  }
  return value
}

// True when every logger writes `value` as JSON.stringify would and no secret occurs in it: then
// there is nothing to scrub and the logger may have the value itself. An Error, a Date or a class
// instance is not such a value (JSON drops an Error's message, a Powertools logger prints it),
// nor is `undefined` (JSON leaves it out, other loggers may print it).
const isPlainAndClean = (value: unknown, hits: Scrubber['hits'], depth: number): boolean => {
  if (typeof value === 'string') return !hits(value)
  // A number is a secret's digits too (a PIN logged as a number).
  if (typeof value === 'number') return !hits(String(value))
  if (typeof value === 'boolean' || value === null) return true
  if (typeof value !== 'object' || depth > MAX_DEPTH) return false
  if (Array.isArray(value)) return value.every((item) => isPlainAndClean(item, hits, depth + 1))
  if (!isPlainObject(value)) return false
  for (const key of Object.keys(value)) {
    if (hits(key) || !isPlainAndClean(value[key], hits, depth + 1)) return false
  }
  return true
}

const scrubAttributesWith = (attributes: unknown, scrubber: Scrubber, mask: string): Record<string, unknown> => {
  try {
    // The JSON form is what reaches the log, so that is what gets scrubbed: toJSON() has run,
    // functions and symbols are gone. Parsing it back before scrubbing keeps the structure
    // intact whatever the secrets are (masking a `true` in JSON text would break it).
    if (isPlainObject(attributes) && isPlainAndClean(attributes, scrubber.hits, 0)) return attributes
    const text = JSON.stringify(attributes)
    if (text === undefined) return {}
    const scrubbed = scrubTree(JSON.parse(text), scrubber.clean, mask)
    return isPlainObject(scrubbed) ? scrubbed : { attributes: scrubbed }
  } catch {
    return { attributes: UNSERIALIZABLE }
  }
}

/**
 * The JSON form of `attributes` with every secret removed from every string, key and number,
 * as an object again. Attributes that cannot be serialized (cycles, BigInt, throwing `toJSON`)
 * become `{ attributes: '[unserializable]' }`; a non-object becomes `{ attributes: value }`.
 *
 * @example
 * ```ts
 * import { scrubAttributes } from 'cognito-trigger-router'
 *
 * scrubAttributes({ note: 'mail jane@example.com', jane: { 'jane@example.com': 1 } }, ['jane@example.com'])
 * // { note: 'mail [REDACTED]', jane: { '[REDACTED]': 1 } }
 * ```
 */
export const scrubAttributes = (
  attributes: unknown,
  secrets: readonly string[],
  mask: string = DEFAULT_MASK,
): Record<string, unknown> => scrubAttributesWith(attributes, scrubberFor(secrets, mask), mask)

/**
 * Wraps a logger so that the message and the attributes of every line are scrubbed of
 * `secrets()` before they reach it. `secrets` is called once per line, so it can collect
 * lazily and see secrets that appear while the invocation runs. The router hands each
 * plugin such a logger.
 *
 * @example
 * ```ts
 * import { collectSecrets, DEFAULT_REDACT_PATHS, jsonLogger, scrubbingLogger } from 'cognito-trigger-router'
 *
 * const logger = scrubbingLogger(jsonLogger(), () => collectSecrets(event, DEFAULT_REDACT_PATHS))
 * logger.warn(`login failed for ${event.request.userAttributes.email}`)
 * // {"level":"WARN","message":"login failed for [REDACTED]"}
 * ```
 */
export const scrubbingLogger = (
  logger: Logger,
  secrets: () => readonly string[],
  mask: string = DEFAULT_MASK,
): Logger => {
  const write =
    (level: keyof Logger) =>
    (message: string, attributes?: Record<string, unknown>): void => {
      const scrubber = scrubberFor(secrets(), mask)
      logger[level](
        scrubber.clean(String(message)),
        attributes === undefined ? undefined : scrubAttributesWith(attributes, scrubber, mask),
      )
    }
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') }
}
