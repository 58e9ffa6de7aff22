// -- choosing and rendering templates -----------------------------------------------------------
// Per event: the locale chain picks a template, untrusted values are cleaned, placeholders are
// filled in. Nothing here throws: a value a template needs and the event lacks makes
// renderTemplate return undefined, and the caller decides what that means.

import type { CompiledEntry, CompiledTemplate, ValueName } from './templates.js'

const LOCALE = /^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/u

/** `de_AT`, `DE-at` → `de-at`; undefined for anything that is not a language tag. */
export const normalizeLocale = (tag: unknown): string | undefined => {
  if (typeof tag !== 'string') return undefined
  const normalized = tag.trim().replaceAll('_', '-').toLowerCase()
  return LOCALE.test(normalized) ? normalized : undefined
}

/** The locales to try, best first: the exact tag, its language, then the fallback. */
export const localeChain = (requested: unknown, fallback: string | undefined): string[] => {
  const chain: string[] = []
  const exact = normalizeLocale(requested)
  if (exact !== undefined) chain.push(exact, exact.split('-')[0] as string)
  if (fallback !== undefined) chain.push(fallback)
  return [...new Set(chain)]
}

/** The first entry along `chain` that `accept` takes (default: any). */
export const pickEntry = (
  block: ReadonlyMap<string, CompiledEntry> | undefined,
  chain: readonly string[],
  accept: (entry: CompiledEntry) => boolean = () => true,
): CompiledEntry | undefined => {
  for (const locale of chain) {
    const entry = block?.get(locale)
    if (entry !== undefined && accept(entry)) return entry
  }
  return undefined
}

// -- rendering ---------------------------------------------------------------------------------

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '{': '&#123;',
  '}': '&#125;',
}

/** Escapes text for HTML element content and attribute values (braces too, see {@link cleanValue}). */
export const escapeHtml = (text: string): string => text.replace(/[&<>"'{}]/gu, (char) => HTML_ESCAPES[char] as string)

/** How {@link cleanValue} prepares a value for one kind of message. */
export interface CleanOptions {
  readonly html: boolean
  /** Cut to this many code points before escaping; undefined keeps the whole value. */
  readonly maxLength?: number
  /** Turn braces in text into parentheses (HTML always escapes them). */
  readonly neutralizeBraces?: boolean
}

/**
 * Makes an untrusted value safe to insert: control characters and line separators (a CR/LF in a
 * subject) become spaces, the value is cut to `maxLength`, and it is HTML-escaped in HTML. Braces
 * can be neutralized too (entities in HTML, parentheses in text), so that where Cognito fills in
 * placeholders, a `{####}` in a user's name never becomes a second place it writes the code.
 */
export const cleanValue = (value: string, { html, maxLength, neutralizeBraces = false }: CleanOptions): string => {
  let text = value.replace(/[\p{Cc}\p{Zl}\p{Zp}]/gu, ' ')
  if (maxLength !== undefined && text.length > maxLength) text = [...text].slice(0, maxLength).join('')
  if (html) return escapeHtml(text)
  return neutralizeBraces ? text.replaceAll('{', '(').replaceAll('}', ')') : text
}

/**
 * Renders a template. `values` are inserted as given (the caller escapes them as it must);
 * `attribute` supplies cleaned attribute values. Undefined when a value the template uses is missing.
 */
export const renderTemplate = (
  template: CompiledTemplate,
  values: Readonly<Partial<Record<ValueName, string>>>,
  attribute: (name: string) => string,
): string | undefined => {
  let out = ''
  for (const part of template.parts) {
    if ('text' in part) out += part.text
    else if ('attribute' in part) out += attribute(part.attribute)
    else {
      const value = values[part.value]
      if (value === undefined) return undefined
      out += value
    }
  }
  return out
}

/** Reads an own attribute only, so `{{attr:__proto__}}` finds nothing rather than a prototype. */
export const ownString = (map: unknown, key: string): string | undefined => {
  if (typeof map !== 'object' || map === null || !Object.hasOwn(map, key)) return undefined
  const value = (map as Record<string, unknown>)[key]
  return typeof value === 'string' ? value : undefined
}
