import { readFileSync } from 'node:fs'
import { Stack } from 'aws-cdk-lib'
import * as cognito from 'aws-cdk-lib/aws-cognito'
import * as kms from 'aws-cdk-lib/aws-kms'
import * as lambda from 'aws-cdk-lib/aws-lambda'
import { beforeAll, describe, expect, it } from 'vitest'
import { CognitoTriggerRouter } from '../../../src/cdk/index.js'
import type { RouterConfig } from '../../../src/config.js'
import { buildLambdaConfig, SLOTS, TOKEN_VERSIONS } from '../../../src/deploy/slots.js'
import { ACCOUNT, FUNCTION_ARN, INLINE_CODE, KEY_ARN, lambdaConfigOf, MESSAGES, OTP, POOL_ARN, REGION, stackIn, synth, templateOf, testApp, testPool, WARM_UP_MS, warmUp, WELCOME } from './fixtures.js'

const SENDERS: RouterConfig = {
  plugins: { 'custom-sender': { kmsKeyArn: KEY_ARN, email: { from: 'codes@example.com' }, sms: {} } },
}

beforeAll(warmUp, WARM_UP_MS)

describe('slots "all"', () => {
  // With a custom sender plugin, "all" is all 13 slots.
  const { template } = synth(SENDERS, { slots: 'all' })
  const lambdaConfig = lambdaConfigOf(template)

  it.each(SLOTS.map((slot) => [slot.key, slot] as const))('puts the function on the %s slot', (key, slot) => {
    // Assess
    const expected = buildLambdaConfig<unknown>(FUNCTION_ARN, [slot.family], { kmsKeyArn: KEY_ARN })[key]
    expect(lambdaConfig[key]).toStrictEqual(expected)
  })

  it('sets the 13 slots and the KMS key, nothing else', () => {
    expect(Object.keys(lambdaConfig).sort()).toStrictEqual([...SLOTS.map((slot) => slot.key), 'KMSKeyID'].sort())
    expect(lambdaConfig.KMSKeyID).toBe(KEY_ARN)
  })

  it('leaves out the custom sender slots when no sender plugin is enabled, so Cognito keeps sending codes itself', () => {
    // Act
    const config = lambdaConfigOf(synth({ plugins: {} }, { slots: 'all' }).template)

    // Assess
    expect(Object.keys(config)).toHaveLength(11)
    expect(config).not.toHaveProperty('CustomEmailSender')
    expect(config).not.toHaveProperty('CustomSMSSender')
    expect(config).not.toHaveProperty('KMSKeyID')
  })
})

describe('slots "enabled" (the default)', () => {
  it.each([
    [{ 'signup-policy': {} }, ['PreSignUp']],
    [{ 'add-to-group': { groups: ['users'] }, 'welcome-email': { from: 'hi@example.com', ...WELCOME } }, ['PostConfirmation']],
    [{ 'sign-in-audit': {} }, ['PostAuthentication']],
    [{ 'token-claims': {} }, ['PreTokenGenerationConfig']],
    [{ 'email-otp': { from: 'otp@example.com', ...OTP } }, ['CreateAuthChallenge', 'DefineAuthChallenge', 'VerifyAuthChallengeResponse']],
    [{ 'user-migration': {} }, ['UserMigration']],
    [{ 'custom-messages': MESSAGES }, ['CustomMessage']],
    [{ 'federation-attributes': {} }, ['InboundFederation']],
    [{ 'custom-sender': { kmsKeyArn: KEY_ARN, sms: {} } }, ['CustomSMSSender', 'KMSKeyID']],
    [{ 'custom-sender': { kmsKeyArn: KEY_ARN, email: { from: 'a@example.com' } } }, ['CustomEmailSender', 'KMSKeyID']],
  ])('with %j sets exactly %j', (plugins, keys) => {
    // Act
    const lambdaConfig = lambdaConfigOf(synth({ plugins: plugins as RouterConfig['plugins'] }).template)

    // Assess
    expect(Object.keys(lambdaConfig).sort()).toStrictEqual(keys)
  })

  it('keeps the pool\'s other settings and sets no LambdaConfig when no plugin is enabled', () => {
    // Act
    const { template } = synth({ plugins: {} })

    // Assess
    expect(lambdaConfigOf(template)).toStrictEqual({})
    template.hasResourceProperties('AWS::Cognito::UserPool', { UserPoolTier: 'ESSENTIALS' })
  })
})

describe('pre token generation version', () => {
  it.each(TOKEN_VERSIONS)('sets PreTokenGenerationConfig.LambdaVersion %s', (tokenVersion) => {
    // Act
    const lambdaConfig = lambdaConfigOf(synth({ plugins: { 'token-claims': {} } }, { tokenVersion }).template)

    // Assess
    expect(lambdaConfig.PreTokenGenerationConfig).toStrictEqual({ LambdaArn: FUNCTION_ARN, LambdaVersion: tokenVersion })
    expect(lambdaConfig).not.toHaveProperty('PreTokenGeneration')
  })

  it('defaults to V2_0', () => {
    expect(lambdaConfigOf(synth({ plugins: { 'token-claims': {} } }).template).PreTokenGenerationConfig).toStrictEqual({
      LambdaArn: FUNCTION_ARN,
      LambdaVersion: 'V2_0',
    })
  })

  it('refuses an unknown version at synth', () => {
    // @ts-expect-error -- a JavaScript caller
    expect(() => synth({ plugins: {} }, { tokenVersion: '2.0' })).toThrowError('tokenVersion must be one of V1_0, V2_0, V3_0, got 2.0')
  })
})

describe('the invoke permission', () => {
  it('is one statement for the pool, with SourceArn and SourceAccount, however many slots', () => {
    // Act
    const { template } = synth(SENDERS, { slots: 'all' })

    // Assess
    template.resourceCountIs('AWS::Lambda::Permission', 1)
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: FUNCTION_ARN,
      Principal: 'cognito-idp.amazonaws.com',
      SourceArn: POOL_ARN,
      SourceAccount: ACCOUNT,
    })
  })

  it('takes the account from an imported pool ARN in another account', () => {
    // Prepare
    const app = testApp()
    const stack = stackIn(app)
    const userPool = cognito.UserPool.fromUserPoolArn(stack, 'Pool', `arn:aws:cognito-idp:${REGION}:210987654321:userpool/${REGION}_OTHER`)

    // Act
    new CognitoTriggerRouter(stack, 'Router', { userPool, code: INLINE_CODE, config: { plugins: { 'signup-policy': {} } } })

    // Assess
    templateOf(stack).hasResourceProperties('AWS::Lambda::Permission', {
      SourceArn: `arn:aws:cognito-idp:${REGION}:210987654321:userpool/${REGION}_OTHER`,
      SourceAccount: '210987654321',
    })
  })
})

describe('an imported pool', () => {
  const imported = (config: RouterConfig = { plugins: { 'signup-policy': {}, 'token-claims': {} } }) => {
    const app = testApp()
    const stack = stackIn(app)
    const userPool = cognito.UserPool.fromUserPoolId(stack, 'Pool', `${REGION}_EXAMPLE`)
    const router = new CognitoTriggerRouter(stack, 'Router', { userPool, code: INLINE_CODE, config })
    return { stack, router, template: templateOf(stack) }
  }

  it('is left untouched: UpdateUserPool would reset every setting it is not given', () => {
    // Act
    const { template } = imported()

    // Assess
    template.resourceCountIs('AWS::Cognito::UserPool', 0)
    template.resourceCountIs('Custom::AWS', 0)
  })

  it('still gets its invoke permission', () => {
    imported().template.hasResourceProperties('AWS::Lambda::Permission', {
      SourceArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:cognito-idp:${REGION}:${ACCOUNT}:userpool/${REGION}_EXAMPLE`]] },
      SourceAccount: ACCOUNT,
    })
  })

  it('gets a LambdaConfig output with the exact JSON to apply', () => {
    // Act
    const { stack, router, template } = imported()

    // Assess
    const outputs = template.findOutputs('*')
    const [output] = Object.values(outputs) as { Value: unknown; Description: string }[]
    expect(output!.Description).toContain('UpdateUserPool alone resets every setting')
    expect(stack.resolve(router.lambdaConfig)).toStrictEqual({
      PreSignUp: FUNCTION_ARN,
      PreTokenGenerationConfig: { LambdaArn: FUNCTION_ARN, LambdaVersion: 'V2_0' },
    })
    expect(JSON.stringify(output!.Value)).toContain('\\"PreTokenGenerationConfig\\":{\\"LambdaArn\\":\\"')
  })

  it('names its output as the README does: the construct id, then LambdaConfig, then the number of each further pool', () => {
    // Prepare: the construct id of the README's example, and the output name its script reads.
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8')
    const id = /new CognitoTriggerRouter\(this, '(\w+)'/.exec(readme)?.[1]
    const section = readme.slice(readme.indexOf('#### A pool this stack does not deploy'), readme.indexOf('### With CloudFormation (SAM)'))
    const documented = /LAMBDA_CONFIG: the stack output "(\w+)"/.exec(section)?.[1]
    const stack = stackIn()
    const pool = (name: string) => cognito.UserPool.fromUserPoolId(stack, name, `${REGION}_${name}`)

    // Act
    const router = new CognitoTriggerRouter(stack, id ?? 'no id in the README', { userPool: pool('First'), code: INLINE_CODE, config: { plugins: { 'signup-policy': {} } } })
    router.addUserPool(pool('Second'))

    // Assess
    expect(documented).toBe(`${id}LambdaConfig`)
    expect(Object.keys(templateOf(stack).findOutputs('*'))).toStrictEqual([documented, `${documented}2`])
    expect(section).toContain(`\`${documented}2\``)
  })

  it('warns that the slots must be applied where the pool is defined', () => {
    // Act
    const { stack } = imported()

    // Assess
    const warnings = stack.node.findAll().flatMap((node) => node.node.metadata).filter((entry) => entry.type === 'aws:cdk:warning')
    expect(JSON.stringify(warnings)).toContain('its trigger slots were not changed: apply the \\"RouterLambdaConfig\\" output')
  })

  it('is how a pool of another stack is treated too, avoiding a reference cycle between the stacks', () => {
    // Prepare
    const app = testApp()
    const poolStack = new Stack(app, 'Pools', { env: { account: ACCOUNT, region: REGION } })
    const routerStack = new Stack(app, 'Router', { env: { account: ACCOUNT, region: REGION } })
    const userPool = testPool(poolStack)

    // Act
    new CognitoTriggerRouter(routerStack, 'Router', { userPool, code: INLINE_CODE, config: { plugins: { 'signup-policy': {} } } })

    // Assess
    expect(templateOf(poolStack).toJSON().Resources.PoolD3F588B8.Properties.LambdaConfig).toBeUndefined()
    expect(Object.keys(templateOf(routerStack).findOutputs('*'))).toHaveLength(1)
  })
})

describe('slots set elsewhere on the same pool', () => {
  const otherFunction = (stack: Stack) =>
    new lambda.Function(stack, 'Other', { code: INLINE_CODE, handler: 'index.handler', runtime: lambda.Runtime.NODEJS_22_X })

  it('fail synth when addTrigger already put another function on a slot the router needs', () => {
    // Prepare
    const app = testApp()
    const stack = stackIn(app)
    const userPool = testPool(stack)
    userPool.addTrigger(cognito.UserPoolOperation.PRE_SIGN_UP, otherFunction(stack))
    new CognitoTriggerRouter(stack, 'Router', { userPool, code: INLINE_CODE, config: { plugins: { 'signup-policy': {} } } })

    // Act & Assess
    expect(() => app.synth()).toThrowError(/LambdaConfig\.PreSignUp of Stack\/Pool\/Resource is also set elsewhere/)
  })

  it('fail synth for the legacy PreTokenGeneration slot, which must equal PreTokenGenerationConfig', () => {
    // Prepare
    const app = testApp()
    const stack = stackIn(app)
    const userPool = testPool(stack)
    userPool.addTrigger(cognito.UserPoolOperation.PRE_TOKEN_GENERATION, otherFunction(stack))
    new CognitoTriggerRouter(stack, 'Router', { userPool, code: INLINE_CODE, config: { plugins: { 'token-claims': {} } } })

    // Act & Assess
    expect(() => app.synth()).toThrowError(/LambdaConfig\.PreTokenGenerationConfig .* is also set elsewhere/)
  })

  it('fail synth when the pool names another custom sender key, and say how to pass it', () => {
    // Prepare
    const app = testApp()
    const stack = stackIn(app)
    const userPool = testPool(stack, { customSenderKmsKey: new kms.Key(stack, 'PoolKey', { enableKeyRotation: true }) })
    new CognitoTriggerRouter(stack, 'Router', { userPool, code: INLINE_CODE, config: SENDERS })

    // Act & Assess
    expect(() => app.synth()).toThrowError(/LambdaConfig\.KMSKeyID .*pass that key as the router's "kmsKey"/)
  })

  it('pass when the pool and the router name the same key', () => {
    // Prepare
    const app = testApp()
    const stack = stackIn(app)
    const key = new kms.Key(stack, 'PoolKey', { enableKeyRotation: true })
    const userPool = testPool(stack, { customSenderKmsKey: key })
    const config: RouterConfig = { plugins: { 'custom-sender': { email: { from: 'a@example.com' } } } }
    new CognitoTriggerRouter(stack, 'Router', { userPool, code: INLINE_CODE, config, kmsKey: key })

    // Act
    const lambdaConfig = lambdaConfigOf(templateOf(stack))

    // Assess
    expect(lambdaConfig.KMSKeyID).toStrictEqual({ 'Fn::GetAtt': [expect.stringMatching(/^PoolKey/), 'Arn'] })
  })

  it('keep slots the router does not use', () => {
    // Prepare
    const app = testApp()
    const stack = stackIn(app)
    const userPool = testPool(stack)
    userPool.addTrigger(cognito.UserPoolOperation.USER_MIGRATION, otherFunction(stack))
    new CognitoTriggerRouter(stack, 'Router', { userPool, code: INLINE_CODE, config: { plugins: { 'signup-policy': {} } } })

    // Act
    const lambdaConfig = lambdaConfigOf(templateOf(stack))

    // Assess
    expect(Object.keys(lambdaConfig).sort()).toStrictEqual(['PreSignUp', 'UserMigration'])
  })
})

describe('addUserPool', () => {
  it('serves a second pool with one more permission, its slots and its own pool-scoped statements', () => {
    // Prepare
    const app = testApp()
    const stack = stackIn(app)
    const first = testPool(stack)
    const second = new cognito.UserPool(stack, 'Second')
    const router = new CognitoTriggerRouter(stack, 'Router', {
      userPool: first,
      code: INLINE_CODE,
      config: { plugins: { 'add-to-group': { groups: ['users'] }, 'welcome-email': { from: 'hi@example.com', ...WELCOME } } },
    })

    // Act
    router.addUserPool(second)

    // Assess
    const template = templateOf(stack)
    template.resourceCountIs('AWS::Lambda::Permission', 2)
    const sids = template.toJSON().Resources
    const statements = Object.entries(sids as Record<string, { Type: string; Properties: { PolicyDocument?: { Statement: { Sid?: string }[] } } }>)
      .filter(([id]) => id.startsWith('RouterPluginPolicy'))
      .flatMap(([, policy]) => policy.Properties.PolicyDocument!.Statement.map((statement) => statement.Sid))
    expect(statements).toStrictEqual(['AddToGroupAdminAddUserToGroup', 'WelcomeEmailSesSendEmail', 'AddToGroupAdminAddUserToGroup2'])
    template.hasResourceProperties('AWS::Cognito::UserPool', { LambdaConfig: { PostConfirmation: FUNCTION_ARN } })
    expect(Object.values(template.findResources('AWS::Cognito::UserPool')).every((pool) => 'LambdaConfig' in (pool as { Properties: object }).Properties)).toBe(true)
  })

  it('refuses the same pool twice', () => {
    // Prepare
    const { router, stack } = synth({ plugins: {} })
    const pool = stack.node.findChild('Pool') as cognito.UserPool

    // Act & Assess
    expect(() => router.addUserPool(pool)).toThrowError('Stack/Pool is already served by Stack/Router')
  })
})
