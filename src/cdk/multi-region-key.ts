// -- multi-Region sender keys ---------------------------------------------------------------
// Cognito encrypts the codes it hands to a custom sender with the pool's KMSKeyID. A replicated
// pool invokes its senders in every Region it serves, and each Region's function can only
// decrypt with a key it can reach there: a multi-Region key and its replicas share key material
// and key ID ("Multi-Region keys in AWS KMS", AWS KMS Developer Guide), a single-Region key does not.

import { Annotations, ArnFormat, Arn, Stack, Token } from 'aws-cdk-lib'
import * as kms from 'aws-cdk-lib/aws-kms'
import type { IConstruct } from 'constructs'
import { ConfigurationError } from '../errors.js'

/** Key IDs of multi-Region keys start with `mrk-` ("Multi-Region key identifiers", AWS KMS Developer Guide). */
export const MULTI_REGION_KEY_ID_PREFIX = 'mrk-'

/** Whether a key is known to be multi-Region: `true`, `false`, or `undefined` when synth cannot tell. */
export const isMultiRegionKey = (key: kms.IKey): boolean | undefined => {
  const resource = key.node.defaultChild
  if (resource instanceof kms.CfnKey) return Stack.of(resource).resolve(resource.multiRegion) === true
  if (Token.isUnresolved(key.keyArn)) return undefined
  const keyId = Arn.split(key.keyArn, ArnFormat.SLASH_RESOURCE_NAME).resourceName ?? ''
  return keyId.startsWith(MULTI_REGION_KEY_ID_PREFIX)
}

/**
 * Fails synth when the custom sender key of a replicated pool is a single-Region key, and warns
 * when it cannot tell (an ARN known only at deployment).
 */
export const requireMultiRegionKey = (scope: IConstruct, key: kms.IKey, replicaRegions: readonly string[]): void => {
  const multiRegion = isMultiRegionKey(key)
  if (multiRegion === true) return
  const regions = replicaRegions.join(', ')
  if (multiRegion === undefined) {
    Annotations.of(scope).addWarningV2(
      'cognito-trigger-router:sender-key-region',
      `the custom sender key of ${scope.node.path} is only known at deployment: make sure it is a multi-Region key, replicated to ${regions}, or the replicas cannot decrypt codes`,
    )
    return
  }
  throw new ConfigurationError(
    `the custom sender key ${Token.isUnresolved(key.keyArn) ? key.node.path : key.keyArn} is a single-Region key, but the pool is replicated to ${regions}: ` +
      'the function in a replica Region could not decrypt the codes. Use a multi-Region key (kms.Key with multiRegion: true, ' +
      `or the ARN of an "${MULTI_REGION_KEY_ID_PREFIX}…" key), or leave kmsKey unset to have one created`,
  )
}
