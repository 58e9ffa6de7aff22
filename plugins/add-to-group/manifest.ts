// The add-to-group plugin as the rest of the package sees it (src/manifest.ts).

import { definePluginManifest } from '../../src/index.js'
import { addToGroupJsonOptions } from './schema.js'

export const manifest = definePluginManifest({
  name: 'add-to-group',
  summary: 'Adds newly confirmed users to Cognito groups, fixed ones and ones chosen by attribute rules.',
  triggers: ['PostConfirmation_ConfirmSignUp'],
  example: { groups: ['users'], rules: [{ attribute: 'email', endsWith: '@example.com', groups: ['staff'] }] },
  options: addToGroupJsonOptions,
  load: async () => (await import('./index.js')).addToGroup,
  deployment: (_options, name) => ({ needs: [{ kind: 'add-user-to-group', plugin: name }] }),
})
