// The welcome-email plugin as the rest of the package sees it (src/manifest.ts).

import { definePluginManifest } from '../../src/index.js'
import { sendEmailNeed } from '../../src/deploy/needs.js'
import { welcomeEmailJsonOptions } from './schema.js'

export const manifest = definePluginManifest({
  name: 'welcome-email',
  summary: 'Sends a localized welcome email through SES once a user has signed up.',
  triggers: ['PostConfirmation_ConfirmSignUp'],
  example: { from: 'Example <hello@example.com>', templates: { default: { subject: 'Welcome, {{given_name}}', html: '<p>Welcome!</p>', text: 'Welcome!' } } },
  options: welcomeEmailJsonOptions,
  load: async () => (await import('./index.js')).welcomeEmail,
  deployment: ({ from, configurationSetName }, name) => ({ needs: [sendEmailNeed(name, from, configurationSetName)] }),
})
