// -- add-to-group -----------------------------------------------------------------------------
// Puts a newly confirmed user into Cognito groups, fixed ones and ones chosen from attributes.
// It runs after Cognito has confirmed the user (AWS docs: "Post confirmation Lambda trigger"; "Customizing user pool workflows with Lambda triggers"), so it decides nothing: a failure
// can only leave a confirmed user outside a group, and `failOpen` says whether that should
// show the user an error.

import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider'
import { definePlugin, type Plugin } from '../../src/index.js'
import { groupsFor, resolveOptions } from './options.js'

export { manifest as addToGroupManifest } from './manifest.js'

/** Adds `groups` when the user attribute `attribute` meets exactly one of the conditions. */
export interface AddToGroupRule {
  /** The user attribute to test, e.g. `email`, `custom:team`. A missing attribute never matches. */
  readonly attribute: string
  /** The value equals this. */
  readonly equals?: string
  /** The value ends with this, e.g. `@example.com`. */
  readonly endsWith?: string
  /** The value matches this regular expression source (unanchored, `u` flag), compiled at cold start. */
  readonly matches?: string
  /**
   * For `email` and `phone_number` only: match only when `email_verified` / `phone_number_verified`
   * is `"true"`. Default true, because an unverified address is just a claim.
   */
  readonly requireVerified?: boolean
  /** The groups to add when the rule matches. */
  readonly groups: readonly string[]
}

/** Options of {@link addToGroup}. At least one group must be reachable through `groups` or `rules`. */
export interface AddToGroupOptions {
  /** Groups every newly confirmed user joins. */
  readonly groups?: readonly string[]
  /** Groups chosen from user attributes; every matching rule adds its groups. */
  readonly rules?: readonly AddToGroupRule[]
  /** Log a failure and still let the confirmation response through. Default false. */
  readonly failOpen?: boolean
  /** The client to use; default: one created on first use, with the Lambda's region and role. */
  readonly client?: CognitoIdentityProviderClient
}

/** A configured group does not exist in the user pool (Cognito's ResourceNotFoundException). */
export class GroupNotFoundError extends Error {
  readonly group: string
  constructor(group: string, userPoolId: string, cause: unknown) {
    super(`group "${group}" was not found in user pool ${userPoolId}; create it or fix the add-to-group options`, { cause })
    this.name = 'GroupNotFoundError'
    this.group = group
  }
}

const isNotFound = (error: unknown): boolean => (error as { name?: unknown } | null)?.name === 'ResourceNotFoundException'

/**
 * Adds each newly signed-up user to Cognito groups with `AdminAddUserToGroup`, on
 * `PostConfirmation_ConfirmSignUp` only (a password reset also confirms, and must not change
 * groups). Groups are added one by one in a fixed order: `groups`, then the groups of each
 * matching rule, each once. Adding a user to a group they are in succeeds, so a retried
 * invocation is harmless.
 *
 * The Lambda role needs `cognito-idp:AdminAddUserToGroup` on the user pool.
 *
 * @example
 * ```ts
 * import { createRouter } from 'cognito-trigger-router'
 * import { addToGroup } from 'cognito-trigger-router/plugins'
 *
 * export const handler = createRouter({
 *   plugins: [
 *     addToGroup({
 *       groups: ['users'],
 *       rules: [{ attribute: 'email', endsWith: '@example.com', groups: ['staff'] }],
 *     }),
 *   ],
 * })
 * ```
 */
export const addToGroup = (options: AddToGroupOptions): Plugin<readonly ['PostConfirmation_ConfirmSignUp']> => {
  const resolved = resolveOptions(options)
  let created: CognitoIdentityProviderClient | undefined

  return definePlugin({
    name: 'add-to-group',
    triggers: ['PostConfirmation_ConfirmSignUp'],
    failOpen: resolved.failOpen,
    // Changes group membership (harmless to repeat, but a write outside the reply all the same).
    sideEffects: true,
    handler: async (event, { signal, logger }) => {
      const groups = groupsFor(event.request.userAttributes, resolved)
      if (groups.length === 0) {
        logger.debug('no group applies to this user')
        return
      }
      // The SDK module takes ~100 ms to import: load it on the first event that needs it, not at cold start.
      const { AdminAddUserToGroupCommand, CognitoIdentityProviderClient } = await import('@aws-sdk/client-cognito-identity-provider')
      const cognito = resolved.client ?? (created ??= new CognitoIdentityProviderClient({}))
      for (const group of groups) {
        const command = new AdminAddUserToGroupCommand({ UserPoolId: event.userPoolId, Username: event.userName, GroupName: group })
        try {
          await cognito.send(command, { abortSignal: signal })
        } catch (error) {
          throw isNotFound(error) ? new GroupNotFoundError(group, event.userPoolId, error) : error
        }
      }
      logger.info('added the user to groups', { groups })
    },
  })
}
