// End to end: the error the AWS SDK v3 throws when a trigger refuses through cognito-local, read by
// `cognito-trigger-router/client`. cognito-local writes the configured function name where Cognito
// writes the trigger name; the local stack names every function after its trigger
// (src/local/cognito-local.ts), so the text is Cognito's: `PreSignUp failed with error <message>.`
import { UserLambdaValidationException } from '@aws-sdk/client-cognito-identity-provider'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseTriggerError } from '../../src/client/index.js'
import { definePlugin, UserFacingError } from '../../src/index.js'
import { startStack, type Stack } from '../../src/local/stack.js'
import { observe, registry, signUp, STACK_TIMEOUT } from './support/stack.js'

const testPlugins = {
  // Refuses addresses outside corp.example with a code, as signup-policy does.
  'company-only': () =>
    definePlugin({
      name: 'company-only',
      triggers: ['PreSignUp_SignUp'],
      handler: (event) => {
        const email = event.request.userAttributes.email ?? ''
        if (!email.endsWith('@corp.example')) {
          throw new UserFacingError('Please use your company email', { code: 'EMAIL_DOMAIN_NOT_ALLOWED' })
        }
      },
    }),
  // Fails with an internal error for addresses starting with "boom".
  explode: () =>
    definePlugin({
      name: 'explode',
      triggers: ['PreSignUp_SignUp'],
      handler: (event) => {
        if (event.request.userAttributes.email?.startsWith('boom')) throw new Error('db-7 refused the connection')
      },
    }),
}

/** What the SDK call rejected with, the error object itself. */
const thrownBy = async (promise: Promise<unknown>): Promise<unknown> => {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected the call to fail, and it succeeded')
}

describe('a trigger refusal, as the AWS SDK v3 throws it and parseTriggerError reads it', () => {
  let stack: Stack

  beforeAll(async () => {
    stack = await startStack({
      registry: { ...registry, ...testPlugins },
      config: { plugins: { 'company-only': true, explode: true } },
      configName: 'the client test configuration',
    })
  }, STACK_TIMEOUT)
  afterAll(() => stack?.close())

  it("reads the code and message of a plugin's refusal", async () => {
    // Act
    const error = await thrownBy(signUp(stack, 'eve@gmail.example'))

    // Assess
    expect(error).toBeInstanceOf(UserLambdaValidationException)
    expect((error as Error).message).toBe('PreSignUp failed with error [EMAIL_DOMAIN_NOT_ALLOWED] Please use your company email.')
    expect(parseTriggerError(error)).toStrictEqual({
      trigger: 'PreSignUp',
      code: 'EMAIL_DOMAIN_NOT_ALLOWED',
      message: 'Please use your company email',
      requestId: undefined,
    })
  })

  it('reads the reference of the generic message, the request id in the logs', async () => {
    // Act
    const { result: error, invocations } = await observe(stack, () => thrownBy(signUp(stack, 'boom@corp.example')))

    // Assess
    expect(error).toBeInstanceOf(UserLambdaValidationException)
    const info = parseTriggerError(error)
    expect(info).toMatchObject({ trigger: 'PreSignUp', code: 'INTERNAL_ERROR', requestId: invocations[0]!.requestId })
    expect(info?.message).not.toContain('db-7')
  })

  it('returns undefined for a refusal of Cognito itself, not of a trigger', async () => {
    // Arrange: the same address twice; Cognito refuses the second sign-up before any trigger runs.
    await signUp(stack, 'jane@corp.example')

    // Act
    const error = await thrownBy(signUp(stack, 'jane@corp.example'))

    // Assess
    expect((error as Error).name).toBe('UsernameExistsException')
    expect(parseTriggerError(error)).toBeUndefined()
  })
})
