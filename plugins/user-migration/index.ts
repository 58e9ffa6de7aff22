// -- user-migration --------------------------------------------------------------------------
// Lazy migration from a legacy user store (AWS docs: "Migrate user Lambda trigger"): when someone Cognito does not know
// signs in with a password or asks for a password reset, ask the legacy store and, if it knows
// them, let Cognito create the user. The request carries the plaintext password; it goes to the
// store and nowhere else.

import { definePlugin, type Plugin, type PluginContext, type UserMigrationEvent } from '../../src/index.js'
import { cognitoAttributes, toLegacyUser, UserMigrationError, type LegacyUser } from './legacy-user.js'
import { resolveUserMigrationOptions, type ResolvedUserMigrationOptions, type UserMigrationOptions } from './options.js'

export { legacyHttpStore, type LegacyHttpStoreOptions } from './http-store.js'
export {
  MAX_ATTRIBUTE_LENGTH,
  STANDARD_ATTRIBUTES,
  UserMigrationError,
  type AttributeTarget,
  type LegacyUser,
  type LegacyUserStore,
  type StandardAttribute,
} from './legacy-user.js'
export { DELIVERY_MEDIUMS, FINAL_USER_STATUSES, MESSAGE_ACTIONS, type UserMigrationOptions } from './options.js'
export { manifest as userMigrationManifest } from './manifest.js'

/** The trigger sources the plugin handles. */
export const USER_MIGRATION_TRIGGERS = ['UserMigration_Authentication', 'UserMigration_ForgotPassword'] as const

const find = async (event: UserMigrationEvent, store: ResolvedUserMigrationOptions['store'], signal: AbortSignal): Promise<LegacyUser | null> => {
  const username = event.userName
  if (typeof username !== 'string' || username === '') throw new UserMigrationError('the event has no userName')
  if (event.triggerSource !== 'UserMigration_Authentication') return store.lookup(username, { signal })
  const password = event.request.password
  if (typeof password !== 'string' || password === '') throw new UserMigrationError('UserMigration_Authentication without a password')
  return store.authenticate(username, password, { signal })
}

const migrate = async (event: UserMigrationEvent, { logger, signal }: PluginContext, config: ResolvedUserMigrationOptions) => {
  const trigger = event.triggerSource
  const found = await find(event, config.store, signal)
  // No user, or a wrong password: echo the event. Cognito then answers as for any unknown user
  // (with PreventUserExistenceErrors, its simulated "Incorrect username or password"), so the
  // reply says nothing about whether the legacy store knows the name. A thrown error would.
  if (found === null) {
    logger.info('user not migrated: unknown to the legacy store, or a wrong password', { trigger })
    return undefined
  }
  const user = toLegacyUser(found)
  const userAttributes = cognitoAttributes(user, config.attributeMap)
  const forgot = trigger === 'UserMigration_ForgotPassword'
  // Without a verified email or phone Cognito cannot send the reset code (AWS docs: "Migrate user Lambda trigger"). Creating the user
  // anyway would strand them; refusing out loud would reveal that the name exists.
  if (forgot && userAttributes.email_verified !== 'true' && userAttributes.phone_number_verified !== 'true') {
    logger.warn('user not migrated: a password reset needs a verified email or phone number, and the legacy store vouches for neither', { trigger })
    return undefined
  }
  logger.info('user migrated from the legacy store', { trigger, attributes: Object.keys(userAttributes) })
  return {
    userAttributes,
    // A password reset sets the password itself; the final status only applies to a sign-in.
    ...(forgot ? {} : { finalUserStatus: config.finalUserStatus }),
    messageAction: config.messageAction,
    ...(config.desiredDeliveryMediums === undefined ? {} : { desiredDeliveryMediums: [...config.desiredDeliveryMediums] }),
    forceAliasCreation: config.forceAliasCreation,
    ...(user.username === undefined ? {} : { username: user.username }),
  }
}

/**
 * Migrates users from a legacy store the first time they sign in with a password
 * (`UserMigration_Authentication`) or ask for a password reset (`UserMigration_ForgotPassword`).
 * Pass your own `store`, or `http` for a JSON endpoint. An unknown user or a wrong password is
 * echoed, so Cognito answers as for any unknown user; a store that fails fails closed. Options
 * are checked now; a mistake throws a ConfigurationError naming the option.
 *
 * @example
 * ```ts
 * import { createRouter } from 'cognito-trigger-router'
 * import { userMigration } from 'cognito-trigger-router/plugins'
 *
 * export const handler = createRouter({
 *   plugins: [
 *     userMigration({
 *       store: {
 *         authenticate: (username, password, { signal }) => legacyDb.checkPassword(username, password, signal),
 *         lookup: (username, { signal }) => legacyDb.find(username, signal),
 *       },
 *       attributeMap: { mail: 'email', mobile: 'phone_number', tenant: 'custom:tenant' },
 *     }),
 *   ],
 * })
 * ```
 */
export const userMigration = (options: UserMigrationOptions): Plugin<typeof USER_MIGRATION_TRIGGERS> => {
  const config = resolveUserMigrationOptions(options)
  return definePlugin({
    name: 'user-migration',
    triggers: USER_MIGRATION_TRIGGERS,
    handler: (event, context) => migrate(event, context, config),
  })
}
