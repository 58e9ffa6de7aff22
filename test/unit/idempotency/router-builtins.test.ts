// Done when (issue 18): replaying any side-effecting built-in's event twice, three times and
// concurrently against dynalite performs the side effect once and returns the same reply each
// time. The AWS clients the plugins send with are mocked class by class (SES, SNS, EventBridge,
// Cognito) to count their commands; the DynamoDB client is not mocked and talks to dynalite.
import { randomBytes } from 'node:crypto'
import { buildClient, CommitmentPolicy, RawAesKeyringNode, RawAesWrappingSuiteIdentifier } from '@aws-crypto/client-node'
import { AdminAddUserToGroupCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider'
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge'
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2'
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns'
import { ScanCommand } from '@aws-sdk/client-dynamodb'
import { mockClient } from 'aws-sdk-client-mock'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { addToGroup, customSender, emailOtp, signInAudit, welcomeEmail } from '../../../plugins/index.js'
import type { AnyPlugin } from '../../../src/plugin.js'
import { createEvent } from '../../../src/testing/events.js'
import { dynaliteForSuite } from '../../helpers/dynalite.js'
import { idempotentRouter } from './fixtures.js'

const dynamo = dynaliteForSuite()

const ses = mockClient(SESv2Client)
const sns = mockClient(SNSClient)
const eventBridge = mockClient(EventBridgeClient)
const cognito = mockClient(CognitoIdentityProviderClient)
beforeEach(() => {
  for (const mock of [ses, sns, eventBridge, cognito]) mock.reset()
  ses.on(SendEmailCommand).resolves({ MessageId: 'ses-1' })
  sns.on(PublishCommand).resolves({ MessageId: 'sns-1' })
  eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'event-1' }] })
  cognito.on(AdminAddUserToGroupCommand).resolves({})
})

// Custom sender codes, encrypted as Cognito does (an Encryption SDK message, base64), with a raw
// key instead of KMS so that nothing but DynamoDB leaves the process.
const keyring = new RawAesKeyringNode({
  keyName: 'code-key',
  keyNamespace: 'idempotency-tests',
  unencryptedMasterKey: randomBytes(32),
  wrappingSuite: RawAesWrappingSuiteIdentifier.AES256_GCM_IV12_TAG16_NO_PADDING,
})
let ciphertext = ''
beforeAll(async () => {
  const { encrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_ALLOW_DECRYPT)
  const { result } = await encrypt(keyring, '482913', { encryptionContext: { 'userpool-id': 'us-east-1_EXAMPLE' } })
  ciphertext = Buffer.from(result).toString('base64')
  // Loaded once here, so that no budget below pays for importing the utility on a busy machine.
  await Promise.all([import('@aws-lambda-powertools/idempotency'), import('@aws-lambda-powertools/idempotency/dynamodb')])
})

const template = { subject: 'Welcome', html: '<p>Hi {{given_name}}</p>', text: 'Hi {{given_name}}' }
const FROM = 'hello@example.com'

interface Case {
  readonly plugin: () => AnyPlugin
  readonly event: (userName: string) => unknown
  /** How many times the side effect happened. */
  readonly sent: () => number
}

const CASES: Record<string, Case> = {
  'welcome-email': {
    plugin: () => welcomeEmail({ from: FROM, templates: { default: template }, client: new SESv2Client({ region: 'us-east-1' }) }),
    event: (userName) => createEvent('PostConfirmation_ConfirmSignUp', { overrides: { userName } }),
    sent: () => ses.commandCalls(SendEmailCommand).length,
  },
  'sign-in-audit': {
    plugin: () => signInAudit({ eventBridge: true, failOpen: false, client: new EventBridgeClient({ region: 'us-east-1' }) }),
    event: (userName) => createEvent('PostAuthentication_Authentication', { overrides: { userName } }),
    sent: () => eventBridge.commandCalls(PutEventsCommand).length,
  },
  'email-otp': {
    plugin: () => emailOtp({ from: FROM, subject: 'Your code', text: 'Code {{code}}', client: new SESv2Client({ region: 'us-east-1' }) }),
    event: (userName) => createEvent('CreateAuthChallenge_Authentication', { overrides: { userName, request: { session: [] } } }),
    sent: () => ses.commandCalls(SendEmailCommand).length,
  },
  'custom-sender': {
    plugin: () => customSender({ keyring, sms: {}, snsClient: new SNSClient({ region: 'us-east-1' }) }),
    event: (userName) =>
      createEvent('CustomSMSSender_SignUp', {
        userAttributes: { sub: `sub-${userName}`, phone_number: '+15555550100', phone_number_verified: 'true' },
        overrides: { userName, request: { code: ciphertext } },
      }),
    sent: () => sns.commandCalls(PublishCommand).length,
  },
  'add-to-group': {
    plugin: () => addToGroup({ groups: ['users'], client: new CognitoIdentityProviderClient({ region: 'us-east-1' }) }),
    event: (userName) => createEvent('PostConfirmation_ConfirmSignUp', { overrides: { userName } }),
    sent: () => cognito.commandCalls(AdminAddUserToGroupCommand).length,
  },
}
const NAMES = Object.keys(CASES)

describe('a side-effecting built-in behind idempotency, on dynalite', { timeout: 60_000 }, () => {
  it.each(NAMES)('%s: two invocations of one event send once and reply the same', async (name) => {
    const { plugin, event, sent } = CASES[name]!
    const { run, outcomes } = await idempotentRouter(dynamo.endpoint, [plugin()])

    const first = await run(event('jane'))
    const second = await run(event('jane'))

    expect(first.error).toBeUndefined()
    expect(second.error).toBeUndefined()
    expect(second.reply).toEqual(first.reply)
    expect(sent()).toBe(1)
    expect(outcomes(name)).toEqual(['first-run', 'replayed'])
  })

  it.each(NAMES)('%s: three invocations, as Cognito\'s three attempts, send once', async (name) => {
    const { plugin, event, sent } = CASES[name]!
    const { run } = await idempotentRouter(dynamo.endpoint, [plugin()])

    const replies = [await run(event('jane')), await run(event('jane')), await run(event('jane'))]

    expect(replies.map((result) => result.error)).toEqual([undefined, undefined, undefined])
    expect(replies[1]!.reply).toEqual(replies[0]!.reply)
    expect(replies[2]!.reply).toEqual(replies[0]!.reply)
    expect(sent()).toBe(1)
  })

  it.each(NAMES)('%s: three concurrent invocations send once and reply the same', async (name) => {
    const { plugin, event, sent } = CASES[name]!
    const { run, outcomes } = await idempotentRouter(dynamo.endpoint, [plugin()])

    const replies = await Promise.all([run(event('jane')), run(event('jane')), run(event('jane'))])

    expect(replies.map((result) => result.error)).toEqual([undefined, undefined, undefined])
    expect(replies[1]!.reply).toEqual(replies[0]!.reply)
    expect(replies[2]!.reply).toEqual(replies[0]!.reply)
    expect(sent()).toBe(1)
    expect(outcomes(name).filter((outcome) => outcome === 'first-run')).toHaveLength(1)
  })

  it('stores email-otp\'s code sealed, never in clear, and replays that same code', async () => {
    const { plugin, event } = CASES['email-otp']!
    const { run, client, tableName } = await idempotentRouter(dynamo.endpoint, [plugin()])

    const first = await run(event('jane'))
    const second = await run(event('jane'))

    const code = (first.reply as { response: { privateChallengeParameters: { code: string } } }).response.privateChallengeParameters.code
    expect(code).toMatch(/^[0-9]{6}$/)
    expect(second.reply).toEqual(first.reply)
    const { Items } = await client.send(new ScanCommand({ TableName: tableName }))
    expect(Items).toHaveLength(1)
    expect(Object.keys(Items![0]!.data!.M!)).toEqual(['sealed'])
    expect(JSON.stringify(Items)).not.toContain(code)
  })

  it.each(NAMES)('%s: another user\'s event runs again', async (name) => {
    const { plugin, event, sent } = CASES[name]!
    const { run, outcomes } = await idempotentRouter(dynamo.endpoint, [plugin()])

    await run(event('jane'))
    const other = await run(event('john'))

    expect(other.error).toBeUndefined()
    expect(sent()).toBe(2)
    expect(outcomes(name)).toEqual(['first-run', 'first-run'])
  })
})
