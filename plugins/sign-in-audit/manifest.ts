// The sign-in-audit plugin as the rest of the package sees it (src/manifest.ts).

import { definePluginManifest } from '../../src/index.js'
import { signInAuditJsonOptions } from './schema.js'

export const manifest = definePluginManifest({
  name: 'sign-in-audit',
  summary: 'Writes one audit record per successful sign-in to the log and, optionally, to EventBridge.',
  triggers: ['PostAuthentication_Authentication'],
  example: { eventBridge: { busName: 'security-audit' } },
  options: signInAuditJsonOptions,
  load: async () => (await import('./index.js')).signInAudit,
  deployment: ({ eventBridge }, name) => {
    if (eventBridge === undefined || eventBridge === false) return {}
    const eventBus = eventBridge === true ? 'default' : (eventBridge.busName ?? 'default')
    return { needs: [{ kind: 'put-events', plugin: name, eventBus }] }
  },
})
