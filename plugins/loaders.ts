// The built-in plugins as loaders, keyed like `builtinPlugins`: each is a dynamic import, so a
// bundle built from these (the Lambda entry) loads a plugin's code only when its configuration
// enables it. test/unit/plugins-loaders.test.ts keeps the two registries in step.

import type { PluginLoader } from '../src/config.js'

/**
 * Loaders of the built-in plugin factories, for `loadRouterFromConfig`.
 *
 * @example
 * ```ts
 * import { loadRouterFromConfig } from 'cognito-trigger-router'
 * import { builtinPluginLoaders } from 'cognito-trigger-router/plugins/loaders'
 *
 * export const handler = await loadRouterFromConfig({ plugins: { 'add-to-group': { groups: ['users'] } } }, builtinPluginLoaders)
 * ```
 */
export const builtinPluginLoaders: Readonly<Record<string, PluginLoader>> = Object.freeze({
  'signup-policy': async () => (await import('./signup-policy/index.js')).signupPolicy,
  'token-claims': async () => (await import('./token-claims/index.js')).tokenClaims,
  'add-to-group': async () => (await import('./add-to-group/index.js')).addToGroup,
  'welcome-email': async () => (await import('./welcome-email/index.js')).welcomeEmail,
  'sign-in-audit': async () => (await import('./sign-in-audit/index.js')).signInAudit,
  'custom-messages': async () => (await import('./custom-messages/index.js')).customMessages,
  'custom-sender': async () => (await import('./custom-sender/index.js')).customSender,
  'federation-attributes': async () => (await import('./federation-attributes/index.js')).federationAttributes,
  'email-otp': async () => (await import('./email-otp/index.js')).emailOtp,
  'user-migration': async () => (await import('./user-migration/index.js')).userMigration,
})
