// End to end: cognito-local drives the router through the local Lambda endpoint, with the
// built-in plugins of the example configuration (src/local/example-config.json, what `npm start`
// and `npm run demo` run): signup-policy, user-migration, add-to-group, token-claims, sign-in-audit.
import {
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  ForgotPasswordCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CODE } from '../../src/local/cognito-local.js'
import { EXAMPLE } from '../../src/local/example.js'
import { startStack, type Stack } from '../../src/local/stack.js'
import { claimsOf, observe, PASSWORD, registry, rejection, signIn, signUp, STACK_TIMEOUT, summary } from './support/stack.js'

describe('the example configuration, driven by cognito-local', () => {
  let stack: Stack
  const subs: Record<string, string> = {}

  beforeAll(async () => {
    stack = await startStack({ registry })
  }, STACK_TIMEOUT)
  afterAll(() => stack?.close())

  it('confirms a sign-up from a trusted domain without a code (signup-policy), then adds the user to "users" (add-to-group)', async () => {
    // Act
    const { result, invocations } = await observe(stack, () => signUp(stack, EXAMPLE.trusted))
    subs[EXAMPLE.trusted] = result.UserSub!

    // Assess
    expect(result.UserConfirmed).toBe(true)
    expect(summary(invocations)).toStrictEqual([
      'PreSignUp_SignUp: signup-policy -> ok',
      'CustomMessage_SignUp: - -> ok',
      'PostConfirmation_ConfirmSignUp: add-to-group -> ok',
    ])
    expect(invocations[0]!.notes).toContainEqual(expect.objectContaining({ plugin: 'signup-policy', message: 'trusted email domain' }))
  })

  it('leaves any other sign-up unconfirmed until the code is entered, and runs PostConfirmation on confirmation', async () => {
    // Prepare
    const signedUp = await signUp(stack, EXAMPLE.regular)
    subs[EXAMPLE.regular] = signedUp.UserSub!

    // Act
    const early = await rejection(signIn(stack, EXAMPLE.regular))
    const { invocations } = await observe(stack, () =>
      stack.client.send(new ConfirmSignUpCommand({ ClientId: stack.clientId, Username: EXAMPLE.regular, ConfirmationCode: CODE })),
    )

    // Assess
    expect(signedUp.UserConfirmed).toBe(false)
    expect(early.name).toBe('UserNotConfirmedException')
    expect(summary(invocations)).toStrictEqual(['PostConfirmation_ConfirmSignUp: add-to-group -> ok'])
  })

  it('shows both confirmed users in the group add-to-group added them to through AdminAddUserToGroup', async () => {
    // Act: cognito-local matches the literal Username here, not an email alias, so ask by sub.
    const groups = await Promise.all(
      [EXAMPLE.trusted, EXAMPLE.regular].map((email) =>
        stack.client.send(new AdminListGroupsForUserCommand({ UserPoolId: stack.userPoolId, Username: subs[email] })),
      ),
    )

    // Assess
    expect(groups.map((answer) => answer.Groups?.map((group) => group.GroupName))).toStrictEqual([['users'], ['users']])
  })

  it('signs in, records the sign-in (sign-in-audit) and puts the configured claims in the ID token (token-claims)', async () => {
    // Act
    const { result: tokens, invocations } = await observe(stack, () => signIn(stack, EXAMPLE.trusted))

    // Assess: cognito-local calls PostAuthentication before TokenGeneration; Cognito's order is not asserted.
    expect(summary(invocations).sort()).toStrictEqual([
      'PostAuthentication_Authentication: sign-in-audit -> ok',
      'TokenGeneration_Authentication: token-claims -> ok',
    ])
    const audit = invocations.find((record) => record.triggerSource === 'PostAuthentication_Authentication')!
    expect(audit.notes).toStrictEqual([
      expect.objectContaining({ plugin: 'sign-in-audit', message: 'sign-in audit record', details: { audit: expect.objectContaining({ event: 'sign-in', sub: subs[EXAMPLE.trusted], clientId: stack.clientId }) } }),
    ])
    // V1 claimsOverrideDetails is all cognito-local applies, to the ID token only.
    expect(claimsOf(tokens.IdToken)).toMatchObject({ app: 'cognito-trigger-router-demo', 'cognito:groups': ['users'], email: EXAMPLE.trusted })
    expect(claimsOf(tokens.AccessToken)).not.toHaveProperty('app')
  })

  it('adds the claims again when the tokens are refreshed (TokenGeneration_RefreshTokens)', async () => {
    // Prepare
    const tokens = await signIn(stack, EXAMPLE.trusted)

    // Act
    const { result, invocations } = await observe(stack, () =>
      stack.client.send(new InitiateAuthCommand({ ClientId: stack.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken! } })),
    )

    // Assess
    expect(summary(invocations)).toStrictEqual(['TokenGeneration_RefreshTokens: token-claims -> ok'])
    expect(claimsOf(result.AuthenticationResult?.IdToken)).toMatchObject({ app: 'cognito-trigger-router-demo' })
  })

  it('resets a password with the code: PostConfirmation_ConfirmForgotPassword fires, and add-to-group stays out of it', async () => {
    // Act
    const forgot = await observe(stack, () => stack.client.send(new ForgotPasswordCommand({ ClientId: stack.clientId, Username: EXAMPLE.regular })))
    const confirm = await observe(stack, () =>
      stack.client.send(new ConfirmForgotPasswordCommand({ ClientId: stack.clientId, Username: EXAMPLE.regular, ConfirmationCode: CODE, Password: 'N3w-Passw0rd!' })),
    )
    const tokens = await signIn(stack, EXAMPLE.regular, 'N3w-Passw0rd!')

    // Assess
    expect(summary(forgot.invocations)).toStrictEqual(['CustomMessage_ForgotPassword: - -> ok'])
    expect(summary(confirm.invocations)).toStrictEqual(['PostConfirmation_ConfirmForgotPassword: - -> ok'])
    expect(tokens.IdToken).toBeDefined()
  })

  it('migrates a user only the legacy store knows on first sign-in (user-migration), with their legacy attributes', async () => {
    // Act
    const { result: tokens, invocations } = await observe(stack, () => signIn(stack, EXAMPLE.legacy.username, EXAMPLE.legacy.password))

    // Assess
    expect(summary(invocations).sort()).toStrictEqual([
      'PostAuthentication_Authentication: sign-in-audit -> ok',
      'TokenGeneration_Authentication: token-claims -> ok',
      'UserMigration_Authentication: user-migration -> ok',
    ])
    expect(claimsOf(tokens.IdToken)).toMatchObject({ email: EXAMPLE.legacy.username, email_verified: true, 'custom:legacy_id': '1906', legacy_id: '1906' })
    expect(stack.legacyStore.calls).toStrictEqual([{ action: 'authenticate', username: EXAMPLE.legacy.username, status: 200 }])
  })

  it('does not migrate someone the legacy store does not know: user-migration answers with the event unchanged', async () => {
    // Act: cognito-local then creates a user anyway, from the unchanged reply, where Cognito
    // refuses the sign-in (listed in cognito-local-gaps.test.ts); so only the router's side is asserted.
    const { invocations } = await observe(stack, () => signIn(stack, 'linus@legacy.example', 'any-Passw0rd!').catch(() => ({})))

    // Assess
    const migration = invocations.find((record) => record.triggerSource === 'UserMigration_Authentication')!
    expect(migration.outcome).toBe('ok')
    expect(migration.notes).toStrictEqual([
      expect.objectContaining({ plugin: 'user-migration', message: 'user not migrated: unknown to the legacy store, or a wrong password' }),
    ])
    expect(stack.legacyStore.calls.at(-1)).toStrictEqual({ action: 'authenticate', username: 'linus@legacy.example', status: 404 })
  })

  it('refuses a sign-up from a denied domain with the plugin\'s message, as UserLambdaValidationException, and creates no user', async () => {
    // Act
    const { result: failure, invocations } = await observe(stack, () => rejection(signUp(stack, EXAMPLE.blocked, PASSWORD)))
    const lookup = await rejection(stack.client.send(new AdminGetUserCommand({ UserPoolId: stack.userPoolId, Username: EXAMPLE.blocked })))

    // Assess
    expect(failure).toStrictEqual({ name: 'UserLambdaValidationException', message: 'PreSignUp failed with error [EMAIL_DOMAIN_NOT_ALLOWED] This email domain is not allowed to sign up.' })
    expect(summary(invocations)).toStrictEqual(['PreSignUp_SignUp: signup-policy (failed) -> rejected'])
    expect(invocations[0]!.failure?.name).toBe('UserFacingError')
    expect(lookup.name).toBe('UserNotFoundException')
  })
})
