import middy from '@middy/core'
import { describe, expect, it } from 'vitest'
import { ConfigurationError, TriggerRejectedError, UserFacingError } from '../../../src/errors.js'
import { cognitoEnvelope } from '../../../src/middleware/envelope.js'
import { cognitoFailClosed, DEFAULT_ERROR_MESSAGE } from '../../../src/middleware/fail-closed.js'
import { shownToUser } from '../../../src/testing/invoke.js'
import { createEvent } from '../../../src/testing/events.js'
import { lambdaContext, settle } from '../../helpers/lambda.js'

const failing = (error: unknown) =>
  middy(() => {
    throw error
  })
    .use(cognitoFailClosed())
    .use(cognitoEnvelope())

describe('cognitoFailClosed used alone', () => {
  it('replaces an internal error with the generic message and the request id, without a cause', async () => {
    const { error } = await settle(failing(new Error('connection to 10.0.0.5 refused')), createEvent('PreSignUp_SignUp'))
    expect(error).toBeInstanceOf(TriggerRejectedError)
    expect(error?.message).toBe(`[INTERNAL_ERROR] ${DEFAULT_ERROR_MESSAGE.replace('{requestId}', 'req-0000-1111')}`)
    expect(error?.cause).toBeUndefined()
    expect((error as TriggerRejectedError).correlationId).toBe('req-0000-1111')
    expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain('10.0.0.5')
  })

  it('makes up a correlation id when there is no Lambda request id', async () => {
    const { error } = await settle(failing(new Error('x')), createEvent('PreSignUp_SignUp'), lambdaContext({ awsRequestId: '' }))
    expect((error as TriggerRejectedError).correlationId).toMatch(/^[0-9a-f-]{36}$/)
  })

  it.each([
    ['Email domain not allowed.', 'Email domain not allowed'],
    ['  Too many attempts...  ', 'Too many attempts'],
  ])('passes a UserFacingError message %j through as %j', async (message, shown) => {
    const { error } = await settle(failing(new UserFacingError(message)), createEvent('PreSignUp_SignUp'))
    expect(error?.message).toBe(shown)
  })

  it('uses the generic message for an empty UserFacingError message', async () => {
    const { error } = await settle(failing(new UserFacingError(' . ')), createEvent('PreSignUp_SignUp'))
    expect(error?.message).toContain('reference req-0000-1111')
  })

  it('refuses a UserFacingError message holding the value of a path in its redact option', async () => {
    // Prepare
    const handler = middy(() => {
      throw new UserFacingError('Badge B-77-3141 is not valid')
    })
      .use(cognitoFailClosed({ redact: { paths: ['event.request.clientMetadata.badge'] } }))
      .use(cognitoEnvelope())
    const event = createEvent('PreSignUp_SignUp', { overrides: { request: { clientMetadata: { badge: 'B-77-3141' } } } })

    // Act
    const { error } = await settle(handler, event)

    // Assess
    expect(error?.message).toBe(`[INTERNAL_ERROR] ${DEFAULT_ERROR_MESSAGE.replace('{requestId}', 'req-0000-1111')}`)
  })

  it('refuses redact options that are wrong, naming them', () => {
    expect(() => cognitoFailClosed({ redact: { paths: ['request.x'] } })).toThrowError('redaction option "redact.paths[0]"')
  })

  it('refuses a generic message without {requestId} and unknown options', () => {
    expect(() => cognitoFailClosed({ errorMessage: 'Sorry' })).toThrowError(ConfigurationError)
    expect(() => cognitoFailClosed({ message: 'x' } as never)).toThrowError('unknown option "message"')
  })
})

// The forms parseTriggerError (src/client/) reads: `<Trigger> failed with error [CODE] message.`
const SHOWN = /^(\w+) failed with error (?:\[([A-Z0-9_]+)\] )?(.*?)\.?$/
const REFERENCE = /\(reference ([^)\s]+)\)/
const GENERIC_SHOWN = `[INTERNAL_ERROR] ${DEFAULT_ERROR_MESSAGE.replace('{requestId}', 'req-0000-1111')}`

describe('cognitoFailClosed and error codes', () => {
  it('shows a UserFacingError’s code before its message, in the form a client parses', async () => {
    // Prepare
    const event = createEvent('PreSignUp_SignUp')

    // Act
    const { error } = await settle(failing(new UserFacingError('This email domain is not allowed to sign up.', { code: 'EMAIL_DOMAIN_NOT_ALLOWED' })), event)

    // Assess
    expect(error?.message).toBe('[EMAIL_DOMAIN_NOT_ALLOWED] This email domain is not allowed to sign up')
    expect((error as TriggerRejectedError).code).toBe('EMAIL_DOMAIN_NOT_ALLOWED')
    expect(SHOWN.exec(shownToUser(event, error?.message ?? ''))?.slice(1)).toStrictEqual(['PreSignUp', 'EMAIL_DOMAIN_NOT_ALLOWED', 'This email domain is not allowed to sign up'])
  })

  it('shows a UserFacingError without a code as before, with no code to parse', async () => {
    // Prepare
    const event = createEvent('PreSignUp_SignUp')

    // Act
    const { error } = await settle(failing(new UserFacingError('Sign-up is closed')), event)

    // Assess
    expect(error?.message).toBe('Sign-up is closed')
    expect((error as TriggerRejectedError).code).toBeUndefined()
    expect(SHOWN.exec(shownToUser(event, error?.message ?? ''))?.slice(1)).toStrictEqual(['PreSignUp', undefined, 'Sign-up is closed'])
  })

  it('gives an internal error the code INTERNAL_ERROR and a reference a client parses', async () => {
    // Prepare
    const event = createEvent('PreSignUp_SignUp')

    // Act
    const { error } = await settle(failing(new Error('connection refused')), event)

    // Assess
    expect(error?.message).toBe(GENERIC_SHOWN)
    expect((error as TriggerRejectedError).code).toBe('INTERNAL_ERROR')
    const [, trigger, code, message] = SHOWN.exec(shownToUser(event, error?.message ?? '')) ?? []
    expect([trigger, code, REFERENCE.exec(message ?? '')?.[1]]).toStrictEqual(['PreSignUp', 'INTERNAL_ERROR', 'req-0000-1111'])
  })

  it('puts the code INTERNAL_ERROR in front of a configured generic message too', async () => {
    // Prepare
    const handler = middy(() => {
      throw new Error('x')
    })
      .use(cognitoFailClosed({ errorMessage: 'Sign-up is unavailable (reference {requestId})' }))
      .use(cognitoEnvelope())

    // Act
    const { error } = await settle(handler, createEvent('PreSignUp_SignUp'))

    // Assess
    expect(error?.message).toBe('[INTERNAL_ERROR] Sign-up is unavailable (reference req-0000-1111)')
  })

  it.each([
    ['its message holds the password', new UserFacingError('Wrong password Legacy-Passw0rd!', { code: 'WRONG_PASSWORD' })],
    ['its message holds the upper-cased password', new UserFacingError('Wrong password LEGACY-PASSW0RD!', { code: 'WRONG_PASSWORD' })],
    ['its message holds the URL-encoded password', new UserFacingError(`GET /login?p=${encodeURIComponent('Legacy-Passw0rd!')} refused`, { code: 'WRONG_PASSWORD' })],
    ['its message is empty', new UserFacingError(' . ', { code: 'EMPTY' })],
    ['it has no code, but its message starts as if it had one', new UserFacingError('[ADMIN_APPROVED] Welcome')],
    ['its code was changed after it was made', Object.assign(new UserFacingError('Refused', { code: 'REFUSED' }), { code: 'not a code] [X' })],
  ])('shows the generic message, code INTERNAL_ERROR, for a UserFacingError when %s', async (_case, thrown) => {
    // Prepare
    const event = createEvent('UserMigration_Authentication', { overrides: { request: { password: 'Legacy-Passw0rd!' } } })

    // Act
    const { error } = await settle(failing(thrown), event)

    // Assess
    expect(error?.message).toBe(GENERIC_SHOWN)
    expect((error as TriggerRejectedError).code).toBe('INTERNAL_ERROR')
  })

  it('fails closed with the generic message when a plugin makes a UserFacingError with a bad code', async () => {
    // Prepare
    const handler = middy(() => {
      throw new UserFacingError('Refused', { code: 'not-a-code' })
    })
      .use(cognitoFailClosed())
      .use(cognitoEnvelope())

    // Act
    const { error } = await settle(handler, createEvent('PreSignUp_SignUp'))

    // Assess
    expect(error?.message).toBe(GENERIC_SHOWN)
  })
})

