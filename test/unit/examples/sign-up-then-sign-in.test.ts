import {
  CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  InitiateAuthCommand,
  NotAuthorizedException,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { mockClient } from 'aws-sdk-client-mock'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { ChallengeRequiredError, MissingSessionError, signUpThenSignIn } from '../../../src/examples/sign-up-then-sign-in.js'
import { restoredAfterAll } from '../../helpers/sdk-mock.js'

const cognito = restoredAfterAll(mockClient(CognitoIdentityProviderClient))
const client = new CognitoIdentityProviderClient({ region: 'eu-west-1' })
const TOKENS = { AccessToken: 'access', IdToken: 'id', RefreshToken: 'refresh', ExpiresIn: 3600, TokenType: 'Bearer' }
const options = {
  clientId: 'client-1',
  username: 'ada@example.com',
  password: 'correct horse battery staple',
  userAttributes: { email: 'ada@example.com', locale: 'en' },
  confirmationCode: () => '123456',
}

beforeEach(() => {
  cognito.reset()
  cognito.on(SignUpCommand).resolves({ UserConfirmed: false, UserSub: 'sub-1', Session: 'session-from-sign-up' })
  cognito.on(ConfirmSignUpCommand).resolves({ Session: 'session-from-confirm' })
  cognito.on(InitiateAuthCommand).resolves({ AuthenticationResult: TOKENS })
})

describe('signUpThenSignIn', () => {
  it('signs up, confirms with the sign-up Session, then signs in with USER_AUTH and the confirmation Session', async () => {
    // Act
    const result = await signUpThenSignIn(client, options)

    // Assess
    expect(result).toStrictEqual({ userSub: 'sub-1', autoConfirmed: false, tokens: TOKENS })
    expect(cognito.commandCalls(SignUpCommand)[0]!.args[0].input).toStrictEqual({
      ClientId: 'client-1',
      Username: 'ada@example.com',
      Password: 'correct horse battery staple',
      UserAttributes: [
        { Name: 'email', Value: 'ada@example.com' },
        { Name: 'locale', Value: 'en' },
      ],
    })
    expect(cognito.commandCalls(ConfirmSignUpCommand)[0]!.args[0].input).toStrictEqual({
      ClientId: 'client-1',
      Username: 'ada@example.com',
      ConfirmationCode: '123456',
      Session: 'session-from-sign-up',
    })
    expect(cognito.commandCalls(InitiateAuthCommand)[0]!.args[0].input).toStrictEqual({
      ClientId: 'client-1',
      AuthFlow: 'USER_AUTH',
      AuthParameters: { USERNAME: 'ada@example.com' },
      Session: 'session-from-confirm',
    })
  })

  it('never sends the password to InitiateAuth on the USER_AUTH path', async () => {
    // Act
    await signUpThenSignIn(client, options)

    // Assess
    expect(JSON.stringify(cognito.commandCalls(InitiateAuthCommand)[0]!.args[0].input)).not.toContain(options.password)
  })

  it('waits for an asynchronous code provider, after SignUp', async () => {
    // Prepare
    const confirmationCode = vi.fn(async () => {
      expect(cognito.commandCalls(SignUpCommand)).toHaveLength(1)
      return '654321'
    })

    // Act
    await signUpThenSignIn(client, { ...options, confirmationCode })

    // Assess
    expect(confirmationCode).toHaveBeenCalledOnce()
    expect(cognito.commandCalls(ConfirmSignUpCommand)[0]!.args[0].input.ConfirmationCode).toBe('654321')
  })

  it('skips the code when a PreSignUp trigger auto-confirmed the user, and signs in with the sign-up Session', async () => {
    // Prepare
    cognito.on(SignUpCommand).resolves({ UserConfirmed: true, UserSub: 'sub-2', Session: 'session-from-sign-up' })
    const confirmationCode = vi.fn(() => '000000')

    // Act
    const result = await signUpThenSignIn(client, { ...options, confirmationCode })

    // Assess
    expect(result.autoConfirmed).toBe(true)
    expect(confirmationCode).not.toHaveBeenCalled()
    expect(cognito.commandCalls(ConfirmSignUpCommand)).toHaveLength(0)
    expect(cognito.commandCalls(InitiateAuthCommand)[0]!.args[0].input.Session).toBe('session-from-sign-up')
  })

  it('explains that the app client lacks ALLOW_USER_AUTH when SignUp returns no Session, before asking for a code', async () => {
    // Prepare
    cognito.on(SignUpCommand).resolves({ UserConfirmed: false, UserSub: 'sub-1' })
    const confirmationCode = vi.fn(() => '123456')

    // Act
    const error = await signUpThenSignIn(client, { ...options, confirmationCode }).catch((caught: unknown) => caught)

    // Assess
    expect(error).toBeInstanceOf(MissingSessionError)
    expect((error as Error).name).toBe('MissingSessionError')
    expect((error as Error).message).toMatch(/^SignUp returned no Session/)
    expect((error as Error).message).toContain('The app client client-1 does not allow ALLOW_USER_AUTH')
    expect((error as Error).message).toContain("authFlows: { user: true }")
    expect((error as Error).message).toContain("flow: 'USER_PASSWORD_AUTH'")
    expect(confirmationCode).not.toHaveBeenCalled()
  })

  it('explains the same when ConfirmSignUp returns no Session', async () => {
    // Prepare
    cognito.on(ConfirmSignUpCommand).resolves({})

    // Act & Assess
    await expect(signUpThenSignIn(client, options)).rejects.toThrowError(/^ConfirmSignUp returned no Session.*ALLOW_USER_AUTH/)
    expect(cognito.commandCalls(InitiateAuthCommand)).toHaveLength(0)
  })

  it('falls back to USER_PASSWORD_AUTH on request, e.g. against cognito-local, which has no USER_AUTH', async () => {
    // Prepare: cognito-local returns no Session from SignUp or ConfirmSignUp
    cognito.on(SignUpCommand).resolves({ UserConfirmed: false, UserSub: 'sub-3' })
    cognito.on(ConfirmSignUpCommand).resolves({})

    // Act
    const result = await signUpThenSignIn(client, { ...options, flow: 'USER_PASSWORD_AUTH' })

    // Assess
    expect(result.tokens).toStrictEqual(TOKENS)
    expect(cognito.commandCalls(ConfirmSignUpCommand)[0]!.args[0].input).not.toHaveProperty('Session')
    expect(cognito.commandCalls(InitiateAuthCommand)[0]!.args[0].input).toStrictEqual({
      ClientId: 'client-1',
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'ada@example.com', PASSWORD: 'correct horse battery staple' },
    })
  })

  it('reports a challenge (e.g. MFA) instead of tokens with its name and session', async () => {
    // Prepare
    cognito.on(InitiateAuthCommand).resolves({ ChallengeName: 'SMS_MFA', Session: 'mfa-session' })

    // Act
    const error = await signUpThenSignIn(client, options).catch((caught: unknown) => caught)

    // Assess
    expect(error).toBeInstanceOf(ChallengeRequiredError)
    expect(error).toMatchObject({ name: 'ChallengeRequiredError', challengeName: 'SMS_MFA', session: 'mfa-session' })
  })

  it('passes Cognito errors through, e.g. a PreSignUp trigger refusing the sign-up', async () => {
    // Prepare
    const refused = new NotAuthorizedException({ message: 'PreSignUp failed with error Please use your work address.', $metadata: {} })
    cognito.on(SignUpCommand).rejects(refused)

    // Act & Assess
    await expect(signUpThenSignIn(client, options)).rejects.toBe(refused)
  })

  it('signs up without attributes when none are given', async () => {
    // Act
    await signUpThenSignIn(client, { ...options, userAttributes: undefined })

    // Assess
    expect(cognito.commandCalls(SignUpCommand)[0]!.args[0].input.UserAttributes).toStrictEqual([])
  })
})
