// -- Unicode property patterns, built on first need ------------------------------------------------
// Cognito's name constraints are Unicode property classes (`[\p{L}\p{M}\p{S}\p{N}\p{P}]+` for a
// group name, "GroupNameType", Amazon Cognito API Reference). V8 takes about half a millisecond to
// build each such expression and runs it in its interpreter at first, so the handful a plugin's
// options schema declares cost its cold start several milliseconds, although names are almost
// always plain ASCII. A UnicodePattern answers those from an ASCII expression and builds the
// Unicode one only for a value the ASCII one does not accept.

/**
 * A regular expression with Unicode `source` (flag `u`) that is built on first need: `test` first
 * asks `ascii`, which must accept only strings `source` accepts too, and asks the Unicode
 * expression only when `ascii` refuses. Everything else (`exec`, and through it `match`,
 * `replace`, `search`, `split`) is the Unicode expression's answer. `source`, `flags` and
 * `toString()` are the Unicode expression's, so a schema generated from it (valibot's `regex`
 * action, `@valibot/to-json-schema`'s `pattern`) is unchanged.
 *
 * @example
 * ```ts
 * const GROUP_NAME = unicodePattern('^[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]{1,128}$', /^[\x21-\x7e]{1,128}$/)
 * GROUP_NAME.test('staff') // true, without building the Unicode expression
 * GROUP_NAME.test('équipe') // true, from the Unicode expression
 * GROUP_NAME.source // '^[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]{1,128}$'
 * ```
 */
export class UnicodePattern extends RegExp {
  readonly #source: string
  readonly #ascii: RegExp
  #full: RegExp | undefined

  constructor(source: string, ascii: RegExp) {
    // The cheapest expression there is: every method that matches goes through exec() below.
    super('(?:)')
    this.#source = source
    this.#ascii = ascii
  }

  get #unicode(): RegExp {
    return (this.#full ??= new RegExp(this.#source, 'u'))
  }

  override get source(): string {
    return this.#source
  }

  override get flags(): string {
    return 'u'
  }

  override get unicode(): boolean {
    return true
  }

  override exec(text: string): RegExpExecArray | null {
    return this.#unicode.exec(text)
  }

  override test(text: string): boolean {
    return this.#ascii.test(text) || this.#unicode.test(text)
  }

  override toString(): string {
    return `/${this.#source}/u`
  }
}

/** A {@link UnicodePattern} of `source`, answered by `ascii` where it accepts. */
export const unicodePattern = (source: string, ascii: RegExp): RegExp => new UnicodePattern(source, ascii)
