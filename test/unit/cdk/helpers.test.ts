import { CfnResource } from 'aws-cdk-lib'
import * as cognito from 'aws-cdk-lib/aws-cognito'
import { describe, expect, it } from 'vitest'
import { ownedPoolResource } from '../../../src/cdk/attach.js'
import { acknowledge } from '../../../src/cdk/nag.js'
import { statementsFor } from '../../../src/cdk/permissions.js'
import { REGION, stackIn, testApp } from './fixtures.js'

describe('acknowledge', () => {
  it('adds to the cdk_nag metadata a resource already has, for cdk-nag v2', () => {
    // Prepare
    const stack = stackIn(testApp())
    const resource = new CfnResource(stack, 'Thing', { type: 'AWS::SNS::Topic' })

    // Act
    acknowledge(resource, { rule: 'AwsSolutions-SNS2', reason: 'first' })
    acknowledge(resource, { rule: 'AwsSolutions-IAM5', finding: 'Resource::*', reason: 'second' })

    // Assess
    expect(resource.getMetadata('cdk_nag')).toStrictEqual({
      rules_to_suppress: [
        { id: 'AwsSolutions-SNS2', reason: 'first' },
        { id: 'AwsSolutions-IAM5', reason: 'second', applies_to: ['Resource::*'] },
      ],
    })
  })
})

describe('ownedPoolResource', () => {
  it('finds nothing behind an imported pool', () => {
    // Prepare
    const stack = stackIn(testApp())
    const pool = cognito.UserPool.fromUserPoolId(stack, 'Pool', `${REGION}_EXAMPLE`)

    // Act & Assess
    expect(ownedPoolResource(stack, pool)).toBeUndefined()
  })

  it('finds nothing when the default child is some other resource', () => {
    // Prepare
    const stack = stackIn(testApp())
    const odd = cognito.UserPool.fromUserPoolId(stack, 'Odd', `${REGION}_ODD`)
    const other = new CfnResource(stack, 'Topic', { type: 'AWS::SNS::Topic' })
    Object.defineProperty(odd.node, 'defaultChild', { value: other })

    // Act & Assess
    expect(ownedPoolResource(stack, odd)).toBeUndefined()
  })
})

describe('statementsFor', () => {
  it('refuses to grant decryption without the key', () => {
    // Prepare
    const stack = stackIn(testApp())
    const userPool = cognito.UserPool.fromUserPoolId(stack, 'Pool', `${REGION}_EXAMPLE`)

    // Act & Assess
    expect(() => statementsFor(stack, [{ kind: 'decrypt-codes', plugin: 'custom-sender' }], { userPool })).toThrowError(
      'decrypt-codes needs the custom sender KMS key',
    )
  })
})
