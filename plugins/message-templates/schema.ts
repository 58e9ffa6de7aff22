// -- message template schema --------------------------------------------------------------------
// The shape of `templates` (occasion → locale → fields), light enough for the manifests of
// custom-messages and custom-sender; templates.ts compiles them.

import * as v from 'valibot'
import { recordOptions, strictOptions } from '../../src/options.js'

/** The message fields a template may set, named as in the reply of the AWS docs page "Custom message Lambda trigger". */
export const MESSAGE_FIELDS = ['emailSubject', 'emailMessage', 'smsMessage'] as const
const TEXT = v.optional(v.string('must be a string'))
const ENTRY = strictOptions({ emailSubject: TEXT, emailMessage: TEXT, smsMessage: TEXT }, `must be an object with ${MESSAGE_FIELDS.join(', ')}`)
const LOCALES = 'must be a non-empty object of locale → template, e.g. { "en": { … } }'

/** The schema of `templates` for these occasions: occasion (or `default`) → locale → fields. */
export const catalogueSchema = <const O extends readonly string[]>(occasions: O) => {
  const keys = [...occasions, 'default'] as const
  return recordOptions(
    v.picklist(keys, `is not an occasion; use one of ${keys.join(', ')}`),
    v.pipe(recordOptions(v.string(), ENTRY, LOCALES), v.check((locales) => Object.keys(locales).length > 0, LOCALES)),
    'must be an object of occasion → locale → template',
  )
}
