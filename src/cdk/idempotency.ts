// -- the idempotency table of the construct ------------------------------------------------
// With `idempotency` in the configuration, the function needs a table in the layout of
// src/deploy/idempotency.ts and exactly the four item actions on it; the router reads the table's
// name from the configuration's `idempotency.tableName`, so that is where the name goes.

import { RemovalPolicy, Token } from 'aws-cdk-lib'
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb'
import * as iam from 'aws-cdk-lib/aws-iam'
import type { Construct } from 'constructs'
import type { RouterConfig } from '../config.js'
import { IDEMPOTENCY_TABLE, type IdempotencyPlan } from '../deploy/idempotency.js'
import { ConfigurationError } from '../errors.js'
import type { IdempotencyOptions } from '../idempotency/options.js'
import { isPlainObject } from '../response.js'

/** The `idempotency` key as the construct takes it: `tableName` may be left for the construct to fill. */
export type DeployableIdempotency = Omit<IdempotencyOptions, 'tableName' | 'client'> & { readonly tableName?: string }

/** The JSON configuration as the construct takes it (see {@link DeployableIdempotency}). */
export type DeployableConfig = Omit<RouterConfig, 'idempotency'> & { idempotency?: DeployableIdempotency }

/** A table the construct is given instead of creating one. */
export type IdempotencyTable = dynamodb.ITable | dynamodb.ITableV2

/** How the construct comes by the table. */
export interface IdempotencyTableOptions {
  /** An existing table (same layout) to use instead of creating one. */
  readonly table?: IdempotencyTable
  /** What happens to a created table when it leaves the stack. */
  readonly removalPolicy: RemovalPolicy
  /** False when the configuration is bundled into the code, so the construct cannot fill in the table's name. */
  readonly configInEnvironment: boolean
}

/**
 * The table the function uses and the configuration naming it. Only for a configuration whose
 * `idempotency` is an object; anything else is left to the configuration check to reject.
 *
 * The created table: on-demand, partition key `id` (string), TTL on `expiration`, point-in-time
 * recovery on, encrypted at rest with the key DynamoDB owns (its default, which needs no KMS
 * permission: "Encryption at rest in DynamoDB", https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/EncryptionAtRest.html).
 * It is named by the configuration's `tableName` when it states one, else by CloudFormation.
 */
export const idempotencyTable = (
  scope: Construct,
  config: DeployableConfig,
  { table: given, removalPolicy, configInEnvironment }: IdempotencyTableOptions,
): { config: RouterConfig; table?: IdempotencyTable } => {
  const option = config.idempotency
  if (!isPlainObject(option)) return { config: config as RouterConfig }
  const stated = typeof option.tableName === 'string' && option.tableName !== '' ? option.tableName : undefined
  if (stated === undefined && !configInEnvironment) {
    throw new ConfigurationError(
      'configuration: "idempotency.tableName" must name the table when the configuration is bundled (configInEnvironment: false): ' +
        'the construct cannot write the name of the table into the bundle',
    )
  }
  const table =
    given ??
    new dynamodb.Table(scope, 'IdempotencyTable', {
      partitionKey: { name: IDEMPOTENCY_TABLE.partitionKey, type: dynamodb.AttributeType.STRING },
      timeToLiveAttribute: IDEMPOTENCY_TABLE.ttlAttribute,
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.DEFAULT,
      removalPolicy,
      ...(stated === undefined ? {} : { tableName: stated }),
    })
  if (given !== undefined && stated !== undefined && !Token.isUnresolved(given.tableName) && given.tableName !== stated) {
    throw new ConfigurationError(
      `configuration: "idempotency.tableName" is ${JSON.stringify(stated)} but idempotencyTable is ${JSON.stringify(given.tableName)}; remove the option or make them agree`,
    )
  }
  return { config: { ...config, idempotency: { ...option, tableName: stated ?? table.tableName } } as RouterConfig, table }
}

/** Exactly the plan's item actions on the table's ARN, nothing on its indexes or any other resource. */
export const idempotencyStatement = (table: IdempotencyTable, plan: IdempotencyPlan): iam.PolicyStatement =>
  new iam.PolicyStatement({ sid: 'IdempotencyTable', effect: iam.Effect.ALLOW, actions: [...plan.actions], resources: [table.tableArn] })
