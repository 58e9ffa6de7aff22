// -- redaction: scrubbing ---------------------------------------------------------------
// Removes secret values from log lines wherever they appear: a message quoting the password, an
// attribute holding the email, a reply that copied the user name into a claim. One Scrubber per
// set of secrets serves every line of an invocation and the message its user sees. It scrubs what
// came from the event and the plugins (attributes, a plugin's message), never the line's own
// level, message or logger fields, and it hands loggers a copy, never the caller's objects.

import { isLevelEnabled, JsonLogger, UNSERIALIZABLE, type LineFields, type LineRedaction, type Logger, type LoggerLevel } from '../logger.js'
import { isPlainObject, setOwn } from '../json.js'
import { DEFAULT_MASK } from './paths.js'
import { MAX_DEPTH } from './secrets.js'

export { UNSERIALIZABLE }

/**
 * Secrets at least this long are also masked upper-cased, lower-cased and URL-encoded (an SMS
 * gateway's error quoting its request URL, a provider that upper-cases what it echoes). Shorter
 * ones only as they are: their other forms would too often be ordinary words.
 */
export const MIN_VARIANT_LENGTH = 8

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
// What JSON.stringify escapes in a string: quotes, backslashes, control characters, lone surrogates
// (a paired surrogate matches too, and is then serialized to find it needs nothing).
// eslint-disable-next-line no-control-regex -- the control characters are the point
const NEEDS_ESCAPING = /["\\\u0000-\u001f\ud800-\udfff]/
const jsonEscaped = (text: string): string => JSON.stringify(text).slice(1, -1)

// Adds a form unless it is there already: a few forms per secret, so a list beats a Set.
const add = (forms: string[], form: string): void => {
  if (!forms.includes(form)) forms.push(form)
}

// A form that JSON escapes as it is, inside a JSON string, and inside JSON put into a JSON string
// (a logged request body), and once more: a string holding the twice-escaped form holds the
// thrice-escaped one once serialized, so a search of serialized text finds whatever a search of
// its strings would. Escaping adds a backslash, which is escaped in turn.
const addEscaped = (forms: string[], form: string): void => {
  add(forms, form)
  const once = jsonEscaped(form)
  const twice = jsonEscaped(once)
  add(forms, once)
  add(forms, twice)
  add(forms, jsonEscaped(twice))
}

// What encodeURIComponent leaves as it is and the application/x-www-form-urlencoded serializer
// (URLSearchParams, HTML forms) percent-encodes.
const FORM_ESCAPED = /[!'()~]/
const FORM_ESCAPED_ALL = /[!'()~]/g
const percent = (char: string): string => `%${char.charCodeAt(0).toString(16).toUpperCase()}`

// Every form of a secret that is masked: the secret and its JSON-escaped forms and, when it is
// long enough, the same for its upper- and lower-cased forms, and its URL encodings
// (percent-encoding as encodeURIComponent writes it; with `+` for spaces, as HTML forms send it;
// and as URLSearchParams serializes it, which also encodes `!'()~`). URL encodings hold nothing
// JSON escapes, and case changes add nothing JSON escapes either.
const addForms = (forms: string[], secret: string): void => {
  // Most secrets (emails, phone numbers, codes) contain nothing JSON escapes: each form is itself.
  const escape = NEEDS_ESCAPING.test(secret) ? addEscaped : add
  escape(forms, secret)
  if (secret.length < MIN_VARIANT_LENGTH) return
  escape(forms, secret.toUpperCase())
  escape(forms, secret.toLowerCase())
  // A lone surrogate has no UTF-8 encoding: encodeURIComponent throws on it.
  if (!secret.isWellFormed()) return
  const encoded = encodeURIComponent(secret)
  add(forms, encoded)
  if (!secret.includes(' ') && !FORM_ESCAPED.test(secret)) return
  const plus = encoded.replaceAll('%20', '+')
  add(forms, plus)
  add(forms, plus.replace(FORM_ESCAPED_ALL, percent))
}

/**
 * Removes one set of secrets from text, attributes and log lines. Build it once per set with
 * {@link scrubberFor} and use it for every line of an invocation and for the message its user
 * sees: the forms of each secret are worked out once, and the regular expression that masks
 * them is compiled only when a text holds one. Call its methods on it (`scrubber.clean(text)`).
 */
export interface Scrubber extends LineRedaction {
  /** What replaces each secret. */
  readonly mask: string
  /** The text with every form of every secret replaced by the mask. */
  clean(text: string): string
  /** Whether {@link Scrubber.clean} would change `text`. */
  hits(text: string): boolean
  /**
   * The JSON form of `attributes` as a new object with every secret removed from its strings,
   * keys and numbers: what a logger may keep and serialize later. Attributes that cannot be
   * serialized become `{ attributes: '[unserializable]' }`, a non-object `{ attributes: value }`.
   */
  snapshot(attributes: unknown): Record<string, unknown>
  /**
   * Writes one line to `logger`: `message`, `level` and `fields` as given (they are the line's
   * own, never event data: the router's correlation fields are), the attributes scrubbed. A
   * {@link JsonLogger} serializes the line once and scrubs only when it holds a secret; any other
   * logger receives `fields` (without undefined values) followed by a scrubbed snapshot of the
   * attributes, never the caller's objects. Scrub a message that is not your own constant text
   * with {@link Scrubber.clean} first.
   */
  write(logger: Logger, level: LoggerLevel, message: string, attributes: Record<string, unknown> | undefined, fields?: LineFields): void
}

// Marks a value the direct copy does not handle, so the JSON round trip does.
const NOT_PLAIN: unique symbol = Symbol('not plain JSON')

/**
 * One set of secrets and every form of each. Most lines hold no secret (path masking came first):
 * finding none is a substring search per form. Masking is one pass with every form, longest
 * first: a single regular expression matches leftmost-longest, so a secret that contains a
 * shorter one is masked whole instead of leaving a recognisable remainder.
 */
class SecretScrubber implements Scrubber {
  readonly mask: string
  readonly #forms: string[] = []
  readonly #shortest: number
  // Made on the first text that holds a secret.
  #longestFirst: string[] | undefined
  #pattern: RegExp | undefined
  #tooLarge = false

  constructor(secrets: readonly string[], mask: string) {
    this.mask = mask
    for (const secret of secrets) if (typeof secret === 'string' && secret !== '') addForms(this.#forms, secret)
    // Most strings of a line are shorter than any form, and cannot hold one.
    this.#shortest = this.#forms.reduce((shortest, form) => Math.min(shortest, form.length), Infinity)
  }

  hits(text: string): boolean {
    if (text.length < this.#shortest) return false
    for (const form of this.#forms) if (text.includes(form)) return true
    return false
  }

  clean(text: string): string {
    if (!this.hits(text)) return text
    const mask = this.mask
    const longestFirst = (this.#longestFirst ??= this.#forms.toSorted((a, b) => b.length - a.length))
    if (!this.#tooLarge) {
      try {
        this.#pattern ??= new RegExp(longestFirst.map(escapeRegExp).join('|'), 'g')
        // A replacer function, so a mask such as `$&` is inserted literally.
        return text.replace(this.#pattern, () => mask)
      } catch {
        // V8 compiles on first use and refuses a pattern past its size limit (a 100 KB
        // answer): mask one form at a time instead, longest first, as the pattern would.
        this.#tooLarge = true
      }
    }
    return longestFirst.reduce((line, form) => line.split(form).join(mask), text)
  }

  snapshot(attributes: unknown): Record<string, unknown> {
    try {
      let copy = this.#copy(attributes, 0)
      if (copy === NOT_PLAIN) {
        // The JSON form is what reaches the log, so that is what is copied: toJSON() has run,
        // an Error is `{}`, a Date a string. Parsed back before it is scrubbed, so masking keeps
        // the structure whatever the secrets are (masking a `true` in JSON text would break it).
        const text = JSON.stringify(attributes)
        if (text === undefined) return {}
        copy = this.#scrubParsed(JSON.parse(text))
      }
      return isPlainObject(copy) ? copy : { attributes: copy }
    } catch {
      return { attributes: UNSERIALIZABLE }
    }
  }

  write(logger: Logger, level: LoggerLevel, message: string, attributes: Record<string, unknown> | undefined, fields?: LineFields): void {
    if (logger instanceof JsonLogger) logger.writeRedacted(level, message, attributes, this, fields)
    else if (fields === undefined) logger[level](message, attributes === undefined ? undefined : this.snapshot(attributes))
    else logger[level](message, this.#lineOf(fields, attributes))
  }

  // The fields as given, then the scrubbed attributes, as a JSON logger writes them.
  #lineOf(fields: LineFields, attributes: Record<string, unknown> | undefined): Record<string, unknown> {
    const line: Record<string, unknown> = {}
    for (const key of Object.keys(fields)) {
      const value = fields[key]
      if (value !== undefined) setOwn(line, key, value)
    }
    if (attributes === undefined) return line
    const scrubbed = this.snapshot(attributes)
    for (const key of Object.keys(scrubbed)) setOwn(line, key, scrubbed[key])
    return line
  }

  // Scrubs what JSON.parse made, in place: it is already a copy, and nothing else holds it.
  #scrubParsed(value: unknown): unknown {
    if (typeof value === 'string') return this.clean(value)
    if (typeof value === 'number') return this.hits(String(value)) ? this.mask : value
    if (typeof value !== 'object' || value === null) return value
    if (Array.isArray(value)) return value.map((item) => this.#scrubParsed(item))
    const out: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value)) setOwn(out, this.clean(key), this.#scrubParsed(item))
    return out
  }

  // A scrubbed copy of plain JSON data (plain objects, arrays, strings, finite numbers, booleans,
  // null) in one walk, as the JSON round trip would make it; NOT_PLAIN for anything whose JSON
  // form is not itself (toJSON, a Date, an Error, a class instance, a BigInt, deeper than MAX_DEPTH).
  #copy(value: unknown, depth: number): unknown {
    if (typeof value === 'string') return this.clean(value)
    // A number is a secret's digits too (a PIN logged as a number); -0 is 0 in JSON.
    if (typeof value === 'number') return !Number.isFinite(value) ? NOT_PLAIN : this.hits(String(value)) ? this.mask : value + 0
    if (typeof value === 'boolean' || value === null) return value
    if (typeof value !== 'object' || depth > MAX_DEPTH) return NOT_PLAIN
    if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return NOT_PLAIN
    if (Array.isArray(value)) {
      const out: unknown[] = []
      for (const item of value as unknown[]) {
        // JSON writes null for what it cannot write in an array.
        const copy = item === undefined || typeof item === 'function' || typeof item === 'symbol' ? null : this.#copy(item, depth + 1)
        if (copy === NOT_PLAIN) return NOT_PLAIN
        out.push(copy)
      }
      return out
    }
    if (!isPlainObject(value)) return NOT_PLAIN
    const out: Record<string, unknown> = {}
    for (const key of Object.keys(value)) {
      const item = value[key]
      // JSON leaves out what it cannot write in an object.
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue
      const copy = this.#copy(item, depth + 1)
      if (copy === NOT_PLAIN) return NOT_PLAIN
      setOwn(out, this.clean(key), copy)
    }
    return out
  }
}

/**
 * A {@link Scrubber} for `secrets`: every form of each (as it is, JSON-escaped, and for those of
 * at least {@link MIN_VARIANT_LENGTH} characters upper-cased, lower-cased and URL-encoded)
 * replaced by `mask`. Build one per invocation, once its secrets are known, and use it for every
 * line: nothing is kept between calls. Empty secrets and non-strings are ignored; short ones are
 * not (filter them out with {@link collectSecrets}).
 *
 * @example
 * ```ts
 * import { collectSecrets, DEFAULT_SECRET_PATHS, jsonLogger } from 'cognito-trigger-router'
 * import { scrubberFor } from './scrub.js' // internal: not in the package's entry
 *
 * const scrubber = scrubberFor(collectSecrets(event, DEFAULT_SECRET_PATHS))
 * scrubber.write(jsonLogger(), 'error', 'cognito trigger failed', { error: 'no user JANE@EXAMPLE.COM' })
 * // {"level":"ERROR","message":"cognito trigger failed","error":"no user [REDACTED]"}
 * ```
 */
export const scrubberFor = (secrets: readonly string[], mask: string = DEFAULT_MASK): Scrubber => new SecretScrubber(secrets, mask)

const sameList = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((item, i) => item === b[i])

/**
 * Replaces every occurrence of each secret in `text` by `mask`: as it is, JSON-escaped, and for
 * secrets of at least {@link MIN_VARIANT_LENGTH} characters also upper-cased, lower-cased and
 * URL-encoded. Empty secrets are ignored; short ones are not (filter them out with
 * {@link collectSecrets}).
 *
 * @example
 * ```ts
 * import { scrub } from 'cognito-trigger-router'
 *
 * scrub('{"message":"bad password p\\"w0rd!"}', ['p"w0rd!'])
 * // '{"message":"bad password [REDACTED]"}'
 * scrub('GET /send?to=jane%40example.com failed for JANE@EXAMPLE.COM', ['jane@example.com'])
 * // 'GET /send?to=[REDACTED] failed for [REDACTED]'
 * ```
 */
export const scrub = (text: string, secrets: readonly string[], mask: string = DEFAULT_MASK): string =>
  scrubberFor(secrets, mask).clean(text)

/**
 * A copy of a failure with every secret masked in its name, message and stack, for a plugin whose
 * secrets are not in the event (a one-time code it made, a text it rendered), so the router cannot
 * scrub them. The original and its causes are dropped: an AWS SDK error may carry the request it
 * failed on, which quotes them (SES: `InvalidParameterValue: Subject "Your code is 474110" rejected`).
 * A thrown non-Error becomes an Error naming its type, or holding the string it was.
 *
 * @example
 * ```ts
 * import { errorWithoutSecrets } from '../../src/redaction/scrub.js' // internal: not in the package's entry
 *
 * errorWithoutSecrets(new Error('Subject "Your code is 474110" rejected'), ['474110']).message
 * // 'Subject "Your code is [REDACTED]" rejected'
 * ```
 */
export const errorWithoutSecrets = (error: unknown, secrets: readonly string[]): Error => {
  const scrubber = scrubberFor(secrets.filter((secret) => secret !== ''), DEFAULT_MASK)
  if (!(error instanceof Error)) {
    return new Error(scrubber.clean(typeof error === 'string' ? error : `non-Error value of type ${typeof error}`))
  }
  const copy = new Error(scrubber.clean(String(error.message)))
  copy.name = scrubber.clean(String(error.name))
  copy.stack = scrubber.clean(String(error.stack ?? ''))
  return copy
}

/**
 * Wraps a logger so that the message and the attributes of every line are scrubbed of
 * `secrets()` before they reach it (the level, and the fields of a `childLogger` of a JSON
 * logger, are the line's own and written as given). `secrets` is called once per
 * line, so it can collect lazily and see secrets that appear while the invocation runs; while
 * it returns the same secrets, the same scrubber serves. The router hands each plugin such a
 * logger. It answers `isLevelEnabled` as `logger` does.
 *
 * @example
 * ```ts
 * import { collectSecrets, DEFAULT_SECRET_PATHS, jsonLogger, scrubbingLogger } from 'cognito-trigger-router'
 *
 * const logger = scrubbingLogger(jsonLogger(), () => collectSecrets(event, DEFAULT_SECRET_PATHS))
 * logger.warn(`login failed for ${event.request.userAttributes.email}`)
 * // {"level":"WARN","message":"login failed for [REDACTED]"}
 * ```
 */
export const scrubbingLogger = (
  logger: Logger,
  secrets: () => readonly string[],
  mask: string = DEFAULT_MASK,
): Logger => {
  // The last list and its scrubber: a provider that builds a new list with the same secrets for
  // each line (the union of two collections) still gets one scrubber per invocation.
  let last: { copy: readonly string[]; scrubber: Scrubber } | undefined
  const current = (): Scrubber => {
    const list = secrets()
    if (last === undefined || !sameList(last.copy, list)) last = { copy: [...list], scrubber: scrubberFor(list, mask) }
    return last.scrubber
  }
  const write =
    (level: LoggerLevel) =>
    (message: string, attributes?: Record<string, unknown>): void => {
      // A line the logger drops needs no secrets: collecting them is most of a line's cost.
      if (!isLevelEnabled(logger, level)) return
      const scrubber = current()
      // The message is the plugin's text, so it is scrubbed; the level is the line's own.
      scrubber.write(logger, level, scrubber.clean(String(message)), attributes)
    }
  const scrubbing: Logger = { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') }
  if (typeof logger.isLevelEnabled === 'function') scrubbing.isLevelEnabled = (level) => isLevelEnabled(logger, level)
  return scrubbing
}
