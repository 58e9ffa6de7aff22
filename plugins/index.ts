// The built-in plugins: `import { signupPolicy, builtinPlugins } from 'cognito-trigger-router/plugins'`.
// `builtinPlugins` maps the name the JSON configuration uses to each factory; every factory
// validates its options when called, which is cold start.

import type { PluginFactory } from '../src/config.js'
import { addToGroup } from './add-to-group/index.js'
import { customMessages } from './custom-messages/index.js'
import { customSender } from './custom-sender/index.js'
import { emailOtp } from './email-otp/index.js'
import { federationAttributes } from './federation-attributes/index.js'
import { signInAudit } from './sign-in-audit/index.js'
import { signupPolicy } from './signup-policy/index.js'
import { tokenClaims } from './token-claims/index.js'
import { userMigration } from './user-migration/index.js'
import { welcomeEmail } from './welcome-email/index.js'

export { addToGroup, GroupNotFoundError, type AddToGroupOptions, type AddToGroupRule } from './add-to-group/index.js'
export {
  AuditDeliveryError,
  signInAudit,
  type SignInAuditEventBridgeOptions,
  type SignInAuditOptions,
  type SignInAuditRecord,
} from './sign-in-audit/index.js'
export { welcomeEmail, type WelcomeEmailOptions, type WelcomeEmailTemplate } from './welcome-email/index.js'
export * from './custom-messages/index.js'
export * from './custom-sender/index.js'
export * from './federation-attributes/index.js'
export * from './email-otp/index.js'
export * from './user-migration/index.js'
export * from './signup-policy/index.js'
export * from './token-claims/index.js'

/**
 * Built-in plugin factories, keyed by the name the JSON configuration uses.
 *
 * @example
 * ```ts
 * import { createRouterFromConfig } from 'cognito-trigger-router'
 * import { builtinPlugins } from 'cognito-trigger-router/plugins'
 *
 * export const handler = createRouterFromConfig({ plugins: { 'add-to-group': { groups: ['users'] } } }, builtinPlugins)
 * ```
 */
export const builtinPlugins: Readonly<Record<string, PluginFactory>> = Object.freeze({
  'signup-policy': signupPolicy,
  'token-claims': tokenClaims,
  'add-to-group': addToGroup,
  'welcome-email': welcomeEmail,
  'sign-in-audit': signInAudit,
  'custom-messages': customMessages,
  'custom-sender': customSender,
  'federation-attributes': federationAttributes,
  'email-otp': emailOtp,
  'user-migration': userMigration,
})
