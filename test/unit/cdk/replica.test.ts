import { Stack } from 'aws-cdk-lib'
import { Annotations, Match } from 'aws-cdk-lib/assertions'
import * as cognito from 'aws-cdk-lib/aws-cognito'
import * as kms from 'aws-cdk-lib/aws-kms'
import { beforeAll, describe, expect, it } from 'vitest'
import { CognitoTriggerRouter, CognitoTriggerRouterReplica, type CognitoTriggerRouterReplicaProps } from '../../../src/cdk/index.js'
import type { RouterConfig } from '../../../src/config.js'
import { ACCOUNT, INLINE_CODE, KEY_ARN, lambdaConfigOf, lintAssembly, templateOf, testApp, testPool, WARM_UP_MS, warmUp } from './fixtures.js'

beforeAll(warmUp, WARM_UP_MS)

const PRIMARY = 'us-east-1'
const SECONDARY = 'eu-west-1'
const POOL_ID = 'us-east-1_AbC123'
const PRIMARY_KEY_ARN = `arn:aws:kms:${PRIMARY}:${ACCOUNT}:key/mrk-1234abcd12ab34cd56ef1234567890ab`
const SENDERS: RouterConfig = {
  plugins: {
    'signup-policy': { allowDomains: ['example.com'] },
    'add-to-group': { groups: ['users'] },
    'custom-sender': { email: { from: 'codes@example.com' }, sms: {} },
  },
}

/** A main stack in the primary Region and a replica stack in the secondary one, in one app. */
const replicatedApp = (config: RouterConfig, replica: Partial<CognitoTriggerRouterReplicaProps> = {}) => {
  const app = testApp()
  const main = new Stack(app, 'Main', { env: { account: ACCOUNT, region: PRIMARY } })
  const router = new CognitoTriggerRouter(main, 'Router', { userPool: testPool(main), code: INLINE_CODE, config, replicaRegions: [SECONDARY] })
  const secondary = new Stack(app, 'Replica', { env: { account: ACCOUNT, region: SECONDARY } })
  const replicaRouter = new CognitoTriggerRouterReplica(secondary, 'Router', {
    userPoolId: POOL_ID,
    code: INLINE_CODE,
    config,
    ...(router.plan.customSenders ? { primaryKeyArn: PRIMARY_KEY_ARN } : {}),
    ...replica,
  })
  lintAssembly(app.synth())
  return { app, main, router, secondary, replicaRouter, mainTemplate: templateOf(main), replicaTemplate: templateOf(secondary) }
}

const regionalLambdaConfig = (template: ReturnType<typeof templateOf>): Record<string, unknown> => {
  const [attachment] = Object.values(template.findResources('AWS::Cognito::UserPoolRegionalConfigurationAttachment'))
  return (attachment as { Properties: { LambdaConfig: Record<string, unknown> } }).Properties.LambdaConfig
}

describe('a replicated pool, main stack in us-east-1 and replica stack in eu-west-1', () => {
  it('attaches the router in the replica Region with the same slots as in the primary Region', () => {
    const { mainTemplate, replicaTemplate } = replicatedApp(SENDERS)
    const main = lambdaConfigOf(mainTemplate)
    const regional = regionalLambdaConfig(replicaTemplate)
    // Same construct paths, same logical IDs: the regional LambdaConfig is the pool's, which cfn-lint checks
    // against AWS::Cognito::UserPool (cfn-lint 1.51 only knows the regional type from ./schemas), but
    // for the key, the primary key's replica in this Region.
    expect({ ...regional, KMSKeyID: main['KMSKeyID'] }).toStrictEqual(main)
    expect(Object.keys(regional).sort()).toStrictEqual(['CustomEmailSender', 'CustomSMSSender', 'KMSKeyID', 'PostConfirmation', 'PreSignUp'])
    replicaTemplate.hasResourceProperties('AWS::Cognito::UserPoolRegionalConfigurationAttachment', {
      UserPoolId: POOL_ID,
      LambdaConfig: {
        PreSignUp: { 'Fn::GetAtt': [Match.stringLikeRegexp('^RouterFunction'), 'Arn'] },
        CustomEmailSender: { LambdaArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^RouterFunction'), 'Arn'] }, LambdaVersion: 'V1_0' },
        KMSKeyID: { 'Fn::GetAtt': [Match.stringLikeRegexp('^RouterSenderKey'), 'Arn'] },
      },
    })
  })

  it('creates a router function in each Region', () => {
    const { mainTemplate, replicaTemplate } = replicatedApp(SENDERS)
    mainTemplate.resourceCountIs('AWS::Lambda::Function', 1)
    replicaTemplate.resourceCountIs('AWS::Lambda::Function', 1)
    replicaTemplate.resourceCountIs('AWS::Cognito::UserPool', 0)
    replicaTemplate.resourceCountIs('AWS::Cognito::UserPoolClient', 0)
  })

  it('grants Cognito one invoke permission per pool and Region, scoped to the pool in that Region', () => {
    const { mainTemplate, replicaTemplate } = replicatedApp(SENDERS)
    mainTemplate.resourceCountIs('AWS::Lambda::Permission', 1)
    mainTemplate.hasResourceProperties('AWS::Lambda::Permission', {
      Principal: 'cognito-idp.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Pool'), 'Arn'] },
      SourceAccount: ACCOUNT,
    })
    replicaTemplate.resourceCountIs('AWS::Lambda::Permission', 1)
    replicaTemplate.hasResourceProperties('AWS::Lambda::Permission', {
      Principal: 'cognito-idp.amazonaws.com',
      SourceArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:cognito-idp:${SECONDARY}:${ACCOUNT}:userpool/${POOL_ID}`]] },
      SourceAccount: ACCOUNT,
    })
  })

  it('encrypts sender codes with a multi-Region key, replicated into the replica Region', () => {
    const { mainTemplate, replicaTemplate, replicaRouter } = replicatedApp(SENDERS)
    mainTemplate.hasResourceProperties('AWS::KMS::Key', { MultiRegion: true, EnableKeyRotation: true })
    replicaTemplate.resourceCountIs('AWS::KMS::Key', 0)
    replicaTemplate.hasResourceProperties('AWS::KMS::ReplicaKey', { PrimaryKeyArn: PRIMARY_KEY_ARN })
    // The replica's function decrypts with the replica key, for codes of the shared pool ID only.
    const secondary = Stack.of(replicaRouter)
    expect(secondary.resolve(replicaRouter.config.plugins['custom-sender'])).toMatchObject({
      kmsKeyArn: { 'Fn::GetAtt': [expect.stringMatching(/^RouterSenderKey/), 'Arn'] },
    })
    replicaTemplate.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 'kms:Decrypt',
            Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^RouterSenderKey'), 'Arn'] },
            Condition: { StringEquals: { 'kms:EncryptionContext:userpool-id': POOL_ID } },
          }),
        ]),
      },
    })
  })

  it('grants pool-scoped permissions on the pool of the replica Region', () => {
    const { replicaTemplate } = replicatedApp(SENDERS)
    replicaTemplate.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 'cognito-idp:AdminAddUserToGroup',
            Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:cognito-idp:${SECONDARY}:${ACCOUNT}:userpool/${POOL_ID}`]] },
          }),
        ]),
      },
    })
  })

  it('needs no key when no custom sender is enabled', () => {
    const { mainTemplate, replicaTemplate } = replicatedApp({ plugins: { 'signup-policy': { allowDomains: ['example.com'] } } })
    mainTemplate.resourceCountIs('AWS::KMS::Key', 0)
    replicaTemplate.resourceCountIs('AWS::KMS::ReplicaKey', 0)
    expect(regionalLambdaConfig(replicaTemplate)).toStrictEqual({ PreSignUp: { 'Fn::GetAtt': [expect.stringMatching(/^RouterFunction/), 'Arn'] } })
  })

  it('takes the primary key from custom-sender\'s kmsKeyArn when primaryKeyArn is not given', () => {
    const config: RouterConfig = { plugins: { 'custom-sender': { kmsKeyArn: PRIMARY_KEY_ARN, sms: {} } } }
    const { replicaTemplate, replicaRouter } = replicatedApp(config, { primaryKeyArn: undefined })
    replicaTemplate.hasResourceProperties('AWS::KMS::ReplicaKey', { PrimaryKeyArn: PRIMARY_KEY_ARN })
    // The replica's function decrypts with the replica key, not the primary one the configuration names.
    expect(Stack.of(replicaRouter).resolve(replicaRouter.config.plugins['custom-sender'])).toMatchObject({
      kmsKeyArn: { 'Fn::GetAtt': [expect.stringMatching(/^RouterSenderKey/), 'Arn'] },
    })
  })

  it('uses a key of the replica Region as given, without replicating one', () => {
    const app = testApp()
    const secondary = new Stack(app, 'Replica', { env: { account: ACCOUNT, region: SECONDARY } })
    const kmsKey = kms.Key.fromKeyArn(secondary, 'Key', `arn:aws:kms:${SECONDARY}:${ACCOUNT}:key/mrk-1234abcd12ab34cd56ef1234567890ab`)
    new CognitoTriggerRouterReplica(secondary, 'Router', { userPoolId: POOL_ID, code: INLINE_CODE, config: { plugins: { 'custom-sender': { sms: {} } } }, kmsKey })
    const template = templateOf(secondary)
    template.resourceCountIs('AWS::KMS::ReplicaKey', 0)
    expect(regionalLambdaConfig(template)['KMSKeyID']).toBe(kmsKey.keyArn)
  })
})

describe('serving more pools from one replica stack', () => {
  it('adds a regional configuration and an invoke permission per pool', () => {
    const app = testApp()
    const secondary = new Stack(app, 'Replica', { env: { account: ACCOUNT, region: SECONDARY } })
    const router = new CognitoTriggerRouterReplica(secondary, 'Router', { userPoolId: POOL_ID, code: INLINE_CODE, config: { plugins: { 'signup-policy': {} } } })
    router.addUserPool(cognito.UserPool.fromUserPoolId(secondary, 'Other', 'us-east-1_Other9'))
    const template = templateOf(secondary)
    template.resourceCountIs('AWS::Cognito::UserPoolRegionalConfigurationAttachment', 2)
    template.resourceCountIs('AWS::Lambda::Permission', 2)
    template.hasResourceProperties('AWS::Cognito::UserPoolRegionalConfigurationAttachment', { UserPoolId: 'us-east-1_Other9' })
  })
})

describe('keys that replicas cannot use fail synth', () => {
  const senders: RouterConfig = { plugins: { 'custom-sender': { sms: {} } } }
  const mainWith = (props: { kmsKey?: (stack: Stack) => kms.IKey; config?: RouterConfig }) => {
    const stack = new Stack(testApp(), 'Main', { env: { account: ACCOUNT, region: PRIMARY } })
    return () =>
      new CognitoTriggerRouter(stack, 'Router', {
        userPool: testPool(stack),
        code: INLINE_CODE,
        config: props.config ?? senders,
        replicaRegions: [SECONDARY],
        ...(props.kmsKey === undefined ? {} : { kmsKey: props.kmsKey(stack) }),
      })
  }

  it.each<[string, (stack: Stack) => kms.IKey]>([
    ['a single-Region kms.Key', (stack) => new kms.Key(stack, 'Key', { enableKeyRotation: true })],
    ['the ARN of a single-Region key', (stack) => kms.Key.fromKeyArn(stack, 'Key', `arn:aws:kms:${PRIMARY}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`)],
  ])('rejects %s when the pool has replica Regions', (_name, kmsKey) => {
    expect(mainWith({ kmsKey })).toThrowError(/is a single-Region key, but the pool is replicated to eu-west-1: .*multiRegion: true/)
  })

  it('rejects a single-Region key named by custom-sender\'s kmsKeyArn', () => {
    expect(mainWith({ config: { plugins: { 'custom-sender': { kmsKeyArn: KEY_ARN, sms: {} } } } })).toThrowError(
      `the custom sender key ${KEY_ARN} is a single-Region key`,
    )
  })

  it.each<[string, (stack: Stack) => kms.IKey]>([
    ['a multi-Region kms.Key', (stack) => new kms.Key(stack, 'Key', { enableKeyRotation: true, multiRegion: true })],
    ['the ARN of a multi-Region key', (stack) => kms.Key.fromKeyArn(stack, 'Key', PRIMARY_KEY_ARN)],
  ])('accepts %s', (_name, kmsKey) => {
    expect(mainWith({ kmsKey })).not.toThrow()
  })

  it('warns when the key is only known at deployment', () => {
    const stack = new Stack(testApp(), 'Main', { env: { account: ACCOUNT, region: PRIMARY } })
    const kmsKey = kms.Key.fromKeyArn(stack, 'Key', new cognito.CfnUserPool(stack, 'Other').attrArn)
    new CognitoTriggerRouter(stack, 'Router', { userPool: testPool(stack), code: INLINE_CODE, config: senders, replicaRegions: [SECONDARY], kmsKey })
    Annotations.fromStack(stack).hasWarning('/Main/Router', Match.stringLikeRegexp('only known at deployment: make sure it is a multi-Region key, replicated to eu-west-1'))
  })

  it('rejects a replica without a primary key when a custom sender is enabled', () => {
    const secondary = new Stack(testApp(), 'Replica', { env: { account: ACCOUNT, region: SECONDARY } })
    expect(() => new CognitoTriggerRouterReplica(secondary, 'Router', { userPoolId: POOL_ID, code: INLINE_CODE, config: senders })).toThrowError(
      /a custom sender is enabled, so the replica needs the sender key: set primaryKeyArn/,
    )
  })

  it('rejects a single-Region primary key on the replica', () => {
    const secondary = new Stack(testApp(), 'Replica', { env: { account: ACCOUNT, region: SECONDARY } })
    const primaryKeyArn = `arn:aws:kms:${PRIMARY}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`
    expect(() => new CognitoTriggerRouterReplica(secondary, 'Router', { userPoolId: POOL_ID, code: INLINE_CODE, config: senders, primaryKeyArn })).toThrowError(
      `primaryKeyArn ${primaryKeyArn} is a single-Region key`,
    )
  })

  it('rejects a user pool ID that is not one', () => {
    const secondary = new Stack(testApp(), 'Replica', { env: { account: ACCOUNT, region: SECONDARY } })
    expect(() => new CognitoTriggerRouterReplica(secondary, 'Router', { userPoolId: 'arn:aws:cognito-idp:x', code: INLINE_CODE, config: { plugins: {} } })).toThrowError(
      'userPoolId must be a user pool ID like "us-east-1_AbC123", got "arn:aws:cognito-idp:x"',
    )
  })
})

describe('the README example, "Replicated (multi-Region) pools"', () => {
  it('synthesizes as written, with no warning', () => {
    // Prepare: the example's configuration and stacks
    const config: RouterConfig = {
      plugins: {
        'add-to-group': { groups: ['users'] },
        'custom-sender': { email: { from: 'codes@example.com' } },
      },
    }
    const app = testApp()
    const main = new Stack(app, 'AuthUs', { env: { account: ACCOUNT, region: PRIMARY } })
    const userPool = testPool(main)
    const replica = new Stack(app, 'AuthEu', { env: { account: ACCOUNT, region: SECONDARY } })

    // Act
    const triggers = new CognitoTriggerRouter(main, 'Triggers', { userPool, config, code: INLINE_CODE, replicaRegions: [SECONDARY] })
    new CognitoTriggerRouterReplica(replica, 'Triggers', { userPoolId: POOL_ID, primaryKeyArn: PRIMARY_KEY_ARN, config, code: INLINE_CODE })

    // Assess
    expect(triggers.kmsKey).toBeDefined()
    templateOf(main).hasResourceProperties('AWS::KMS::Key', { MultiRegion: true })
    templateOf(replica).resourceCountIs('AWS::Cognito::UserPoolRegionalConfigurationAttachment', 1)
    for (const stack of [main, replica]) expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toStrictEqual([])
  })
})
