// The user-migration plugin as the rest of the package sees it (src/manifest.ts).

import { definePluginManifest } from '../../src/index.js'
import { userMigrationJsonOptions } from './schema.js'

export const manifest = definePluginManifest({
  name: 'user-migration',
  summary: 'Migrates users from a legacy store (your code, or one HTTPS endpoint) on their first sign-in or password reset.',
  triggers: ['UserMigration_Authentication', 'UserMigration_ForgotPassword'],
  example: { http: { url: 'https://legacy.example.com/migrate', bearerTokenEnv: 'LEGACY_API_TOKEN' } },
  options: userMigrationJsonOptions,
  load: async () => (await import('./index.js')).userMigration,
  // The endpoint's bearer token is a credential the function reads from its environment.
  deployment: ({ http }) =>
    http === undefined ? {} : { prerequisites: [{ env: http.bearerTokenEnv, option: 'http.bearerTokenEnv', secret: true }] },
})
