// The federation-attributes plugin as the rest of the package sees it (src/manifest.ts).

import { definePluginManifest } from '../../src/index.js'
import { federationAttributesJsonOptions } from './schema.js'

export const manifest = definePluginManifest({
  name: 'federation-attributes',
  summary: 'Renames, joins, drops and truncates the attributes a federated provider sends, per provider.',
  triggers: ['InboundFederation_ExternalProvider'],
  example: { rules: [{ providerName: 'Google', rename: [{ from: 'idToken.groups', to: 'custom:groups' }] }] },
  options: federationAttributesJsonOptions,
  load: async () => (await import('./index.js')).federationAttributes,
})
