// -- UserMigration -------------------------------------------------------------------
// "Migrate user Lambda trigger" (Amazon Cognito developer guide): what Cognito needs to create the migrated user. Cognito sends every
// field as null, so null is accepted everywhere: it means "Cognito's default".

import { listOf, oneOf, stringMap, typed } from './checks.js'
import { fail, type Check, type FamilyRules } from './common.js'

const flag = typed('boolean', 'usermigration.boolean', true)

// Usernames are at least one character; an empty one cannot create a user.
const username: Check = (value, path, context) => {
  typed('string', 'usermigration.username', true)(value, path, context)
  if (value === '') fail('usermigration.username', path, 'must not be empty; set null to keep the name the user typed')
}

export const userMigrationRules: FamilyRules = {
  keys: {
    // User attribute values are capped at 2,048 characters ("Working with user attributes").
    userAttributes: stringMap('usermigration.user-attributes', true, {
      max: 2048,
      rule: 'usermigration.attribute-length',
    }),
    finalUserStatus: oneOf(['CONFIRMED', 'RESET_REQUIRED'], 'usermigration.final-user-status', true),
    messageAction: oneOf(['SUPPRESS', 'RESEND'], 'usermigration.message-action', true),
    desiredDeliveryMediums: listOf(
      oneOf(['EMAIL', 'SMS'], 'usermigration.delivery-mediums', false),
      'usermigration.delivery-mediums',
      true,
    ),
    forceAliasCreation: flag,
    enableSMSMFA: flag,
    username,
  },
}
