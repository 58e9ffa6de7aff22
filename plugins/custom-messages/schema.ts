// -- custom-messages options schema -------------------------------------------------------------
// The shape of the JSON options, light enough for the manifest (and so for every cold start):
// options.ts checks every template against Cognito's rules.

import * as v from 'valibot'
import { TRIGGER_FAMILIES } from '../../src/catalogue.js'
import { integerFrom, strictOptions } from '../../src/options.js'
import { unicodePattern } from '../../src/unicode-pattern.js'
import { catalogueSchema } from '../message-templates/schema.js'

// ASCII names are answered without the Unicode expression, which costs a cold start (src/unicode-pattern.ts).
const ATTRIBUTE_NAME = unicodePattern('^[\\p{L}\\p{M}\\p{N}_.:-]{1,64}$', /^[A-Za-z0-9_.:-]{1,64}$/)
const TEMPLATES = 'must be a non-empty object of occasion → locale → template'
const ATTRIBUTE_MESSAGE = 'must be a user attribute name such as "locale" or "custom:language"'

/** The options of custom-messages as the JSON configuration gives them (they are all JSON). */
export const customMessagesJsonOptions = strictOptions(
  {
    templates: v.pipe(catalogueSchema(TRIGGER_FAMILIES.CustomMessage.occasions), v.check((templates) => Object.keys(templates).length > 0, TEMPLATES)),
    fallbackLocale: v.optional(v.string('must be a locale tag such as "en" or "pt-BR"')),
    localeAttribute: v.optional(v.pipe(v.string(ATTRIBUTE_MESSAGE), v.regex(ATTRIBUTE_NAME, ATTRIBUTE_MESSAGE))),
    attributeMaxLength: v.optional(integerFrom(1, 2048)),
  },
  'must be an object with "templates"',
)
