// The signup-policy plugin as the rest of the package sees it (src/manifest.ts).

import { definePluginManifest } from '../../src/index.js'
import { signupPolicyJsonOptions } from './schema.js'

export const manifest = definePluginManifest({
  name: 'signup-policy',
  summary: 'Decides who may sign up: domain allow and deny lists, disposable domains, trusted domains, federated providers.',
  triggers: ['PreSignUp_*'],
  example: { denyDomains: ['competitor.example'], trusted: { domains: ['example.com'], autoConfirm: true } },
  options: signupPolicyJsonOptions,
  load: async () => (await import('./index.js')).signupPolicy,
})
