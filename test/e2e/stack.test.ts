// The local stack's life cycle: one per process, every mistake stops what already started and
// restores the environment the plugins' SDK clients read.
import { AdminListGroupsForUserCommand } from '@aws-sdk/client-cognito-identity-provider'
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb'
import { describe, expect, it } from 'vitest'
import { ConfigurationError } from '../../src/errors.js'
import { localDynamoDBClient } from '../../src/local/dynalite.js'
import { LocalStackError } from '../../src/local/errors.js'
import { startStack, type Stack } from '../../src/local/stack.js'
import { createEvent } from '../../src/testing/events.js'
import { registry, signUp, STACK_TIMEOUT } from './support/stack.js'

const SDK_ENV = ['AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER', 'AWS_ENDPOINT_URL_DYNAMODB', 'AWS_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'LEGACY_STORE_TOKEN'] as const
const environment = () => Object.fromEntries(SDK_ENV.map((key) => [key, process.env[key]]))

describe('startStack', () => {
  it('points the SDK at cognito-local while running, refuses a second stack, and restores the environment when closed', async () => {
    // Prepare
    const before = environment()
    const progress: string[] = []

    // Act
    const stack = await startStack({ registry, config: { plugins: { 'sign-in-audit': true } }, onProgress: (line) => progress.push(line) })
    const during = environment()
    const second = await startStack({ registry, config: { plugins: {} } }).catch((error: Error) => error)
    await stack.close()
    await stack.close()

    // Assess
    expect(during).toMatchObject({ AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: stack.cognitoUrl, AWS_REGION: 'local', LEGACY_STORE_TOKEN: stack.legacyStore.token })
    expect(during.AWS_ENDPOINT_URL_DYNAMODB).toBeUndefined()
    expect(stack.idempotency).toBeUndefined()
    expect(second).toBeInstanceOf(LocalStackError)
    expect(environment()).toStrictEqual(before)
    expect(progress).toStrictEqual([
      'starting the legacy user store (for user-migration)',
      'building the router: sign-in-audit',
      'starting the local Lambda endpoint',
      'starting cognito-local',
      'creating a user pool, an app client and groups',
    ])
    await expect(fetch(`${stack.cognitoUrl}/health`)).rejects.toThrow()
  }, STACK_TIMEOUT)

  it('refuses a configuration naming a plugin the registry lacks, before starting anything', async () => {
    // Act
    const error = await startStack({ registry: {}, config: { plugins: { 'token-claims': {} } }, configName: 'my.json' }).catch((caught: Error) => caught)

    // Assess
    expect(error).toBeInstanceOf(ConfigurationError)
    expect((error as Error).message).toMatch(/^my\.json enables "token-claims", which is not in the built-in plugin registry/)
  })

  it('names the configuration when a plugin refuses its options, and leaves nothing running', async () => {
    // Prepare
    const before = environment()

    // Act
    const error = await startStack({ registry, config: { plugins: { 'add-to-group': { groups: 'users' } } }, configName: 'my.json' }).catch((caught: Error) => caught)
    const retry = await startStack({ registry, config: { plugins: {} } })
    await retry.close()

    // Assess
    expect(error).toBeInstanceOf(ConfigurationError)
    expect((error as Error).message).toMatch(/^my\.json: configuration: "plugins\.add-to-group": /)
    expect(environment()).toStrictEqual(before)
  }, STACK_TIMEOUT)

  describe('with the idempotency option', () => {
    const config = { plugins: { 'add-to-group': { groups: ['users'] } }, idempotency: { tableName: 'local-idempotency' } }

    // What Cognito would send again after a late answer: one PostConfirmation for a user of the pool.
    const invokePostConfirmation = async (stack: Stack, userName: string, email: string): Promise<Response> =>
      fetch(`${stack.lambdaUrl}/2015-03-31/functions/PostConfirmation/invocations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(
          createEvent('PostConfirmation_ConfirmSignUp', {
            userAttributes: { sub: userName, email, email_verified: 'true' },
            overrides: { userPoolId: stack.userPoolId, userName, region: 'local', callerContext: { clientId: stack.clientId } },
          }),
        ),
      })

    it('runs dynalite with the table, points the SDK at it, and runs add-to-group once for a replayed PostConfirmation', async () => {
      // Prepare
      const before = environment()
      const progress: string[] = []
      const stack = await startStack({ registry, config, onProgress: (line) => progress.push(line) })
      const during = environment()
      const dynamo = localDynamoDBClient(stack.idempotency!.dynamoUrl)
      const table = await dynamo.send(new DescribeTableCommand({ TableName: 'local-idempotency' }))
      dynamo.destroy()
      const { UserSub: userName } = await signUp(stack, 'ada@example.com')

      // Act
      const first = await invokePostConfirmation(stack, userName!, 'ada@example.com')
      const second = await invokePostConfirmation(stack, userName!, 'ada@example.com')
      const groups = await stack.client.send(new AdminListGroupsForUserCommand({ UserPoolId: stack.userPoolId, Username: userName }))
      await stack.close()

      // Assess
      expect(progress).toContain('creating the idempotency table "local-idempotency" in dynalite (DynamoDB)')
      expect(table.Table?.TableStatus).toBe('ACTIVE')
      expect(during.AWS_ENDPOINT_URL_DYNAMODB).toBe(stack.idempotency!.dynamoUrl)
      expect([first.status, second.status]).toStrictEqual([200, 200])
      expect(await second.json()).toStrictEqual(await first.json())
      const postConfirmations = stack.invocations.filter((record) => record.triggerSource === 'PostConfirmation_ConfirmSignUp')
      expect(postConfirmations.map((record) => record.plugins.map(({ plugin, idempotency }) => ({ plugin, idempotency })))).toStrictEqual([
        [{ plugin: 'add-to-group', idempotency: 'first-run' }],
        [{ plugin: 'add-to-group', idempotency: 'replayed' }],
      ])
      expect(groups.Groups?.map((group) => group.GroupName)).toStrictEqual(['users'])
      expect(environment()).toStrictEqual(before)
      await expect(fetch(stack.idempotency!.dynamoUrl)).rejects.toThrow()
    }, STACK_TIMEOUT)

    it('runs without idempotency, and says so in one line, when dynalite is not installed', async () => {
      // Prepare
      const progress: string[] = []

      // Act
      const stack = await startStack({ registry, config, startDynalite: () => Promise.resolve(undefined), onProgress: (line) => progress.push(line) })
      const during = environment()
      const { UserSub: userName } = await signUp(stack, 'bob@example.com')
      await invokePostConfirmation(stack, userName!, 'bob@example.com')
      await stack.close()

      // Assess
      expect(stack.idempotency).toBeUndefined()
      expect(during.AWS_ENDPOINT_URL_DYNAMODB).toBeUndefined()
      expect(progress.filter((line) => line.includes('dynalite'))).toStrictEqual([
        'dynalite is not installed: running without idempotency (`npm install --no-save dynalite` to have it)',
      ])
      expect(stack.invocations.at(-1)?.plugins).toMatchObject([{ plugin: 'add-to-group', outcome: 'ok' }])
      expect(stack.invocations.at(-1)?.plugins[0]).not.toHaveProperty('idempotency')
    }, STACK_TIMEOUT)
  })
})
