import middy from '@middy/core'
import inputOutputLogger from '@middy/input-output-logger'
import type { Context } from 'aws-lambda'
import { describe, expect, it } from 'vitest'
import { ConfigurationError } from '../../../src/errors.js'
import {
  DEFAULT_MASK,
  DEFAULT_REDACT_PATHS,
  DEFAULT_SECRET_PATHS,
  resolveRedaction,
  validateRedactionOptions,
} from '../../../src/redaction/paths.js'
import { collectSecrets } from '../../../src/redaction/secrets.js'

// Runs the real input-output-logger, in a real middy handler, with the default paths, and
// returns what it logged for the event and for the reply.
const ioLines = async (event: unknown, reply: unknown): Promise<Record<string, unknown>[]> => {
  const lines: Record<string, unknown>[] = []
  const handler = middy(async () => reply).use(
    inputOutputLogger({
      logger: (message) => {
        lines.push(message as Record<string, unknown>)
      },
      omitPaths: [...DEFAULT_REDACT_PATHS],
      mask: DEFAULT_MASK,
    }),
  )
  await handler(event, {} as Context)
  return lines
}

describe('DEFAULT_REDACT_PATHS', () => {
  it('lists every event path under the reply root too, because the reply is the echoed event', () => {
    // Prepare
    const eventPaths = DEFAULT_REDACT_PATHS.filter((path) => path.startsWith('event.')).map((p) => p.slice(6))
    const replyPaths = DEFAULT_REDACT_PATHS.filter((path) => path.startsWith('response.')).map((p) => p.slice(9))

    // Act
    const roots = new Set(DEFAULT_REDACT_PATHS.map((path) => path.split('.')[0]))

    // Assess
    expect(roots).toEqual(new Set(['event', 'response']))
    expect(replyPaths.sort()).toEqual(eventPaths.sort())
  })

  it.each([
    'userName',
    'request.password',
    'request.challengeAnswer',
    'request.privateChallengeParameters',
    'response.privateChallengeParameters',
    'request.code',
    'request.attributes.tokenResponse',
    'request.attributes.idToken',
    'request.attributes.userInfo',
    'request.attributes.samlResponse',
    'response.userAttributesToMap',
    'request.userAttributes.email',
    'request.userAttributes.phone_number',
    'request.userAttributes.cognito:email_alias',
    'request.userAttributes.cognito:phone_number_alias',
    'request.userAttributes.USER_NAME',
    'request.userAttributes.IP_ADDRESS',
    'response.userAttributes',
    'request.validationData',
    'request.clientMetadata',
  ])('covers %s in the event and in the reply', (path) => {
    // Prepare
    const paths: readonly string[] = DEFAULT_REDACT_PATHS

    // Act
    const covered = [`event.${path}`, `response.${path}`].map((full) => paths.includes(full))

    // Assess
    expect(covered).toEqual([true, true])
  })

  it('passes its own validation', () => {
    // Prepare
    const options = { paths: DEFAULT_REDACT_PATHS }

    // Act
    const act = () => validateRedactionOptions(options)

    // Assess
    expect(act).not.toThrow()
  })

  it('makes input-output-logger mask alias keys with a colon, in the event and in the reply', async () => {
    // Prepare
    const event = {
      userName: 'jane',
      request: { userAttributes: { 'cognito:email_alias': 'jane@example.com', sub: 'abc' } },
      response: {},
    }
    const reply = { ...event, response: { userAttributes: { email: 'jane@example.com' } } }

    // Act
    const [eventLine, replyLine] = await ioLines(event, reply)

    // Assess
    expect(eventLine).toEqual({
      event: { userName: DEFAULT_MASK, request: { userAttributes: { 'cognito:email_alias': DEFAULT_MASK, sub: 'abc' } }, response: {} },
    })
    expect(replyLine).toEqual({
      response: {
        userName: DEFAULT_MASK,
        request: { userAttributes: { 'cognito:email_alias': DEFAULT_MASK, sub: 'abc' } },
        response: { userAttributes: DEFAULT_MASK },
      },
    })
  })
})

describe('validateRedactionOptions', () => {
  it.each([
    [null, '"redact" must be an object, got null'],
    [{ path: [] }, 'unknown redaction option "redact.path"'],
    [{ paths: 'event.userName' }, '"redact.paths" must be an array of strings, got a string'],
    [{ paths: ['event.userName', 42] }, '"redact.paths[1]" must be a string, got a number'],
    [{ paths: ['request.password'] }, '"redact.paths[0]" must start with "event." or "response."'],
    [{ paths: ['event'] }, '"redact.paths[0]" must name a field below its root, got "event"'],
    [{ paths: ['event..password'] }, '"redact.paths[0]" has an empty segment: "event..password"'],
    [{ paths: ['event.request.__proto__.x'] }, '"redact.paths[0]" must not contain the segment "__proto__"'],
    [{ paths: ['response.constructor'] }, '"redact.paths[0]" must not contain the segment "constructor"'],
    [{ paths: ['event.a.prototype'] }, '"redact.paths[0]" must not contain the segment "prototype"'],
    [{ replaceDefaults: 'yes' }, '"redact.replaceDefaults" must be a boolean, got a string'],
    [{ mask: 0 }, '"redact.mask" must be a string, got a number'],
  ])('rejects %j with a message naming the bad key', (options, message) => {
    // Prepare
    const act = () => validateRedactionOptions(options)

    // Act + Assess
    expect(act).toThrow(ConfigurationError)
    expect(act).toThrow(message)
  })

  it('names the option the way the caller calls it', () => {
    // Prepare
    const act = () => validateRedactionOptions({ mask: 1 }, 'logging.redact')

    // Act + Assess
    expect(act).toThrow('"logging.redact.mask"')
  })

  it('accepts nothing, an empty object, and a full valid set', () => {
    // Prepare
    const full = { paths: ['event.request.userAttributes.custom:ssn', 'response.a.[].b'], replaceDefaults: true, mask: '***' }

    // Act
    const results = [validateRedactionOptions(undefined), validateRedactionOptions({}), validateRedactionOptions(full)]

    // Assess
    expect(results).toEqual([{}, {}, full])
  })
})

describe('DEFAULT_SECRET_PATHS', () => {
  it('scrubs credentials and contact data by value, but masks ordinary values only where they sit', () => {
    // Prepare
    const event = {
      triggerSource: 'PreSignUp_SignUp',
      userName: 'a1b2c3d4-sub',
      request: {
        userAttributes: { email: 'jane@example.com', sub: 'a1b2c3d4-sub' },
        clientMetadata: { locale: 'en-US', flow: 'SignUp' },
      },
    }

    // Act
    const secrets = collectSecrets(event, DEFAULT_SECRET_PATHS)

    // Assess
    expect(secrets).toContain('jane@example.com')
    expect(secrets).not.toContain('en-US')
    expect(secrets).not.toContain('SignUp')
    expect(secrets).not.toContain('a1b2c3d4-sub')
    expect(DEFAULT_SECRET_PATHS).toContain('event.request.password')
  })
})

describe('resolveRedaction', () => {
  it('uses the default paths and mask when given nothing', () => {
    // Prepare + Act
    const resolved = resolveRedaction()

    // Assess
    expect(resolved).toEqual({ paths: [...DEFAULT_REDACT_PATHS], secretPaths: [...DEFAULT_SECRET_PATHS], mask: '[REDACTED]' })
    expect(Object.isFrozen(resolved.paths)).toBe(true)
  })

  it('adds extra paths once, after the defaults', () => {
    // Prepare
    const extra = 'event.request.userAttributes.custom:ssn'

    // Act
    const { paths } = resolveRedaction({ paths: [extra, extra, 'event.request.password'] })

    // Assess
    expect(paths).toEqual([...DEFAULT_REDACT_PATHS, extra])
  })

  it('replaces the defaults only when asked to, and keeps a custom mask', () => {
    // Prepare
    const options = { paths: ['event.request.password'], replaceDefaults: true, mask: '***' }

    // Act
    const resolved = resolveRedaction(options)

    // Assess
    expect(resolved).toEqual({ paths: ['event.request.password'], secretPaths: ['event.request.password'], mask: '***' })
  })

  it('validates what it resolves', () => {
    // Prepare
    const act = () => resolveRedaction({ paths: ['password'] })

    // Act + Assess
    expect(act).toThrow(ConfigurationError)
  })
})
