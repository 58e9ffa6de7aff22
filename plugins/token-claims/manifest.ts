// The token-claims plugin as the rest of the package sees it (src/manifest.ts).

import { definePluginManifest } from '../../src/index.js'
import { tokenClaimsJsonOptions } from './schema.js'

export const manifest = definePluginManifest({
  name: 'token-claims',
  summary: 'Adds, overrides and suppresses ID and access token claims and scopes from configuration.',
  triggers: ['TokenGeneration_*'],
  example: { staticClaims: { tier: 'gold' } },
  options: tokenClaimsJsonOptions,
  load: async () => (await import('./index.js')).tokenClaims,
})
