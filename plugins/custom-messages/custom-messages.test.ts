import { describe, expect, it } from 'vitest'
import { ConfigurationError, createRouter, createRouterFromConfig, TriggerRejectedError, type PluginFactory, type TriggerSource } from '../../src/index.js'
import { createEvent } from '../../src/testing/index.js'
import { describePluginContract } from '../../src/testing/vitest.js'
import { capturingLogger, settle } from '../../test/helpers/lambda.js'
import { CUSTOM_MESSAGE_OCCASIONS, customMessages, type CustomMessagesOptions, type CustomMessageTemplates } from './index.js'

const EN = { emailSubject: 'Your code', emailMessage: '<p>Hi {{attr:given_name}}, your code is {{code}}</p>', smsMessage: 'Code: {{code}}' }
const INVITE = { emailSubject: 'Welcome', emailMessage: '<p>User {{username}}, password {{code}}</p>', smsMessage: 'User {{username}} password {{code}}' }
const TEMPLATES: CustomMessageTemplates = {
  default: { en: EN, de: { emailSubject: 'Ihr Code', emailMessage: '<p>Hallo {{attr:given_name}}, Ihr Code: {{code}}</p>', smsMessage: 'Code: {{code}}' }, 'pt-BR': { smsMessage: 'Código: {{code}}' } },
  AdminCreateUser: { en: INVITE },
  ForgotPassword: { en: { emailSubject: 'Reset', emailMessage: '<a href="x">{{link}}</a> or {{code}}' } },
}

const run = async (source: TriggerSource, attributes: Record<string, string> = {}, options: Partial<CustomMessagesOptions> = {}, overrides = {}) => {
  const logger = capturingLogger()
  const router = createRouter({ plugins: [customMessages({ templates: TEMPLATES, ...options })], logger })
  const event = createEvent(source, { userAttributes: { sub: 'abc', email: 'jane.doe@example.com', ...attributes }, overrides })
  const { reply, error } = await settle(router, event)
  return { reply: reply as { response: Record<string, unknown> } | undefined, error, logger, event }
}

describe('custom-messages rendering', () => {
  it.each(CUSTOM_MESSAGE_OCCASIONS)('renders a reply for CustomMessage_%s that passes the router validation', async (occasion) => {
    // Prepare
    const source = `CustomMessage_${occasion}` as TriggerSource

    // Act
    const { reply, error } = await run(source, { given_name: 'Jane' })

    // Assess
    expect(error).toBeUndefined()
    const expected: Record<string, Record<string, unknown>> = {
      AdminCreateUser: { emailSubject: 'Welcome', emailMessage: '<p>User {username}, password {####}</p>', smsMessage: 'User {username} password {####}' },
      ForgotPassword: { emailSubject: 'Reset', emailMessage: '<a href="x">{##Click Here##}</a> or {####}', smsMessage: null },
    }
    expect(reply?.response).toStrictEqual(
      expected[occasion] ?? { emailSubject: 'Your code', emailMessage: '<p>Hi Jane, your code is {####}</p>', smsMessage: 'Code: {####}' },
    )
  })

  it.each([
    ['de-AT', 'exact tag missing, so its language', 'Ihr Code'],
    ['DE', 'case-insensitive language', 'Ihr Code'],
    ['pt_BR', 'underscore form of an exact tag', null],
    ['fr', 'an unknown language, so the fallback', 'Your code'],
    ['<script>', 'garbage, so the fallback', 'Your code'],
  ])('picks the template for locale %s (%s)', async (locale, _why, subject) => {
    const { reply } = await run('CustomMessage_SignUp', { locale })
    expect(reply?.response.emailSubject).toBe(subject)
  })

  it('sets only the fields the chosen template has, leaving the others null for the pool templates', async () => {
    const { reply } = await run('CustomMessage_SignUp', { locale: 'pt-BR' })
    expect(reply?.response).toStrictEqual({ smsMessage: 'Código: {####}', emailMessage: null, emailSubject: null })
  })

  it('reads the locale from the configured attribute', async () => {
    const { reply } = await run('CustomMessage_SignUp', { 'custom:lang': 'de', locale: 'en' }, { localeAttribute: 'custom:lang' })
    expect(reply?.response.emailSubject).toBe('Ihr Code')
  })

  it('echoes the event untouched when no locale along the chain has a template (the pool templates apply)', async () => {
    const { reply, event, logger } = await run('CustomMessage_SignUp', { locale: 'fr' }, { templates: { SignUp: { de: EN } } })
    expect(reply).toStrictEqual(event)
    expect(logger.lines.some((line) => line.message.startsWith('no template'))).toBe(true)
  })

  it('escapes HTML in attribute values inside email bodies only, and cleans them elsewhere', async () => {
    // Prepare
    const templates: CustomMessageTemplates = {
      SignUp: { en: { emailSubject: 'Hi {{attr:given_name}}', emailMessage: '<p>{{attr:given_name}} {{code}}</p>', smsMessage: '{{attr:given_name}} {{code}}' } },
    }
    const given = '<script>alert("x")</script>\r\nBcc: {####}'

    // Act
    const { reply, error } = await run('CustomMessage_SignUp', { given_name: given }, { templates, attributeMaxLength: 64 })

    // Assess
    expect(error).toBeUndefined()
    expect(reply?.response).toStrictEqual({
      emailSubject: 'Hi <script>alert("x")</script>  Bcc: (####)',
      emailMessage: '<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;  Bcc: &#123;####&#125; {####}</p>',
      smsMessage: '<script>alert("x")</script>  Bcc: (####) {####}',
    })
  })

  it('cuts attribute values to attributeMaxLength and renders a missing or inherited attribute as empty', async () => {
    const templates: CustomMessageTemplates = { SignUp: { en: { smsMessage: '[{{attr:given_name}}][{{attr:family_name}}][{{attr:__proto__}}] {{code}}' } } }
    const { reply } = await run('CustomMessage_SignUp', { given_name: 'Bartholomew' }, { templates, attributeMaxLength: 4 })
    expect(reply?.response.smsMessage).toBe('[Bart][][] {####}')
  })

  it('leaves a field to the pool template, with a warning, when the event lacks a placeholder it needs', async () => {
    // Prepare: a ForgotPassword event without linkParameter
    const { reply, logger } = await run('CustomMessage_ForgotPassword', {}, {}, { request: { linkParameter: null } })

    // Assess
    expect(reply?.response).toStrictEqual({ emailSubject: 'Reset', emailMessage: null, smsMessage: null })
    expect(logger.lines.find((line) => line.level === 'warn')?.attributes).toMatchObject({ fields: ['emailMessage'] })
  })

  it('never logs attribute values, addresses or rendered messages', async () => {
    // Prepare: plugin lines only (the router's own event lines mask by path and are tested in core)
    const logger = capturingLogger()
    const router = createRouter({ plugins: [customMessages({ templates: TEMPLATES })], logger, logging: { logEvents: false } })
    const event = createEvent('CustomMessage_SignUp', { userAttributes: { email: 'jane.doe@example.com', given_name: 'Zebulon', locale: 'en' } })

    // Act
    await settle(router, event)

    // Assess
    expect(logger.lines.find((line) => line.message === 'custom message rendered')?.attributes).toMatchObject({
      occasion: 'SignUp',
      locale: 'en',
      fields: ['emailSubject', 'emailMessage', 'smsMessage'],
    })
    expect(logger.text()).not.toMatch(/Zebulon|jane\.doe|Hi |\{####\}/)
  })

  it('fills a template right up to the SMS limit and still passes the router validation', async () => {
    const filler = 'x'.repeat(140 - 16)
    const templates: CustomMessageTemplates = { SignUp: { en: { smsMessage: `${filler}{{code}}` } } }
    const { reply, error } = await run('CustomMessage_SignUp', {}, { templates })
    expect(error).toBeUndefined()
    expect(reply?.response.smsMessage).toBe(`${filler}{####}`)
  })

  it('fails closed when the event carries a longer placeholder than the allowance, rather than sending a cut message', async () => {
    const templates: CustomMessageTemplates = { SignUp: { en: { smsMessage: `${'x'.repeat(124)}{{code}}` } } }
    const { error } = await run('CustomMessage_SignUp', {}, { templates }, { request: { codeParameter: `{${'#'.repeat(20)}}` } })
    expect(error).toBeInstanceOf(TriggerRejectedError)
  })
})

describe('custom-messages options, checked at cold start', () => {
  const sms = (smsMessage: string, occasion = 'SignUp') => ({ templates: { [occasion]: { en: { smsMessage } } } })
  const email = (fields: Record<string, string>, occasion = 'SignUp') => ({ templates: { [occasion]: { en: fields } } })

  it.each([
    ['a non-object', null, 'options must be an object'],
    ['an unknown option', { templates: TEMPLATES, fallback: 'en' }, 'unknown option "fallback"'],
    ['no templates', {}, '"templates" is required'],
    ['empty templates', { templates: {} }, '"templates" must be a non-empty object'],
    ['an unknown occasion', { templates: { Signup: { en: EN } } }, '"templates.Signup" is not an occasion'],
    ['an occasion that is not an object', { templates: { SignUp: 'x' } }, '"templates.SignUp" must be a non-empty object'],
    ['a bad locale tag', { templates: { SignUp: { english: EN } } }, '"templates.SignUp.english": "english" is not a locale tag'],
    ['a locale given twice', { templates: { SignUp: { 'en-US': EN, en_us: EN } } }, '"templates.SignUp.en_us" repeats the locale "en-US"'],
    ['a locale entry that is not an object', { templates: { SignUp: { en: 'x' } } }, '"templates.SignUp.en" must be an object'],
    ['an unknown field', email({ emailBody: '{{code}}' }), 'unknown option "templates.SignUp.en.emailBody" (known: emailSubject, emailMessage, smsMessage)'],
    ['an entry without fields', email({}), '"templates.SignUp.en" sets no field'],
    ['a template that is not a string', email({ smsMessage: 5 as unknown as string }), '"templates.SignUp.en.smsMessage" must be a string'],
    ['an unknown placeholder', sms('{{code}} {{password}}'), 'unknown placeholder {{password}}'],
    ['a bad attribute placeholder', sms('{{code}} {{attr:}}'), 'unknown placeholder {{attr:}}'],
    ['a mistyped placeholder', sms('{{code}} {{link}'), 'has a "{{" that does not open a placeholder'],
    ['an SMS without the code', sms('Hello'), '"templates.SignUp.en.smsMessage" must contain {{code}}'],
    ["Cognito's raw placeholder instead of {{code}}", sms('Code {####}'), 'must contain {{code}}'],
    ['an email body without the code', email({ emailMessage: '<p>Hi</p>' }), '"templates.SignUp.en.emailMessage" must contain {{code}}'],
    ['an invitation SMS without the username', sms('{{code}}', 'AdminCreateUser'), 'must contain {{username}}'],
    ['an invitation email without the username', email({ emailMessage: '{{code}}' }, 'AdminCreateUser'), 'must contain {{username}}'],
    ['a default that would serve invitations without the username', sms('{{code}}', 'default'), 'add an "AdminCreateUser" key'],
    ['a username outside invitations', sms('{{username}} {{code}}'), 'uses {{username}}, which Cognito provides only for AdminCreateUser'],
    ['an empty subject', email({ emailSubject: '  ' }), 'is empty'],
    ['a subject of only an attribute', email({ emailSubject: '{{attr:given_name}}' }), 'is empty'],
    ['a code in the subject', email({ emailSubject: 'Code {{code}}' }), 'may only use {{attr:…}} placeholders'],
    ['a subject over 140 characters', email({ emailSubject: 's'.repeat(141) }), 'could be 141 characters long, over Cognito\'s limit of 140'],
    ['an SMS that could exceed 140 with the code', sms(`${'x'.repeat(125)}{{code}}`), 'could be 141 characters long'],
    ['an SMS that could exceed 140 with an attribute', sms(`${'x'.repeat(61)}{{attr:given_name}}{{code}}`), 'could be 141 characters long'],
    ['an email that could exceed 20,000', email({ emailMessage: `${'x'.repeat(19_980)}{{code}}{{link}}` }), 'over Cognito\'s limit of 20000'],
    ['attributeMaxLength out of range', { templates: TEMPLATES, attributeMaxLength: 0 }, '"attributeMaxLength" must be an integer from 1 to 2048'],
    ['attributeMaxLength not an integer', { templates: TEMPLATES, attributeMaxLength: 2.5 }, '"attributeMaxLength" must be an integer'],
    ['a bad localeAttribute', { templates: TEMPLATES, localeAttribute: '' }, '"localeAttribute" must be a user attribute name'],
    ['a bad fallbackLocale', { templates: TEMPLATES, fallbackLocale: 'English' }, '"fallbackLocale" must be a locale tag'],
    ['a fallbackLocale no occasion has', { templates: TEMPLATES, fallbackLocale: 'fr' }, '"fallbackLocale" "fr" has no template in any occasion'],
  ])('refuses %s', (_what, options, message) => {
    expect(() => customMessages(options as unknown as CustomMessagesOptions)).toThrow(ConfigurationError)
    expect(() => customMessages(options as unknown as CustomMessagesOptions)).toThrow(message)
  })

  it('counts an attribute in an email body at six times its length, since escaping can grow it that much', () => {
    const body = (size: number) => ({ templates: { SignUp: { en: { emailMessage: `${'x'.repeat(size)}{{attr:given_name}}{{code}}` } } }, attributeMaxLength: 100 })
    expect(() => customMessages(body(20_000 - 16 - 600))).not.toThrow()
    expect(() => customMessages(body(20_000 - 16 - 600 + 1))).toThrow('could be 20001 characters long')
  })

  it('accepts a default for every occasion once invitations have their own key', () => {
    expect(() => customMessages({ templates: TEMPLATES })).not.toThrow()
  })
})

describePluginContract(customMessages({ templates: TEMPLATES }))

describe('custom-messages from JSON configuration', () => {
  it('builds the same plugin from a JSON configuration and renders with it', async () => {
    // Prepare
    const json = JSON.parse(JSON.stringify({ plugins: { 'custom-messages': { templates: TEMPLATES, fallbackLocale: 'en' } } })) as unknown
    const router = createRouterFromConfig(json, { 'custom-messages': customMessages as PluginFactory }, { logger: capturingLogger() })

    // Act
    const { reply } = await settle(router, createEvent('CustomMessage_ResendCode', { userAttributes: { given_name: 'Jo', locale: 'de' } }))

    // Assess
    expect((reply as { response: unknown }).response).toStrictEqual({
      emailSubject: 'Ihr Code',
      emailMessage: '<p>Hallo Jo, Ihr Code: {####}</p>',
      smsMessage: 'Code: {####}',
    })
  })

  it('names the plugin and the option when the JSON configuration is wrong', () => {
    const json = { plugins: { 'custom-messages': { templates: { SignUp: { en: { smsMessage: 'no code' } } } } } }
    expect(() => createRouterFromConfig(json, { 'custom-messages': customMessages as PluginFactory })).toThrow(
      /"plugins\.custom-messages": "templates\.SignUp\.en\.smsMessage" must contain \{\{code\}\}/,
    )
  })
})
