// -- dynalite: a real DynamoDB API on 127.0.0.1 ---------------------------------------------------
// dynalite (https://github.com/architect/dynalite) implements the DynamoDB HTTP API on Node and
// keeps it in memory (memory-level), so nothing is written to disk. `npm start`, `npm run demo` and
// the tests use it to hold the idempotency table. It listens on 127.0.0.1 on a port the OS picks
// and never keeps the process alive: the server is unref'd and `stop()` is idempotent.
// dynalite is a development dependency: a checkout has it, an installed package may not, which is
// why it is loaded on demand and its absence is an answer (undefined), not an error.

import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb'

interface DynaliteOptions {
  /** LevelDB directory; absent = in memory. */
  path?: string
  /** How long a new table stays CREATING (dynalite's default is 500 ms). */
  createTableMs?: number
  deleteTableMs?: number
  updateTableMs?: number
}

// dynalite is CommonJS without type declarations; this is the one signature used here.
type Dynalite = (options: DynaliteOptions) => Server

/** dynalite's factory, or undefined when the package is not installed. */
export const loadDynalite = (): Dynalite | undefined => {
  try {
    return createRequire(import.meta.url)('dynalite') as Dynalite
  } catch {
    return undefined
  }
}

/** A running dynalite. */
export interface RunningDynalite {
  /** `http://127.0.0.1:<port>`, for the SDK's `endpoint` or `AWS_ENDPOINT_URL_DYNAMODB`. */
  readonly endpoint: string
  /** Closes the server and its in-memory database. Safe to call more than once. */
  stop(): Promise<void>
}

/**
 * Starts an in-memory dynalite on 127.0.0.1 on a free port; undefined when dynalite is not installed.
 *
 * @example
 * ```ts
 * const dynamo = await startDynalite()
 * if (dynamo !== undefined) await createIdempotencyTable(dynamo.endpoint, 'idempotency')
 * await dynamo?.stop()
 * ```
 */
export const startDynalite = async (load: () => Dynalite | undefined = loadDynalite): Promise<RunningDynalite | undefined> => {
  const dynalite = load()
  if (dynalite === undefined) return undefined
  // Tables are ACTIVE at once: nothing waits for a timer.
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  server.unref()
  const { port } = server.address() as AddressInfo
  let stopped: Promise<void> | undefined
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () =>
      (stopped ??= new Promise<void>((resolve, reject) => {
        // The SDK keeps connections alive; without this, close() would wait for them to idle out.
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      })),
  }
}

/** A DynamoDB client for a local endpoint: dummy credentials, no retries (a failure shows at once). */
export const localDynamoDBClient = (endpoint: string): DynamoDBClient =>
  new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  })

/**
 * The table layout `@aws-lambda-powertools/idempotency`'s DynamoDBPersistenceLayer documents
 * (Powertools for AWS Lambda (TypeScript) docs, "Idempotency" page, "Required resources":
 * https://docs.powertools.aws.dev/lambda/typescript/latest/features/idempotency/; attribute defaults
 * in node_modules/@aws-lambda-powertools/idempotency/lib/esm/constants.js):
 * a string partition key `id`, no sort key, on-demand billing, and TTL on `expiration`
 * (epoch seconds). The utility also writes `status`, `in_progress_expiration` (epoch ms), `data` and,
 * with payload validation, `validation`; DynamoDB needs no declaration for non-key attributes.
 */
export const IDEMPOTENCY_TABLE_LAYOUT = {
  partitionKey: 'id',
  timeToLiveAttribute: 'expiration',
  billingMode: 'PAY_PER_REQUEST',
} as const

/**
 * Creates the idempotency table on `endpoint` and returns its name.
 *
 * TTL is not switched on: dynalite does not implement UpdateTimeToLive (its operation list in
 * node_modules/dynalite/index.js has only DescribeTimeToLive, which always answers DISABLED). The
 * utility does not depend on TTL for correctness: its conditional put treats a record whose
 * `expiration` is in the past as absent; TTL only deletes such records later (DynamoDB's TTL sweep
 * can lag by days anyway). Deployments enable TTL on `expiration`.
 *
 * @example
 * ```ts
 * const table = await createIdempotencyTable('http://127.0.0.1:4567', 'idempotency')
 * ```
 */
export const createIdempotencyTable = async (endpoint: string, tableName = `idempotency-${crypto.randomUUID()}`): Promise<string> => {
  const client = localDynamoDBClient(endpoint)
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        AttributeDefinitions: [{ AttributeName: IDEMPOTENCY_TABLE_LAYOUT.partitionKey, AttributeType: 'S' }],
        KeySchema: [{ AttributeName: IDEMPOTENCY_TABLE_LAYOUT.partitionKey, KeyType: 'HASH' }],
        BillingMode: IDEMPOTENCY_TABLE_LAYOUT.billingMode,
      }),
    )
  } finally {
    client.destroy()
  }
  return tableName
}
