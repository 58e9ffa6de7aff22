// -- welcome-email templates ------------------------------------------------------------------
// The `templates` option: `{{attribute}}` placeholders, parsed once at cold start so that a broken
// template fails the deployment, and filled per user. Values are user-controlled (the user typed
// their name), so the HTML body gets them escaped and the subject gets them on one line.

import type * as v from 'valibot'
import { ConfigurationError } from '../../src/index.js'
import type { templatesSchema } from './schema.js'
import type { WelcomeEmailTemplate } from './index.js'

/** A parsed template: literal text and the attribute names to insert between it. */
export type Parsed = readonly (string | { readonly attribute: string })[]

/** A locale's templates, parsed. */
export type Compiled = Readonly<Record<keyof WelcomeEmailTemplate, Parsed>>

const PARTS = ['subject', 'html', 'text'] as const satisfies (keyof WelcomeEmailTemplate)[]
const LOCALE = /^(?:default|[a-z]{2,3}(?:-[a-z0-9]{2,8})*)$/
/** Letters, digits, `_`, `-` and `:` (as in `custom:team`), up to Cognito's 32 characters. */
const ATTRIBUTE = /^[A-Za-z][\w:-]{0,31}$/

/** Parses `source`, throwing a ConfigurationError naming `where` at the first malformed placeholder. */
export const parseTemplate = (source: string, where: string): Parsed => {
  const parts: (string | { attribute: string })[] = []
  let at = 0
  for (let open = source.indexOf('{{'); open !== -1; open = source.indexOf('{{', at)) {
    const close = source.indexOf('}}', open + 2)
    if (close === -1) throw new ConfigurationError(`"${where}" has a "{{" at index ${open} that is never closed with "}}"`)
    const name = source.slice(open + 2, close).trim()
    if (!ATTRIBUTE.test(name)) {
      throw new ConfigurationError(`"${where}" has a malformed placeholder at index ${open}; write {{attribute}}, e.g. {{given_name}}`)
    }
    if (open > at) parts.push(source.slice(at, open))
    parts.push({ attribute: name })
    at = close + 2
  }
  if (at < source.length) parts.push(source.slice(at))
  return parts
}

/** Parses the `templates` option (its shape checked by {@link templatesSchema}), keyed by normalized locale. */
export const compileTemplates = (templates: v.InferOutput<typeof templatesSchema>): Map<string, Compiled> => {
  const compiled = new Map<string, Compiled>()
  for (const [key, template] of Object.entries(templates)) {
    const where = `templates.${key}`
    const locale = normalizeLocale(key)
    if (!LOCALE.test(locale)) throw new ConfigurationError(`"${where}": "${key}" is not a locale like "en", "fr-CA" or "default"`)
    if (compiled.has(locale)) throw new ConfigurationError(`"${where}" repeats the locale "${locale}"`)
    const parts = PARTS.map((part) => [part, parseTemplate(template[part], `${where}.${part}`)] as const)
    compiled.set(locale, Object.fromEntries(parts) as unknown as Compiled)
  }
  return compiled
}

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** Escapes text for HTML element content and quoted attribute values. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!)

/** Fills `parsed` from `attributes`, passing each value through `encode`; absent attributes go to `missing`. */
export const render = (
  parsed: Parsed,
  attributes: Readonly<Record<string, string>>,
  encode: (value: string) => string,
  missing: Set<string>,
): string =>
  parsed
    .map((part) => {
      if (typeof part === 'string') return part
      const value = Object.hasOwn(attributes, part.attribute) ? attributes[part.attribute] : undefined
      if (typeof value === 'string') return encode(value)
      missing.add(part.attribute)
      return ''
    })
    .join('')

/** A subject is one header line: a newline in a user's name must not start another. */
export const oneLine = (text: string): string => text.replace(/[\r\n\u2028\u2029]+/g, ' ')

/** `fr_CA` and `FR-ca` both mean `fr-ca`. */
export const normalizeLocale = (locale: string): string => locale.trim().toLowerCase().replaceAll('_', '-')

/** The template for `requested`: the exact locale, then its language (`fr-ca` → `fr`), then `fallback`. */
export const chooseLocale = <T>(
  requested: string | undefined,
  templates: ReadonlyMap<string, T>,
  fallback: string,
): { locale: string; template: T } => {
  const wanted = requested === undefined ? '' : normalizeLocale(requested)
  const language = wanted.split('-')[0]!
  for (const locale of [wanted, language]) {
    const template = locale === '' ? undefined : templates.get(locale)
    if (template !== undefined) return { locale, template }
  }
  return { locale: fallback, template: templates.get(fallback)! }
}
