// -- welcome-email options schema ---------------------------------------------
// The shape of the JSON options, light enough for the manifest (and so for every cold start):
// options.ts adds what only code can pass and the rules no schema states.

import * as v from 'valibot'
import { flag, recordOptions, strictOptions } from '../../src/options.js'

const nonEmpty = v.pipe(v.string('must be a non-empty string'), v.check((text) => text.trim() !== '', 'must be a non-empty string'))

/** The `templates` option's shape: locale → { subject, html, text }. */
export const templatesSchema = v.pipe(
  recordOptions(v.string(), strictOptions({ subject: nonEmpty, html: nonEmpty, text: nonEmpty }, 'must be an object with "subject", "html" and "text"'), 'must be an object of locale to { subject, html, text }'),
  v.check((templates) => Object.keys(templates).length > 0, 'must be an object of locale to { subject, html, text }'),
)

const ADDRESS = String.raw`[^\s@<>"(),;:\\\[\]]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+`
// SES wants a non-ASCII display name MIME-encoded, so only printable ASCII is taken as is.
const FROM = new RegExp(String.raw`^(?:${ADDRESS}|[\x20-\x3b\x3d\x3f-\x7e]*<${ADDRESS}>)$`)
const FROM_MESSAGE = 'must be an email address like "hello@example.com" or "Example <hello@example.com>"'
const CONFIGURATION_SET = /^[\w-]{1,64}$/
const CONFIGURATION_SET_MESSAGE = 'must be an SES configuration set name (1 to 64 letters, digits, "_" or "-")'

export const welcomeEmailJsonEntries = {
  from: v.pipe(v.string(FROM_MESSAGE), v.regex(FROM, FROM_MESSAGE)),
  templates: templatesSchema,
  fallbackLocale: v.optional(v.string('must name a locale of "templates"')),
  configurationSetName: v.optional(v.pipe(v.string(CONFIGURATION_SET_MESSAGE), v.regex(CONFIGURATION_SET, CONFIGURATION_SET_MESSAGE))),
  requireVerifiedEmail: v.optional(flag()),
  failOpen: v.optional(flag()),
}

/** The options of welcome-email as the JSON configuration gives them. */
export const welcomeEmailJsonOptions = strictOptions(welcomeEmailJsonEntries, 'must be an object with "from" and "templates"')
