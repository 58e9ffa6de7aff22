// cognitoLogging and the redaction helpers in the situations the router rarely creates:
// thrown values of every shape, broken loggers, odd events, and the limits of secret collection.

import middy from '@middy/core'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { cognitoLogging, cognitoLoggingValidateOptions, LOGGING_FAILED } from '../../src/middleware/logging.js'
import { collectSecrets } from '../../src/redaction/secrets.js'
import { scrub, scrubberFor, UNSERIALIZABLE } from '../../src/redaction/scrub.js'
import { createEvent } from '../../src/testing/events.js'
import { capturingLogger, settle } from '../helpers/lambda.js'

const failWith = (thrown: unknown) => {
  const logger = capturingLogger()
  const handler = middy(() => {
    throw thrown
  }).use(cognitoLogging({ logger, logEvents: false }))
  return { logger, run: (event: unknown = createEvent('PreSignUp_SignUp')) => settle(handler, event) }
}

const errorLine = (logger: ReturnType<typeof capturingLogger>) => logger.lines.find((line) => line.level === 'error')?.attributes

describe('cognitoLogging, describing what was thrown', () => {
  it.each([
    ['a string, as it is', 'plain text', 'non-Error string', 'plain text'],
    ['null', null, 'non-Error null', 'null'],
    ['an object with a null field', { code: null }, 'non-Error object', '{"code":null}'],
    ['an object holding a symbol and a function', { tag: Symbol('t'), fn: function named() {} }, 'non-Error object', '{"tag":"Symbol(t)","fn":"function named() {}"}'],
    ['a list', [1, 'a'], 'non-Error array', '[1,"a"]'],
  ])('describes %s', async (_case, thrown, errorName, errorMessage) => {
    // Prepare
    const { logger, run } = failWith(thrown)

    // Act
    await run()

    // Assess
    expect(errorLine(logger)).toMatchObject({ errorName, errorMessage })
    expect(errorLine(logger)).not.toHaveProperty('plugin')
  })

  it('follows a cause that is a plain value and stops there', async () => {
    // Prepare
    const { logger, run } = failWith(new Error('outer', { cause: 'inner reason' }))

    // Act
    await run()

    // Assess
    expect(errorLine(logger)?.causes).toStrictEqual([{ name: 'non-Error string', message: 'inner reason' }])
  })

  it('takes the plugin from the first link of the cause chain that names one', async () => {
    // Prepare
    const inner = Object.assign(new Error('inner'), { plugin: 'geo-block' })
    const { logger, run } = failWith(new Error('outer', { cause: inner }))

    // Act
    await run()

    // Assess
    expect(errorLine(logger)?.plugin).toBe('geo-block')
  })
})

describe('cognitoLogging, correlation fields', () => {
  it('leaves out fields that are not strings', async () => {
    // Prepare
    const { logger, run } = failWith(new Error('x'))

    // Act
    await run({ triggerSource: 42, userPoolId: ['p'], callerContext: { clientId: 7 }, request: {} })

    // Assess
    const line = errorLine(logger) ?? {}
    expect(['triggerSource', 'userPoolId', 'clientId'].filter((field) => field in line)).toStrictEqual([])
    expect(line.requestId).toBe('req-0000-1111')
  })
})

describe('cognitoLogging when the logger itself fails', () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it('writes one fixed line to the console and still lets the error through', async () => {
    // Prepare
    const console = vi.spyOn(globalThis.console, 'error').mockImplementation(() => undefined)
    const broken = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => {
      throw new Error('sink closed')
    } }
    const handler = middy(() => {
      throw new Error('original')
    }).use(cognitoLogging({ logger: broken }))

    // Act
    const { error } = await settle(handler, createEvent('PreSignUp_SignUp'))

    // Assess
    expect(error?.message).toBe('original')
    expect(console).toHaveBeenCalledWith(LOGGING_FAILED)
    expect(LOGGING_FAILED).toBe('cognito-trigger-router: a log line could not be written')
  })
})

describe('cognitoLogging options', () => {
  it.each(['debug', 'info'])('accepts the event level %s', (eventLevel) => {
    // Assess
    expect(() => cognitoLoggingValidateOptions({ eventLevel })).not.toThrow()
  })
})

describe('collectSecrets and scrub, limits', () => {
  const nest = (depth: number, value: string): unknown => (depth === 0 ? value : { a: nest(depth - 1, value) })

  it('finds a secret nested under 65 objects and not one nested deeper', () => {
    // Act
    const found = collectSecrets({ request: { password: nest(65, 'deep-secret-65') } }, ['event.request.password'])
    const tooDeep = collectSecrets({ request: { password: nest(66, 'deep-secret-66') } }, ['event.request.password'])

    // Assess
    expect(found).toStrictEqual(['deep-secret-65'])
    expect(tooDeep).toStrictEqual([])
  })

  it('looks up every path, and ignores paths without a known root or a field', () => {
    // Prepare
    const event = { userName: 'not-a-secret', request: { password: 'first-secret', code: 'second-secret', pin: 'third-secret' } }

    // Act
    const found = collectSecrets(event, ['event.request.password', 'response.request.code', 'request.pin', 'event', 'other.request.pin'])

    // Assess
    expect(found).toStrictEqual(['first-secret', 'second-secret'])
  })

  it.each([
    ['an empty secret', ['']],
    ['a secret that is not a string', [5 as unknown as string]],
  ])('ignores %s when scrubbing', (_case, secrets) => {
    // Act
    const text = scrub('nothing to hide here', secrets)

    // Assess
    expect(text).toBe('nothing to hide here')
  })

  it('describes attributes that cannot be turned into JSON', () => {
    // Prepare
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic

    // Act
    const scrubbed = scrubberFor(['secret-value']).snapshot(cyclic)

    // Assess
    expect(scrubbed).toStrictEqual({ attributes: UNSERIALIZABLE })
    expect(UNSERIALIZABLE).toBe('[unserializable]')
  })
})
