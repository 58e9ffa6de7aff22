// What @aws-lambda-powertools/idempotency does against a real DynamoDB API (dynalite on loopback,
// the real AWS SDK client): the groundwork of issue 18, before the router wraps plugins with it.
// The function wrapper (`makeIdempotent` with `dataIndexArgument`) fits a per-plugin call: the
// router hashes its own key (src/idempotency/key.ts) and hands it in as argument 0.
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  IdempotencyItemNotFoundError,
  IdempotencyPersistenceLayerError,
  makeIdempotent,
} from '@aws-lambda-powertools/idempotency'
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb'
import { ConditionalCheckFailedException, PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb'
import { closedPortEndpoint, createIdempotencyTable, dynaliteForSuite, localDynamoDBClient } from '../../helpers/dynalite.js'
import { deferred, lambdaContext } from '../../helpers/lambda.js'

const dynamo = dynaliteForSuite()

const KEY_PREFIX = 'cognito-trigger-router.welcome-email'
const WINDOW_SECONDS = 300

/**
 * A side effect that counts its runs, wrapped as the router will wrap a plugin: a fresh
 * IdempotencyConfig per invocation carries that invocation's remaining time (the in-progress lock
 * lasts as long as the first attempt may still run), and one persistence layer per plugin.
 */
const sideEffect = async (options: { endpoint?: string; remainingMs?: number; gate?: Promise<void> } = {}) => {
  const endpoint = options.endpoint ?? dynamo.endpoint
  const tableName = options.endpoint === undefined ? await createIdempotencyTable(endpoint) : 'unreachable'
  const client = localDynamoDBClient(endpoint)
  const persistenceStore = new DynamoDBPersistenceLayer({ tableName, awsSdkV3Client: client })
  const started: string[] = []
  const send = async (_key: string, recipient: string) => {
    started.push(recipient)
    await options.gate
    return { messageId: `message-${started.length}`, recipient }
  }
  const invoke = (key: string, recipient: string) =>
    makeIdempotent(send, {
      persistenceStore,
      keyPrefix: KEY_PREFIX,
      dataIndexArgument: 0,
      config: new IdempotencyConfig({
        expiresAfterSeconds: WINDOW_SECONDS,
        hashFunction: 'sha256',
        lambdaContext: lambdaContext({ getRemainingTimeInMillis: () => options.remainingMs ?? 4000 }),
      }),
    })(key, recipient)
  return { invoke, started, client, tableName, persistenceStore }
}

// vi.waitUntil gives up after 1 s by default; a loaded machine may need longer, and a test must not
// depend on speed, so the limit is only there to end a test that is truly stuck.
const UNTIL = { interval: 1, timeout: 60_000 }

/** Resolves once `started` has `count` entries: the side effect is running, whatever the machine's speed. */
const untilStarted = (started: readonly string[], count: number) => vi.waitUntil(() => started.length >= count, UNTIL)

afterEach(() => {
  vi.useRealTimers()
})

// Generous: the limit only ends a stuck test; dynalite on a loaded machine may be slow.
describe('Powertools idempotency on dynalite', { timeout: 60_000 }, () => {
  it('runs the side effect once for two calls with the same key and returns the first result to both', async () => {
    const { invoke, started } = await sideEffect()

    const first = await invoke('key-a', 'ana@example.test')
    const second = await invoke('key-a', 'ana@example.test')

    expect(started).toEqual(['ana@example.test'])
    expect(second).toEqual(first)
    expect(first).toEqual({ messageId: 'message-1', recipient: 'ana@example.test' })
  })

  it('runs the side effect once for three calls, as for three Cognito attempts', async () => {
    const { invoke, started } = await sideEffect()

    const replies = [await invoke('key-a', 'x'), await invoke('key-a', 'x'), await invoke('key-a', 'x')]

    expect(started).toHaveLength(1)
    expect(new Set(replies.map((reply) => JSON.stringify(reply))).size).toBe(1)
  })

  it('runs the side effect again for a different key', async () => {
    const { invoke, started } = await sideEffect()

    await invoke('key-a', 'ana@example.test')
    await invoke('key-b', 'bo@example.test')

    expect(started).toEqual(['ana@example.test', 'bo@example.test'])
  })

  it('stores the record in the documented layout: hashed id with the key prefix, status, expiration, data', async () => {
    const { invoke, client, tableName } = await sideEffect()

    await invoke('key-a', 'ana@example.test')

    const { Items } = await client.send(new ScanCommand({ TableName: tableName }))
    expect(Items).toHaveLength(1)
    const item = Items?.[0]
    expect(item?.id?.S).toMatch(new RegExp(`^${KEY_PREFIX.replaceAll('.', '\\.')}#[A-Za-z0-9+/]+=*$`))
    expect(item?.id?.S).not.toContain('key-a')
    expect(item?.status).toEqual({ S: 'COMPLETED' })
    expect(Number(item?.expiration?.N)).toBeGreaterThan(Date.now() / 1000)
    expect(Number(item?.in_progress_expiration?.N)).toBeGreaterThan(Date.now())
    expect(item?.data?.M?.messageId).toEqual({ S: 'message-1' })
  })

  it('does not keep a failed run: the record is deleted, so the next attempt runs the side effect', async () => {
    const { client, tableName } = await sideEffect()
    const persistenceStore = new DynamoDBPersistenceLayer({ tableName, awsSdkV3Client: client })
    let runs = 0
    const flaky = makeIdempotent(
      async (_key: string) => {
        runs += 1
        if (runs === 1) throw new Error('SES throttled')
        return { sent: runs }
      },
      { persistenceStore, dataIndexArgument: 0, config: new IdempotencyConfig({ lambdaContext: lambdaContext() }) },
    )

    await expect(flaky('key-a')).rejects.toThrow('SES throttled')
    await expect(flaky('key-a')).resolves.toEqual({ sent: 2 })
    expect(runs).toBe(2)
  })

  it('runs the side effect again once the expiry window has passed', async () => {
    const { invoke, started } = await sideEffect()
    await invoke('key-a', 'x')

    // Only Date is faked: the utility compares `expiration` with Date.now() in its conditional put.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + (WINDOW_SECONDS + 1) * 1000 })
    await invoke('key-a', 'x')

    expect(started).toHaveLength(2)
  })

  describe('when a second call arrives while the first is still running', () => {
    it('rejects the second call at once with IdempotencyAlreadyInProgressError: the utility does not wait', async () => {
      const gate = deferred()
      const { invoke, started } = await sideEffect({ gate: gate.promise })

      const first = invoke('key-a', 'x')
      await untilStarted(started, 1)
      const second = await invoke('key-a', 'x').catch((error: unknown) => error)
      gate.resolve()

      expect(second).toBeInstanceOf(IdempotencyAlreadyInProgressError)
      expect((second as Error).name).toBe('IdempotencyAlreadyInProgressError')
      expect(started).toHaveLength(1)
      // The router's "wait within the budget" is therefore ours to build: poll until the record is
      // COMPLETED (a later call then replays the result), or fail closed when the budget runs out.
      await expect(first).resolves.toEqual({ messageId: 'message-1', recipient: 'x' })
      await expect(invoke('key-a', 'x')).resolves.toEqual({ messageId: 'message-1', recipient: 'x' })
      expect(started).toHaveLength(1)
    })

    it('lets the router poll the record: INPROGRESS while the first runs, then COMPLETED with its result', async () => {
      const gate = deferred()
      const { invoke, started, persistenceStore } = await sideEffect({ gate: gate.promise })

      const first = invoke('key-a', 'x')
      await untilStarted(started, 1)
      const during = await persistenceStore.getRecord('key-a')
      gate.resolve()
      await first
      const after = await persistenceStore.getRecord('key-a')

      expect(during.getStatus()).toBe('INPROGRESS')
      expect(after.getStatus()).toBe('COMPLETED')
      expect(after.getResponse()).toEqual({ messageId: 'message-1', recipient: 'x' })
    })

    it('lets the router poll the record: gone once the first attempt failed, so the waiting call runs it', async () => {
      const gate = deferred()
      const { client, tableName } = await sideEffect()
      const persistenceStore = new DynamoDBPersistenceLayer({ tableName, awsSdkV3Client: client })
      let runs = 0
      const run = makeIdempotent(
        async (_key: string) => {
          runs += 1
          if (runs === 1) {
            await gate.promise
            throw new Error('SES throttled')
          }
          return { sent: runs }
        },
        { persistenceStore, dataIndexArgument: 0, config: new IdempotencyConfig({ lambdaContext: lambdaContext() }) },
      )

      const first = run('key-a').catch((error: unknown) => error)
      await vi.waitUntil(() => runs === 1, UNTIL)
      await expect(run('key-a')).rejects.toBeInstanceOf(IdempotencyAlreadyInProgressError)
      gate.resolve()
      await first

      await expect(persistenceStore.getRecord('key-a')).rejects.toBeInstanceOf(IdempotencyItemNotFoundError)
      await expect(run('key-a')).resolves.toEqual({ sent: 2 })
    })

    it('lets a later call take over once the first attempt can no longer be running (its lock expired)', async () => {
      const gate = deferred()
      const { invoke, started } = await sideEffect({ gate: gate.promise, remainingMs: 3000 })

      const abandoned = invoke('key-a', 'x')
      await untilStarted(started, 1)
      // The first attempt's Lambda would have been stopped by now (its remaining time has passed).
      vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 3001 })
      const takeover = invoke('key-a', 'x')
      await untilStarted(started, 2)
      gate.resolve()

      await expect(takeover).resolves.toEqual({ messageId: 'message-2', recipient: 'x' })
      await abandoned.catch(() => undefined)
      expect(started).toHaveLength(2)
    })
  })

  describe('when the store cannot be reached', () => {
    /** An endpoint nothing listens on: a port the OS handed out, then released. */
    it('fails with IdempotencyPersistenceLayerError carrying the network error, without running the side effect', async () => {
      const { invoke, started } = await sideEffect({ endpoint: await closedPortEndpoint() })

      const error = await invoke('key-a', 'x').catch((caught: unknown) => caught)

      expect(error).toBeInstanceOf(IdempotencyPersistenceLayerError)
      expect((error as Error).message).toBe('Failed to save in progress record to idempotency store')
      expect((error as Error).cause).toMatchObject({ code: 'ECONNREFUSED' })
      expect(started).toEqual([])
    })
  })

  // dynalite ignores ReturnValuesOnConditionCheckFailure (DynamoDB's "return the existing item on a
  // failed condition", which the utility asks for): the error carries no Item. The utility then reads
  // the record with a consistent GetItem (IdempotencyHandler's fallback), so replays behave as on
  // DynamoDB, one request later. This pins the gap so a dynalite upgrade that closes it is noticed.
  it('replays through the GetItem fallback, because dynalite returns no item on a failed conditional put', async () => {
    const { invoke, started, client, tableName } = await sideEffect()
    await invoke('key-a', 'x')
    const { Items } = await client.send(new ScanCommand({ TableName: tableName }))
    const existing = Items![0]!

    const failedPut = await client
      .send(
        new PutItemCommand({
          TableName: tableName,
          Item: existing,
          ConditionExpression: 'attribute_not_exists(#id)',
          ExpressionAttributeNames: { '#id': 'id' },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      )
      .catch((error: unknown) => error)

    expect(failedPut).toBeInstanceOf(ConditionalCheckFailedException)
    expect((failedPut as ConditionalCheckFailedException).Item).toBeUndefined()
    await expect(invoke('key-a', 'x')).resolves.toEqual({ messageId: 'message-1', recipient: 'x' })
    expect(started).toHaveLength(1)
  })
})
