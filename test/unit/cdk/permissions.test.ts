import { Match } from 'aws-cdk-lib/assertions'
import * as cognito from 'aws-cdk-lib/aws-cognito'
import * as kms from 'aws-cdk-lib/aws-kms'
import { beforeAll, describe, expect, it } from 'vitest'
import { CognitoTriggerRouter } from '../../../src/cdk/index.js'
import type { RouterConfig } from '../../../src/config.js'
import { ACCOUNT, INLINE_CODE, KEY_ARN, MESSAGES, OTP, pluginStatements, POOL_ARN, POOL_REF, REGION, stackIn, synth, templateOf, testApp, testPool, WARM_UP_MS, warmUp, WELCOME } from './fixtures.js'

const arn = (service: string, resource: string) => ({
  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:${service}:${REGION}:${ACCOUNT}:${resource}`]],
})
beforeAll(warmUp, WARM_UP_MS)

const SENDER_KEY = { 'Fn::GetAtt': [Match.stringLikeRegexp('^RouterSenderKey'), 'Arn'] }

describe('IAM per plugin', () => {
  it.each<[string, RouterConfig['plugins'], Record<string, unknown>[]]>([
    ['no statement for plugins that call no AWS API', { 'signup-policy': {}, 'token-claims': {}, 'custom-messages': MESSAGES, 'federation-attributes': {}, 'user-migration': {} }, []],
    [
      'AdminAddUserToGroup on the pool for add-to-group',
      { 'add-to-group': { groups: ['users'] } },
      [{ Sid: 'AddToGroupAdminAddUserToGroup', Effect: 'Allow', Action: 'cognito-idp:AdminAddUserToGroup', Resource: POOL_ARN }],
    ],
    [
      'ses:SendEmail on the sender address and its domain for welcome-email',
      { 'welcome-email': { from: 'Example <hello@example.com>', ...WELCOME } },
      [
        {
          Sid: 'WelcomeEmailSesSendEmail',
          Effect: 'Allow',
          Action: 'ses:SendEmail',
          Resource: [arn('ses', 'identity/hello@example.com'), arn('ses', 'identity/example.com')],
        },
      ],
    ],
    [
      'ses:SendEmail on the identity and the configuration set for email-otp',
      { 'email-otp': { from: 'otp@example.com', configurationSetName: 'otp', ...OTP } },
      [
        {
          Sid: 'EmailOtpSesSendEmail',
          Effect: 'Allow',
          Action: 'ses:SendEmail',
          Resource: [arn('ses', 'identity/otp@example.com'), arn('ses', 'identity/example.com'), arn('ses', 'configuration-set/otp')],
        },
      ],
    ],
    ['nothing for sign-in-audit that only logs', { 'sign-in-audit': {} }, []],
    [
      'events:PutEvents on the default bus for sign-in-audit with eventBridge: true',
      { 'sign-in-audit': { eventBridge: true } },
      [{ Sid: 'SignInAuditEventsPutEvents', Effect: 'Allow', Action: 'events:PutEvents', Resource: arn('events', 'event-bus/default') }],
    ],
    [
      'events:PutEvents on the named bus',
      { 'sign-in-audit': { eventBridge: { busName: 'audit' } } },
      [{ Sid: 'SignInAuditEventsPutEvents', Effect: 'Allow', Action: 'events:PutEvents', Resource: arn('events', 'event-bus/audit') }],
    ],
    [
      'events:PutEvents on a bus of another account, by ARN',
      { 'sign-in-audit': { eventBridge: { busName: 'arn:aws:events:eu-west-1:210987654321:event-bus/central' } } },
      [{ Sid: 'SignInAuditEventsPutEvents', Effect: 'Allow', Action: 'events:PutEvents', Resource: 'arn:aws:events:eu-west-1:210987654321:event-bus/central' }],
    ],
  ])('grants %s', (_case, plugins, statements) => {
    // Act
    const { template } = synth({ plugins })

    // Assess
    expect(pluginStatements(template)).toStrictEqual(statements)
  })

  it('grants the union for several plugins, one statement each', () => {
    // Act
    const { template } = synth({
      plugins: { 'add-to-group': { groups: ['a'] }, 'welcome-email': { from: 'hi@example.com', ...WELCOME }, 'sign-in-audit': { eventBridge: true } },
    })

    // Assess
    expect(pluginStatements(template).map((statement) => statement.Sid)).toStrictEqual([
      'AddToGroupAdminAddUserToGroup',
      'WelcomeEmailSesSendEmail',
      'SignInAuditEventsPutEvents',
    ])
  })

  it('creates no plugin policy when no plugin needs one', () => {
    // Act
    const { template } = synth({ plugins: { 'signup-policy': {} } })

    // Assess
    template.resourceCountIs('AWS::IAM::Policy', 1)
  })

  it('gives the role only its log group besides, and no managed policy', () => {
    // Act
    const { template } = synth({ plugins: { 'add-to-group': { groups: ['a'] } } })

    // Assess
    template.hasResourceProperties('AWS::IAM::Role', Match.objectEquals({
      AssumeRolePolicyDocument: {
        Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } }],
        Version: '2012-10-17',
      },
      Description: Match.anyValue(),
    }))
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyName: Match.stringLikeRegexp('RouterRoleDefaultPolicy'),
      PolicyDocument: {
        Statement: [{ Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Effect: 'Allow', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^RouterLogs'), 'Arn'] } }],
      },
    })
  })

  it('keeps statements that name the pool out of the policy the function depends on (no dependency cycle)', () => {
    // Act
    const { template } = synth({ plugins: { 'add-to-group': { groups: ['a'] } } })

    // Assess
    const resources = template.toJSON().Resources as Record<string, { Type: string; DependsOn?: string[] }>
    const fn = Object.entries(resources).find(([, resource]) => resource.Type === 'AWS::Lambda::Function')![1]
    expect(fn.DependsOn!.some((id) => id.startsWith('RouterPluginPolicy'))).toBe(false)
  })

  it('fails synth when a permission cannot be derived, naming the option', () => {
    expect(() => synth({ plugins: { 'email-otp': { from: 'otp@localhost', ...OTP } } })).toThrowError('"plugins.email-otp.from" must be a sender address')
  })
})

describe('custom senders and KMS', () => {
  const emailAndSms: RouterConfig = { plugins: { 'custom-sender': { email: { from: 'codes@example.com' }, sms: { senderId: 'Example' } } } }

  it('creates a symmetric key with rotation and points the pool at it', () => {
    // Act
    const { template } = synth(emailAndSms)

    // Assess
    template.resourceCountIs('AWS::KMS::Key', 1)
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true })
    template.hasResourceProperties('AWS::Cognito::UserPool', { LambdaConfig: { KMSKeyID: SENDER_KEY } })
  })

  it('keeps the key policy with the account, so the role deploying the pool can create Cognito\'s grant', () => {
    // Act
    const { template } = synth(emailAndSms)

    // Assess
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: [
          {
            Action: 'kms:*',
            Effect: 'Allow',
            Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::${ACCOUNT}:root`]] } },
            Resource: '*',
          },
        ],
      },
    })
  })

  it('lets the function decrypt only codes Cognito encrypted for this pool, and publish SMS', () => {
    // Act
    const statements = pluginStatements(synth(emailAndSms).template)

    // Assess
    expect(statements).toContainEqual({
      Sid: 'CustomSenderKmsDecrypt',
      Effect: 'Allow',
      Action: 'kms:Decrypt',
      Resource: { 'Fn::GetAtt': [expect.stringMatching(/^RouterSenderKey/), 'Arn'] },
      Condition: { StringEquals: { 'kms:EncryptionContext:userpool-id': POOL_REF } },
    })
    expect(statements).toContainEqual({ Sid: 'CustomSenderSnsPublishSms', Effect: 'Allow', Action: 'sns:Publish', Resource: '*' })
    expect(statements.map((statement) => statement.Sid)).toContain('CustomSenderSesSendEmail')
  })

  it('passes the key ARN to the plugin in its options', () => {
    // Act
    const { router, stack } = synth(emailAndSms)

    // Assess
    expect(stack.resolve(router.config.plugins['custom-sender'])).toStrictEqual({
      email: { from: 'codes@example.com' },
      sms: { senderId: 'Example' },
      kmsKeyArn: { 'Fn::GetAtt': [expect.stringMatching(/^RouterSenderKey/), 'Arn'] },
    })
  })

  it('grants no sns:Publish to an email-only sender', () => {
    // Act
    const statements = pluginStatements(synth({ plugins: { 'custom-sender': { email: { from: 'codes@example.com' } } } }).template)

    // Assess
    expect(statements.map((statement) => statement.Sid)).toStrictEqual(['CustomSenderKmsDecrypt', 'CustomSenderSesSendEmail'])
  })

  it('uses the key the configuration names instead of creating one', () => {
    // Act
    const { template } = synth({ plugins: { 'custom-sender': { kmsKeyArn: KEY_ARN, sms: {} } } })

    // Assess
    template.resourceCountIs('AWS::KMS::Key', 0)
    template.hasResourceProperties('AWS::Cognito::UserPool', { LambdaConfig: { KMSKeyID: KEY_ARN } })
    expect(pluginStatements(template)[0]).toMatchObject({ Action: 'kms:Decrypt', Resource: KEY_ARN })
  })

  it('uses the kmsKey prop', () => {
    // Prepare
    const app = testApp()
    const stack = stackIn(app)
    const kmsKey = kms.Key.fromKeyArn(stack, 'Given', KEY_ARN)

    // Act
    new CognitoTriggerRouter(stack, 'Router', { userPool: testPool(stack), code: INLINE_CODE, kmsKey, config: { plugins: { 'custom-sender': { sms: {} } } } })

    // Assess
    templateOf(stack).hasResourceProperties('AWS::Cognito::UserPool', { LambdaConfig: { KMSKeyID: KEY_ARN } })
  })

  it('refuses a kmsKey prop that contradicts the configuration\'s kmsKeyArn', () => {
    // Prepare
    const app = testApp()
    const stack = stackIn(app)
    const kmsKey = new kms.Key(stack, 'Other', { enableKeyRotation: true })

    // Act & Assess
    expect(
      () =>
        new CognitoTriggerRouter(stack, 'Router', {
          userPool: testPool(stack),
          code: INLINE_CODE,
          kmsKey,
          config: { plugins: { 'custom-sender': { kmsKeyArn: KEY_ARN, sms: {} } } },
        }),
    ).toThrowError('"plugins.custom-sender.kmsKeyArn" is')
  })

  it('creates no key without a sender plugin, and warns that a given one is unused', () => {
    // Prepare
    const app = testApp()
    const stack = stackIn(app)

    // Act
    new CognitoTriggerRouter(stack, 'Router', {
      userPool: testPool(stack),
      code: INLINE_CODE,
      kmsKey: kms.Key.fromKeyArn(stack, 'Given', KEY_ARN),
      config: { plugins: {} },
    })

    // Assess
    const template = templateOf(stack)
    template.resourceCountIs('AWS::KMS::Key', 0)
    expect(JSON.stringify(stack.node.findAll().flatMap((node) => node.node.metadata))).toContain('kmsKey is ignored')
  })

  it('scopes decryption of an imported pool by its id', () => {
    // Prepare
    const app = testApp()
    const stack = stackIn(app)
    const userPool = cognito.UserPool.fromUserPoolId(stack, 'Pool', `${REGION}_EXAMPLE`)

    // Act
    new CognitoTriggerRouter(stack, 'Router', { userPool, code: INLINE_CODE, config: { plugins: { 'custom-sender': { kmsKeyArn: KEY_ARN, sms: {} } } } })

    // Assess
    expect(pluginStatements(templateOf(stack))[0]).toMatchObject({
      Condition: { StringEquals: { 'kms:EncryptionContext:userpool-id': `${REGION}_EXAMPLE` } },
    })
  })
})
