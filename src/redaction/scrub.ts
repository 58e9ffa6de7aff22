// -- redaction: scrubbing ---------------------------------------------------------------
// Removes secret values from log lines wherever they appear: a message quoting the password, an
// attribute holding the email, a reply that copied the user name into a claim.

import { isLevelEnabled, lineWriterOf, UNSERIALIZABLE, type Logger, type LoggerLevel } from '../logger.js'
import { isPlainObject } from '../response.js'
import { DEFAULT_MASK } from './paths.js'
import { MAX_DEPTH } from './secrets.js'

export { UNSERIALIZABLE }

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
// What JSON.stringify escapes in a string: quotes, backslashes, control characters, lone surrogates
// (a paired surrogate matches too, and is then serialized to find it needs nothing).
// eslint-disable-next-line no-control-regex -- the control characters are the point
const NEEDS_ESCAPING = /["\\\u0000-\u001f\ud800-\udfff]/
// Most secrets (emails, phone numbers, codes) contain nothing JSON escapes: skip serializing them.
const jsonEscaped = (text: string): string => (NEEDS_ESCAPING.test(text) ? JSON.stringify(text).slice(1, -1) : text)

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
  let tooLarge = false
  return {
    clean: (text) => {
      if (!tooLarge) {
        try {
          pattern ??= new RegExp(list.map(escapeRegExp).join('|'), 'g')
          // A replacer function, so a mask such as `$&` is inserted literally.
          return text.replace(pattern, () => mask)
        } catch {
          // V8 compiles on first use and refuses a pattern past its size limit (a 100 KB
          // answer): mask one form at a time instead, longest first, as the pattern would.
          tooLarge = true
        }
      }
      return list.reduce((line, form) => line.split(form).join(mask), text)
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

// A finished JSON line that holds a secret: parsed, scrubbed string by string, serialized again,
// so that masking never breaks the JSON (a secret `true` inside the text would).
const scrubLine = (line: string, scrubber: Scrubber, mask: string): string =>
  scrubber.hits(line) ? JSON.stringify(scrubTree(JSON.parse(line), scrubber.clean, mask)) : line

/**
 * Writes one line to `logger` with every secret removed from the message and the attributes.
 * A logger that serializes its own lines (`jsonLogger`, `childLogger` of one) is handed the
 * finished line to check, one substring search per form of each secret; any other logger gets
 * scrubbed attributes, as {@link scrubAttributes} makes them.
 *
 * @example
 * ```ts
 * import { collectSecrets, DEFAULT_SECRET_PATHS, jsonLogger, writeScrubbed } from 'cognito-trigger-router'
 *
 * const secrets = collectSecrets(event, DEFAULT_SECRET_PATHS)
 * writeScrubbed(jsonLogger(), 'warn', 'legacy login failed', { user: event.request.userAttributes.email }, secrets)
 * // {"level":"WARN","message":"legacy login failed","user":"[REDACTED]"}
 * ```
 */
export const writeScrubbed = (
  logger: Logger,
  level: LoggerLevel,
  message: string,
  attributes: Record<string, unknown> | undefined,
  secrets: readonly string[],
  mask: string = DEFAULT_MASK,
): void => {
  const scrubber = scrubberFor(secrets, mask)
  const writer = lineWriterOf(logger)
  if (writer !== undefined) {
    writer(level, String(message), attributes, (line) => scrubLine(line, scrubber, mask))
    return
  }
  logger[level](scrubber.clean(String(message)), attributes === undefined ? undefined : scrubAttributesWith(attributes, scrubber, mask))
}

/**
 * Wraps a logger so that the message and the attributes of every line are scrubbed of
 * `secrets()` before they reach it. `secrets` is called once per line, so it can collect
 * lazily and see secrets that appear while the invocation runs. The router hands each
 * plugin such a logger. It answers `isLevelEnabled` as `logger` does.
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
    (level: LoggerLevel) =>
    (message: string, attributes?: Record<string, unknown>): void => {
      // A line the logger drops needs no secrets: collecting them is most of a line's cost.
      if (isLevelEnabled(logger, level)) writeScrubbed(logger, level, message, attributes, secrets(), mask)
    }
  const scrubbing: Logger = { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') }
  if (typeof logger.isLevelEnabled === 'function') scrubbing.isLevelEnabled = (level) => isLevelEnabled(logger, level)
  return scrubbing
}
