// -- custom-sender options schema ---------------------------------------------
// The shape of the JSON options, light enough for the manifest (and so for every cold start):
// options.ts adds what only code can pass and the rules no schema states.

import * as v from 'valibot'
import { TRIGGER_FAMILIES } from '../../src/catalogue.js'
import { integerFrom, strictOptions } from '../../src/options.js'
import { unicodePattern } from '../../src/unicode-pattern.js'
import { catalogueSchema } from '../message-templates/schema.js'

/** The schema of custom-sender's `templates`: every occasion of `CustomEmailSender_*` (a superset of the SMS ones). */
export const senderTemplatesSchema = catalogueSchema(TRIGGER_FAMILIES.CustomEmailSender.occasions)

// Key ARNs only: an alias cannot decrypt, because the ciphertext names the key itself.
const KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z]{2}(-[a-z]+)+-\d:\d{12}:key\/(mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/u
// ASCII names are answered without the Unicode expression, which costs a cold start (src/unicode-pattern.ts).
const ATTRIBUTE_NAME = unicodePattern('^[\\p{L}\\p{M}\\p{N}_.:-]{1,64}$', /^[A-Za-z0-9_.:-]{1,64}$/)

const matching = (pattern: RegExp, message: string) => v.pipe(v.string(message), v.regex(pattern, message))
const KEY_MESSAGE = 'must be a KMS key ARN like "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"'
export const FROM_MESSAGE = 'must be a verified SES identity such as "no-reply@example.com" or "Example <no-reply@example.com>"'

export const customSenderJsonEntries = {
  kmsKeyArn: v.optional(matching(KEY_ARN, KEY_MESSAGE)),
  email: v.optional(
    strictOptions({
      from: v.optional(v.pipe(v.string(FROM_MESSAGE), v.regex(/^[^\r\n]{3,320}$/u, FROM_MESSAGE), v.includes('@', FROM_MESSAGE))),
      configurationSetName: v.optional(matching(/^[\w-]{1,64}$/u, 'must be an SES configuration set name')),
    }),
  ),
  sms: v.optional(
    strictOptions({
      senderId: v.optional(matching(/^(?=.*[A-Za-z])[A-Za-z0-9]{1,11}$/u, 'must be 1 to 11 letters and digits, with at least one letter')),
      originationNumber: v.optional(matching(/^\+[1-9]\d{1,14}$/u, 'must be an E.164 number such as "+15555550100"')),
    }),
  ),
  templates: v.optional(senderTemplatesSchema),
  fallbackLocale: v.optional(v.string('must be a locale tag such as "en" or "pt-BR"')),
  localeAttribute: v.optional(matching(ATTRIBUTE_NAME, 'must be a user attribute name such as "locale"')),
  attributeMaxLength: v.optional(integerFrom(1, 2048)),
}

/** The options of custom-sender as the JSON configuration gives them. */
export const customSenderJsonOptions = strictOptions(customSenderJsonEntries)
