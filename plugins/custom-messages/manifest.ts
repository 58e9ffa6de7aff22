// The custom-messages plugin as the rest of the package sees it (src/manifest.ts).

import { definePluginManifest } from '../../src/index.js'
import { customMessagesJsonOptions } from './schema.js'

export const manifest = definePluginManifest({
  name: 'custom-messages',
  summary: "Replaces Cognito's verification, invitation and MFA messages with templates per occasion and locale.",
  triggers: ['CustomMessage_*'],
  example: {
    templates: {
      default: { en: { emailSubject: 'Your code', emailMessage: '<p>Your code is {{code}}</p>', smsMessage: 'Your code: {{code}}' } },
      AdminCreateUser: { en: { emailSubject: 'Welcome', emailMessage: '<p>User {{username}}, password {{code}}</p>', smsMessage: 'User {{username}}, password {{code}}' } },
    },
  },
  options: customMessagesJsonOptions,
  load: async () => (await import('./index.js')).customMessages,
})
