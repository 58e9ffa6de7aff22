// -- CognitoTriggerRouterReplica: the router in a replica Region ------------------------------
// A replicated user pool (multi-Region replication) keeps one shared pool ID, but each Region
// invokes its own triggers: the secondary Region's are set by that Region's
// AWS::Cognito::UserPoolRegionalConfigurationAttachment ("Multi-Region replication for user
// pools", Amazon Cognito Developer Guide; CloudFormation Template Reference). This construct is
// the main construct in a stack of the replica Region, attached through that resource instead
// of the pool, with the custom sender key replicated from the primary multi-Region key.

import { Token } from 'aws-cdk-lib'
import * as cognito from 'aws-cdk-lib/aws-cognito'
import * as iam from 'aws-cdk-lib/aws-iam'
import * as kms from 'aws-cdk-lib/aws-kms'
import type { Construct } from 'constructs'
import type { DeployableConfig } from './idempotency.js'
import { ConfigurationError } from '../errors.js'
import { CognitoTriggerRouter, type CognitoTriggerRouterProps } from './router.js'
import { MULTI_REGION_KEY_ID_PREFIX } from './multi-region-key.js'

export interface CognitoTriggerRouterReplicaProps extends Omit<CognitoTriggerRouterProps, 'userPool' | 'appClient' | 'replicaRegions' | 'passwordless'> {
  /**
   * The replicated pool's ID. It is the same in every Region (e.g. `us-east-1_AbC123`, named after
   * the primary Region); the pool this stack's Region serves is `arn:…:cognito-idp:<this Region>:<account>:userpool/<id>`.
   */
  readonly userPoolId: string
  /**
   * ARN of the primary Region's multi-Region sender key (the main construct's `kmsKey`). A
   * replica of it is created in this Region for the custom senders.
   * @default custom-sender's `kmsKeyArn`; not needed when `kmsKey` (a key of this Region) is given
   */
  readonly primaryKeyArn?: string
}

// custom-sender's `kmsKeyArn` names the primary Region's key; this Region's function decrypts
// with the replica, whose ARN the base construct fills in. The named key becomes the primary.
const replicaConfig = (config: DeployableConfig, primaryKeyArn: string | undefined): { config: DeployableConfig; primaryKeyArn?: string } => {
  const sender = config.plugins['custom-sender']
  if (typeof sender !== 'object' || sender === null || typeof sender.kmsKeyArn !== 'string') {
    return { config, ...(primaryKeyArn === undefined ? {} : { primaryKeyArn }) }
  }
  const { kmsKeyArn, ...options } = sender
  return { config: { ...config, plugins: { ...config.plugins, 'custom-sender': options } }, primaryKeyArn: primaryKeyArn ?? kmsKeyArn }
}

// The base constructor calls `senderKey` before this class's own fields exist, so the primary
// key travels in the props it is handed.
type ReplicaBaseProps = CognitoTriggerRouterProps & { readonly primaryKeyArn?: string }

/**
 * The router in one replica Region of a replicated user pool: its own function, role and logs
 * (the same configuration as the primary Region's), the same slots set on the Region's
 * `AWS::Cognito::UserPoolRegionalConfigurationAttachment`, one invoke permission for the pool
 * in this Region, and a replica of the primary multi-Region sender key when a custom sender is on.
 * App clients and the sign-in policy replicate with the pool, so neither is set here.
 *
 * @example
 * ```ts
 * import { App, Stack } from 'aws-cdk-lib'
 * import { CognitoTriggerRouterReplica } from 'cognito-trigger-router/cdk'
 *
 * const app = new App()
 * const replica = new Stack(app, 'UsersEu', { env: { account: '123456789012', region: 'eu-west-1' } })
 * new CognitoTriggerRouterReplica(replica, 'Triggers', {
 *   userPoolId: 'us-east-1_AbC123',
 *   primaryKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab',
 *   config: { plugins: { 'custom-sender': { email: { from: 'no-reply@example.com' } } } },
 * })
 * ```
 */
export class CognitoTriggerRouterReplica extends CognitoTriggerRouter {
  constructor(scope: Construct, id: string, props: CognitoTriggerRouterReplicaProps) {
    const { userPoolId, config, ...rest } = props
    if (!Token.isUnresolved(userPoolId) && !/^[\w-]+_[0-9a-zA-Z]+$/.test(userPoolId)) {
      throw new ConfigurationError(`userPoolId must be a user pool ID like "us-east-1_AbC123", got "${userPoolId}"`)
    }
    // Imported into the replica's stack, its ARN names this stack's Region and the shared ID.
    const userPool = cognito.UserPool.fromUserPoolId(scope, `${id}UserPool`, userPoolId)
    super(scope, id, { ...rest, ...replicaConfig(config, rest.primaryKeyArn), userPool } satisfies ReplicaBaseProps)
  }

  /** The Region's regional configuration carries the slots: the pool itself belongs to the primary Region. */
  protected override attach(userPool: cognito.IUserPool, suffix: string): void {
    const regional = new cognito.CfnUserPoolRegionalConfigurationAttachment(this, `RegionalConfiguration${suffix}`, {
      userPoolId: userPool.userPoolId,
    })
    // The keys are CloudFormation's, as on AWS::Cognito::UserPool (see src/deploy/slots.ts).
    regional.addPropertyOverride('LambdaConfig', this.lambdaConfig)
  }

  /** The given key of this Region, else a replica of the primary multi-Region key. */
  protected override senderKey(props: ReplicaBaseProps): kms.IKey {
    if (props.kmsKey !== undefined) return props.kmsKey
    const { primaryKeyArn } = props
    if (primaryKeyArn === undefined) {
      throw new ConfigurationError(
        'a custom sender is enabled, so the replica needs the sender key: set primaryKeyArn to the ARN of the primary Region\'s ' +
          'multi-Region key (the main construct\'s kmsKey), or kmsKey to its replica in this Region',
      )
    }
    if (!Token.isUnresolved(primaryKeyArn) && !primaryKeyArn.split('/').at(-1)!.startsWith(MULTI_REGION_KEY_ID_PREFIX)) {
      throw new ConfigurationError(
        `primaryKeyArn ${primaryKeyArn} is a single-Region key: only a multi-Region key ("${MULTI_REGION_KEY_ID_PREFIX}…") can be ` +
          'replicated, so codes Cognito encrypts in one Region can be decrypted in another',
      )
    }
    const replica = new kms.CfnReplicaKey(this, 'SenderKey', {
      primaryKeyArn,
      description: 'Replica of the key that encrypts the codes Cognito hands to the custom sender trigger',
      // The default key policy of a CDK key: the account administers it through IAM.
      keyPolicy: new iam.PolicyDocument({
        statements: [new iam.PolicyStatement({ actions: ['kms:*'], principals: [new iam.AccountRootPrincipal()], resources: ['*'] })],
      }),
    })
    return kms.Key.fromKeyArn(this, 'SenderKeyReplica', replica.attrArn)
  }
}
