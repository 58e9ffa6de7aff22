// -- sign-in-audit options schema ---------------------------------------------
// The shape of the JSON options, light enough for the manifest (and so for every cold start):
// options.ts adds what only code can pass and the rules no schema states.

import * as v from 'valibot'
import { flag, strictOptions } from '../../src/options.js'

// A bus name, or the ARN of a bus (in another account or region too).
const BUS = /^(?:[\w.\-/]{1,256}|arn:aws[\w-]*:events:[\w-]+:\d{12}:event-bus\/[\w.\-/]{1,256})$/

const text = (max: number) => {
  const message = `must be a non-empty string of at most ${max} characters`
  return v.optional(v.pipe(v.string(message), v.check((value) => value.trim() !== '' && value.length <= max, message), v.maxLength(max, message)))
}

const eventBridge = strictOptions(
  {
    busName: v.optional(v.pipe(v.string('must be an event bus name or ARN'), v.regex(BUS, 'must be an event bus name or ARN'))),
    // `aws.` sources belong to AWS services; PutEvents rejects them from anyone else.
    source: v.optional(v.pipe(text(256), v.check((value) => !value?.startsWith('aws.'), 'must not start with "aws.", which is reserved for AWS services'))),
    detailType: text(128),
  },
  'must be true or an object with "busName", "source" and "detailType"',
)

export const signInAuditJsonEntries = {
  includeUserName: v.optional(flag()),
  eventBridge: v.optional(v.union([v.boolean(), eventBridge], 'must be true or an object with "busName", "source" and "detailType"')),
  failOpen: v.optional(flag()),
}

/** The options of sign-in-audit as the JSON configuration gives them. */
export const signInAuditJsonOptions = strictOptions(signInAuditJsonEntries)
