// -- email-otp options schema -------------------------------------------------
// The shape of the JSON options, light enough for the manifest (and so for every cold start):
// options.ts adds what only code can pass and the rules no schema states.

import * as v from 'valibot'
import { integerFrom, strictOptions } from '../../src/options.js'

/** The placeholders templates may use. */
export const EMAIL_OTP_PLACEHOLDERS = ['code', 'minutes'] as const

const PLACEHOLDER = /\{\{(.*?)\}\}/gs

// The first placeholder that is not {{code}} or {{minutes}}, for the message.
const unknownPlaceholder = (text: string): string | undefined =>
  [...text.matchAll(PLACEHOLDER)].map(([, inner]) => inner as string).find((inner) => !(EMAIL_OTP_PLACEHOLDERS as readonly string[]).includes(inner))

const nonEmpty = v.pipe(v.string('must be a non-empty string'), v.check((value) => value.trim() !== '', 'must be a non-empty string'))
// A line break in a header value is how header injection starts; SES would refuse it anyway,
// but on the first sign-in instead of at deployment.
const singleLine = v.check((value: string) => !/[\r\n]/.test(value), 'must be a single line')
const placeholders = v.rawCheck<string>(({ dataset, addIssue }) => {
  const unknown = dataset.typed ? unknownPlaceholder(dataset.value) : undefined
  if (unknown !== undefined) {
    const known = EMAIL_OTP_PLACEHOLDERS.map((name) => `{{${name}}}`).join(' and ')
    addIssue({ message: `has an unknown placeholder {{${unknown}}}; use ${known}` })
  }
})
const body = v.optional(v.pipe(nonEmpty, placeholders, v.check((value) => value.includes('{{code}}'), 'must contain {{code}}')))

export const emailOtpJsonEntries = {
  from: v.pipe(nonEmpty, singleLine, v.check((value) => value.includes('@'), 'must be an email address such as "no-reply@example.com"')),
  subject: v.pipe(nonEmpty, singleLine, placeholders),
  html: body,
  text: body,
  codeLength: v.optional(integerFrom(4, 10)),
  ttlSeconds: v.optional(integerFrom(30, 900)),
  maxAttempts: v.optional(integerFrom(1, 10)),
  configurationSetName: v.optional(nonEmpty),
}

export const OBJECT = 'must be an object with "from", "subject" and "html" or "text"'

/** The options of email-otp as the JSON configuration gives them. */
export const emailOtpJsonOptions = strictOptions(emailOtpJsonEntries, OBJECT)
