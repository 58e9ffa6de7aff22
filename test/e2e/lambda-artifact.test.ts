// End to end with what ships: the built Lambda (dist/index.mjs, configured through
// COGNITO_ROUTER_CONFIG as on Lambda) served by the built CLI (`dist/cli.mjs serve --handler`),
// driven by cognito-local. Needs `npm run build` first; `npm test` runs it.
import {
  AdminListGroupsForUserCommand,
  ConfirmSignUpCommand,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
  SignUpCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CODE, freePort, startCognitoLocal, type CognitoLocal } from '../../src/local/cognito-local.js'
import { localCognitoClient } from '../../src/local/stack.js'
import { LAMBDA, runCli, type RunningCli } from './support/cli.js'
import { PASSWORD, STACK_TIMEOUT } from './support/stack.js'

const CONFIG = { plugins: { 'add-to-group': { groups: ['users'] }, 'sign-in-audit': true } }

describe('the built Lambda, served by the built CLI, driven by cognito-local', () => {
  let serve: RunningCli
  let cognito: CognitoLocal
  let client: CognitoIdentityProviderClient
  let clientId = ''
  let userPoolId = ''

  beforeAll(async () => {
    const cognitoPort = await freePort()
    serve = runCli(['serve', '--handler', LAMBDA, '--port', '0'], {
      COGNITO_ROUTER_CONFIG: JSON.stringify(CONFIG),
      AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: `http://127.0.0.1:${cognitoPort}`,
      AWS_REGION: 'local',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
    })
    const [, lambdaUrl] = await serve.waitFor(/Lambda Invoke endpoint (http:\/\/127\.0\.0\.1:\d+)/)
    cognito = await startCognitoLocal({ lambdaUrl: lambdaUrl!, port: cognitoPort })
    client = localCognitoClient(cognito.url)
    const pool = await client.send(new CreateUserPoolCommand({ PoolName: 'artifact', UsernameAttributes: ['email'], AutoVerifiedAttributes: ['email'] }))
    userPoolId = pool.UserPool!.Id!
    const app = await client.send(new CreateUserPoolClientCommand({ UserPoolId: userPoolId, ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }))
    clientId = app.UserPoolClient!.ClientId!
    await client.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: 'users' }))
  }, STACK_TIMEOUT)

  afterAll(async () => {
    client?.destroy()
    await cognito?.close()
    await serve?.stop('SIGKILL')
  })

  it('runs add-to-group from the bundle on confirmation, and prints which plugins ran', async () => {
    // Act
    const { UserSub } = await client.send(new SignUpCommand({ ClientId: clientId, Username: 'lin@example.com', Password: PASSWORD }))
    await client.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'lin@example.com', ConfirmationCode: CODE }))
    const groups = await client.send(new AdminListGroupsForUserCommand({ UserPoolId: userPoolId, Username: UserSub }))

    // Assess
    expect(groups.Groups?.map((group) => group.GroupName)).toStrictEqual(['users'])
    await serve.waitFor(/PostConfirmation_ConfirmSignUp\s+add-to-group\s+ok\s+\d+ ms/)
    await serve.waitFor(/↳ add-to-group: added the user to groups\s+groups=\["users"\]/)
  })

  it('signs in through the bundle, with sign-in-audit on PostAuthentication', async () => {
    // Act
    const result = await client.send(
      new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'lin@example.com', PASSWORD } }),
    )

    // Assess
    expect(result.AuthenticationResult?.IdToken).toBeDefined()
    await serve.waitFor(/PostAuthentication_Authentication\s+sign-in-audit\s+ok/)
    expect(serve.lines.join('\n')).not.toContain('"message":"cognito trigger dispatched"')
  })

  it('stops cleanly on SIGTERM', async () => {
    // Act
    const code = await serve.stop('SIGTERM')

    // Assess
    expect(code).toBe(0)
    expect(serve.lines.at(-1)).toBe('Stopped.')
  })
})
