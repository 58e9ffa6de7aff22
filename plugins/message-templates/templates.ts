// -- message templates -------------------------------------------------------------------------
// Shared by custom-messages and custom-sender: templates by occasion and locale, with named
// placeholders, compiled once at cold start so that a typo fails the deployment, not a sign-up.
// Choosing and rendering a template per event lives in render.ts.

import { ConfigurationError } from '../../src/index.js'
import { unicodePattern } from '../../src/unicode-pattern.js'
import { normalizeLocale } from './render.js'

import { MESSAGE_FIELDS } from './schema.js'

export { catalogueSchema, MESSAGE_FIELDS } from './schema.js'
export type MessageField = (typeof MESSAGE_FIELDS)[number]

/** One locale's texts. Unset fields are left to the next fallback (or to the pool's own template). */
export type MessageTemplate = Readonly<Partial<Record<MessageField, string>>>

/** Templates by locale tag (`en`, `de-AT`; case-insensitive, `_` accepted for `-`). */
export type LocaleTemplates = Readonly<Record<string, MessageTemplate>>

/** The named values a template can insert besides user attributes. */
export type ValueName = 'code' | 'username' | 'link'

type Part = { readonly text: string } | { readonly value: ValueName } | { readonly attribute: string }

/** A parsed template: literal text and placeholders, with what it needs to be rendered. */
export interface CompiledTemplate {
  readonly parts: readonly Part[]
  /** Code points outside the placeholders: the part whose length is known at cold start. */
  readonly staticLength: number
  readonly uses: ReadonlySet<ValueName>
  readonly attributes: readonly string[]
  /** The literal text only, to check it is not blank. */
  readonly staticText: string
}

/** One locale of one occasion after compilation. `locale` is the tag as configured. */
export interface CompiledEntry {
  readonly locale: string
  readonly fields: Readonly<Partial<Record<MessageField, CompiledTemplate>>>
}

/** Occasion (or `default`) → normalized locale → entry. */
export type CompiledCatalogue = ReadonlyMap<string, ReadonlyMap<string, CompiledEntry>>

/** What a plugin checks for each template at cold start; throw ConfigurationError to refuse it. */
export type TemplateCheck = (template: CompiledTemplate, at: { occasion: string; field: MessageField; path: string }) => void

const PLACEHOLDER = /\{\{([^{}]*)\}\}/gu
const VALUE_NAMES: ReadonlySet<string> = new Set(['code', 'username', 'link'])
// Cognito attribute names: standard ones, `custom:`/`dev:` ones, and the account-takeover keys.
// ASCII names are answered without the Unicode expression, which costs a cold start (src/unicode-pattern.ts).
const ATTRIBUTE_NAME = unicodePattern('^[\\p{L}\\p{M}\\p{N}_.:-]{1,64}$', /^[A-Za-z0-9_.:-]{1,64}$/)

export const codePoints = (text: string): number => [...text].length

/** Parses one template; names an unknown placeholder or a stray `{{` by its path. */
export const parseTemplate = (text: unknown, path: string): CompiledTemplate => {
  if (typeof text !== 'string') throw new ConfigurationError(`"${path}" must be a string`)
  const parts: Part[] = []
  const uses = new Set<ValueName>()
  const attributes: string[] = []
  let staticText = ''
  let last = 0
  for (const match of text.matchAll(PLACEHOLDER)) {
    const literal = text.slice(last, match.index)
    staticText += literal
    if (literal !== '') parts.push({ text: literal })
    last = match.index + match[0].length
    const name = (match[1] as string).trim()
    if (VALUE_NAMES.has(name)) {
      uses.add(name as ValueName)
      parts.push({ value: name as ValueName })
    } else if (name.startsWith('attr:') && ATTRIBUTE_NAME.test(name.slice(5))) {
      attributes.push(name.slice(5))
      parts.push({ attribute: name.slice(5) })
    } else {
      throw new ConfigurationError(
        `"${path}" has an unknown placeholder {{${name.slice(0, 40)}}}; use {{code}}, {{username}}, {{link}} or {{attr:<attribute name>}}`,
      )
    }
  }
  const tail = text.slice(last)
  staticText += tail
  if (tail !== '') parts.push({ text: tail })
  // A `{{` left over is a mistyped placeholder (`{{code}`) that would reach users as literal text.
  if (staticText.includes('{{')) throw new ConfigurationError(`"${path}" has a "{{" that does not open a placeholder`)
  return { parts, staticLength: codePoints(staticText), uses, attributes, staticText }
}

/** Templates as `catalogueSchema` outputs them. */
export type CatalogueInput = Readonly<Record<string, Readonly<Record<string, MessageTemplate>>>>

/**
 * Compiles `templates` (occasion → locale → fields), whose shape `catalogueSchema` has
 * checked; `check` judges every template with the occasion it was configured under.
 */
export const compileCatalogue = (templates: CatalogueInput, path: string, check: TemplateCheck): CompiledCatalogue => {
  const catalogue = new Map<string, Map<string, CompiledEntry>>()
  for (const [occasion, locales] of Object.entries(templates)) {
    const at = `${path}.${occasion}`
    const block = new Map<string, CompiledEntry>()
    for (const [locale, entry] of Object.entries(locales)) {
      const normalized = normalizeLocale(locale)
      const where = `${at}.${locale}`
      if (normalized === undefined) throw new ConfigurationError(`"${where}": "${locale.slice(0, 40)}" is not a locale tag like "en" or "de-AT"`)
      if (block.has(normalized)) throw new ConfigurationError(`"${where}" repeats the locale "${block.get(normalized)?.locale}"`)
      block.set(normalized, { locale, fields: compileEntry(entry, where, occasion, check) })
    }
    catalogue.set(occasion, block)
  }
  return catalogue
}

const compileEntry = (entry: MessageTemplate, path: string, occasion: string, check: TemplateCheck): CompiledEntry['fields'] => {
  const fields: Partial<Record<MessageField, CompiledTemplate>> = {}
  for (const field of MESSAGE_FIELDS) {
    const text = entry[field]
    if (text === undefined) continue
    const template = parseTemplate(text, `${path}.${field}`)
    check(template, { occasion, field, path: `${path}.${field}` })
    fields[field] = template
  }
  if (Object.keys(fields).length === 0) throw new ConfigurationError(`"${path}" sets no field`)
  return fields
}
