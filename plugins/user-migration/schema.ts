// -- user-migration options schema --------------------------------------------------------------
// The shape of the JSON options, light enough for the manifest (and so for every cold start):
// options.ts adds `store` (code only) and checks the attribute map against Cognito's attributes.

import * as v from 'valibot'
import { flag, recordOptions, strictOptions } from '../../src/options.js'
import { httpStoreJsonOptions } from './http-options.js'

/** `finalUserStatus` values Cognito accepts for a migrated user (AWS docs, "Migrate user Lambda trigger"). */
export const FINAL_USER_STATUSES = ['CONFIRMED', 'RESET_REQUIRED'] as const
/** `messageAction` values; `RESEND` is in the API enum but not documented for migration ("Migrate user Lambda trigger"). */
export const MESSAGE_ACTIONS = ['SUPPRESS', 'RESEND'] as const
export const DELIVERY_MEDIUMS = ['EMAIL', 'SMS'] as const

const MEDIUMS = 'must be a non-empty list of distinct "EMAIL" and "SMS"'
const quoted = (values: readonly string[]) => values.map((item) => `"${item}"`).join(', ')

export const userMigrationJsonEntries = {
  http: v.optional(httpStoreJsonOptions),
  attributeMap: v.optional(
    v.pipe(
      recordOptions(v.string(), v.string('must be a string'), 'must be a non-empty object of legacy field to Cognito attribute'),
      v.check((map) => Object.keys(map).length > 0, 'must be a non-empty object of legacy field to Cognito attribute'),
    ),
  ),
  finalUserStatus: v.optional(v.picklist(FINAL_USER_STATUSES, `must be one of ${quoted(FINAL_USER_STATUSES)}`)),
  messageAction: v.optional(v.picklist(MESSAGE_ACTIONS, `must be one of ${quoted(MESSAGE_ACTIONS)}`)),
  desiredDeliveryMediums: v.optional(
    v.pipe(
      v.array(v.picklist(DELIVERY_MEDIUMS, MEDIUMS), MEDIUMS),
      v.check((list) => list.length > 0 && new Set(list).size === list.length, MEDIUMS),
    ),
  ),
  forceAliasCreation: v.optional(flag()),
}

/** The options of user-migration as the JSON configuration gives them (`store` is code only). */
export const userMigrationJsonOptions = strictOptions(userMigrationJsonEntries, 'must be an object with "store" or "http"')
