import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2'
import { mockClient } from 'aws-sdk-client-mock'
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  ConfigurationError,
  createRouter,
  createRouterFromConfig,
  TriggerRejectedError,
  type CreateAuthChallengeEvent,
  type DefineAuthChallengeEvent,
  type PluginFactory,
  type RouterOptions,
  type VerifyAuthChallengeResponseEvent,
} from '../../src/index.js'
import { createEvent } from '../../src/testing/index.js'
import { describePluginContract } from '../../src/testing/vitest.js'
import { capturingLogger, deferred, lambdaContext, settle } from '../../test/helpers/lambda.js'
import { restoredAfterAll } from '../../test/helpers/sdk-mock.js'
import { randomDigits } from './challenge.js'
import { emailOtp, type EmailOtpOptions } from './index.js'

const GENERIC = '[INTERNAL_ERROR] We could not complete your request (reference req-0000-1111)'
const NOW = Date.UTC(2026, 0, 15, 12, 0, 0)
const ses = restoredAfterAll(mockClient(SESv2Client))
const client = new SESv2Client({ region: 'us-east-1' })

const BASE: EmailOtpOptions = {
  from: 'Example <no-reply@example.com>',
  subject: 'Your sign-in code',
  text: 'Your code is {{code}}. It expires in {{minutes}} minutes.',
  html: '<p>Your code is <b>{{code}}</b></p>',
  client,
}

/** A generator that hands out the given codes in order, so tests know every code. */
const codes = (...list: string[]) => {
  const queue = [...list]
  return () => queue.shift() ?? '000000'
}

const routerFor = (options: Partial<EmailOtpOptions> = {}, router: Partial<RouterOptions> = {}) => {
  const logger = capturingLogger()
  const handler = createRouter({ plugins: [emailOtp({ ...BASE, ...options })], logger, logging: { eventLevel: 'info' }, ...router })
  return { logger, run: (event: unknown) => settle(handler, event) }
}

const attempt = (n: number, result: boolean) => ({ challengeName: 'CUSTOM_CHALLENGE', challengeResult: result, challengeMetadata: `EMAIL_OTP-${n}` })
const other = (challengeName: string, result = true) => ({ challengeName, challengeResult: result, challengeMetadata: null })

const defineEvent = (session: unknown, userNotFound = false) =>
  createEvent('DefineAuthChallenge_Authentication', { overrides: { request: { session, userNotFound } } })
// `userAttributes` replaces the defaults; in `request` it would be merged into them.
const createEventFor = (session: unknown[], request: Record<string, unknown> = {}, userAttributes?: Record<string, string>) =>
  createEvent('CreateAuthChallenge_Authentication', { ...(userAttributes && { userAttributes }), overrides: { request: { session, ...request } } })
const verifyEvent = (privateChallengeParameters: unknown, challengeAnswer: unknown, userNotFound = false) =>
  createEvent('VerifyAuthChallengeResponse_Authentication', {
    overrides: { request: { privateChallengeParameters, challengeAnswer, userNotFound } },
  })

const sent = () => ses.commandCalls(SendEmailCommand).map((call) => call.args[0].input)

beforeEach(() => {
  ses.reset()
  ses.on(SendEmailCommand).resolves({ MessageId: 'message-1' })
  vi.setSystemTime(NOW)
})

afterEach(() => {
  vi.useRealTimers()
})

describe('emailOtp options', () => {
  it.each([
    ['no options object', null, 'options must be an object'],
    ['an unknown option', { ...BASE, codeLenght: 6 }, 'unknown option "codeLenght"'],
    ['no sender', { ...BASE, from: undefined }, '"from" must be a non-empty string'],
    ['a sender without an address', { ...BASE, from: 'Example' }, '"from" must be an email address'],
    ['a sender with a line break', { ...BASE, from: 'a@example.com\r\nBcc: x@evil.test' }, '"from" must be a single line'],
    ['a subject with a line break', { ...BASE, subject: 'Code\nBcc: x@evil.test' }, '"subject" must be a single line'],
    ['no body at all', { from: BASE.from, subject: BASE.subject }, 'one of "html" and "text" is required'],
    ['a text body without the code', { ...BASE, text: 'Hello' }, '"text" must contain {{code}}'],
    ['an html body without the code', { ...BASE, html: '<p>Hello</p>' }, '"html" must contain {{code}}'],
    ['a misspelt placeholder', { ...BASE, text: 'Code {{ code }} {{code}}' }, '"text" has an unknown placeholder {{ code }}'],
    ['an unknown placeholder in the subject', { ...BASE, subject: 'Hi {{name}}' }, '"subject" has an unknown placeholder {{name}}'],
    ['a code of 3 digits', { ...BASE, codeLength: 3 }, '"codeLength" must be an integer from 4 to 10, got 3'],
    ['a code of 11 digits', { ...BASE, codeLength: 11 }, '"codeLength" must be an integer from 4 to 10, got 11'],
    ['a fractional code length', { ...BASE, codeLength: 6.5 }, '"codeLength" must be an integer from 4 to 10'],
    ['a ttl over 15 minutes', { ...BASE, ttlSeconds: 901 }, '"ttlSeconds" must be an integer from 30 to 900, got 901'],
    ['a ttl as a string', { ...BASE, ttlSeconds: '300' }, '"ttlSeconds" must be an integer from 30 to 900, got a string'],
    ['no attempt allowed', { ...BASE, maxAttempts: 0 }, '"maxAttempts" must be an integer from 1 to 10, got 0'],
    ['an empty configuration set', { ...BASE, configurationSetName: '' }, '"configurationSetName" must be a non-empty string'],
    ['a client without send', { ...BASE, client: {} }, '"client" must be an SESv2Client'],
    ['a code generator that is not a function', { ...BASE, randomCode: '123456' }, '"randomCode" must be a function'],
  ])('refuses %s at cold start, naming the option', (_case, options, message) => {
    expect(() => emailOtp(options as EmailOtpOptions)).toThrowError(ConfigurationError)
    expect(() => emailOtp(options as EmailOtpOptions)).toThrowError(message)
  })

  it('is enabled from the JSON configuration, naming the bad option with the plugin key', async () => {
    // Prepare
    const registry = { 'email-otp': emailOtp as PluginFactory }
    const json = { from: 'no-reply@example.com', subject: 'Code', text: 'Code {{code}}' }

    // Act
    const router = createRouterFromConfig({ plugins: { 'email-otp': json } }, registry, { logger: capturingLogger() })
    const { reply } = await settle(router, createEventFor([]))

    // Assess
    expect(reply).toMatchObject({ response: { challengeMetadata: 'EMAIL_OTP-1' } })
    expect(sent()).toHaveLength(1)
    expect(() => createRouterFromConfig({ plugins: { 'email-otp': { ...json, codeLength: 2 } } }, registry)).toThrowError(
      'configuration: "plugins.email-otp": "codeLength" must be an integer from 4 to 10, got 2',
    )
  })
})

describe('the whole sign-in', () => {
  it('challenges, emails a code, accepts it and then issues tokens', async () => {
    // Prepare
    const { run, logger } = routerFor({ randomCode: codes('073914') })

    // Act
    const first = (await run(defineEvent([]))).reply as DefineAuthChallengeEvent
    const created = (await run(createEventFor([]))).reply as CreateAuthChallengeEvent
    const code = (sent()[0]?.Content?.Simple?.Body?.Text?.Data ?? '').match(/[0-9]{6}/)?.[0] ?? ''
    const verified = (await run(verifyEvent(created.response.privateChallengeParameters, code))).reply as VerifyAuthChallengeResponseEvent
    const last = (await run(defineEvent([attempt(1, true)]))).reply as DefineAuthChallengeEvent

    // Assess
    expect(first.response).toStrictEqual({ challengeName: 'CUSTOM_CHALLENGE', issueTokens: false, failAuthentication: false })
    expect(code).toBe('073914')
    expect(verified.response).toStrictEqual({ answerCorrect: true })
    expect(last.response).toStrictEqual({ challengeName: null, issueTokens: true, failAuthentication: false })
    expect(logger.text()).not.toContain('073914')
  })

  it('fails the sign-in after maxAttempts wrong answers, and not before', async () => {
    // Prepare
    const { run } = routerFor({ maxAttempts: 3 })
    const outcomes: unknown[] = []

    // Act
    for (const session of [[attempt(1, false)], [attempt(1, false), attempt(2, false)], [attempt(1, false), attempt(2, false), attempt(3, false)]]) {
      outcomes.push(((await run(defineEvent(session))).reply as DefineAuthChallengeEvent).response)
    }

    // Assess
    expect(outcomes).toStrictEqual([
      { challengeName: 'CUSTOM_CHALLENGE', issueTokens: false, failAuthentication: false },
      { challengeName: 'CUSTOM_CHALLENGE', issueTokens: false, failAuthentication: false },
      { challengeName: null, issueTokens: false, failAuthentication: true },
    ])
  })

  it('allows a single attempt with maxAttempts 1', async () => {
    const { run } = routerFor({ maxAttempts: 1 })
    expect((await run(defineEvent([attempt(1, false)]))).reply).toMatchObject({ response: { failAuthentication: true } })
  })
})

describe('DefineAuthChallenge never issues tokens for anything but our own correct answer', () => {
  it.each([
    ['an SRP password step', [other('SRP_A'), other('PASSWORD_VERIFIER')]],
    ['a password step alone', [other('PASSWORD_VERIFIER')]],
    ['an SMS MFA step', [other('SMS_MFA')]],
    ['an email OTP MFA step', [other('EMAIL_OTP')]],
    ['a TOTP step', [other('SOFTWARE_TOKEN_MFA')]],
    ['a password step before a correct code', [other('PASSWORD_VERIFIER'), attempt(2, true)]],
    ['an MFA step after a correct code', [attempt(1, true), other('SMS_MFA')]],
    ['another plugin\'s custom challenge', [{ challengeName: 'CUSTOM_CHALLENGE', challengeResult: true, challengeMetadata: 'CAPTCHA-1' }]],
    ['a custom challenge without metadata', [{ challengeName: 'CUSTOM_CHALLENGE', challengeResult: true, challengeMetadata: null }]],
    ['attempts out of order', [attempt(2, false), attempt(1, true)]],
    ['a result that is a string', [{ ...attempt(1, true), challengeResult: 'true' }]],
    ['an answer after a correct one', [attempt(1, true), attempt(2, false)]],
    ['a session that is not an array', null],
    ['a session entry that is not an object', ['CUSTOM_CHALLENGE']],
  ])('fails the sign-in on %s', async (_case, session) => {
    // Prepare
    const { run, logger } = routerFor()

    // Act
    const { reply } = await run(defineEvent(session))

    // Assess
    expect((reply as DefineAuthChallengeEvent).response).toStrictEqual({ challengeName: null, issueTokens: false, failAuthentication: true })
    expect(logger.lines.some((line) => line.level === 'warn' && line.message === 'email OTP: next step decided')).toBe(true)
  })

  it.each([
    [[], 'CUSTOM_CHALLENGE'],
    [[attempt(1, false)], 'CUSTOM_CHALLENGE'],
    [[attempt(1, true)], null],
  ])('answers an unknown user exactly as a known one (session %j)', async (session, challengeName) => {
    const { run } = routerFor()
    const known = (await run(defineEvent(session))).reply as DefineAuthChallengeEvent
    const unknown = (await run(defineEvent(session, true))).reply as DefineAuthChallengeEvent
    expect(unknown.response).toStrictEqual(known.response)
    expect(unknown.response.challengeName).toBe(challengeName)
  })
})

describe('CreateAuthChallenge', () => {
  it('sends exactly one email with the code and keeps the code in the private parameters only', async () => {
    // Prepare
    const { run } = routerFor({ randomCode: codes('004217'), configurationSetName: 'auth-mail' })

    // Act
    const { reply } = await run(createEventFor([attempt(1, false)]))

    // Assess
    expect((reply as CreateAuthChallengeEvent).response).toStrictEqual({
      publicChallengeParameters: { delivery: 'EMAIL', codeLength: '6' },
      privateChallengeParameters: { code: '004217', expiresAt: String(NOW + 300_000) },
      challengeMetadata: 'EMAIL_OTP-2',
    })
    expect(sent()).toStrictEqual([
      {
        FromEmailAddress: 'Example <no-reply@example.com>',
        Destination: { ToAddresses: ['jane.doe@example.com'] },
        Content: {
          Simple: {
            Subject: { Data: 'Your sign-in code', Charset: 'UTF-8' },
            Body: {
              Html: { Data: '<p>Your code is <b>004217</b></p>', Charset: 'UTF-8' },
              Text: { Data: 'Your code is 004217. It expires in 5 minutes.', Charset: 'UTF-8' },
            },
          },
        },
        ConfigurationSetName: 'auth-mail',
      },
    ])
  })

  it('honours codeLength, ttlSeconds, a text-only body and the code in the subject', async () => {
    const { run } = routerFor({ randomCode: codes('12345678'), codeLength: 8, ttlSeconds: 90, html: undefined, subject: '{{code}} is your code' })
    const { reply } = await run(createEventFor([]))
    expect((reply as CreateAuthChallengeEvent).response).toStrictEqual({
      publicChallengeParameters: { delivery: 'EMAIL', codeLength: '8' },
      privateChallengeParameters: { code: '12345678', expiresAt: String(NOW + 90_000) },
      challengeMetadata: 'EMAIL_OTP-1',
    })
    expect(sent()[0]?.Content?.Simple).toStrictEqual({
      Subject: { Data: '12345678 is your code', Charset: 'UTF-8' },
      Body: { Text: { Data: 'Your code is 12345678. It expires in 2 minutes.', Charset: 'UTF-8' } },
    })
  })

  it('makes a new code for every attempt with the default generator', async () => {
    const { run } = routerFor()
    const first = (await run(createEventFor([]))).reply as CreateAuthChallengeEvent
    const second = (await run(createEventFor([attempt(1, false)]))).reply as CreateAuthChallengeEvent
    expect(first.response.privateChallengeParameters?.code).toMatch(/^[0-9]{6}$/)
    expect(second.response.privateChallengeParameters?.code).toMatch(/^[0-9]{6}$/)
    expect(sent()).toHaveLength(2)
  })

  it('creates the same challenge for an unknown user but sends no email', async () => {
    // Prepare
    const { run } = routerFor({ randomCode: codes('111111', '222222') })

    // Act
    const known = (await run(createEventFor([]))).reply as CreateAuthChallengeEvent
    const unknown = (await run(createEventFor([], { userNotFound: true }, {}))).reply as CreateAuthChallengeEvent

    // Assess
    expect(sent()).toHaveLength(1)
    expect(unknown.response.publicChallengeParameters).toStrictEqual(known.response.publicChallengeParameters)
    expect(unknown.response.challengeMetadata).toBe(known.response.challengeMetadata)
    expect(Object.keys(unknown.response.privateChallengeParameters ?? {})).toStrictEqual(['code', 'expiresAt'])
  })

  it.each([
    ['an unverified email', { sub: 's-1', email: 'jane.doe@example.com', email_verified: 'false' }],
    ['no email_verified attribute', { sub: 's-1', email: 'jane.doe@example.com' }],
    ['no email attribute', { sub: 's-1', email_verified: 'true' }],
    ['an empty email', { sub: 's-1', email: '', email_verified: 'true' }],
  ])('fails closed with the generic message and sends nothing for %s', async (_case, userAttributes) => {
    const { run, logger } = routerFor()
    const { error } = await run(createEventFor([], {}, userAttributes))
    expect(error).toBeInstanceOf(TriggerRejectedError)
    expect(error?.message).toBe(GENERIC)
    expect(sent()).toStrictEqual([])
    expect(logger.text()).toContain('the user has no verified email address')
  })

  it('fails closed when asked for a challenge other than CUSTOM_CHALLENGE', async () => {
    const { run } = routerFor()
    const { error } = await run(createEventFor([], { challengeName: 'PASSWORD_VERIFIER' }))
    expect(error?.message).toBe(GENERIC)
    expect(sent()).toStrictEqual([])
  })

  it.each([
    ['too short', '12345'],
    ['not digits', '12a456'],
    ['not a string', 123456],
  ])('fails closed when an injected generator returns a code that is %s', async (_case, code) => {
    const { run } = routerFor({ randomCode: () => code as string })
    expect((await run(createEventFor([]))).error?.message).toBe(GENERIC)
    expect(sent()).toStrictEqual([])
  })

  it('fails closed when SES refuses the email, and logs neither the code nor the address', async () => {
    // Prepare
    ses.on(SendEmailCommand).rejects(new Error('MessageRejected: Email address is not verified: jane.doe@example.com'))
    const { run, logger } = routerFor({ randomCode: codes('482913') })

    // Act
    const { error } = await run(createEventFor([]))

    // Assess
    expect(error?.message).toBe(GENERIC)
    expect(logger.text()).toContain('SES did not send the email with the code')
    expect(logger.text()).not.toContain('482913')
    expect(logger.text()).not.toContain('jane.doe@example.com')
  })

  // SES quotes what it refuses; every text the plugin rendered holds the code.
  it.each([
    ['quotes the subject', () => new Error('InvalidParameterValue: Subject "Your code is 474110" rejected')],
    ['quotes the text body', () => new Error('MessageRejected: body "Your code is 474110. It expires in 5 minutes." refused')],
    ['quotes the subject as JSON', () => new Error('{"Subject":{"Data":"Your code is 474110"}} is invalid')],
    ['names the code in its error name', () => Object.assign(new Error('rejected'), { name: 'Rejected474110' })],
    ['rejects with a string, not an Error', () => 'refused: Your code is 474110'],
    ['rejects with the code as a number', () => 474110],
    ['quotes the subject and the recipient', () => new Error('MessageRejected: "Your code is 474110" to jane.doe@example.com')],
  ])('fails closed when SES %s, and neither the log nor the error holds the code or the address', async (_case, thrown) => {
    // Prepare
    ses.on(SendEmailCommand).callsFake(() => Promise.reject(thrown()))
    const { run, logger } = routerFor({ subject: 'Your code is {{code}}', randomCode: codes('474110', '474110') })
    const plugin = emailOtp({ ...BASE, subject: 'Your code is {{code}}', randomCode: codes('474110') })
    const context = { signal: new AbortController().signal, logger: capturingLogger(), lambdaContext: lambdaContext(), remainingTimeInMillis: () => 3000 }

    // Act
    const { error } = await run(createEventFor([]))
    const direct = await Promise.resolve(plugin.handler(createEventFor([]), context)).then(() => undefined, (thrown: unknown) => thrown)

    // Assess
    expect(error?.message).toBe(GENERIC)
    expect(logger.text()).toContain('SES did not send the email with the code')
    expect(logger.text()).toContain('[REDACTED]')
    expect(logger.text()).not.toContain('474110')
    expect(direct).toBeInstanceOf(Error)
    const cause = (direct as Error).cause as Error
    expect(cause).toBeInstanceOf(Error)
    expect(`${cause.name} ${cause.message} ${cause.stack ?? ''}`).not.toContain('474110')
    expect(`${cause.name} ${cause.message} ${cause.stack ?? ''}`).not.toContain('jane.doe@example.com')
    expect(cause.cause).toBeUndefined()
  })

  // The router's clock and timer are fake: the budget runs out once SES has the request, however
  // long the machine took to get there.
  it('fails closed when SES hangs past the deadline, and aborts the request', async () => {
    // Prepare
    vi.useFakeTimers({ toFake: ['performance', 'setTimeout', 'clearTimeout'] })
    const requested = deferred()
    ses.on(SendEmailCommand).callsFake(() => {
      requested.resolve()
      return new Promise(() => undefined)
    })
    const { run, logger } = routerFor({}, { deadlineMs: 50 })

    // Act
    const running = run(createEventFor([]))
    await requested.promise
    await vi.advanceTimersByTimeAsync(50)
    const { error } = await running

    // Assess
    expect(error?.message).toBe(GENERIC)
    expect(logger.text()).toContain('DeadlineExceededError')
    // The stub records every argument of send(); the typings only name the command.
    const options = (ses.commandCalls(SendEmailCommand)[0]?.args as unknown[] | undefined)?.[1] as { abortSignal?: AbortSignal } | undefined
    expect(options?.abortSignal?.aborted).toBe(true)
  })

  it('creates its SES client lazily when none is given', async () => {
    const { run } = routerFor({ client: undefined })
    expect((await run(createEventFor([]))).error).toBeUndefined()
    expect(sent()).toHaveLength(1)
  })
})

describe('the code generator', () => {
  it.each([4, 6, 8, 10])('makes %i-digit codes of decimal digits, leading zeros kept', (length) => {
    const many = Array.from({ length: 1000 }, () => randomDigits(length))
    expect(many.every((code) => code.length === length && /^[0-9]+$/.test(code))).toBe(true)
    expect(new Set(many).size).toBeGreaterThan(length === 4 ? 900 : 990)
  })

  it('keeps leading zeros (about one 4-digit code in ten starts with 0)', () => {
    const many = Array.from({ length: 1000 }, () => randomDigits(4))
    const zeros = many.filter((code) => code.startsWith('0')).length
    expect(zeros).toBeGreaterThan(40)
    expect(zeros).toBeLessThan(180)
  })
})

describe('VerifyAuthChallengeResponse', () => {
  const current = { code: '482913', expiresAt: String(NOW + 300_000) }

  it.each([
    ['the code of the current challenge', current, '482913', true],
    ['a wrong code', current, '482914', false],
    ['the code of an earlier attempt (replay)', current, '190377', false],
    ['the code with a trailing space', current, '482913 ', false],
    ['a prefix of the code', current, '4829', false],
    ['the code twice', current, '482913482913', false],
    ['an empty answer', current, '', false],
    ['a number instead of a string', current, 482913, false],
    ['null', current, null, false],
    ['an array holding the code', current, ['482913'], false],
    ['the code against no private parameters', {}, '482913', false],
    ['the code against parameters without an expiry', { code: '482913' }, '482913', false],
    ['the code against a non-numeric expiry', { code: '482913', expiresAt: 'soon' }, '482913', false],
    ['the code against a non-digit stored code', { code: 'abcdef', expiresAt: current.expiresAt }, 'abcdef', false],
    ['an answer against the AWS sample parameters', { answer: '482913' }, '482913', false],
    ['the code against null parameters', null, '482913', false],
  ])('judges %s: %s', async (_case, parameters, answer, correct) => {
    const { run } = routerFor()
    const { reply } = await run(verifyEvent(parameters, answer))
    expect((reply as VerifyAuthChallengeResponseEvent).response).toStrictEqual({ answerCorrect: correct })
  })

  it('refuses the right code once it has expired, and accepts it up to the last millisecond', async () => {
    const { run } = routerFor()
    vi.setSystemTime(NOW + 300_000)
    expect((await run(verifyEvent(current, '482913'))).reply).toMatchObject({ response: { answerCorrect: true } })
    vi.setSystemTime(NOW + 300_001)
    expect((await run(verifyEvent(current, '482913'))).reply).toMatchObject({ response: { answerCorrect: false } })
  })

  it('always refuses an unknown user, even with the right code', async () => {
    const { run } = routerFor()
    expect((await run(verifyEvent(current, '482913', true))).reply).toMatchObject({ response: { answerCorrect: false } })
  })
})

describe('secrets', () => {
  it('never logs the code itself, whatever the outcome', async () => {
    // Prepare: the plugin's own logger, without the router's scrubbing, shows what the plugin writes.
    const plugin = emailOtp({ ...BASE, randomCode: codes('583920', '583920') })
    const logger = capturingLogger()
    const context = { signal: new AbortController().signal, logger, lambdaContext: lambdaContext(), remainingTimeInMillis: () => 3000 }
    const parameters = { code: '583920', expiresAt: String(NOW + 1000) }

    // Act
    await plugin.handler(createEventFor([]), context)
    await plugin.handler(createEventFor([], { userNotFound: true }), context)
    for (const answer of ['583920', '000000']) await plugin.handler(verifyEvent(parameters, answer), context)

    // Assess
    expect(logger.lines.length).toBeGreaterThanOrEqual(4)
    expect(logger.text()).not.toContain('583920')
    expect(logger.text()).not.toContain('jane.doe@example.com')
  })

  it('keeps the code out of the router\'s event and reply log lines', async () => {
    const { run, logger } = routerFor({ randomCode: codes('583920') })
    await run(createEventFor([]))
    await run(verifyEvent({ code: '583920', expiresAt: String(NOW + 1000) }, '583920'))
    expect(logger.text()).toContain('cognito trigger reply')
    expect(logger.text()).not.toContain('583920')
  })
})

describe('plugin contract', () => {
  afterAll(() => {
    vi.useRealTimers()
  })
  // Create makes a random code and an expiry from the clock, and the contract compares two runs:
  // a fixed generator and a fixed clock make the outcome of a retry comparable.
  const plugin = emailOtp({ ...BASE, randomCode: () => '246810' })
  const valid = { code: '246810', expiresAt: String(NOW + 60_000) }
  const json = (...events: object[]) => events as Record<string, unknown>[]
  describePluginContract(plugin, {
    beforeEach: () => {
      ses.reset()
      ses.on(SendEmailCommand).resolves({ MessageId: 'message-1' })
      vi.setSystemTime(NOW)
    },
    events: {
      DefineAuthChallenge_Authentication: json(defineEvent([]), defineEvent([attempt(1, true)]), defineEvent([other('PASSWORD_VERIFIER')]), defineEvent([], true)),
      CreateAuthChallenge_Authentication: json(createEventFor([]), createEventFor([], { userNotFound: true }), createEventFor([], {}, {})),
      VerifyAuthChallengeResponse_Authentication: json(verifyEvent(valid, '246810'), verifyEvent(valid, '111111'), verifyEvent(valid, '246810', true)),
    },
  })
})
