// End to end: one router serving two user pools of cognito-local applies each pool's sign-up
// policy, and the refusal reaches the AWS SDK client as a code parseTriggerError reads. cognito-local
// sends every pool's triggers to the one Lambda endpoint, as a function attached to several pools
// (addUserPool) receives them; the pool ids exist only once the pools do, so the router is built
// then, from the configuration a deployment would write with those ids, the way `serve` builds it.
import {
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  SignUpCommand,
  UserLambdaValidationException,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider'
import type { Context } from 'aws-lambda'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseTriggerError } from '../../src/client/index.js'
import { startCognitoLocal, type CognitoLocal } from '../../src/local/cognito-local.js'
import { routerFrom } from '../../src/local/router-config.js'
import { startLocalLambda, type LocalLambda } from '../../src/local/server.js'
import { localCognitoClient } from '../../src/local/stack.js'
import { createRouterTrace } from '../../src/local/trace.js'
import type { CognitoRouter } from '../../src/router.js'
import { PASSWORD, STACK_TIMEOUT } from './support/stack.js'

interface App {
  readonly userPoolId: string
  readonly clientId: string
}

const createApp = async (client: CognitoIdentityProviderClient, name: string): Promise<App> => {
  const pool = await client.send(new CreateUserPoolCommand({ PoolName: name, UsernameAttributes: ['email'] }))
  const userPoolId = pool.UserPool?.Id ?? ''
  const app = await client.send(new CreateUserPoolClientCommand({ UserPoolId: userPoolId, ClientName: `${name}-web` }))
  return { userPoolId, clientId: app.UserPoolClient?.ClientId ?? '' }
}

/** The SDK's error for a sign-up, or 'signed up'. */
const signUp = async (client: CognitoIdentityProviderClient, app: App, email: string): Promise<unknown> => {
  try {
    await client.send(new SignUpCommand({ ClientId: app.clientId, Username: email, Password: PASSWORD }))
    return 'signed up'
  } catch (error) {
    return error
  }
}

describe('two pools served by one router', () => {
  let lambda: LocalLambda
  let cognito: CognitoLocal
  let client: CognitoIdentityProviderClient
  let partners: App
  let staff: App
  let staffKiosk: App
  let router: CognitoRouter | undefined
  const trace = createRouterTrace()

  beforeAll(async () => {
    lambda = await startLocalLambda({ handler: (event: unknown, context: Context) => (router as CognitoRouter)(event, context), trace })
    cognito = await startCognitoLocal({ lambdaUrl: lambda.url })
    client = localCognitoClient(cognito.url)
    partners = await createApp(client, 'partners')
    staff = await createApp(client, 'staff')
    const kiosk = await client.send(new CreateUserPoolClientCommand({ UserPoolId: staff.userPoolId, ClientName: 'staff-kiosk' }))
    staffKiosk = { userPoolId: staff.userPoolId, clientId: kiosk.UserPoolClient?.ClientId ?? '' }
    // The default denies partner.example; the partners pool's override allows it, and so does the
    // staff pool's kiosk app client's.
    const config = {
      plugins: { 'signup-policy': { denyDomains: ['partner.example'] } },
      pools: {
        [partners.userPoolId]: { plugins: { 'signup-policy': { allowDomains: ['partner.example'] } } },
        [staff.userPoolId]: { clients: { [staffKiosk.clientId]: { plugins: { 'signup-policy': false } } } },
      },
    }
    router = routerFrom({ config, source: 'the two-pool configuration' }, trace)
  }, STACK_TIMEOUT)
  afterAll(async () => {
    client?.destroy()
    await cognito?.close()
    await lambda?.close()
  })

  it('applies each pool its own policy in the same run', async () => {
    // Act
    const inPartners = await signUp(client, partners, 'ann@partner.example')
    const inStaff = await signUp(client, staff, 'ann@partner.example')
    const elsewhereInPartners = await signUp(client, partners, 'bob@gmail.example')

    // Assess
    expect(inPartners).toBe('signed up')
    expect(inStaff).toBeInstanceOf(UserLambdaValidationException)
    expect(parseTriggerError(inStaff)).toMatchObject({ trigger: 'PreSignUp', code: 'EMAIL_DOMAIN_NOT_ALLOWED' })
    expect(parseTriggerError(elsewhereInPartners)).toMatchObject({ trigger: 'PreSignUp', code: 'EMAIL_DOMAIN_NOT_ALLOWED' })
    expect(lambda.invocations.map(({ triggerSource, outcome }) => `${triggerSource}: ${outcome}`).slice(-3)).toStrictEqual([
      'PreSignUp_SignUp: ok',
      'PreSignUp_SignUp: rejected',
      'PreSignUp_SignUp: rejected',
    ])
  })

  it("applies an app client's override, from the client id cognito-local puts in callerContext", async () => {
    // Act
    const outcome = await signUp(client, staffKiosk, 'cat@partner.example')

    // Assess
    expect(outcome).toBe('signed up')
  })
})
