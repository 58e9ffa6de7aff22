// GENERATED from the plugin manifests (plugins/manifests.ts) by src/deploy/registry-sources.ts; do not edit.
// Rewrite it, with the README tables and config.schema.json, by running with UPDATE_GENERATED=1:
// npx vitest run --config test/vitest.config.ts test/unit/plugins-loaders.test.ts test/unit/deploy
// The built-in plugins as loaders, keyed like `builtinPlugins`: each is a dynamic import, so a
// bundle built from these (the Lambda entry) loads a plugin's code, and its options schema, only
// when its configuration enables it. This file imports no manifest for the same reason.

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
  'add-to-group': async () => (await import('./add-to-group/index.js')).addToGroup,
  'custom-messages': async () => (await import('./custom-messages/index.js')).customMessages,
  'custom-sender': async () => (await import('./custom-sender/index.js')).customSender,
  'email-otp': async () => (await import('./email-otp/index.js')).emailOtp,
  'federation-attributes': async () => (await import('./federation-attributes/index.js')).federationAttributes,
  'sign-in-audit': async () => (await import('./sign-in-audit/index.js')).signInAudit,
  'signup-policy': async () => (await import('./signup-policy/index.js')).signupPolicy,
  'token-claims': async () => (await import('./token-claims/index.js')).tokenClaims,
  'user-migration': async () => (await import('./user-migration/index.js')).userMigration,
  'welcome-email': async () => (await import('./welcome-email/index.js')).welcomeEmail,
})
