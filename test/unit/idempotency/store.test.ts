// The store behind the router's idempotency (src/idempotency/store.ts), against dynalite: what is
// loaded when, and how a record reads back.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { DeadlineExceededError } from '../../../src/errors.js'
import { lazyIdempotencyRunner } from '../../../src/idempotency/lazy.js'
import { checkIdempotencyOption } from '../../../src/idempotency/options.js'
import { IdempotencyStoreError, runnerOf } from '../../../src/idempotency/run.js'
import { KEY_PREFIX, pluginStores } from '../../../src/idempotency/store.js'
import { startDeadline } from '../../../src/middleware/deadline.js'
import { definePlugin, type AnyPlugin } from '../../../src/plugin.js'
import { createIdempotencyTable, dynaliteForSuite, localDynamoDBClient } from '../../helpers/dynalite.js'
import { capturingLogger } from '../../helpers/lambda.js'

const dynamo = dynaliteForSuite()

afterEach(() => {
  vi.useRealTimers()
})

const plugin = definePlugin({ name: 'sender', triggers: ['PostConfirmation_ConfirmSignUp'], sideEffects: true, handler: () => undefined }) as AnyPlugin

describe('the idempotency store', { timeout: 60_000 }, () => {
  it('names its records after the router', () => {
    expect(KEY_PREFIX).toBe('cognito-trigger-router')
  })

  it('reads a completed record, and none once its window has passed', async () => {
    const tableName = await createIdempotencyTable(dynamo.endpoint)
    const storeFor = pluginStores(tableName, localDynamoDBClient(dynamo.endpoint))
    const store = await storeFor('sender', 60)

    await store.run(async () => ({ patch: { sent: true } }), 'key-a', () => 3000)

    await expect(store.read('key-a')).resolves.toEqual({ status: 'COMPLETED', data: { patch: { sent: true } } })
    await expect(store.read('key-b')).resolves.toBeUndefined()
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 61_000 })
    await expect(store.read('key-a')).resolves.toBeUndefined()
  })

  it('gives each plugin its own layer and the same one on every run', async () => {
    const tableName = await createIdempotencyTable(dynamo.endpoint)
    const storeFor = pluginStores(tableName, localDynamoDBClient(dynamo.endpoint))

    const [a, again, b] = await Promise.all([storeFor('a', 60), storeFor('a', 60), storeFor('b', 60)])

    expect(again).toBe(a)
    expect(await storeFor('a', 60)).toBe(a)
    expect(b).not.toBe(a)
  })

  it('fails the run when the utility cannot be loaded, and loads it again on the next run', async () => {
    const tableName = await createIdempotencyTable(dynamo.endpoint)
    let loads = 0
    const load = async () => {
      loads += 1
      if (loads === 1) throw new Error('Cannot find package @aws-lambda-powertools/idempotency')
      const [powertools, { DynamoDBPersistenceLayer }, { DynamoDBClient }] = await Promise.all([
        import('@aws-lambda-powertools/idempotency'),
        import('@aws-lambda-powertools/idempotency/dynamodb'),
        import('@aws-sdk/client-dynamodb'),
      ])
      return { powertools, DynamoDBPersistenceLayer, DynamoDBClient }
    }
    const runner = { run: runnerOf(checkIdempotencyOption({ tableName, client: localDynamoDBClient(dynamo.endpoint) }, [plugin.name])!, load) }
    const outcomes: string[] = []
    const step = () => ({
      plugin,
      event: { userPoolId: 'p', triggerSource: 'PostConfirmation_ConfirmSignUp', request: {} },
      deadline: startDeadline(4000),
      execute: async () => ({}),
      note: (outcome: string) => void outcomes.push(outcome),
      logger: () => capturingLogger(),
    })

    const failed = await runner.run(step()).catch((error: unknown) => error)
    const patch = await runner.run(step())

    expect(failed).toBeInstanceOf(IdempotencyStoreError)
    expect((failed as Error).message).toBe(
      'idempotency store for plugin "sender": could not be loaded (Error: Cannot find package @aws-lambda-powertools/idempotency); the plugin did not run',
    )
    expect(patch).toEqual({})
    expect(outcomes).toEqual(['store-failure', 'first-run'])
  })

  it('stops waiting for a first attempt when its own deadline has run out, even unraced', async () => {
    const tableName = await createIdempotencyTable(dynamo.endpoint)
    const runner = { run: runnerOf(checkIdempotencyOption({ tableName, client: localDynamoDBClient(dynamo.endpoint) }, [plugin.name])!) }
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    let started = false
    const outcomes: string[] = []
    const step = (budgetMs: number, execute: () => Promise<Record<string, never>>) => ({
      plugin,
      event: { userPoolId: 'p', triggerSource: 'PostConfirmation_ConfirmSignUp', request: {} },
      deadline: startDeadline(budgetMs),
      execute,
      note: (outcome: string) => void outcomes.push(outcome),
      logger: () => capturingLogger(),
    })

    const first = runner.run(step(4999, async () => ((started = true), await held, {})))
    await vi.waitUntil(() => started, { interval: 1, timeout: 60_000 })
    // Held until the second has given up: nothing but its own deadline can end its wait.
    const second = await runner.run(step(200, async () => ({}))).catch((error: unknown) => error)
    release()
    await first

    expect(second).toBeInstanceOf(DeadlineExceededError)
    expect(outcomes).toEqual(['waited', 'first-run'])
  })

  it('creates its own DynamoDB client when given none', async () => {
    const storeFor = pluginStores('idempotency', undefined)

    await expect(storeFor('sender', 60)).resolves.toHaveProperty('run')
  })

  it('is no runner at all when the option is absent', () => {
    expect(lazyIdempotencyRunner(undefined, [plugin])).toBeUndefined()
  })
})
