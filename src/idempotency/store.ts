// -- idempotency: the store, loaded on first use -----------------------------------------------
// `@aws-lambda-powertools/idempotency` with its DynamoDB persistence layer, behind the two calls
// the router needs: run a function at most once per key, and read a key's record while waiting.
// Both packages are loaded with import() on the first run of a side-effecting plugin (they cost
// tens of milliseconds to import), never at cold start; see the design note in ./index.ts.

import type { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { ConfigurationError } from '../errors.js'

/**
 * Prefix of every record's `id`. Fixed, so that records survive a renamed function; safe to share
 * between plugins because the plugin's name is part of the key (./key.ts).
 */
export const KEY_PREFIX = 'cognito-trigger-router'

/** A record read back while a repeat waits for the first attempt. */
export type StoredRecord = { readonly status: 'INPROGRESS' } | { readonly status: 'COMPLETED'; readonly data: unknown }

/** One plugin's view of the store. */
export interface PluginStore {
  /**
   * Runs `fn` unless a record for `key` exists: resolves with `fn`'s result, or with the stored
   * result of an earlier run. Rejects with the utility's errors (by `name`):
   * IdempotencyAlreadyInProgressError, IdempotencyPersistenceLayerError, or what `fn` threw.
   * `remainingMs` is how long this attempt may still run: the in-progress lock lasts that long.
   */
  run(fn: (key: string) => Promise<unknown>, key: string, remainingMs: () => number): Promise<unknown>
  /** The record of `key`; undefined when there is none (the first attempt failed, or it expired). */
  read(key: string): Promise<StoredRecord | undefined>
}

/** What this module needs from the two packages; a parameter so that a test can make loading fail. */
export interface StoreModules {
  readonly powertools: Pick<typeof import('@aws-lambda-powertools/idempotency'), 'makeIdempotent' | 'IdempotencyConfig'>
  readonly DynamoDBPersistenceLayer: typeof import('@aws-lambda-powertools/idempotency/dynamodb').DynamoDBPersistenceLayer
  readonly DynamoDBClient: typeof import('@aws-sdk/client-dynamodb').DynamoDBClient
}

const loadModules = async (): Promise<StoreModules> => {
  const [powertools, { DynamoDBPersistenceLayer }, { DynamoDBClient }] = await Promise.all([
    import('@aws-lambda-powertools/idempotency'),
    import('@aws-lambda-powertools/idempotency/dynamodb'),
    import('@aws-sdk/client-dynamodb'),
  ])
  return { powertools, DynamoDBPersistenceLayer, DynamoDBClient }
}

/**
 * The stores of one router: `storeFor(plugin, windowSeconds)` gives each plugin its own
 * persistence layer (the utility's layer keeps the first configuration it sees, window included),
 * all sharing one DynamoDB client. A failed load is tried again on the next run.
 */
export const pluginStores = (tableName: string, client: DynamoDBClient | undefined, load: () => Promise<StoreModules> = loadModules) => {
  let loading: Promise<StoreModules> | undefined
  let shared = client
  const stores = new Map<string, PluginStore>()
  return async (plugin: string, windowSeconds: number): Promise<PluginStore> => {
    const known = stores.get(plugin)
    if (known !== undefined) return known
    const modules = await (loading ??= load().catch((error: unknown) => {
      loading = undefined
      throw error
    }))
    // Another run of the same plugin may have made it while this one waited for the load.
    const again = stores.get(plugin)
    if (again !== undefined) return again
    shared ??= new modules.DynamoDBClient({})
    const store = makeStore(modules, new modules.DynamoDBPersistenceLayer({ tableName, awsSdkV3Client: shared }), windowSeconds)
    stores.set(plugin, store)
    return store
  }
}

type Layer = InstanceType<StoreModules['DynamoDBPersistenceLayer']>

const makeStore = ({ powertools }: StoreModules, layer: Layer, windowSeconds: number): PluginStore => ({
  run: (fn, key, remainingMs) => {
    const config = new powertools.IdempotencyConfig({
      expiresAfterSeconds: windowSeconds,
      hashFunction: 'sha256',
      // Only getRemainingTimeInMillis is read (for the in-progress lock); the rest is never used.
      lambdaContext: { getRemainingTimeInMillis: remainingMs } as never,
    })
    // POWERTOOLS_IDEMPOTENCY_DISABLED would make the utility call `fn` every time, silently. The
    // router refuses it at cold start; set later, it is refused here: no silent second send.
    if (!config.isEnabled()) {
      return Promise.reject(new ConfigurationError('POWERTOOLS_IDEMPOTENCY_DISABLED is set: remove it, or remove the idempotency option'))
    }
    return powertools.makeIdempotent(fn, { persistenceStore: layer, keyPrefix: KEY_PREFIX, dataIndexArgument: 0, config })(key)
  },
  read: async (key) => {
    let record
    try {
      record = await layer.getRecord(key)
    } catch (error) {
      if ((error as Error | undefined)?.name === 'IdempotencyItemNotFoundError') return undefined
      throw error
    }
    const status = record.getStatus()
    if (status === 'COMPLETED') return { status, data: record.getResponse() }
    // An expired record counts as absent, as the utility's own conditional put treats it.
    return status === 'INPROGRESS' ? { status } : undefined
  },
})
