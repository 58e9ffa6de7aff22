import middy from '@middy/core'
import type { Context } from 'aws-lambda'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ConfigurationError, PluginError } from '../../../src/errors.js'
import { jsonLogger, type Logger } from '../../../src/logger.js'
import {
  cognitoLogging,
  cognitoLoggingValidateOptions,
  LOGGING_FAILED,
  type CognitoLoggingOptions,
} from '../../../src/middleware/logging.js'

// -- helpers ---------------------------------------------------------------------------------

interface Line {
  level: 'debug' | 'info' | 'warn' | 'error'
  message: string
  attributes: Record<string, unknown> | undefined
}

const capturingLogger = () => {
  const lines: Line[] = []
  const at = (level: Line['level']) => (message: string, attributes?: Record<string, unknown>) => {
    lines.push({ level, message, attributes })
  }
  const logger: Logger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }
  // What a search of the log would see: every captured line as JSON.
  const text = () => lines.map((line) => JSON.stringify(line)).join('\n')
  return { logger, lines, text }
}

const REQUEST_ID = 'c0ffee00-1111-4222-8333-444455556666'

const lambdaContext = (): Context => ({
  callbackWaitsForEmptyEventLoop: true,
  functionName: 'cognito-trigger-router',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:cognito-trigger-router',
  memoryLimitInMB: '256',
  awsRequestId: REQUEST_ID,
  logGroupName: '/aws/lambda/cognito-trigger-router',
  logStreamName: '2026/01/01/[$LATEST]abcdef',
  getRemainingTimeInMillis: () => 4000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
})

const USER_POOL_ID = 'eu-west-1_AbCdEf123'
const CLIENT_ID = '5k2h0example0client0id'

type Json = Record<string, unknown>

const envelope = (triggerSource: string, request: Json, response: Json | null, userName = 'a1b2c3d4-user-sub'): Json => ({
  version: '1',
  triggerSource,
  region: 'eu-west-1',
  userPoolId: USER_POOL_ID,
  userName,
  callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: CLIENT_ID },
  request,
  response,
})

// The router's reply: the whole event with `response` filled in.
const echo = (event: Json, response: Json): Json => ({ ...event, response: { ...(event.response as Json), ...response } })

interface Scenario {
  name: string
  secret: string
  event: Json
  /** What the handler writes into `response` (a reply may carry its own secret). */
  reply: Json
}

// A password with a quote and a backslash, so only the JSON-escaped form would appear in a line.
const PASSWORD = 'Pl@nted-"Pass\\w0rd'

const scenarios: Scenario[] = [
  {
    name: 'UserMigration_Authentication with request.password',
    secret: PASSWORD,
    event: envelope(
      'UserMigration_Authentication',
      { password: PASSWORD, validationData: null, userAttributes: null },
      { userAttributes: null, finalUserStatus: null, messageAction: null, desiredDeliveryMediums: null },
      'jane.migrating@example.com',
    ),
    reply: { userAttributes: { email: 'jane.migrating@example.com', email_verified: 'true' }, finalUserStatus: 'CONFIRMED' },
  },
  {
    name: 'VerifyAuthChallengeResponse with challengeAnswer and privateChallengeParameters',
    secret: '918273-planted-answer',
    event: envelope(
      'VerifyAuthChallengeResponse_Authentication',
      {
        userAttributes: { sub: 'a1b2c3d4-user-sub', 'cognito:user_status': 'CONFIRMED' },
        privateChallengeParameters: { answer: '918273-planted-answer' },
        challengeAnswer: '918273-planted-answer',
        clientMetadata: null,
      },
      { answerCorrect: null },
    ),
    reply: { answerCorrect: true },
  },
  {
    name: 'CreateAuthChallenge whose reply carries privateChallengeParameters',
    secret: 'otp-planted-4711',
    event: envelope(
      'CreateAuthChallenge_Authentication',
      {
        userAttributes: { sub: 'a1b2c3d4-user-sub' },
        challengeName: 'CUSTOM_CHALLENGE',
        session: [{ challengeName: 'SRP_A', challengeResult: true, challengeMetadata: null }],
      },
      { publicChallengeParameters: null, privateChallengeParameters: null, challengeMetadata: null },
    ),
    reply: {
      publicChallengeParameters: { hint: 'check your email' },
      privateChallengeParameters: { answer: 'otp-planted-4711' },
      challengeMetadata: 'EMAIL_OTP',
    },
  },
  {
    name: 'CustomEmailSender with the code ciphertext',
    secret: 'AYADeLPlantedCiphertext0==',
    event: envelope(
      'CustomEmailSender_SignUp',
      {
        type: 'customEmailSenderRequestV1',
        code: 'AYADeLPlantedCiphertext0==',
        userAttributes: { sub: 'a1b2c3d4-user-sub', email_verified: 'false' },
        clientMetadata: null,
      },
      null,
    ),
    reply: {},
  },
  {
    name: 'InboundFederation with tokenResponse.access_token',
    secret: 'eyJhbGciOiJSUzI1NiJ9.planted-access-token.sig',
    event: envelope(
      'InboundFederation_ExternalProvider',
      {
        providerName: 'Google',
        providerType: 'Google',
        attributes: {
          tokenResponse: { access_token: 'eyJhbGciOiJSUzI1NiJ9.planted-access-token.sig', token_type: 'Bearer' },
          idToken: { sub: '1077', email: 'fed.user@example.com', email_verified: 'true' },
          userInfo: { name: 'Fed User' },
        },
      },
      { userAttributesToMap: null },
    ),
    reply: { userAttributesToMap: { email: 'fed.user@example.com' } },
  },
  {
    name: 'PreSignUp with email and phone number',
    secret: 'jane.planted@example.com',
    event: envelope(
      'PreSignUp_SignUp',
      {
        userAttributes: { email: 'jane.planted@example.com', phone_number: '+15555550123' },
        validationData: null,
      },
      { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
    ),
    reply: { autoConfirmUser: true },
  },
]

const scenario = (triggerSource: string): Scenario => {
  const found = scenarios.find((candidate) => candidate.event.triggerSource === triggerSource)
  if (found === undefined) throw new Error(`no scenario for ${triggerSource}`)
  return found
}

const escaped = (secret: string) => JSON.stringify(secret).slice(1, -1)

const expectAbsent = (text: string, ...secrets: string[]) => {
  for (const secret of secrets) {
    expect(text).not.toContain(secret)
    expect(text).not.toContain(escaped(secret))
  }
}

const handlerWith = (options: CognitoLoggingOptions, body: (event: Json) => unknown) =>
  middy(async (event: Json) => body(event)).use(cognitoLogging(options))

afterEach(() => {
  vi.restoreAllMocks()
})

// -- tests -----------------------------------------------------------------------------------

describe('cognitoLogging', () => {
  describe('the event and reply lines', () => {
    it.each(scenarios)('keep the planted secret of $name out of every line', async ({ event, reply, secret }) => {
      // Prepare
      const { logger, lines, text } = capturingLogger()
      const handler = handlerWith({ logger }, (incoming) => echo(incoming, reply))

      // Act
      const result = await handler(structuredClone(event), lambdaContext())

      // Assess
      expect(result).toEqual(echo(event, reply))
      expect(lines.map((line) => [line.level, line.message])).toEqual([
        ['debug', 'cognito trigger event'],
        ['debug', 'cognito trigger reply'],
      ])
      expectAbsent(text(), secret)
      expect(text()).toContain(event.triggerSource as string)
      expect(text()).toContain(USER_POOL_ID)
      expect(text()).toContain('[REDACTED]')
    })

    it.each(scenarios)('keep the planted secret of $name out of every line a JSON logger writes, event, reply and error', async ({ event, reply, secret }) => {
      // Prepare
      const written: string[] = []
      const logger = jsonLogger({ level: 'DEBUG', sink: (line) => written.push(line) })
      const ok = handlerWith({ logger }, (incoming) => echo(incoming, reply))
      const failing = handlerWith({ logger }, (incoming) => {
        incoming.response = { ...(incoming.response as Json), ...reply }
        throw new Error(`rejected ${secret}`, { cause: `upstream saw ${secret}` })
      })

      // Act
      await ok(structuredClone(event), lambdaContext())
      await failing(structuredClone(event), lambdaContext()).catch(() => undefined)

      // Assess
      expect(written.map((line) => (JSON.parse(line) as { message: string }).message)).toEqual([
        'cognito trigger event',
        'cognito trigger reply',
        'cognito trigger event',
        'cognito trigger failed',
      ])
      expectAbsent(written.join('\n'), secret)
      expect(written.join('\n')).toContain('[REDACTED]')
    })

    it.each(scenarios)('keep the planted secret of $name out of the error line', async ({ event, reply, secret }) => {
      // Prepare
      const { logger, lines, text } = capturingLogger()
      const error = new Error(`rejected ${secret}`, { cause: `upstream saw ${secret}` })
      // As a plugin would: write the reply into the event, then fail.
      const handler = handlerWith({ logger }, (incoming) => {
        incoming.response = { ...(incoming.response as Json), ...reply }
        throw error
      })

      // Act
      const outcome = handler(structuredClone(event), lambdaContext())

      // Assess
      await expect(outcome).rejects.toBe(error)
      expect(lines.filter((line) => line.level === 'error')).toHaveLength(1)
      expectAbsent(text(), secret)
      expect(text()).toContain(event.triggerSource as string)
    })

    it('carry the correlation fields, the masked event and the Lambda context', async () => {
      // Prepare
      const { logger, lines } = capturingLogger()
      const migration = scenario('UserMigration_Authentication')
      const handler = handlerWith({ logger, eventLevel: 'info' }, (incoming) => echo(incoming, migration.reply))

      // Act
      await handler(structuredClone(migration.event), lambdaContext())

      // Assess
      const [eventLine, replyLine] = lines as [Line, Line]
      expect(eventLine.level).toBe('info')
      expect(eventLine.attributes).toMatchObject({
        triggerSource: 'UserMigration_Authentication',
        userPoolId: USER_POOL_ID,
        clientId: CLIENT_ID,
        requestId: REQUEST_ID,
        event: { userName: '[REDACTED]', request: { password: '[REDACTED]', validationData: '[REDACTED]' } },
        context: { awsRequestId: REQUEST_ID, functionName: 'cognito-trigger-router' },
      })
      expect(replyLine.attributes).toMatchObject({
        requestId: REQUEST_ID,
        response: { userName: '[REDACTED]', response: { userAttributes: '[REDACTED]', finalUserStatus: 'CONFIRMED' } },
      })
    })

    it('scrub a secret the handler copied to a field no path covers', async () => {
      // Prepare
      const { logger, text } = capturingLogger()
      const preSignUp = scenario('PreSignUp_SignUp')
      const handler = handlerWith({ logger }, (incoming) => ({
        ...incoming,
        response: { autoConfirmUser: true, note: `welcome ${preSignUp.secret}` },
      }))

      // Act
      await handler(structuredClone(preSignUp.event), lambdaContext())

      // Assess
      expectAbsent(text(), preSignUp.secret, '+15555550123')
      expect(text()).toContain('welcome [REDACTED]')
    })

    it.each([
      ['a string', 'password=hunter2-in-a-string', 'string'],
      ['null', null, 'null'],
      ['an array', [{ request: { password: 'hunter2-in-an-array' } }], 'array'],
      ['a number', 42, 'number'],
    ])('describe a malformed event (%s) by its type, not its content', async (_label, event, type) => {
      // Prepare
      const { logger, lines, text } = capturingLogger()
      const handler = middy(async (incoming: unknown) => incoming).use(cognitoLogging({ logger }))

      // Act
      await handler(event, lambdaContext())

      // Assess
      expect(lines[0]).toEqual({
        level: 'debug',
        message: 'cognito trigger event',
        attributes: { requestId: REQUEST_ID, eventType: type },
      })
      expect(text()).not.toContain('hunter2')
    })

    it('describe a reply that is not an object by its type', async () => {
      // Prepare
      const { logger, lines } = capturingLogger()
      const preSignUp = scenario('PreSignUp_SignUp')
      const handler = handlerWith({ logger }, () => 'jane.planted@example.com says hi')

      // Act
      await handler(structuredClone(preSignUp.event), lambdaContext())

      // Assess
      expect(lines[1]?.attributes).toEqual({
        triggerSource: 'PreSignUp_SignUp',
        userPoolId: USER_POOL_ID,
        clientId: CLIENT_ID,
        requestId: REQUEST_ID,
        responseType: 'string',
      })
    })

    it('apply extra paths and a custom mask, and nothing when the defaults are replaced by nothing', async () => {
      // Prepare
      const { logger, text } = capturingLogger()
      const event = envelope('PreSignUp_SignUp', { userAttributes: { 'custom:ssn': '078-05-1120', email: 'j@example.com' } }, {})
      const custom = handlerWith(
        { logger, redact: { paths: ['event.request.userAttributes.custom:ssn'], mask: '***' } },
        (incoming) => incoming,
      )
      const opened = capturingLogger()
      const none = handlerWith({ logger: opened.logger, redact: { replaceDefaults: true } }, (incoming) => incoming)

      // Act
      await custom(structuredClone(event), lambdaContext())
      await none(structuredClone(event), lambdaContext())

      // Assess
      expectAbsent(text(), '078-05-1120', 'j@example.com')
      expect(text()).toContain('"custom:ssn":"***"')
      expect(opened.text()).toContain('j@example.com')
    })

    it('are not written when logEvents is false, and then no input-output hook is registered', async () => {
      // Prepare
      const { logger, lines } = capturingLogger()
      const middleware = cognitoLogging({ logger, logEvents: false })
      const handler = middy(async (event: Json) => event).use(middleware)

      // Act
      await handler(structuredClone(scenario('PreSignUp_SignUp').event), lambdaContext())

      // Assess
      expect(lines).toEqual([])
      expect(Object.keys(middleware).sort()).toEqual(['before', 'onError'])
    })
  })

  describe('the error line', () => {
    const migration = scenario('UserMigration_Authentication')

    it('is one line with the cause chain, the plugin and the correlation fields, all scrubbed', async () => {
      // Prepare
      const { logger, lines, text } = capturingLogger()
      const root = new TypeError(`upstream rejected ${PASSWORD}`)
      const error = new PluginError('legacy-migration', new Error(`bad password ${PASSWORD}`, { cause: root }))
      const handler = handlerWith({ logger }, () => {
        throw error
      })

      // Act
      const outcome = handler(structuredClone(migration.event), lambdaContext())

      // Assess
      await expect(outcome).rejects.toBe(error)
      const errors = lines.filter((line) => line.level === 'error')
      expect(errors).toHaveLength(1)
      expect(errors[0]).toMatchObject({
        message: 'cognito trigger failed',
        attributes: {
          triggerSource: 'UserMigration_Authentication',
          userPoolId: USER_POOL_ID,
          clientId: CLIENT_ID,
          requestId: REQUEST_ID,
          errorName: 'PluginError',
          errorMessage: 'plugin "legacy-migration" failed: Error: bad password [REDACTED]',
          stack: expect.stringContaining('PluginError: plugin "legacy-migration" failed') as unknown,
          plugin: 'legacy-migration',
          causes: [
            { name: 'Error', message: 'bad password [REDACTED]', stack: expect.any(String) as unknown },
            { name: 'TypeError', message: 'upstream rejected [REDACTED]', stack: expect.any(String) as unknown },
          ],
        },
      })
      expectAbsent(text(), PASSWORD)
    })

    it('describes non-Error causes safely: cycles, BigInt, symbols, throwing getters and revoked proxies', async () => {
      // Prepare
      const { logger, lines, text } = capturingLogger()
      const { proxy: revoked, revoke } = Proxy.revocable({}, {})
      revoke()
      const unreadable = Object.defineProperty({ cause: revoked }, 'boom', {
        enumerable: true,
        get: () => {
          throw new Error('getter')
        },
      })
      const second = new Error('second', { cause: unreadable })
      Object.defineProperty(second, 'plugin', { value: 7 })
      const cyclic: Record<string, unknown> = { password: PASSWORD, big: 10n, sym: Symbol('s'), fn: () => 1, cause: second }
      cyclic.self = cyclic
      const error = new Error('first', { cause: cyclic })
      const handler = handlerWith({ logger }, () => {
        throw error
      })

      // Act
      const outcome = handler(structuredClone(migration.event), lambdaContext())

      // Assess
      await expect(outcome).rejects.toBe(error)
      const [line] = lines.filter((entry) => entry.level === 'error')
      const causes = line?.attributes?.causes as { name: string; message: string }[]
      expect(causes.map((cause) => cause.name)).toEqual(['non-Error object', 'Error', 'non-Error object', 'unknown'])
      expect(causes[0]?.message).toContain('"big":"10n"')
      expect(causes[0]?.message).toContain('"self":"[Circular]"')
      expect(causes[0]?.message).toContain('"sym":"Symbol(s)"')
      expect(causes[2]?.message).toBe('[a value of type object that cannot be described]')
      expect(causes[3]?.message).toBe('[a thrown value that cannot be described]')
      expect(line?.attributes?.plugin).toBe('7')
      expectAbsent(text(), PASSWORD)
    })

    it.each([
      ['a string', `bad password ${PASSWORD}`, 'non-Error string', 'bad password [REDACTED]'],
      ['a number', 42, 'non-Error number', '42'],
      ['undefined', undefined, 'non-Error undefined', 'undefined'],
      ['a symbol', Symbol('thrown'), 'non-Error symbol', 'Symbol(thrown)'],
      ['null', null, 'non-Error null', 'null'],
    ])('describes %s thrown as the error itself', async (_label, thrown, name, message) => {
      // Prepare
      const { logger, lines } = capturingLogger()
      const handler = handlerWith({ logger }, () => {
        throw thrown
      })

      // Act
      await handler(structuredClone(migration.event), lambdaContext()).catch(() => undefined)

      // Assess
      const [line] = lines.filter((entry) => entry.level === 'error')
      expect(line?.attributes).toMatchObject({ errorName: name, errorMessage: message, causes: [] })
      expect(line?.attributes).not.toHaveProperty('stack')
    })

    it('stops at a cycle in the cause chain and at a bound', async () => {
      // Prepare
      const { logger, lines } = capturingLogger()
      const a = new Error('a')
      const b = new Error('b', { cause: a })
      a.cause = b
      let long: unknown = 'end'
      for (let i = 0; i < 40; i++) long = { cause: long }
      const handler = middy(async (event: Json): Promise<Json> => {
        throw event.request === 'long' ? long : a
      }).use(cognitoLogging({ logger }))

      // Act
      await handler({ request: 'cycle' }, lambdaContext()).catch(() => undefined)
      await handler({ request: 'long' }, lambdaContext()).catch(() => undefined)

      // Assess
      const errors = lines.filter((entry) => entry.level === 'error')
      expect((errors[0]?.attributes?.causes as unknown[]).length).toBe(1)
      expect((errors[1]?.attributes?.causes as unknown[]).length).toBe(15)
    })

    it('reads the Error fields safely: throwing getters, non-string names and missing stacks', async () => {
      // Prepare
      const { logger, lines } = capturingLogger()
      const error = new Error(`x ${PASSWORD}`)
      Object.defineProperty(error, 'message', {
        get: () => {
          throw new Error('no message')
        },
      })
      Object.defineProperty(error, 'name', { value: { odd: true } })
      Object.defineProperty(error, 'stack', { value: undefined })
      const nameless = new Error('nameless')
      Object.defineProperty(nameless, 'name', { value: undefined })
      Object.defineProperty(nameless, 'message', { value: undefined })
      error.cause = nameless
      const handler = handlerWith({ logger }, () => {
        throw error
      })

      // Act
      await expect(handler(structuredClone(migration.event), lambdaContext())).rejects.toBe(error)

      // Assess
      const [line] = lines.filter((entry) => entry.level === 'error')
      expect(line?.attributes).toMatchObject({
        errorName: '{"odd":true}',
        errorMessage: '[unreadable]',
        causes: [{ name: 'Error', message: '' }],
      })
      expect(line?.attributes).not.toHaveProperty('stack')
    })

    it('uses the secrets of the event as it arrived, even when the handler removed them', async () => {
      // Prepare
      const { logger, text } = capturingLogger()
      const handler = handlerWith({ logger }, (event) => {
        const request = event.request as Json
        const password = request.password as string
        delete request.password
        throw new Error(`login failed with ${password}`)
      })

      // Act
      await handler(structuredClone(migration.event), lambdaContext()).catch(() => undefined)

      // Assess
      expect(text()).toContain('login failed with [REDACTED]')
      expectAbsent(text(), PASSWORD)
    })

    it('uses secrets written into the event after it arrived', async () => {
      // Prepare
      const { logger, text } = capturingLogger()
      const create = scenario('CreateAuthChallenge_Authentication')
      const handler = handlerWith({ logger }, (event) => {
        event.response = { privateChallengeParameters: { answer: create.secret } }
        throw new Error(`could not send ${create.secret}`)
      })

      // Act
      await handler(structuredClone(create.event), lambdaContext()).catch(() => undefined)

      // Assess
      expectAbsent(text(), create.secret)
    })

    it('collects the secrets itself when an earlier before hook failed', async () => {
      // Prepare
      const { logger, lines, text } = capturingLogger()
      const handler = middy(async (event: Json) => event)
        .use({
          before: () => {
            throw new Error(`refused ${PASSWORD}`)
          },
        })
        .use(cognitoLogging({ logger }))

      // Act
      await handler(structuredClone(migration.event), lambdaContext()).catch(() => undefined)

      // Assess
      expect(lines.map((line) => line.message)).toEqual(['cognito trigger failed'])
      expect(lines[0]?.attributes).toMatchObject({ requestId: REQUEST_ID, errorMessage: 'refused [REDACTED]' })
      expectAbsent(text(), PASSWORD)
    })

    it('is written even when logEvents is false', async () => {
      // Prepare
      const { logger, lines, text } = capturingLogger()
      const handler = handlerWith({ logger, logEvents: false }, () => {
        throw new Error(`bad ${PASSWORD}`)
      })

      // Act
      await handler(structuredClone(migration.event), lambdaContext()).catch(() => undefined)

      // Assess
      expect(lines.map((line) => line.message)).toEqual(['cognito trigger failed'])
      expectAbsent(text(), PASSWORD)
    })

    it('never handles the error itself, but logs the reply a later onError made of it', async () => {
      // Prepare
      const { logger, lines, text } = capturingLogger()
      const handler = middy(async (): Promise<Json> => {
        throw new Error('boom')
      })
        .use(cognitoLogging({ logger }))
        .use({
          onError: (request) => {
            request.response = echo(request.event as Json, { note: `fallback for ${PASSWORD}` })
          },
        })

      // Act
      const result = await handler(structuredClone(migration.event), lambdaContext())

      // Assess
      expect(result).toMatchObject({ triggerSource: 'UserMigration_Authentication' })
      expect(lines.map((line) => line.message)).toEqual([
        'cognito trigger event',
        'cognito trigger failed',
        'cognito trigger reply',
      ])
      expect(lines[2]?.attributes).toMatchObject({ response: { request: { password: '[REDACTED]' } } })
      expectAbsent(text(), PASSWORD)
    })

    it('logs that reply scrubbed and with its correlation fields even when its own before never ran', async () => {
      // Prepare
      const { logger, lines, text } = capturingLogger()
      const handler = middy(async (event: Json) => event)
        .use({
          before: () => {
            throw new Error('an earlier middleware failed')
          },
        })
        .use(cognitoLogging({ logger }))
        .use({
          onError: (request) => {
            request.response = echo(request.event as Json, { note: `fallback for ${PASSWORD}` })
          },
        })

      // Act
      await handler(structuredClone(migration.event), lambdaContext())

      // Assess
      expect(lines.map((line) => line.message)).toEqual(['cognito trigger failed', 'cognito trigger reply'])
      expect(lines[1]?.attributes).toMatchObject({ triggerSource: 'UserMigration_Authentication', requestId: REQUEST_ID })
      expectAbsent(text(), PASSWORD)
    })
  })

  describe('when the logger fails', () => {
    const migration = scenario('UserMigration_Authentication')
    const throwingLogger = (): Logger => {
      const fail = () => {
        throw new Error(`logger down; it saw ${PASSWORD}`)
      }
      return { debug: fail, info: fail, warn: fail, error: fail }
    }

    it('still returns the reply and writes only a fixed text to the console', async () => {
      // Prepare
      const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined)
      const handler = handlerWith({ logger: throwingLogger() }, (event) => echo(event, migration.reply))

      // Act
      const result = await handler(structuredClone(migration.event), lambdaContext())

      // Assess
      expect(result).toEqual(echo(migration.event, migration.reply))
      expect(consoleError.mock.calls).toEqual([[LOGGING_FAILED], [LOGGING_FAILED]])
    })

    it('still rethrows the original error without setting a response', async () => {
      // Prepare
      const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined)
      const error = new Error('plugin failed')
      let seenResponse: unknown = 'not checked'
      const handler = middy(async (): Promise<Json> => {
        throw error
      })
        .use({
          onError: (request) => {
            seenResponse = request.response
          },
        })
        .use(cognitoLogging({ logger: throwingLogger() }))

      // Act
      const outcome = handler(structuredClone(migration.event), lambdaContext())

      // Assess
      await expect(outcome).rejects.toBe(error)
      expect(seenResponse).toBeUndefined()
      expect(consoleError).toHaveBeenCalledWith(LOGGING_FAILED)
    })

    it('survives a console that throws too', async () => {
      // Prepare
      vi.spyOn(console, 'error').mockImplementation(() => {
        throw new Error('console down')
      })
      const error = new Error('plugin failed')
      const handler = handlerWith({ logger: throwingLogger() }, () => {
        throw error
      })

      // Act
      const outcome = handler(structuredClone(migration.event), lambdaContext())

      // Assess
      await expect(outcome).rejects.toBe(error)
    })
  })

  describe('as middy middleware', () => {
    it('has named hooks that return undefined, seen through middy profiling', async () => {
      // Prepare
      const names: string[] = []
      const { logger } = capturingLogger()
      const middleware = cognitoLogging({ logger })
      const handler = middy(
        async (): Promise<Json> => {
          throw new Error('boom')
        },
        { beforeMiddleware: (name) => names.push(name) },
      ).use(middleware)
      const ok = middy(async (event: Json) => event, { beforeMiddleware: (name) => names.push(name) }).use(middleware)
      const request = { event: {}, context: lambdaContext(), response: {}, error: new Error('x'), internal: {} }

      // Act
      await handler(structuredClone(scenario('PreSignUp_SignUp').event), lambdaContext()).catch(() => undefined)
      await ok(structuredClone(scenario('PreSignUp_SignUp').event), lambdaContext())
      const returned = [middleware.before?.(request), middleware.after?.(request), middleware.onError?.(request)]

      // Assess
      expect(names).toEqual(['cognitoLoggingBefore', 'cognitoLoggingOnError', 'cognitoLoggingBefore', 'cognitoLoggingAfter'])
      expect(returned).toEqual([undefined, undefined, undefined])
    })

    it('fits the type of a typed middy handler', async () => {
      // Prepare
      const { logger, lines } = capturingLogger()
      type Event = { triggerSource: string; request: Json }
      const handler = middy<Event, Event>()
        .use(cognitoLogging({ logger }))
        .handler(async (event: Event) => event)

      // Act
      await handler({ triggerSource: 'PostConfirmation_ConfirmSignUp', request: {} }, lambdaContext())

      // Assess
      expect(lines).toHaveLength(2)
    })

    it('writes JSON lines to the console by default', async () => {
      // Prepare
      const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined)
      const handler = middy(async (): Promise<Json> => {
        throw new Error(`bad ${PASSWORD}`)
      }).use(cognitoLogging())

      // Act
      await handler(structuredClone(scenario('UserMigration_Authentication').event), lambdaContext()).catch(
        () => undefined,
      )

      // Assess
      expect(consoleError).toHaveBeenCalledTimes(1)
      const line = JSON.parse(String(consoleError.mock.calls[0]?.[0])) as Json
      expect(line).toMatchObject({ level: 'ERROR', message: 'cognito trigger failed', errorMessage: 'bad [REDACTED]' })
    })
  })
})

describe('cognitoLogging and secrets only the reply holds', () => {
  it('masks a value the reply brings at a secret path wherever else the reply repeats it', async () => {
    // Prepare: the reply keeps the event's phone number and brings a new email address.
    const { logger, text } = capturingLogger()
    const event = envelope('PreSignUp_SignUp', { userAttributes: { email: 'old.address@example.com', phone_number: '+15555550100' }, validationData: null }, {})
    const newEmail = 'new.address@example.com'
    const handler = handlerWith({ logger }, (incoming) => {
      const request = incoming.request as { userAttributes: Json }
      return { ...incoming, request: { ...request, userAttributes: { ...request.userAttributes, email: newEmail } }, response: { note: newEmail } }
    })

    // Act
    await handler(event, lambdaContext())

    // Assess
    expectAbsent(text(), newEmail, 'old.address@example.com', '+15555550100')
  })
})

describe('cognitoLogging and the logger’s level', () => {
  const event = scenarios[0]!.event

  it('builds no event or reply line the logger would drop, but still writes the error line', async () => {
    // Prepare
    const { logger, lines } = capturingLogger()
    const debug = vi.spyOn(logger, 'debug')
    const levelled: Logger = { ...logger, isLevelEnabled: (level) => level !== 'debug' }
    const ok = handlerWith({ logger: levelled }, (incoming) => incoming)
    const failing = handlerWith({ logger: levelled }, () => { throw new Error('down') })

    // Act
    await ok(structuredClone(event), lambdaContext())
    await failing(structuredClone(event), lambdaContext()).catch(() => undefined)

    // Assess
    expect(debug).not.toHaveBeenCalled()
    expect(lines.map((line) => line.message)).toStrictEqual(['cognito trigger failed'])
  })

  it('writes the event and reply lines at info when the logger writes info', async () => {
    // Prepare
    const { logger, lines } = capturingLogger()
    const levelled: Logger = { ...logger, isLevelEnabled: (level) => level !== 'debug' }

    // Act
    await handlerWith({ logger: levelled, eventLevel: 'info' }, (incoming) => incoming)(structuredClone(event), lambdaContext())

    // Assess
    expect(lines.map((line) => [line.level, line.message])).toStrictEqual([
      ['info', 'cognito trigger event'],
      ['info', 'cognito trigger reply'],
    ])
  })
})

describe('cognitoLogging annotate', () => {
  const event = scenarios[0]!.event

  it('adds its attributes to the reply and the error lines, scrubbed like the rest', async () => {
    // Prepare
    const { logger, lines, text } = capturingLogger()
    const annotate = (request: { event: unknown }) => ({ tenant: 'acme', echoed: (request.event as { request: { password: string } }).request.password })
    const ok = handlerWith({ logger, annotate }, (incoming) => incoming)
    const failing = handlerWith({ logger, annotate }, () => { throw new Error('down') })

    // Act
    await ok(structuredClone(event), lambdaContext())
    await failing(structuredClone(event), lambdaContext()).catch(() => undefined)

    // Assess
    const annotated = lines.filter((line) => line.attributes?.tenant === 'acme').map((line) => line.message)
    expect(annotated).toStrictEqual(['cognito trigger reply', 'cognito trigger failed'])
    expectAbsent(text(), PASSWORD)
  })

  it('writes the line without its attributes, and says so, when annotate throws', async () => {
    // Prepare
    const { logger, lines } = capturingLogger()
    const annotate = () => { throw new TypeError('no tenant') }

    // Act
    await handlerWith({ logger, annotate }, (incoming) => incoming)(structuredClone(event), lambdaContext())

    // Assess
    expect(lines.find((line) => line.message === 'cognito trigger reply')?.attributes).toMatchObject({ annotateFailed: 'TypeError' })
  })
})

describe('cognitoLoggingValidateOptions', () => {
  it.each([
    [null, 'options must be an object, got null'],
    [{ logEvent: false }, 'unknown option "logEvent"'],
    [{ logger: console.log }, 'option "logger" must be an object with debug, info, warn and error methods'],
    [{ logger: { debug: console.log } }, 'option "logger" must have debug, info, warn and error methods (missing info, warn, error)'],
    [{ logger: false }, 'option "logger" must be an object with debug, info, warn and error methods'],
    [{ logger: { ...console, isLevelEnabled: 'debug' } }, 'option "logger" has an "isLevelEnabled" that is not a function'],
    [{ annotate: { tenant: 'acme' } }, 'option "annotate" must be a function, got an object'],
    [{ logEvents: 'yes' }, 'option "logEvents" must be a boolean, got a string'],
    [{ eventLevel: 'warn' }, 'option "eventLevel" must be "debug" or "info"'],
    [{ redact: { paths: ['request.password'] } }, '"redact.paths[0]" must start with "event." or "response."'],
    [{ redact: { mask: false } }, '"redact.mask" must be a string'],
    [{ redact: [] }, '"redact" must be an object, got an array'],
  ])('rejects %o with a message naming the bad option', (options, message) => {
    // Prepare
    const act = () => cognitoLoggingValidateOptions(options)

    // Act + Assess
    expect(act).toThrow(ConfigurationError)
    expect(act).toThrow(message)
  })

  it('accepts nothing, undefined values and a full valid set', () => {
    // Prepare
    const { logger } = capturingLogger()
    const valid = [
      undefined,
      {},
      { logger: undefined, logEvents: undefined, eventLevel: undefined, redact: undefined },
      { logger, logEvents: false, eventLevel: 'info', redact: { paths: ['event.a'], replaceDefaults: true, mask: '*' } },
    ]

    // Act
    const acts = valid.map((options) => () => cognitoLoggingValidateOptions(options))

    // Assess
    for (const act of acts) expect(act).not.toThrow()
  })

  it('runs when the middleware is created, so mistakes fail at cold start', () => {
    // Prepare
    const act = () => cognitoLogging({ eventLevel: 'trace' } as unknown as CognitoLoggingOptions)

    // Act + Assess
    expect(act).toThrow(ConfigurationError)
  })
})
