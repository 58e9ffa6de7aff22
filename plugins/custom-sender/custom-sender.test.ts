import { createHash, randomBytes } from 'node:crypto'
import {
  buildClient,
  CommitmentPolicy,
  KMS,
  KmsKeyringNode,
  RawAesKeyringNode,
  RawAesWrappingSuiteIdentifier,
  type KeyringNode,
} from '@aws-crypto/client-node'
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2'
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns'
import { mockClient } from 'aws-sdk-client-mock'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createRouter, createRouterFromConfig, TriggerRejectedError, type AnyPlugin, type PluginFactory, type TriggerSource } from '../../src/index.js'
import { createEvent } from '../../src/testing/index.js'
import { describePluginContract } from '../../src/testing/vitest.js'
import { capturingLogger, settle } from '../../test/helpers/lambda.js'
import { restoredAfterAll } from '../../test/helpers/sdk-mock.js'
import { customSender, SENDER_OCCASIONS, unescapeEntities, type CustomSenderOptions, type SenderMessage } from './index.js'

// -- real ciphertext -------------------------------------------------------------------------

const POOL = 'us-east-1_EXAMPLE'
const CODE = 'Zq739184'
const KEY_ARN = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab'
const rawKeyring = (): RawAesKeyringNode =>
  new RawAesKeyringNode({
    keyName: 'cognito-code-key',
    keyNamespace: 'cognito-trigger-router-tests',
    unencryptedMasterKey: randomBytes(32),
    wrappingSuite: RawAesWrappingSuiteIdentifier.AES256_GCM_IV12_TAG16_NO_PADDING,
  })
const keyring = rawKeyring()
const { encrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_ALLOW_DECRYPT)

/** Encrypts as Cognito does: Encryption SDK message, base64, encryption context `userpool-id`. */
const encryptCode = async (plaintext: string, ring: KeyringNode = keyring, pool = POOL): Promise<string> => {
  const { result } = await encrypt(ring, plaintext, { encryptionContext: { 'userpool-id': pool } })
  return Buffer.from(result).toString('base64')
}

const CIPHERTEXT = await encryptCode(CODE)

const senderEvent = (source: TriggerSource, request: Record<string, unknown> = {}, attributes?: Record<string, string>) =>
  createEvent(source, { ...(attributes === undefined ? {} : { userAttributes: attributes }), overrides: { request: { code: CIPHERTEXT, ...request } } })

const takeoverEvent = (extra: Record<string, string | null> = { email: 'jane.doe@example.com' }) =>
  createEvent('CustomEmailSender_AccountTakeOverNotification', { overrides: { request: { userAttributes: extra } } })

// -- AWS mocks and running -------------------------------------------------------------------

const ses = restoredAfterAll(mockClient(SESv2Client))
const sns = restoredAfterAll(mockClient(SNSClient))
// The KMS client the Encryption SDK's KMS keyring creates for itself.
const kms = restoredAfterAll(mockClient(KMS))
beforeEach(() => {
  kms.reset()
  ses.reset()
  sns.reset()
  ses.on(SendEmailCommand).resolves({ MessageId: 'm-1' })
  sns.on(PublishCommand).resolves({ MessageId: 'm-2' })
})

const FROM = 'Example <no-reply@example.com>'
const options = (extra: Partial<CustomSenderOptions> = {}): CustomSenderOptions => ({
  keyring,
  email: { from: FROM },
  sms: {},
  sesClient: new SESv2Client({ region: 'us-east-1' }),
  snsClient: new SNSClient({ region: 'us-east-1' }),
  ...extra,
})

const run = async (plugin: AnyPlugin, event: unknown, deadlineMs?: number) => {
  const logger = capturingLogger()
  const router = createRouter({ plugins: [plugin], logger, logging: { eventLevel: 'info' }, ...(deadlineMs === undefined ? {} : { deadlineMs }) })
  return { ...(await settle(router, event)), logger }
}

const sentEmail = (index = 0) => ses.commandCalls(SendEmailCommand)[index]!.args[0].input
const sentSms = (index = 0) => sns.commandCalls(PublishCommand)[index]!.args[0].input

const email = (subject: string, html: string, to = 'jane.doe@example.com') => ({
  FromEmailAddress: FROM,
  Destination: { ToAddresses: [to] },
  Content: { Simple: { Subject: { Data: subject, Charset: 'UTF-8' }, Body: { Html: { Data: html, Charset: 'UTF-8' } } } },
})
const SUBJECTS: Record<string, string> = { ForgotPassword: 'Your password reset code', Authentication: 'Your sign-in code' }

const codeOccasions = SENDER_OCCASIONS.filter((occasion) => occasion !== 'AccountTakeOverNotification' && occasion !== 'AdminCreateUser')

describe('custom-sender delivery of real ciphertext', () => {
  it.each(codeOccasions)('decrypts the code of CustomEmailSender_%s and sends exactly one SES email', async (occasion) => {
    // Act
    const { error } = await run(customSender(options()), senderEvent(`CustomEmailSender_${occasion}` as TriggerSource))

    // Assess
    expect(error).toBeUndefined()
    const subject = SUBJECTS[occasion] ?? 'Your verification code'
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(1)
    expect(sentEmail()).toStrictEqual(email(subject, `<p>${subject}: <strong>${CODE}</strong></p>`))
    expect(sns.calls()).toHaveLength(0)
  })

  it.each(codeOccasions)('decrypts the code of CustomSMSSender_%s and publishes one transactional SMS', async (occasion) => {
    const { error } = await run(customSender(options()), senderEvent(`CustomSMSSender_${occasion}` as TriggerSource))
    expect(error).toBeUndefined()
    expect(sentSms()).toStrictEqual({
      PhoneNumber: '+15555550100',
      Message: `${SUBJECTS[occasion] ?? 'Your verification code'}: ${CODE}`,
      MessageAttributes: { 'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' } },
    })
  })

  it('passes the SES configuration set, the SNS sender id and origination number, and the router signal', async () => {
    // Prepare
    const plugin = customSender(options({ email: { from: FROM, configurationSetName: 'codes' }, sms: { senderId: 'Example', originationNumber: '+15555550199' } }))

    // Act
    await run(plugin, senderEvent('CustomEmailSender_SignUp'))
    await run(plugin, senderEvent('CustomSMSSender_SignUp'))

    // Assess
    expect(sentEmail().ConfigurationSetName).toBe('codes')
    expect(sentSms().MessageAttributes).toStrictEqual({
      'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
      'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: 'Example' },
      'AWS.MM.SMS.OriginationNumber': { DataType: 'String', StringValue: '+15555550199' },
    })
    const sendOptions = (ses.commandCalls(SendEmailCommand)[0]!.args as unknown[])[1] as { abortSignal?: AbortSignal }
    expect(sendOptions.abortSignal).toBeInstanceOf(AbortSignal)
  })

  it('unescapes a temporary password and escapes it again only inside the HTML body', async () => {
    // Prepare: Cognito HTML-escapes temporary passwords before encrypting them
    const event = senderEvent('CustomEmailSender_AdminCreateUser', { code: await encryptCode('P&lt;a&amp;s&#39;s&gt;1') })
    const sms = senderEvent('CustomSMSSender_AdminCreateUser', { code: await encryptCode('P&lt;a&amp;s&#39;s&gt;1') })

    // Act
    await run(customSender(options()), event)
    await run(customSender(options()), sms)

    // Assess
    expect(sentEmail().Content?.Simple?.Body?.Html?.Data).toBe(
      '<p>Your username is <strong>5d5a1e8e-1c2b-4a6f-9f0e-2b1f6f7a3c11</strong> and your temporary password is <strong>P&lt;a&amp;s&#39;s&gt;1</strong>.</p>',
    )
    expect(sentSms().Message).toBe("Your username is 5d5a1e8e-1c2b-4a6f-9f0e-2b1f6f7a3c11 and your temporary password is P<a&s's>1")
  })

  // A KMS-wrapped data key, as Cognito's ciphertext carries. The SDK zeroes key buffers after
  // use, so every answer gets its own copy; `decrypt` decides how KMS answers Decrypt.
  const kmsCiphertext = async (decrypt: (dataKey: Uint8Array) => unknown) => {
    const dataKey = randomBytes(32)
    kms.onAnyCommand().callsFake((input: Record<string, unknown>) =>
      'CiphertextBlob' in input ? decrypt(Uint8Array.from(dataKey)) : { Plaintext: Uint8Array.from(dataKey), CiphertextBlob: randomBytes(64), KeyId: KEY_ARN },
    )
    return encryptCode(CODE, new KmsKeyringNode({ generatorKeyId: KEY_ARN }))
  }
  const kmsPlugin = () => customSender({ kmsKeyArn: KEY_ARN, email: { from: FROM }, sesClient: new SESv2Client({}) })

  it('builds a KMS keyring from kmsKeyArn and decrypts through KMS with the pool encryption context', async () => {
    // Prepare
    const code = await kmsCiphertext((Plaintext) => ({ Plaintext, KeyId: KEY_ARN }))

    // Act
    const { error } = await run(kmsPlugin(), senderEvent('CustomEmailSender_SignUp', { code }))

    // Assess
    expect(error).toBeUndefined()
    const decrypt = kms.calls().map((call) => call.args[0].input as Record<string, unknown>).find((input) => 'CiphertextBlob' in input)
    expect(decrypt).toMatchObject({ KeyId: KEY_ARN, EncryptionContext: { 'userpool-id': POOL } })
    expect(sentEmail().Content?.Simple?.Body?.Html?.Data).toContain(CODE)
  })

  it('fails closed, sending nothing, when KMS refuses to decrypt', async () => {
    const code = await kmsCiphertext(() => Promise.reject(Object.assign(new Error('not allowed'), { name: 'AccessDeniedException' })))
    const { error, logger } = await run(kmsPlugin(), senderEvent('CustomEmailSender_SignUp', { code }))
    expect(error).toBeInstanceOf(TriggerRejectedError)
    expect(logger.text()).toContain('CodeDecryptionError')
    expect(logger.text()).toContain('AccessDeniedException')
    expect(ses.calls()).toHaveLength(0)
  })

  it('fails closed when KMS answers only after the deadline, and sends nothing even then', async () => {
    // Prepare
    const late = (Plaintext: Uint8Array) => new Promise((resolve) => setTimeout(() => resolve({ Plaintext, KeyId: KEY_ARN }), 100))
    const code = await kmsCiphertext(late)

    // Act
    const { error, logger } = await run(kmsPlugin(), senderEvent('CustomEmailSender_SignUp', { code }), 50)
    await new Promise((resolve) => setTimeout(resolve, 150))

    // Assess: the retry Lambda makes must be the only delivery
    expect(error).toBeInstanceOf(TriggerRejectedError)
    expect(logger.text()).toContain('DeadlineExceededError')
    expect(ses.calls()).toHaveLength(0)
  })

  it('creates its SES client on first use when none is given', async () => {
    const { error } = await run(customSender({ keyring, email: { from: FROM } }), senderEvent('CustomEmailSender_SignUp'))
    expect(error).toBeUndefined()
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(1)
  })
})

describe('unescapeEntities, for HTML-escaped temporary passwords', () => {
  it.each([
    ['the five XML entities', '&lt;&gt;&amp;&quot;&apos;', `<>&"'`],
    ['decimal references', '&#60;&#38;&#39;', "<&'"],
    ['hexadecimal references', '&#x3C;&#X3e;&#x1F600;', '<>😀'],
    ['one pass only', '&amp;lt;', '&lt;'],
    ['unknown names, left alone', '&nbsp;&copy;', '&nbsp;&copy;'],
    ['references outside Unicode, NUL and surrogates, left alone', '&#0;&#x110000;&#xD800;', '&#0;&#x110000;&#xD800;'],
    ['an entity without its semicolon, left alone', 'a&ltb', 'a&ltb'],
    ['digits, untouched', '482913', '482913'],
  ])('decodes %s', (_what, input, output) => {
    expect(unescapeEntities(input)).toBe(output)
  })
})

describe('custom-sender failures, which fail closed and are logged without the code', () => {
  const expectRejected = (error: Error | undefined) => expect(error).toBeInstanceOf(TriggerRejectedError)

  it('refuses tampered ciphertext and sends nothing', async () => {
    // Prepare: flip one bit inside the encrypted body
    const bytes = Buffer.from(CIPHERTEXT, 'base64')
    bytes[bytes.length - 120]! ^= 1
    const event = senderEvent('CustomEmailSender_SignUp', { code: bytes.toString('base64') })

    // Act
    const { error, logger } = await run(customSender(options()), event)

    // Assess
    expectRejected(error)
    expect(logger.text()).toContain('CodeDecryptionError')
    expect(logger.text()).not.toContain(CODE)
    expect(ses.calls()).toHaveLength(0)
  })

  it.each([
    ['a different key', async () => encryptCode(CODE, rawKeyring()), 'could not decrypt request.code'],
    ['another user pool', async () => encryptCode(CODE, keyring, 'us-east-1_OTHER'), 'encrypted for another user pool'],
    ['text that is not ciphertext', async () => 'AYADeBgqzqjmNEV0aW5nQ29kZS0SignUp', 'could not decrypt request.code'],
    ['a null code', async () => null, 'request.code is missing'],
  ])('refuses a code from %s', async (_what, code, message) => {
    const { error, logger } = await run(customSender(options()), senderEvent('CustomSMSSender_ForgotPassword', { code: await code() }))
    expectRejected(error)
    expect(logger.text()).toContain(message)
    expect(sns.calls()).toHaveLength(0)
  })

  it.each([
    ['CustomEmailSender_SignUp', { phone_number: '+15555550100' }, 'no usable email attribute'],
    ['CustomEmailSender_SignUp', { email: 'not an address' }, 'no usable email attribute'],
    ['CustomSMSSender_SignUp', { email: 'jane.doe@example.com' }, 'no usable phone_number attribute'],
    ['CustomSMSSender_SignUp', { phone_number: '555-0100' }, 'no usable phone_number attribute'],
  ] as const)('fails %s when the user has %j, before decrypting anything', async (source, attributes, message) => {
    const { error, logger } = await run(customSender(options()), senderEvent(source, {}, attributes))
    expectRejected(error)
    expect(logger.text()).toContain('MissingRecipientError')
    expect(logger.text()).toContain(message)
    expect(ses.calls()).toHaveLength(0)
    expect(sns.calls()).toHaveLength(0)
  })

  it('fails when SES refuses the email, keeping the code out of the logged error even if SES quotes it', async () => {
    // Prepare
    ses.on(SendEmailCommand).rejects(Object.assign(new Error(`MessageRejected: body "${CODE}" was refused`), { name: 'MessageRejected' }))

    // Act
    const { error, logger } = await run(customSender(options()), senderEvent('CustomEmailSender_SignUp'))

    // Assess
    expectRejected(error)
    expect(logger.text()).toContain('DeliveryError')
    expect(logger.text()).toContain('MessageRejected')
    expect(logger.text()).toContain('body \\"[REDACTED]\\" was refused')
    expect(logger.text()).not.toContain(CODE)
  })

  it('fails when SNS refuses the SMS', async () => {
    sns.on(PublishCommand).rejects(Object.assign(new Error('Throttled'), { name: 'ThrottlingException' }))
    const { error, logger } = await run(customSender(options()), senderEvent('CustomSMSSender_SignUp'))
    expectRejected(error)
    expect(logger.text()).toContain('ThrottlingException')
    expect(logger.text()).not.toContain(CODE)
  })

  it.each([
    ['SES', 'CustomEmailSender_SignUp' as const],
    ['SNS', 'CustomSMSSender_SignUp' as const],
  ])('fails closed when %s hangs past the deadline', async (_service, source) => {
    // Prepare
    const hang = () => new Promise<never>(() => undefined)
    ses.on(SendEmailCommand).callsFake(hang)
    sns.on(PublishCommand).callsFake(hang)

    // Act
    const { error, logger } = await run(customSender(options()), senderEvent(source), 50)

    // Assess
    expectRejected(error)
    expect(logger.text()).toContain('DeadlineExceededError')
    expect(logger.text()).not.toContain(CODE)
  })

  it('never writes the decrypted code to any log line, on success or failure', async () => {
    const plugin = customSender(options())
    const lines: string[] = []
    for (const source of ['CustomEmailSender_AdminCreateUser', 'CustomSMSSender_Authentication'] as const) {
      lines.push((await run(plugin, senderEvent(source))).logger.text())
    }
    ses.on(SendEmailCommand).rejects(new Error(CODE))
    lines.push((await run(plugin, senderEvent('CustomEmailSender_SignUp'))).logger.text())
    expect(lines.join('\n')).not.toContain(CODE)
    expect(lines.join('\n')).toContain('message delivered')
  })
})

describe('custom-sender account-takeover notices', () => {
  it('delivers the notice from its special attributes without decrypting anything, links uncut', async () => {
    // Prepare: a keyring that must not be touched
    const untouchable = { onDecrypt: vi.fn(), onEncrypt: vi.fn() } as unknown as KeyringNode
    const link = `https://example.com/valid?token=${'t'.repeat(400)}`
    const event = takeoverEvent({ email: 'jane.doe@example.com', ONE_CLICK_LINK_VALID: link })

    // Act
    const { error } = await run(customSender(options({ keyring: untouchable, attributeMaxLength: 8 })), event)

    // Assess
    expect(error).toBeUndefined()
    expect((untouchable as unknown as { onDecrypt: ReturnType<typeof vi.fn> }).onDecrypt).not.toHaveBeenCalled()
    expect(sentEmail()).toStrictEqual(
      email(
        'Unusual sign-in to your account',
        '<p>We noticed a sign-in to your account at 2026-01-01T00:00:00Z from IP address 192.0.2.10.</p>' +
          `<p><a href="${link}">This was me</a> · <a href="https://example.com/invalid">This was not me</a></p>`,
      ),
    )
  })

  it('fails, logged, when the notice has no email attribute to deliver to (its presence is unconfirmed)', async () => {
    const { error, logger } = await run(customSender(options()), takeoverEvent({}))
    expect(error).toBeInstanceOf(TriggerRejectedError)
    expect(logger.text()).toContain('MissingRecipientError')
  })

  it('renders a configured notice with the optional location attributes, escaped', async () => {
    const templates = { AccountTakeOverNotification: { en: { emailSubject: 'Alert', emailMessage: '<p>{{attr:CITY}} / {{attr:COUNTRY}} / {{username}}</p>' } } }
    await run(customSender(options({ templates })), takeoverEvent({ email: 'jane.doe@example.com', CITY: 'Québec <QC>' }))
    expect(sentEmail().Content?.Simple?.Body?.Html?.Data).toBe('<p>Québec &lt;QC&gt; /  / 5d5a1e8e-1c2b-4a6f-9f0e-2b1f6f7a3c11</p>')
  })
})

describe('custom-sender with a deliver function', () => {
  it('hands the rendered message and the router signal to deliver, and never calls SES or SNS', async () => {
    // Prepare
    const deliver = vi.fn(async (_message: SenderMessage, _options: { signal: AbortSignal }) => undefined)
    const plugin = customSender({ keyring, email: {}, sms: {}, deliver })
    const event = senderEvent('CustomSMSSender_SignUp', {}, { email: 'jane.doe@example.com', phone_number: '+15555550100', locale: 'en-GB' })

    // Act
    const { error } = await run(plugin, event)

    // Assess
    expect(error).toBeUndefined()
    const key = createHash('sha256').update(`${POOL}\nCustomSMSSender_SignUp\n${CIPHERTEXT}`).digest('hex')
    expect(deliver.mock.calls[0]![0]).toStrictEqual({
      triggerSource: 'CustomSMSSender_SignUp',
      userPoolId: POOL,
      userName: '5d5a1e8e-1c2b-4a6f-9f0e-2b1f6f7a3c11',
      locale: 'en',
      idempotencyKey: key,
      to: '+15555550100',
      channel: 'sms',
      text: `Your verification code: ${CODE}`,
    })
    expect(deliver.mock.calls[0]![1].signal).toBeInstanceOf(AbortSignal)
    expect(ses.calls()).toHaveLength(0)
    expect(sns.calls()).toHaveLength(0)
  })

  it('gives a retried event the same idempotency key and another event a different one', async () => {
    const keys: string[] = []
    const plugin = customSender({ keyring, email: {}, deliver: (message) => void keys.push(message.idempotencyKey) })
    const event = senderEvent('CustomEmailSender_SignUp')
    await run(plugin, event)
    await run(plugin, event)
    await run(plugin, senderEvent('CustomEmailSender_SignUp', { code: await encryptCode(CODE) }))
    expect(keys[0]).toBe(keys[1])
    expect(keys[2]).not.toBe(keys[0])
  })

  it.each([
    ['rejects with the code in its message', () => Promise.reject(new Error(`provider said no to ${CODE}`))],
    [
      'throws a string',
      () => {
        // eslint-disable-next-line no-throw-literal -- a user's function may throw anything
        throw `raw ${CODE}`
      },
    ],
  ])('logs a deliver function that %s, with the code redacted', async (_what, deliver) => {
    const { error, logger } = await run(customSender({ keyring, email: {}, deliver }), senderEvent('CustomEmailSender_SignUp'))
    expect(error).toBeInstanceOf(TriggerRejectedError)
    expect(logger.text()).toContain('DeliveryError')
    expect(logger.text()).toContain('[REDACTED]')
    expect(logger.text()).not.toContain(CODE)
  })

  it('fails closed when the deliver function hangs', async () => {
    const { error, logger } = await run(customSender({ keyring, sms: {}, deliver: () => new Promise(() => undefined) }), senderEvent('CustomSMSSender_SignUp'), 50)
    expect(error).toBeInstanceOf(TriggerRejectedError)
    expect(logger.text()).toContain('DeadlineExceededError')
  })
})

describe('custom-sender templates', () => {
  const templates = {
    default: { de: { emailSubject: 'Ihr Code', emailMessage: '<p>Hallo {{attr:given_name}}: {{code}}</p>', smsMessage: 'Code: {{code}}' } },
    ForgotPassword: { de: { smsMessage: 'Passwort-Code: {{code}}' } },
  }
  const deliverTo = () => {
    const sent: SenderMessage[] = []
    return { sent, plugin: customSender({ keyring, email: {}, sms: {}, templates, deliver: (message) => void sent.push(message) }) }
  }

  it.each([
    ['CustomEmailSender_SignUp', 'de-AT', 'Ihr Code'],
    ['CustomEmailSender_SignUp', 'fr', 'Your verification code'],
    ['CustomEmailSender_ForgotPassword', 'de', 'Ihr Code'],
    ['CustomEmailSender_AdminCreateUser', 'de', 'Ihr Code'],
    ['CustomEmailSender_AccountTakeOverNotification', 'de', 'Unusual sign-in to your account'],
  ] as const)('renders %s for locale %s with the subject %s', async (source, locale, subject) => {
    const { sent, plugin } = deliverTo()
    const attributes = { email: 'jane.doe@example.com', locale, given_name: 'Jo' }
    const event = source === 'CustomEmailSender_AccountTakeOverNotification' ? takeoverEvent(attributes) : senderEvent(source, {}, attributes)
    await run(plugin, event)
    expect(sent[0]).toMatchObject({ channel: 'email', subject })
  })

  it('takes the first template along the chain that has the channel: the occasion, then default', async () => {
    const { sent, plugin } = deliverTo()
    await run(plugin, senderEvent('CustomSMSSender_ForgotPassword', {}, { phone_number: '+15555550100', locale: 'de' }))
    await run(plugin, senderEvent('CustomEmailSender_ForgotPassword', {}, { email: 'jane.doe@example.com', locale: 'de' }))
    expect(sent.map((m) => (m.channel === 'sms' ? m.text : m.subject))).toStrictEqual([`Passwort-Code: ${CODE}`, 'Ihr Code'])
  })

  it('escapes attribute values in the HTML body and cuts them to attributeMaxLength', async () => {
    const sent: SenderMessage[] = []
    const plugin = customSender({ keyring, email: {}, templates, attributeMaxLength: 12, deliver: (message) => void sent.push(message) })
    await run(plugin, senderEvent('CustomEmailSender_SignUp', {}, { email: 'jane.doe@example.com', locale: 'de', given_name: '<img src=x onerror=alert(1)>' }))
    expect(sent[0]).toMatchObject({ html: `<p>Hallo &lt;img src=x o: ${CODE}</p>` })
  })
})

describe('custom-sender options, checked at cold start', () => {
  const base = { keyring, email: { from: FROM } }
  it.each([
    ['a non-object', 'x', 'options must be an object'],
    ['an unknown option', { ...base, kmsKey: KEY_ARN }, 'unknown option "kmsKey"'],
    ['neither kmsKeyArn nor keyring', { email: { from: FROM } }, 'give exactly one of "kmsKeyArn"'],
    ['both kmsKeyArn and keyring', { ...base, kmsKeyArn: KEY_ARN }, 'give exactly one of "kmsKeyArn"'],
    ['an alias instead of a key ARN', { email: { from: FROM }, kmsKeyArn: 'arn:aws:kms:us-east-1:111122223333:alias/cognito' }, '"kmsKeyArn" must be a KMS key ARN'],
    ['a key id instead of an ARN', { email: { from: FROM }, kmsKeyArn: '1234abcd-12ab-34cd-56ef-1234567890ab' }, '"kmsKeyArn" must be a KMS key ARN'],
    ['a keyring that is not one', { email: { from: FROM }, keyring: {} }, '"keyring" must be an Encryption SDK keyring'],
    ['no channel', { keyring }, 'enable "email", "sms" or both'],
    ['an email without from', { keyring, email: {} }, '"email.from" must be a verified SES identity'],
    ['a from with a line break', { keyring, email: { from: 'a@example.com\r\nBcc: x@example.com' } }, '"email.from" must be'],
    ['an unknown email option', { keyring, email: { from: FROM, replyTo: 'x' } }, 'unknown option "email.replyTo" (known: from, configurationSetName)'],
    ['a bad configuration set', { keyring, email: { from: FROM, configurationSetName: 'a b' } }, '"email.configurationSetName" must be'],
    ['an sms that is not an object', { keyring, sms: true }, '"sms" must be an object'],
    ['a sender id of digits only', { keyring, sms: { senderId: '12345' } }, '"sms.senderId" must be 1 to 11 letters and digits'],
    ['a sender id too long', { keyring, sms: { senderId: 'ExampleCompany' } }, '"sms.senderId"'],
    ['an origination number not in E.164', { keyring, sms: { originationNumber: '555-0100' } }, '"sms.originationNumber" must be an E.164 number'],
    ['a deliver that is not a function', { ...base, deliver: 'ses' }, '"deliver" must be a function'],
    ['a client that is not one', { ...base, sesClient: {} }, '"sesClient" must be an AWS SDK v3 client'],
    ['a client beside deliver', { keyring, sms: {}, deliver: () => undefined, snsClient: new SNSClient({}) }, '"snsClient" is never used when "deliver" is given'],
    ['attributeMaxLength out of range', { ...base, attributeMaxLength: 4096 }, '"attributeMaxLength" must be an integer from 1 to 2048'],
    ['a bad localeAttribute', { ...base, localeAttribute: 'a b' }, '"localeAttribute" must be a user attribute name'],
    ['a bad fallbackLocale', { ...base, fallbackLocale: 'german' }, '"fallbackLocale" must be a locale tag'],
    ['an unknown occasion', { ...base, templates: { Signup: { en: { smsMessage: '{{code}}' } } } }, '"templates.Signup" is not an occasion'],
    ['a message without the code', { ...base, templates: { SignUp: { en: { smsMessage: 'Hi' } } } }, '"templates.SignUp.en.smsMessage" must contain {{code}}'],
    ['a code in a takeover notice', { ...base, templates: { AccountTakeOverNotification: { en: { emailSubject: 'x', emailMessage: '{{code}}' } } } }, 'account-takeover notices carry no code'],
    ['a code in a subject', { ...base, templates: { SignUp: { en: { emailSubject: '{{code}}', emailMessage: '{{code}}' } } } }, 'must not contain {{code}}'],
    ['an empty subject', { ...base, templates: { SignUp: { en: { emailSubject: ' ', emailMessage: '{{code}}' } } } }, 'is empty'],
    ['a link placeholder', { ...base, templates: { SignUp: { en: { smsMessage: '{{code}} {{link}}' } } } }, 'uses {{link}}'],
    ['a subject without a body', { ...base, templates: { SignUp: { en: { emailSubject: 'Code' } } } }, '"templates.SignUp.en" must set emailSubject and emailMessage together'],
    ['an unknown placeholder', { ...base, templates: { SignUp: { en: { smsMessage: '{{code}} {{pin}}' } } } }, 'unknown placeholder {{pin}}'],
  ])('refuses %s', (_what, value, message) => {
    expect(() => customSender(value as CustomSenderOptions)).toThrow(message)
  })

  it('handles only the channels it is given', () => {
    expect(customSender({ keyring, sms: {} }).triggers).toStrictEqual(['CustomSMSSender_*'])
    expect(customSender({ keyring, email: { from: FROM } }).triggers).toStrictEqual(['CustomEmailSender_*'])
  })
})

// The contract runs with real ciphertext for every source, and a deliverable takeover notice.
const contractEvents = Object.fromEntries(
  [...SENDER_OCCASIONS.map((o) => `CustomEmailSender_${o}`), ...SENDER_OCCASIONS.filter((o) => o !== 'AccountTakeOverNotification').map((o) => `CustomSMSSender_${o}`)].map(
    (source) => [source, [source.endsWith('AccountTakeOverNotification') ? takeoverEvent() : senderEvent(source as TriggerSource)]],
  ),
)
describePluginContract(customSender(options()), {
  events: contractEvents as never,
  beforeEach: () => {
    ses.reset()
    sns.reset()
    ses.on(SendEmailCommand).resolves({ MessageId: 'm-1' })
    sns.on(PublishCommand).resolves({ MessageId: 'm-2' })
  },
})

describe('custom-sender from JSON configuration', () => {
  it('builds the plugin from JSON with a KMS key and sends a takeover notice without touching KMS', async () => {
    // Prepare
    const config = JSON.parse(JSON.stringify({ plugins: { 'custom-sender': { kmsKeyArn: KEY_ARN, email: { from: FROM }, fallbackLocale: 'en' } } })) as unknown
    const router = createRouterFromConfig(config, { 'custom-sender': customSender as PluginFactory }, { logger: capturingLogger() })

    // Act
    const { error } = await settle(router, takeoverEvent())

    // Assess
    expect(error).toBeUndefined()
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(1)
    expect(kms.calls()).toHaveLength(0)
  })

  it('names the plugin and the option when the JSON configuration is wrong', () => {
    const config = { plugins: { 'custom-sender': { kmsKeyArn: 'alias/cognito', email: { from: FROM } } } }
    expect(() => createRouterFromConfig(config, { 'custom-sender': customSender as PluginFactory })).toThrow('"plugins.custom-sender": "kmsKeyArn" must be a KMS key ARN')
  })
})
