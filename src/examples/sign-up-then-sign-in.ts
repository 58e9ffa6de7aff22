// -- example: sign up, confirm, and be signed in without typing the password again ---------
// With ALLOW_USER_AUTH on the app client, SignUp returns a Session; ConfirmSignUp accepts it and
// returns a new one, which InitiateAuth (USER_AUTH) exchanges for tokens. Every Cognito trigger
// the router serves runs on the way: PreSignUp, CustomMessage or the custom senders,
// PostConfirmation, PreAuthentication, PostAuthentication and pre token generation.

import {
  ConfirmSignUpCommand,
  InitiateAuthCommand,
  SignUpCommand,
  type AuthenticationResultType,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider'

export interface SignUpThenSignInOptions {
  clientId: string
  username: string
  password: string
  /** Attributes to sign up with, e.g. `{ email: 'ada@example.com' }`. */
  userAttributes?: Record<string, string>
  /** Asked once, after SignUp, for the code the user received (not called when a trigger auto-confirmed the user). */
  confirmationCode: () => string | Promise<string>
  /**
   * `'USER_AUTH'` (default) signs in with the Session, no password needed. `'USER_PASSWORD_AUTH'`
   * signs in with the password instead: for the cognito-local emulator, which supports neither
   * USER_AUTH nor sign-up Sessions, and for app clients that allow ALLOW_USER_PASSWORD_AUTH only.
   */
  flow?: 'USER_AUTH' | 'USER_PASSWORD_AUTH'
}

export interface SignUpThenSignInResult {
  userSub: string
  /** True when a PreSignUp trigger confirmed the user (`autoConfirmUser`), so no code was asked for. */
  autoConfirmed: boolean
  tokens: AuthenticationResultType
}

/** Cognito returned no Session where USER_AUTH needs one. The message says how to fix the app client. */
export class MissingSessionError extends Error {
  constructor(step: 'SignUp' | 'ConfirmSignUp', clientId: string) {
    super(
      `${step} returned no Session, so the user cannot be signed in without the password. The app client ${clientId} ` +
        'does not allow ALLOW_USER_AUTH: add it to ExplicitAuthFlows (CDK: authFlows: { user: true }; ' +
        'CognitoTriggerRouter: appClient: true; CLI: aws cognito-idp update-user-pool-client with ' +
        '--explicit-auth-flows ALLOW_USER_AUTH ALLOW_REFRESH_TOKEN_AUTH and every other setting of the client, ' +
        "because omitted settings are reset), or pass flow: 'USER_PASSWORD_AUTH'.",
    )
    this.name = 'MissingSessionError'
  }
}

/** InitiateAuth answered with a challenge (e.g. MFA) instead of tokens; answer it with RespondToAuthChallenge. */
export class ChallengeRequiredError extends Error {
  readonly challengeName: string
  readonly session: string | undefined
  constructor(challengeName: string, session: string | undefined) {
    super(`sign-in needs the ${challengeName} challenge answered before tokens are issued`)
    this.name = 'ChallengeRequiredError'
    this.challengeName = challengeName
    this.session = session
  }
}

/**
 * Signs a new user up and, once confirmed, signs them in.
 *
 * @example
 * ```ts
 * import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider'
 *
 * const { tokens } = await signUpThenSignIn(new CognitoIdentityProviderClient({}), {
 *   clientId: '1example23456789',
 *   username: 'ada@example.com',
 *   password: 'correct horse battery staple',
 *   userAttributes: { email: 'ada@example.com' },
 *   confirmationCode: () => prompt('Code from the email'),
 * })
 * ```
 */
export const signUpThenSignIn = async (
  client: CognitoIdentityProviderClient,
  options: SignUpThenSignInOptions,
): Promise<SignUpThenSignInResult> => {
  const { clientId, username, password, userAttributes = {}, confirmationCode, flow = 'USER_AUTH' } = options
  const signUp = await client.send(
    new SignUpCommand({
      ClientId: clientId,
      Username: username,
      Password: password,
      UserAttributes: Object.entries(userAttributes).map(([Name, Value]) => ({ Name, Value })),
    }),
  )
  if (flow === 'USER_AUTH' && !signUp.Session) throw new MissingSessionError('SignUp', clientId)

  let session = signUp.Session
  const autoConfirmed = signUp.UserConfirmed === true
  if (!autoConfirmed) {
    const confirmed = await client.send(
      new ConfirmSignUpCommand({
        ClientId: clientId,
        Username: username,
        ConfirmationCode: await confirmationCode(),
        ...(flow === 'USER_AUTH' ? { Session: session } : {}),
      }),
    )
    session = confirmed.Session
    if (flow === 'USER_AUTH' && !session) throw new MissingSessionError('ConfirmSignUp', clientId)
  }

  const auth = await client.send(
    flow === 'USER_AUTH'
      ? new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: username }, Session: session })
      : new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: username, PASSWORD: password },
        }),
  )
  if (!auth.AuthenticationResult) throw new ChallengeRequiredError(auth.ChallengeName ?? 'unknown', auth.Session)
  return { userSub: signUp.UserSub ?? '', autoConfirmed, tokens: auth.AuthenticationResult }
}
