// The custom-sender plugin as the rest of the package sees it (src/manifest.ts).

import { ConfigurationError, definePluginManifest, type TriggerFamily } from '../../src/index.js'
import { sendEmailNeed, type PermissionNeed } from '../../src/deploy/needs.js'
import { customSenderJsonOptions } from './schema.js'

export const manifest = definePluginManifest({
  name: 'custom-sender',
  summary: 'Delivers Cognito codes itself: decrypts them with KMS and sends them through SES or SNS.',
  triggers: ['CustomEmailSender_*', 'CustomSMSSender_*'],
  example: { kmsKeyArn: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab', email: { from: 'Example <no-reply@example.com>' }, sms: {} },
  options: customSenderJsonOptions,
  load: async () => (await import('./index.js')).customSender,
  // Only the channels the plugin is configured for get a slot: once a sender slot is set,
  // Cognito stops delivering that channel itself.
  deployment: ({ email, sms }, name) => {
    if (email === undefined && sms === undefined) throw new ConfigurationError(`"plugins.${name}" must enable "email", "sms" or both`)
    const families: TriggerFamily[] = []
    const needs: PermissionNeed[] = [{ kind: 'decrypt-codes', plugin: name }]
    if (email !== undefined) {
      families.push('CustomEmailSender')
      needs.push(sendEmailNeed(name, email.from, email.configurationSetName, 'email.from'))
    }
    if (sms !== undefined) {
      families.push('CustomSMSSender')
      needs.push({ kind: 'publish-sms', plugin: name })
    }
    return { families, needs }
  },
})
