import middy from '@middy/core'
import { describe, expect, it } from 'vitest'
import { ConfigurationError, TriggerRejectedError, UserFacingError } from '../../../src/errors.js'
import { cognitoEnvelope } from '../../../src/middleware/envelope.js'
import { cognitoFailClosed, DEFAULT_ERROR_MESSAGE } from '../../../src/middleware/fail-closed.js'
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
    expect(error?.message).toBe(DEFAULT_ERROR_MESSAGE.replace('{requestId}', 'req-0000-1111'))
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
    expect(error?.message).toBe(DEFAULT_ERROR_MESSAGE.replace('{requestId}', 'req-0000-1111'))
  })

  it('refuses redact options that are wrong, naming them', () => {
    expect(() => cognitoFailClosed({ redact: { paths: ['request.x'] } })).toThrowError('redaction option "redact.paths[0]"')
  })

  it('refuses a generic message without {requestId} and unknown options', () => {
    expect(() => cognitoFailClosed({ errorMessage: 'Sorry' })).toThrowError(ConfigurationError)
    expect(() => cognitoFailClosed({ message: 'x' } as never)).toThrowError('unknown option "message"')
  })
})
