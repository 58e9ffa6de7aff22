import { MessageRejected, SESv2Client, SendEmailCommand, TooManyRequestsException } from '@aws-sdk/client-sesv2'
import { mockClient } from 'aws-sdk-client-mock'
import { beforeEach, describe, expect, it } from 'vitest'
import { ConfigurationError, createRouter, createRouterFromConfig, type AnyPlugin, type PluginFactory } from '../../src/index.js'
import { createEvent } from '../../src/testing/index.js'
import { describePluginContract } from '../../src/testing/vitest.js'
import { capturingLogger, settle } from '../../test/helpers/lambda.js'
import { restoredAfterAll } from '../../test/helpers/sdk-mock.js'
import { welcomeEmail, type WelcomeEmailOptions } from './index.js'

const ses = restoredAfterAll(mockClient(SESv2Client))
const GENERIC = '[INTERNAL_ERROR] We could not complete your request (reference req-0000-1111)'
const EMAIL = 'jane.doe@example.com'

const TEMPLATES: WelcomeEmailOptions['templates'] = {
  default: { subject: 'Welcome, {{given_name}}', html: '<p>Hi {{ given_name }}, you are {{email}}.</p>', text: 'Hi {{given_name}}, you are {{email}}.' },
  fr: { subject: 'Bienvenue, {{given_name}}', html: '<p>Bonjour {{given_name}}</p>', text: 'Bonjour {{given_name}}' },
  'fr-CA': { subject: 'Bienvenue au Canada, {{given_name}}', html: '<p>Allo {{given_name}}</p>', text: 'Allo {{given_name}}' },
}
const OPTIONS: WelcomeEmailOptions = { from: 'Example <hello@example.com>', templates: TEMPLATES }

const run = async (plugin: AnyPlugin, event: unknown, deadlineMs?: number) => {
  const logger = capturingLogger()
  const router = createRouter({ plugins: [plugin], logger, ...(deadlineMs === undefined ? {} : { deadlineMs }) })
  return { ...(await settle(router, event)), logger }
}

const confirmed = (attributes: Record<string, string | undefined> = {}) => {
  const all = { sub: 'sub-1', email: EMAIL, email_verified: 'true', given_name: 'Jane', ...attributes }
  const defined = Object.fromEntries(Object.entries(all).filter((entry): entry is [string, string] => entry[1] !== undefined))
  return createEvent('PostConfirmation_ConfirmSignUp', { userAttributes: defined })
}

const sent = () => ses.commandCalls(SendEmailCommand).map((call) => call.args[0].input)
const utf8 = (data: string) => ({ Data: data, Charset: 'UTF-8' })
// aws-sdk-client-mock types a call's arguments as [command]; send() also receives its options.
const sendOptions = (): { abortSignal?: AbortSignal } =>
  (ses.commandCalls(SendEmailCommand)[0]!.args as unknown[])[1] as { abortSignal?: AbortSignal }

beforeEach(() => {
  ses.reset()
  ses.on(SendEmailCommand).resolves({ MessageId: 'msg-1' })
})

describe('welcome-email', () => {
  it('sends the default template to the new user and echoes the event', async () => {
    // Prepare
    const event = confirmed()

    // Act
    const { reply, logger } = await run(welcomeEmail(OPTIONS), event)

    // Assess
    expect(reply).toStrictEqual(event)
    expect(sent()).toStrictEqual([
      {
        FromEmailAddress: 'Example <hello@example.com>',
        Destination: { ToAddresses: [EMAIL] },
        Content: {
          Simple: {
            Subject: utf8('Welcome, Jane'),
            Body: { Html: utf8(`<p>Hi Jane, you are ${EMAIL}.</p>`), Text: utf8(`Hi Jane, you are ${EMAIL}.`) },
          },
        },
      },
    ])
    expect(sendOptions()).toStrictEqual({ abortSignal: expect.any(AbortSignal) })
    expect(logger.lines).toContainEqual(
      expect.objectContaining({ level: 'info', message: 'welcome email sent', attributes: expect.objectContaining({ locale: 'default', messageId: 'msg-1' }) }),
    )
    expect(logger.text()).not.toContain(EMAIL)
  })

  it('names the SES configuration set when one is configured', async () => {
    // Act
    await run(welcomeEmail({ ...OPTIONS, configurationSetName: 'transactional' }), confirmed())

    // Assess
    expect(sent()[0]).toStrictEqual(expect.objectContaining({ ConfigurationSetName: 'transactional' }))
  })

  it.each([
    ['an exact locale', 'fr-CA', 'Bienvenue au Canada, Jane'],
    ['an exact locale in other case and with an underscore', 'FR_ca', 'Bienvenue au Canada, Jane'],
    ['the language of a regional locale', 'fr-BE', 'Bienvenue, Jane'],
    ['the language alone', 'fr', 'Bienvenue, Jane'],
    ['the fallback for an unknown locale', 'de-DE', 'Welcome, Jane'],
    ['the fallback for no locale', undefined, 'Welcome, Jane'],
  ])('picks %s', async (_case, locale, subject) => {
    // Act
    await run(welcomeEmail(OPTIONS), confirmed({ locale }))

    // Assess
    expect(sent()[0]?.Content?.Simple?.Subject).toStrictEqual(utf8(subject))
  })

  it('falls back to the locale named by fallbackLocale', async () => {
    // Prepare
    const plugin = welcomeEmail({ ...OPTIONS, templates: { en: TEMPLATES.default!, fr: TEMPLATES.fr! }, fallbackLocale: 'fr' })

    // Act
    await run(plugin, confirmed({ locale: 'de' }))

    // Assess
    expect(sent()[0]?.Content?.Simple?.Subject).toStrictEqual(utf8('Bienvenue, Jane'))
  })

  it('escapes attribute values in the HTML body only, and keeps the subject on one line', async () => {
    // Prepare
    const name = '<script>alert("x")</script> & \'Co\'\r\nBcc: a@b.test'

    // Act
    await run(welcomeEmail(OPTIONS), confirmed({ given_name: name }))

    // Assess
    const content = sent()[0]!.Content!.Simple!
    expect(content.Body!.Html!.Data).toBe(
      `<p>Hi &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Co&#39;\r\nBcc: a@b.test, you are ${EMAIL}.</p>`,
    )
    expect(content.Body!.Text!.Data).toBe(`Hi ${name}, you are ${EMAIL}.`)
    expect(content.Subject!.Data).toBe('Welcome, <script>alert("x")</script> & \'Co\' Bcc: a@b.test')
  })

  it('renders a placeholder whose attribute is missing as empty, and warns with its name only', async () => {
    // Act
    const { logger } = await run(welcomeEmail(OPTIONS), confirmed({ given_name: undefined }))

    // Assess
    expect(sent()[0]?.Content?.Simple?.Subject).toStrictEqual(utf8('Welcome, '))
    expect(logger.lines).toContainEqual(
      expect.objectContaining({ level: 'warn', message: 'welcome email placeholders without a value were left empty', attributes: expect.objectContaining({ placeholders: ['given_name'] }) }),
    )
  })

  it.each([
    ['no email attribute', { email: undefined }, 'welcome email skipped: the user has no email attribute'],
    ['an unverified email', { email_verified: 'false' }, 'welcome email skipped: the email address is not verified (requireVerifiedEmail)'],
  ])('skips a user with %s, with a warning', async (_case, attributes, warning) => {
    // Prepare
    const event = confirmed(attributes)

    // Act
    const { reply, logger } = await run(welcomeEmail(OPTIONS), event)

    // Assess
    expect(reply).toStrictEqual(event)
    expect(ses.calls()).toHaveLength(0)
    expect(logger.lines).toContainEqual(expect.objectContaining({ level: 'warn', message: warning }))
  })

  it('sends to an unverified email with requireVerifiedEmail: false', async () => {
    // Act
    await run(welcomeEmail({ ...OPTIONS, requireVerifiedEmail: false }), confirmed({ email_verified: undefined }))

    // Assess
    expect(sent()).toHaveLength(1)
  })

  it('does nothing after a password reset (PostConfirmation_ConfirmForgotPassword)', async () => {
    // Prepare
    const plugin = welcomeEmail(OPTIONS)
    const event = createEvent('PostConfirmation_ConfirmForgotPassword')

    // Act
    const { reply } = await run(plugin, event)

    // Assess
    expect(plugin.triggers).toStrictEqual(['PostConfirmation_ConfirmSignUp'])
    expect(reply).toStrictEqual(event)
    expect(ses.calls()).toHaveLength(0)
  })

  it('sends again when Cognito retries: SES has no idempotency key, so a retry may mean two emails', async () => {
    // Prepare
    const plugin = welcomeEmail(OPTIONS)

    // Act
    await run(plugin, confirmed())
    await run(plugin, confirmed())

    // Assess
    expect(sent()).toHaveLength(2)
    expect(sent()[1]).toStrictEqual(sent()[0])
  })

  it('uses the injected client', async () => {
    // Prepare
    const client = new SESv2Client({ region: 'eu-west-1' })
    const own = mockClient(client)
    own.on(SendEmailCommand).resolves({ MessageId: 'own-1' })

    // Act
    await run(welcomeEmail({ ...OPTIONS, client }), confirmed())

    // Assess
    expect(own.commandCalls(SendEmailCommand)).toHaveLength(1)
    own.restore()
  })
})

describe('welcome-email failures', () => {
  const rejected = () => ses.on(SendEmailCommand).rejects(new MessageRejected({ message: 'Email address is not verified.', $metadata: {} }))
  const hanging = () => ses.on(SendEmailCommand).callsFake(() => new Promise<never>(() => undefined))

  it.each([
    ['SES fails', rejected, undefined, 'MessageRejected'],
    ['SES hangs past the deadline', hanging, 50, 'DeadlineExceededError'],
  ])('logs the error and echoes the event when %s (failOpen by default)', async (_case, arrange, deadlineMs, logged) => {
    // Prepare
    arrange()
    const event = confirmed()

    // Act
    const { reply, logger } = await run(welcomeEmail(OPTIONS), event, deadlineMs)

    // Assess
    expect(reply).toStrictEqual(event)
    expect(logger.lines).toContainEqual(
      expect.objectContaining({ level: 'error', message: 'plugin failed; failOpen, so the event is still echoed', attributes: expect.objectContaining({ plugin: 'welcome-email' }) }),
    )
    expect(logger.text()).toContain(logged)
    expect(logger.text()).not.toContain(EMAIL)
  })

  it.each([
    ['SES fails', rejected, undefined],
    ['SES throttles', () => ses.on(SendEmailCommand).rejects(new TooManyRequestsException({ message: 'Too many', $metadata: {} })), undefined],
    ['SES hangs past the deadline', hanging, 50],
  ])('fails closed with the generic message when %s and failOpen is false', async (_case, arrange, deadlineMs) => {
    // Prepare
    arrange()

    // Act
    const { error } = await run(welcomeEmail({ ...OPTIONS, failOpen: false }), confirmed(), deadlineMs)

    // Assess
    expect(error?.message).toBe(GENERIC)
  })

  it('aborts the SES call when the deadline runs out', async () => {
    // Prepare
    hanging()

    // Act
    await run(welcomeEmail(OPTIONS), confirmed(), 50)

    // Assess
    expect(sendOptions().abortSignal?.aborted).toBe(true)
  })
})

describe('welcome-email options', () => {
  const template = { subject: 'Hi', html: '<p>Hi</p>', text: 'Hi' }
  const with_ = (changes: Record<string, unknown>) => ({ ...OPTIONS, ...changes })

  it.each<[string, unknown, string]>([
    ['no options object', undefined, 'options must be an object with "from" and "templates"'],
    ['an unknown option', with_({ form: 'x' }), 'unknown option "form"'],
    ['no from', { templates: TEMPLATES }, '"from" is required'],
    ['a from without a domain', with_({ from: 'hello' }), '"from" must be an email address'],
    ['a from with a newline', with_({ from: 'Example\r\nBcc: x <hello@example.com>' }), '"from" must be an email address'],
    ['a from with a non-ASCII display name', with_({ from: 'Équipe <hello@example.com>' }), '"from" must be an email address'],
    ['no templates', { from: 'hello@example.com' }, '"templates" is required'],
    ['empty templates', with_({ templates: {} }), '"templates" must be an object'],
    ['no default locale', with_({ templates: { en: template } }), '"templates" needs a "default" locale (have: en)'],
    ['a fallbackLocale that is not a template', with_({ fallbackLocale: 'de' }), '"fallbackLocale" must name a locale of "templates" (have: default, fr, fr-ca)'],
    ['a fallbackLocale that is not a string', with_({ fallbackLocale: 1 }), '"fallbackLocale" must name a locale'],
    ['a bad locale key', with_({ templates: { default: template, 'english!': template } }), '"templates.english!": "english!" is not a locale'],
    ['a locale given twice', with_({ templates: { default: template, 'fr-CA': template, fr_ca: template } }), '"templates.fr_ca" repeats the locale "fr-ca"'],
    ['a template that is not an object', with_({ templates: { default: 'Hi' } }), '"templates.default" must be an object'],
    ['a template with an unknown key', with_({ templates: { default: { ...template, body: 'x' } } }), 'unknown option "templates.default.body"'],
    ['a template without text', with_({ templates: { default: { subject: 'a', html: 'b' } } }), '"templates.default.text" is required'],
    ['an empty subject', with_({ templates: { default: { ...template, subject: ' ' } } }), '"templates.default.subject" must be a non-empty string'],
    ['an unclosed placeholder', with_({ templates: { default: { ...template, html: '<p>Hi {{given_name</p>' } } }), '"templates.default.html" has a "{{" at index 6 that is never closed'],
    ['an empty placeholder', with_({ templates: { default: { ...template, text: 'Hi {{ }}' } } }), '"templates.default.text" has a malformed placeholder at index 3'],
    ['a placeholder that is not an attribute name', with_({ templates: { default: { ...template, subject: 'Hi {{given name}}' } } }), '"templates.default.subject" has a malformed placeholder'],
    ['a bad configuration set', with_({ configurationSetName: 'has space' }), '"configurationSetName" must be an SES configuration set name'],
    ['requireVerifiedEmail that is not a boolean', with_({ requireVerifiedEmail: 'yes' }), '"requireVerifiedEmail" must be a boolean'],
    ['failOpen that is not a boolean', with_({ failOpen: 0 }), '"failOpen" must be a boolean'],
    ['a client without send', with_({ client: {} }), '"client" must be an SESv2Client'],
  ])('fails at cold start for %s, naming the option', (_case, options, message) => {
    expect(() => welcomeEmail(options as WelcomeEmailOptions)).toThrowError(ConfigurationError)
    expect(() => welcomeEmail(options as WelcomeEmailOptions)).toThrowError(message)
  })

  it.each(['hello@example.com', 'Example <hello@example.com>', '"Example, Inc." <no-reply+welcome@mail.example.co.uk>'])(
    'accepts the sender %s',
    (from) => {
      expect(() => welcomeEmail(with_({ from }) as WelcomeEmailOptions)).not.toThrow()
    },
  )

  it('accepts placeholders for custom attributes and literal braces that are not placeholders', async () => {
    // Prepare
    const plugin = welcomeEmail(with_({ templates: { default: { subject: 'Team {{custom:team}}', html: '<style>@media x { a { b: c }}</style>', text: '{ ok }' } } }) as WelcomeEmailOptions)

    // Act
    await run(plugin, confirmed({ 'custom:team': 'Payments' }))

    // Assess
    expect(sent()[0]?.Content?.Simple).toStrictEqual({
      Subject: utf8('Team Payments'),
      Body: { Html: utf8('<style>@media x { a { b: c }}</style>'), Text: utf8('{ ok }') },
    })
  })

  it('runs from the JSON configuration', async () => {
    // Prepare
    const config = { plugins: { 'welcome-email': { from: 'hello@example.com', templates: { default: { subject: 'Welcome', html: '<p>Hi {{given_name}}</p>', text: 'Hi {{given_name}}' } }, failOpen: false } } }
    const router = createRouterFromConfig(config, { 'welcome-email': welcomeEmail as PluginFactory }, { logger: capturingLogger() })
    const event = confirmed()

    // Act
    const { reply } = await settle(router, event)

    // Assess
    expect(reply).toStrictEqual(event)
    expect(sent()[0]).toStrictEqual({
      FromEmailAddress: 'hello@example.com',
      Destination: { ToAddresses: [EMAIL] },
      Content: { Simple: { Subject: utf8('Welcome'), Body: { Html: utf8('<p>Hi Jane</p>'), Text: utf8('Hi Jane') } } },
    })
  })

  it('reports a bad JSON option with the plugin name', () => {
    expect(() =>
      createRouterFromConfig({ plugins: { 'welcome-email': { from: 'x', templates: {} } } }, { 'welcome-email': welcomeEmail as PluginFactory }),
    ).toThrowError('configuration: "plugins.welcome-email": "from" must be an email address')
  })
})

describePluginContract(welcomeEmail({ ...OPTIONS, failOpen: false }), {
  beforeEach: () => {
    ses.reset()
    ses.on(SendEmailCommand).resolves({ MessageId: 'msg-1' })
  },
})
