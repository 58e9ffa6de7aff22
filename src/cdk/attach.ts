// -- putting the function on a pool's slots -----------------------------------------------
// CDK's `UserPool.addTrigger` adds one invoke permission per slot and cannot express the
// inbound federation slot, so the slots are written on the CloudFormation resource instead.
// That only works for a pool defined in the same stack; any other pool is left untouched (see
// README "Deploy": an imported pool belongs to whoever deploys it, and UpdateUserPool resets what it
// is not told, AWS docs: "UpdateUserPool (API Reference)").

import { CfnResource, Stack, type IResolvable } from 'aws-cdk-lib'
import type { IUserPool } from 'aws-cdk-lib/aws-cognito'
import type { IConstruct } from 'constructs'
import type { LambdaConfig } from '../deploy/slots.js'

/** The `AWS::Cognito::UserPool` resource behind `userPool`, when this stack deploys it. */
export const ownedPoolResource = (scope: IConstruct, userPool: IUserPool): CfnResource | undefined => {
  const resource = userPool.node.defaultChild
  if (resource === undefined || !CfnResource.isCfnResource(resource)) return undefined
  if (resource.cfnResourceType !== 'AWS::Cognito::UserPool') return undefined
  // Another stack's pool would make the two stacks reference each other (slots → function,
  // permission → pool), which CloudFormation cannot deploy.
  return Stack.of(resource) === Stack.of(scope) ? resource : undefined
}

// The L2 pool keeps its triggers as CfnUserPool.LambdaConfigProperty (camelCase keys).
const CFN_KEY_EXCEPTIONS: Readonly<Record<string, string>> = { kmsKeyId: 'KMSKeyID', customSmsSender: 'CustomSMSSender' }
const cfnKey = (key: string): string => CFN_KEY_EXCEPTIONS[key] ?? key[0]!.toUpperCase() + key.slice(1)

// Compares resolved values regardless of key case (`lambdaArn` from the L2, `LambdaArn` here).
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).map(([k, v]) => [k.toLowerCase(), v]).sort(([a], [b]) => a!.localeCompare(b!)))
      : inner,
  )

/**
 * Writes the slots onto the pool's `LambdaConfig` (other slots are kept) and registers a
 * synth-time check that nothing else (e.g. `addTrigger`, `customSenderKmsKey`) set one of them
 * to a different value: the override would silently win over it.
 */
export const attachSlots = (scope: IConstruct, pool: CfnResource, lambdaConfig: LambdaConfig<string>): void => {
  for (const [key, value] of Object.entries(lambdaConfig)) pool.addPropertyOverride(`LambdaConfig.${key}`, value)
  scope.node.addValidation({
    validate: () => {
      const stack = Stack.of(pool)
      const declared = stack.resolve((pool as CfnResource & { lambdaConfig?: IResolvable }).lambdaConfig) as unknown
      if (declared === undefined || declared === null || typeof declared !== 'object') return []
      const existing = new Map(Object.entries(declared).map(([key, value]) => [cfnKey(key), value as unknown]))
      // The legacy string slot pins pre token generation to V1_0 and must equal the config form (AWS docs: "LambdaConfigType (API Reference)").
      if (existing.has('PreTokenGeneration') && lambdaConfig.PreTokenGenerationConfig !== undefined) {
        existing.set('PreTokenGenerationConfig', existing.get('PreTokenGeneration'))
      }
      return Object.entries(lambdaConfig)
        .filter(([key, value]) => existing.has(key) && canonical(existing.get(key)) !== canonical(stack.resolve(value)))
        .map(
          ([key]) =>
            `LambdaConfig.${key} of ${pool.node.path} is also set elsewhere (addTrigger or customSenderKmsKey); ` +
            `the router owns that slot: remove the other setting${key === 'KMSKeyID' ? ', or pass that key as the router\'s "kmsKey"' : ''}`,
        )
    },
  })
}
