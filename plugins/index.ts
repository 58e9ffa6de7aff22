// GENERATED from the plugin manifests (plugins/manifests.ts) by src/deploy/registry-sources.ts; do not edit.
// Rewrite it, with the README tables and config.schema.json, by running with UPDATE_GENERATED=1:
// npx vitest run --config test/vitest.config.ts test/unit/plugins-loaders.test.ts test/unit/deploy
// The built-in plugins: `import { signupPolicy, builtinPlugins } from 'cognito-trigger-router/plugins'`.
// Each plugin's public API (its factory, options type, errors and manifest), and `builtinPlugins`,
// which maps the name the JSON configuration uses to each factory. Every factory validates its
// options when called, which is cold start.

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

export * from './add-to-group/index.js'
export * from './custom-messages/index.js'
export * from './custom-sender/index.js'
export * from './email-otp/index.js'
export * from './federation-attributes/index.js'
export * from './sign-in-audit/index.js'
export * from './signup-policy/index.js'
export * from './token-claims/index.js'
export * from './user-migration/index.js'
export * from './welcome-email/index.js'
export { builtinManifests } from './registry.js'

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
  'add-to-group': addToGroup,
  'custom-messages': customMessages,
  'custom-sender': customSender,
  'email-otp': emailOtp,
  'federation-attributes': federationAttributes,
  'sign-in-audit': signInAudit,
  'signup-policy': signupPolicy,
  'token-claims': tokenClaims,
  'user-migration': userMigration,
  'welcome-email': welcomeEmail,
})
