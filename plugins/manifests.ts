// The registration of the built-in plugins: one line per plugin folder. Everything else that lists
// the built-in plugins (builtinPlugins, builtinPluginLoaders, the deploy plan, the CDK construct,
// config.schema.json, the README tables) is derived from these manifests.

export { manifest as addToGroup } from './add-to-group/manifest.js'
export { manifest as customMessages } from './custom-messages/manifest.js'
export { manifest as customSender } from './custom-sender/manifest.js'
export { manifest as emailOtp } from './email-otp/manifest.js'
export { manifest as federationAttributes } from './federation-attributes/manifest.js'
export { manifest as signInAudit } from './sign-in-audit/manifest.js'
export { manifest as signupPolicy } from './signup-policy/manifest.js'
export { manifest as tokenClaims } from './token-claims/manifest.js'
export { manifest as userMigration } from './user-migration/manifest.js'
export { manifest as welcomeEmail } from './welcome-email/manifest.js'
