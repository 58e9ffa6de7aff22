// The local stack's life cycle: one per process, every mistake stops what already started and
// restores the environment the plugins' SDK clients read.
import { describe, expect, it } from 'vitest'
import { ConfigurationError } from '../../src/errors.js'
import { LocalStackError } from '../../src/local/errors.js'
import { startStack } from '../../src/local/stack.js'
import { registry, STACK_TIMEOUT } from './support/stack.js'

const SDK_ENV = ['AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER', 'AWS_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'LEGACY_STORE_TOKEN'] as const
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
})
