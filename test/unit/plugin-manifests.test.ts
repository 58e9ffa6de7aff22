// Every built-in plugin's manifest against the plugin itself: the slots a deployment attaches are
// the families of the triggers the plugin really handles, and every AWS call the plugin makes
// with its example options has a permission in its deployment needs (and no need goes unused).

import { randomBytes } from 'node:crypto'
import { buildClient, CommitmentPolicy, KMS, KmsKeyringNode } from '@aws-crypto/client-node'
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider'
import { EventBridgeClient } from '@aws-sdk/client-eventbridge'
import { SESv2Client } from '@aws-sdk/client-sesv2'
import { SNSClient } from '@aws-sdk/client-sns'
import { mockClient } from 'aws-sdk-client-mock'
import * as v from 'valibot'
import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { builtinManifests, builtinPlugins } from '../../plugins/index.js'
import { expandPattern, familyOf, type TriggerSource } from '../../src/catalogue.js'
import { createRouter } from '../../src/index.js'
import { PERMISSION_ACTIONS, pluginDeployment } from '../../src/deploy/plugins.js'
import { familiesOf } from '../../src/manifest.js'
import { createEvent } from '../../src/testing/index.js'
import { capturingLogger, settle } from '../helpers/lambda.js'

const manifests = Object.values(builtinManifests)
const POOL = 'us-east-1_EXAMPLE'

const sourcesOf = (triggers: readonly unknown[]): TriggerSource[] =>
  triggers.flatMap((pattern) => {
    const sources = expandPattern(pattern)
    return typeof sources === 'string' ? [] : [...sources]
  })

describe('each built-in manifest', () => {
  it.each(manifests.map((manifest) => [manifest.name, manifest] as const))('%s: its example passes its own options schema', (_name, manifest) => {
    expect(v.safeParse(manifest.options, manifest.example).issues).toBeUndefined()
  })

  it.each(manifests.map((manifest) => [manifest.name, manifest] as const))(
    '%s: the slots planned for its example are the families of the triggers its plugin handles',
    (name, manifest) => {
      // Act
      const plugin = builtinPlugins[name]!(manifest.example as never)
      const handled = familiesOf(plugin.triggers)

      // Assess
      expect(plugin.name).toBe(name)
      expect(pluginDeployment(name, manifest.example as never).families).toStrictEqual(handled)
      expect(familiesOf(manifest.triggers)).toStrictEqual(expect.arrayContaining([...handled]))
      expect(sourcesOf(manifest.triggers)).toStrictEqual(expect.arrayContaining(sourcesOf(plugin.triggers)))
    },
  )
})

// -- AWS calls and permissions -----------------------------------------------------------------

// The IAM service prefix of each client a plugin may use; an action is `<prefix>:<command name>`.
const clients = {
  'cognito-idp': mockClient(CognitoIdentityProviderClient),
  events: mockClient(EventBridgeClient),
  ses: mockClient(SESv2Client),
  sns: mockClient(SNSClient),
  // The client the Encryption SDK's KMS keyring creates for itself.
  kms: mockClient(KMS),
} as const

afterAll(() => {
  for (const client of Object.values(clients)) client.restore()
})

// Cognito's custom sender code: an Encryption SDK message whose data key KMS wraps. The keyring
// decrypts through the mocked KMS, which answers with the data key it handed out for encryption.
const dataKey = randomBytes(32)
const KEY_ARN = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab'
const kmsAnswers = () =>
  clients.kms.onAnyCommand().callsFake((input: Record<string, unknown>) =>
    'CiphertextBlob' in input
      ? { Plaintext: Uint8Array.from(dataKey), KeyId: KEY_ARN }
      : { Plaintext: Uint8Array.from(dataKey), CiphertextBlob: randomBytes(64), KeyId: KEY_ARN },
  )
kmsAnswers()
const { encrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_ALLOW_DECRYPT)
const { result: sealed } = await encrypt(new KmsKeyringNode({ generatorKeyId: KEY_ARN }), '12345678', { encryptionContext: { 'userpool-id': POOL } })
const CODE = Buffer.from(sealed).toString('base64')

beforeEach(() => {
  for (const client of Object.values(clients)) client.reset()
  kmsAnswers()
  clients.ses.onAnyCommand().resolves({ MessageId: 'm-1' })
  clients.sns.onAnyCommand().resolves({ MessageId: 'm-2' })
  clients.events.onAnyCommand().resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e-1' }] })
  clients['cognito-idp'].onAnyCommand().resolves({})
})

const actionsCalled = (): string[] =>
  Object.entries(clients).flatMap(([prefix, client]) =>
    client.calls().map((call) => `${prefix}:${(call.args[0] as object).constructor.name.replace(/Command$/u, '')}`),
  )

const eventFor = (source: TriggerSource) =>
  createEvent(source, {
    userAttributes: { sub: 'sub-1', email: 'jane@example.com', email_verified: 'true', phone_number: '+15555550100', phone_number_verified: 'true' },
    overrides: { userPoolId: POOL, ...(familyOf(source).startsWith('Custom') && familyOf(source) !== 'CustomMessage' ? { request: { code: CODE } } : {}) },
  })

describe('the AWS calls of each built-in plugin', () => {
  it.each(manifests.map((manifest) => [manifest.name, manifest] as const))(
    '%s, run on every trigger with its example options, calls exactly the actions its deployment grants',
    async (name, manifest) => {
      // Prepare
      const router = createRouter({ plugins: [builtinPlugins[name]!(manifest.example as never)], logger: capturingLogger() })
      const granted = new Set(pluginDeployment(name, manifest.example as never).needs.flatMap((need) => PERMISSION_ACTIONS[need.kind]))

      // Act
      for (const source of sourcesOf(manifest.triggers)) await settle(router, eventFor(source))

      // Assess
      expect(new Set(actionsCalled())).toStrictEqual(granted)
    },
  )
})
