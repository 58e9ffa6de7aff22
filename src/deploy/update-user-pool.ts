// -- attaching the router to a pool you do not deploy ------------------------------------
// `UpdateUserPool` resets every setting the request leaves out (AWS docs: "UpdateUserPool (API Reference)"): sending only
// `LambdaConfig` silently reverts email configuration, MFA, invitation templates and more.
// So the request restates everything `DescribeUserPool` returned, with the new slots merged in.

import type {
  LambdaConfigType,
  UpdateUserPoolCommandInput,
  UserPoolType,
} from '@aws-sdk/client-cognito-identity-provider'
import { ConfigurationError } from '../errors.js'

// Every UpdateUserPool field that DescribeUserPool returns under the same name. `PoolName` comes
// from `Name`; `UserPoolId` from `Id`; `LambdaConfig` is merged.
const CARRIED = [
  'Policies',
  'DeletionProtection',
  'AutoVerifiedAttributes',
  'SmsVerificationMessage',
  'EmailVerificationMessage',
  'EmailVerificationSubject',
  'VerificationMessageTemplate',
  'SmsAuthenticationMessage',
  'UserAttributeUpdateSettings',
  'MfaConfiguration',
  'DeviceConfiguration',
  'EmailConfiguration',
  'SmsConfiguration',
  'UserPoolTags',
  'AdminCreateUserConfig',
  'UserPoolAddOns',
  'DcrConfiguration',
  'AccountRecoverySetting',
  'UserPoolTier',
  'KeyConfiguration',
  'IssuerConfiguration',
  'AcrConfiguration',
] as const satisfies readonly (keyof UpdateUserPoolCommandInput & keyof UserPoolType)[]

// Compile-time guard: when the SDK adds an UpdateUserPool field, this stops type-checking until
// the field is carried over above — otherwise the new setting would be reset on every update.
type Uncarried = Exclude<keyof UpdateUserPoolCommandInput, (typeof CARRIED)[number] | 'UserPoolId' | 'PoolName' | 'LambdaConfig'>
const everyFieldCarried: [Uncarried] extends [never] ? true : { missing: Uncarried } = true
void everyFieldCarried

/**
 * Builds a complete `UpdateUserPool` request from `DescribeUserPool`'s `UserPool`, with the
 * router's slots merged over the pool's existing `LambdaConfig` (slots the router does not use
 * keep their current function).
 *
 * @example
 * ```ts
 * import { CognitoIdentityProviderClient, DescribeUserPoolCommand, UpdateUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider'
 * import { updateUserPoolInput } from 'cognito-trigger-router/deploy'
 *
 * const client = new CognitoIdentityProviderClient({})
 * const { UserPool } = await client.send(new DescribeUserPoolCommand({ UserPoolId: 'eu-west-1_EXAMPLE' }))
 * const lambdaConfig = JSON.parse(process.env.LAMBDA_CONFIG!) // the stack output "<construct id>LambdaConfig" (CDK) or "LambdaConfigForExistingPool" (SAM)
 * await client.send(new UpdateUserPoolCommand(updateUserPoolInput(UserPool!, lambdaConfig)))
 * ```
 */
export const updateUserPoolInput = (pool: UserPoolType, lambdaConfig: LambdaConfigType): UpdateUserPoolCommandInput => {
  if (!pool.Id) throw new ConfigurationError('updateUserPoolInput needs the "UserPool" of a DescribeUserPool response (no Id)')
  const input: UpdateUserPoolCommandInput = { UserPoolId: pool.Id }
  for (const key of CARRIED) {
    if (pool[key] !== undefined) Object.assign(input, { [key]: pool[key] })
  }
  if (pool.Name !== undefined) input.PoolName = pool.Name
  const merged: LambdaConfigType = { ...pool.LambdaConfig, ...lambdaConfig }
  // The legacy string pins token generation to V1_0 and must equal PreTokenGenerationConfig.LambdaArn.
  if (lambdaConfig.PreTokenGenerationConfig !== undefined) delete merged.PreTokenGeneration
  input.LambdaConfig = merged
  // DescribeUserPool still reports this deprecated field; sent together with the password
  // policy's TemporaryPasswordValidityDays, UpdateUserPool rejects the request.
  const admin = input.AdminCreateUserConfig
  if (admin?.UnusedAccountValidityDays !== undefined && input.Policies?.PasswordPolicy?.TemporaryPasswordValidityDays !== undefined) {
    const { UnusedAccountValidityDays: _deprecated, ...rest } = admin
    input.AdminCreateUserConfig = rest
  }
  return input
}
