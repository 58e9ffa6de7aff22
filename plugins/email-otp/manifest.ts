// The email-otp plugin as the rest of the package sees it (src/manifest.ts).

import { definePluginManifest } from '../../src/index.js'
import { sendEmailNeed } from '../../src/deploy/needs.js'
import { emailOtpJsonOptions } from './schema.js'

export const manifest = definePluginManifest({
  name: 'email-otp',
  summary: 'Passwordless sign-in with a one-time code sent by email, through the custom authentication flow.',
  triggers: ['DefineAuthChallenge_Authentication', 'CreateAuthChallenge_Authentication', 'VerifyAuthChallengeResponse_Authentication'],
  example: { from: 'Example <no-reply@example.com>', subject: 'Your sign-in code', text: 'Your code is {{code}}. It expires in {{minutes}} minutes.' },
  options: emailOtpJsonOptions,
  load: async () => (await import('./index.js')).emailOtp,
  deployment: ({ from, configurationSetName }, name) => ({ needs: [sendEmailNeed(name, from, configurationSetName)] }),
})
