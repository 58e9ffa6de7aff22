// -- idempotency: what the deployment creates and grants ------------------------------------
// One place for the table layout and the IAM actions of the `idempotency` option, read by the
// construct (src/cdk/idempotency.ts), the SAM template's tests and the README. The layout is the
// one `@aws-lambda-powertools/idempotency` documents for its DynamoDB persistence layer
// ("Idempotency", https://docs.powertools.aws.dev/lambda/typescript/latest/features/idempotency/).

import { isPlainObject } from '../response.js'
import type { RouterConfig } from '../config.js'

/**
 * The item actions the DynamoDB persistence layer calls: PutItem to claim a request, GetItem to
 * read a record already there, UpdateItem to store the result, DeleteItem to drop the claim when
 * the plugin failed. Nothing else (no Query, Scan or batch actions), so nothing else is granted.
 */
export const IDEMPOTENCY_ACTIONS = ['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'] as const

/** The table layout: partition key `id` (string), time to live on `expiration`; no sort key. */
export const IDEMPOTENCY_TABLE = { partitionKey: 'id', ttlAttribute: 'expiration' } as const

/** What the deployment needs when the configuration enables `idempotency`. */
export interface IdempotencyPlan {
  /** The table the configuration names; undefined when the deployment is to name it. */
  readonly tableName: string | undefined
  /** Partition key of the table (string). */
  readonly partitionKey: typeof IDEMPOTENCY_TABLE.partitionKey
  /** The time-to-live attribute. */
  readonly ttlAttribute: typeof IDEMPOTENCY_TABLE.ttlAttribute
  /** Exactly the item actions to grant on the table, and nothing on any other resource. */
  readonly actions: readonly string[]
}

/**
 * The idempotency needs of a configuration: undefined when `idempotency` is off (absent).
 *
 * @example
 * ```ts
 * idempotencyPlan({ plugins: {}, idempotency: { tableName: 'idempotency' } })
 * // { tableName: 'idempotency', partitionKey: 'id', ttlAttribute: 'expiration', actions: ['dynamodb:PutItem', …] }
 * ```
 */
export const idempotencyPlan = (config: Pick<RouterConfig, 'idempotency'>): IdempotencyPlan | undefined => {
  const option: unknown = config.idempotency
  if (option === undefined) return undefined
  const tableName = isPlainObject(option) && typeof option.tableName === 'string' && option.tableName !== '' ? option.tableName : undefined
  return { tableName, ...IDEMPOTENCY_TABLE, actions: [...IDEMPOTENCY_ACTIONS] }
}
