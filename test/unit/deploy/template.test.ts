import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parseDocument } from 'yaml'
import { TRIGGER_FAMILIES, type TriggerFamily } from '../../../src/catalogue.js'
import { buildLambdaConfig, SLOTS, TOKEN_VERSIONS } from '../../../src/deploy/slots.js'
import { CFN_TAGS, deploy, getAtt, PSEUDO, readTemplate, ref } from './cfn.js'
import { CFN_LINT_AVAILABLE, CFN_LINT_TIMEOUT_MS, cfnLint, describeMatch } from './cfn-lint.js'

const TEMPLATE_PATH = fileURLToPath(new URL('../../../src/deploy/template.yaml', import.meta.url))
const template = readTemplate(TEMPLATE_PATH)
const POOL_ID = 'eu-west-1_EXAMPLE'
const POOL_ARN = `arn:aws:cognito-idp:eu-west-1:123456789012:userpool/${POOL_ID}`
const KEY = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab'
const FUNCTION = getAtt('RouterFunction')
const SENDERS: readonly TriggerFamily[] = ['CustomEmailSender', 'CustomSMSSender']
const NON_SENDERS = (Object.keys(TRIGGER_FAMILIES) as TriggerFamily[]).filter((family) => !SENDERS.includes(family))
const SENDER_CONFIG = '{"plugins":{"custom-sender":{"kmsKeyArn":"{{SenderKeyArn}}","email":{"from":"codes@example.com"},"sms":{}}}}'

const resourcesOfType = (deployed: ReturnType<typeof deploy>, type: string) =>
  Object.entries(deployed.resources).filter(([, resource]) => resource.Type === type)
const propertiesOf = (deployed: ReturnType<typeof deploy>, id: string) => {
  const resource = deployed.resources[id]
  if (resource === undefined) throw new Error(`no resource ${id}`)
  return resource.Properties
}
const statementsOf = (deployed: ReturnType<typeof deploy>, id: string) =>
  (propertiesOf(deployed, id).PolicyDocument as { Statement: Record<string, unknown>[] }).Statement

describe('the SAM template', () => {
  it('parses with the CloudFormation short-form tags and uses the SAM transform', () => {
    // Assess
    expect(template.Transform).toBe('AWS::Serverless-2016-10-31')
    expect(Object.keys(template.Resources)).toContain('RouterFunction')
  })

  // cfn-lint applies the SAM transform and checks every branch of every condition at once.
  it.skipIf(!CFN_LINT_AVAILABLE)('passes cfn-lint with no error (warnings are reported)', async () => {
    // Act
    const matches = await cfnLint([TEMPLATE_PATH])

    // Assess
    const warnings = matches.filter((match) => match.Level !== 'Error')
    if (warnings.length > 0) console.warn(`cfn-lint warnings in the SAM template:\n${warnings.map(describeMatch).join('\n')}`)
    expect(matches.filter((match) => match.Level === 'Error').map(describeMatch)).toStrictEqual([])
  }, CFN_LINT_TIMEOUT_MS)

  it('uses only short forms the tags know, so no intrinsic is read as a plain string', () => {
    // Act
    const document = parseDocument(readFileSync(TEMPLATE_PATH, 'utf8'), { customTags: CFN_TAGS })

    // Assess
    expect(document.errors).toStrictEqual([])
    expect(document.warnings).toStrictEqual([])
    expect(template.Resources.RouterFunction!.Properties.Role).toStrictEqual({ 'Fn::GetAtt': ['RouterRole', 'Arn'] })
  })

  it('deploys the function from the zip `npm run build` writes, next to dist/index.mjs', () => {
    // Act
    const props = propertiesOf(deploy(template), 'RouterFunction')

    // Assess
    expect(props.CodeUri).toBe('../../dist/cognito-trigger-router.zip')
    expect(fileURLToPath(new URL(props.CodeUri as string, new URL('../../../src/deploy/', import.meta.url)))).toBe(
      fileURLToPath(new URL('../../../dist/cognito-trigger-router.zip', import.meta.url)),
    )
    expect(readFileSync(fileURLToPath(new URL('../../../build.mjs', import.meta.url)), 'utf8')).toContain("at('dist/cognito-trigger-router.zip')")
  })

  it('runs on arm64 Node.js with a 4 s timeout, 256 MB, its own log group and the configuration in the environment', () => {
    // Act
    const deployed = deploy(template, { RouterConfig: '{"plugins":{"signup-policy":{}}}' })

    // Assess
    const props = propertiesOf(deployed, 'RouterFunction')
    expect(props).toMatchObject({
      Handler: 'index.handler',
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Timeout: 4,
      MemorySize: 256,
      Role: getAtt('RouterRole'),
      LoggingConfig: { LogGroup: ref('LogGroup') },
      Environment: { Variables: { COGNITO_ROUTER_CONFIG: '{"plugins":{"signup-policy":{}}}' } },
    })
    expect(props.Timeout as number).toBeLessThan(5)
    expect(propertiesOf(deployed, 'LogGroup')).toStrictEqual({ RetentionInDays: '30' })
  })

  it.each(['nodejs22.x', 'nodejs24.x'])('accepts the %s runtime', (runtime) => {
    expect(propertiesOf(deploy(template, { Runtime: runtime }), 'RouterFunction').Runtime).toBe(runtime)
  })

  it('refuses runtimes the bundle does not target', () => {
    expect(() => deploy(template, { Runtime: 'nodejs20.x' })).toThrowError('is not allowed')
  })

  it('lets the role write to its own log group only, with no managed policy', () => {
    // Act
    const role = propertiesOf(deploy(template), 'RouterRole')

    // Assess
    expect(role.ManagedPolicyArns).toBeUndefined()
    expect(role.Policies).toStrictEqual([
      {
        PolicyName: 'logs',
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [{ Sid: 'WriteOwnLogGroup', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: getAtt('LogGroup') }],
        },
      },
    ])
  })
})

describe('a new user pool', () => {
  it.each(SLOTS.filter((slot) => !SENDERS.includes(slot.family)))('puts the function on the $key slot', ({ family, key }) => {
    // Act
    const lambdaConfig = propertiesOf(deploy(template), 'UserPool').LambdaConfig as Record<string, unknown>

    // Assess
    expect(lambdaConfig[key]).toStrictEqual(buildLambdaConfig(FUNCTION, [family])[key])
  })

  it('sets exactly the slots the CDK construct sets with slots "all", and no custom sender or key', () => {
    // Act
    const lambdaConfig = propertiesOf(deploy(template), 'UserPool').LambdaConfig

    // Assess
    expect(lambdaConfig).toStrictEqual(buildLambdaConfig(FUNCTION, NON_SENDERS))
  })

  it.each(TOKEN_VERSIONS)('sets PreTokenGenerationConfig.LambdaVersion to the TokenVersion parameter (%s)', (version) => {
    // Act
    const lambdaConfig = propertiesOf(deploy(template, { TokenVersion: version }), 'UserPool').LambdaConfig as Record<string, unknown>

    // Assess
    expect(lambdaConfig.PreTokenGenerationConfig).toStrictEqual({ LambdaArn: FUNCTION, LambdaVersion: version })
    expect(lambdaConfig.PreTokenGeneration).toBeUndefined()
  })

  it('defaults to V2_0 and refuses other versions', () => {
    expect(template.Parameters.TokenVersion!.Default).toBe('V2_0')
    expect(() => deploy(template, { TokenVersion: 'V2' })).toThrowError('is not allowed')
  })

  it('grants Cognito one invoke permission, scoped to the pool and the account', () => {
    // Act
    const permissions = resourcesOfType(deploy(template), 'AWS::Lambda::Permission')

    // Assess
    expect(permissions).toHaveLength(1)
    expect(permissions[0]![1].Properties).toStrictEqual({
      Action: 'lambda:InvokeFunction',
      FunctionName: FUNCTION,
      Principal: 'cognito-idp.amazonaws.com',
      SourceAccount: PSEUDO['AWS::AccountId'],
      SourceArn: getAtt('UserPool'),
    })
  })

  it('is on the Essentials plan, which V2_0/V3_0 and USER_AUTH need, and allows password sign-in', () => {
    expect(propertiesOf(deploy(template), 'UserPool')).toMatchObject({
      UserPoolTier: 'ESSENTIALS',
      Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD'] } },
    })
  })

  it('gets an app client with ALLOW_USER_AUTH, so SignUp returns a Session to sign in with', () => {
    // Act
    const deployed = deploy(template)

    // Assess
    expect(propertiesOf(deployed, 'AppClient')).toStrictEqual({
      UserPoolId: ref('UserPool'),
      GenerateSecret: false,
      PreventUserExistenceErrors: 'ENABLED',
      ExplicitAuthFlows: ['ALLOW_USER_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    })
    expect(deployed.outputs).toStrictEqual({ FunctionArn: FUNCTION, UserPoolId: ref('UserPool'), AppClientId: ref('AppClient') })
  })
})

describe('an existing user pool', () => {
  it('creates no pool or app client, and scopes the permission to the given pool', () => {
    // Act
    const deployed = deploy(template, { UserPoolId: POOL_ID })

    // Assess
    expect(deployed.resources.UserPool).toBeUndefined()
    expect(deployed.resources.AppClient).toBeUndefined()
    expect(propertiesOf(deployed, 'CognitoInvokePermission')).toMatchObject({ SourceArn: POOL_ARN, SourceAccount: '123456789012' })
  })

  it('outputs the LambdaConfig to merge, as JSON equal to what the construct would set', () => {
    // Act
    const output = deploy(template, { UserPoolId: POOL_ID, TokenVersion: 'V3_0' }).outputs.LambdaConfigForExistingPool as string

    // Assess
    expect(JSON.parse(output)).toStrictEqual(buildLambdaConfig(FUNCTION, NON_SENDERS, { tokenVersion: 'V3_0' }))
  })

  it('includes the sender slots and the key in that output when custom senders are on', () => {
    // Act
    const deployed = deploy(template, { UserPoolId: POOL_ID, CustomSenders: 'email-and-sms', RouterConfig: SENDER_CONFIG })

    // Assess
    expect(JSON.parse(deployed.outputs.LambdaConfigForExistingPool as string)).toStrictEqual(
      buildLambdaConfig(FUNCTION, Object.keys(TRIGGER_FAMILIES) as TriggerFamily[], { kmsKeyArn: getAtt('SenderKey') }),
    )
  })

  it.each(['us-east-1', 'eu-west-1_', 'eu-west-1_abc def'])('refuses a malformed pool id (%s)', (id) => {
    expect(() => deploy(template, { UserPoolId: id })).toThrowError('does not match')
  })
})

describe('custom senders', () => {
  it('by default attaches no sender slot and creates no key', () => {
    // Act
    const deployed = deploy(template)

    // Assess
    expect(resourcesOfType(deployed, 'AWS::KMS::Key')).toStrictEqual([])
    expect(deployed.resources.DecryptCodesPolicy).toBeUndefined()
    expect(deployed.resources.SmsPolicy).toBeUndefined()
  })

  it.each([
    ['email', ['CustomEmailSender']],
    ['sms', ['CustomSMSSender']],
    ['email-and-sms', ['CustomEmailSender', 'CustomSMSSender']],
  ] as const)('with CustomSenders=%s attaches %j with V1_0 and the key', (senders, families) => {
    // Act
    const deployed = deploy(template, { CustomSenders: senders, RouterConfig: SENDER_CONFIG })

    // Assess
    expect(propertiesOf(deployed, 'UserPool').LambdaConfig).toStrictEqual(
      buildLambdaConfig(FUNCTION, [...NON_SENDERS, ...families], { kmsKeyArn: getAtt('SenderKey') }),
    )
    expect(deployed.resources.SmsPolicy !== undefined).toBe(senders !== 'email')
  })

  it('creates a symmetric key with rotation, whose use IAM decides', () => {
    // Act
    const key = propertiesOf(deploy(template, { CustomSenders: 'email', RouterConfig: SENDER_CONFIG }), 'SenderKey')

    // Assess
    expect(key).toMatchObject({ KeySpec: 'SYMMETRIC_DEFAULT', EnableKeyRotation: true })
    expect((key.KeyPolicy as { Statement: unknown[] }).Statement).toStrictEqual([
      { Sid: 'AccountIamDecides', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'kms:*', Resource: '*' },
    ])
  })

  it('lets the function decrypt codes of this pool only', () => {
    // Act
    const deployed = deploy(template, { CustomSenders: 'sms', RouterConfig: SENDER_CONFIG })

    // Assess
    expect(statementsOf(deployed, 'DecryptCodesPolicy')).toStrictEqual([
      {
        Sid: 'CustomSenderKmsDecrypt',
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: getAtt('SenderKey'),
        Condition: { StringEquals: { 'kms:EncryptionContext:userpool-id': ref('UserPool') } },
      },
    ])
    expect(propertiesOf(deployed, 'DecryptCodesPolicy').Roles).toStrictEqual([ref('RouterRole')])
  })

  it('grants sns:Publish on * for direct SMS, and says why', () => {
    // Act
    const deployed = deploy(template, { CustomSenders: 'sms', RouterConfig: SENDER_CONFIG })

    // Assess
    expect(statementsOf(deployed, 'SmsPolicy')).toStrictEqual([
      { Sid: 'CustomSenderSnsPublishSms', Effect: 'Allow', Action: 'sns:Publish', Resource: '*' },
    ])
    expect(JSON.stringify(template.Resources.SmsPolicy!.Metadata)).toContain('no resource ARN')
  })

  it('puts the key ARN where the configuration says {{SenderKeyArn}}', () => {
    // Act
    const environment = propertiesOf(deploy(template, { CustomSenders: 'email', RouterConfig: SENDER_CONFIG }), 'RouterFunction')
      .Environment as { Variables: Record<string, string> }

    // Assess
    expect(JSON.parse(environment.Variables.COGNITO_ROUTER_CONFIG!)).toStrictEqual({
      plugins: { 'custom-sender': { kmsKeyArn: getAtt('SenderKey'), email: { from: 'codes@example.com' }, sms: {} } },
    })
  })

  it('fails the deployment when the configuration has no {{SenderKeyArn}}, rather than deploying a sender that cannot decrypt', () => {
    expect(() => deploy(template, { CustomSenders: 'email', RouterConfig: '{"plugins":{}}' })).toThrowError('Fn::Select')
  })

  it('uses an existing key instead of creating one', () => {
    // Act
    const deployed = deploy(template, { CustomSenders: 'email', SenderKeyArn: KEY, RouterConfig: SENDER_CONFIG })

    // Assess
    expect(deployed.resources.SenderKey).toBeUndefined()
    expect((propertiesOf(deployed, 'UserPool').LambdaConfig as Record<string, unknown>).KMSKeyID).toBe(KEY)
    expect(statementsOf(deployed, 'DecryptCodesPolicy')[0]!.Resource).toBe(KEY)
    expect(deployed.outputs.SenderKeyArnOutput).toBe(KEY)
  })

  it('refuses a key alias, which cannot be the pool\'s KMSKeyID for decryption', () => {
    expect(() => deploy(template, { CustomSenders: 'email', SenderKeyArn: 'arn:aws:kms:eu-west-1:123456789012:alias/codes' })).toThrowError(
      'does not match',
    )
  })

  it('scopes decryption to an existing pool by its id', () => {
    // Act
    const deployed = deploy(template, { UserPoolId: POOL_ID, CustomSenders: 'email', RouterConfig: SENDER_CONFIG })

    // Assess
    expect(statementsOf(deployed, 'DecryptCodesPolicy')[0]!.Condition).toStrictEqual({
      StringEquals: { 'kms:EncryptionContext:userpool-id': POOL_ID },
    })
  })
})

describe('permissions of enabled plugins', () => {
  it('grants nothing beyond logs by default', () => {
    expect(resourcesOfType(deploy(template), 'AWS::IAM::Policy')).toStrictEqual([])
  })

  it.each([
    [{ UserPoolId: POOL_ID }, POOL_ARN],
    [{}, getAtt('UserPool')],
  ])('AddToGroup grants cognito-idp:AdminAddUserToGroup on the pool (%j)', (pool, resource) => {
    // Act
    const deployed = deploy(template, { AddToGroup: 'true', ...pool })

    // Assess
    expect(statementsOf(deployed, 'AddToGroupPolicy')).toStrictEqual([
      { Sid: 'AddToGroupAdminAddUserToGroup', Effect: 'Allow', Action: 'cognito-idp:AdminAddUserToGroup', Resource: resource },
    ])
  })

  it.each([
    ['an address, and its domain', 'no-reply@example.com', ['identity/no-reply@example.com', 'identity/example.com']],
    ['a domain (named twice: as given and as its own domain)', 'example.com', ['identity/example.com', 'identity/example.com']],
  ])('SesIdentity grants ses:SendEmail on %s only, as the construct does', (_case, identity, resources) => {
    expect(statementsOf(deploy(template, { SesIdentity: identity }), 'SesPolicy')).toStrictEqual([
      { Sid: 'SesSendEmail', Effect: 'Allow', Action: 'ses:SendEmail', Resource: resources.map((resource) => `arn:aws:ses:eu-west-1:123456789012:${resource}`) },
    ])
  })

  it('refuses a SesIdentity that is neither an address nor a domain', () => {
    expect(() => deploy(template, { SesIdentity: 'Example <no-reply@example.com>' })).toThrowError('parameter SesIdentity')
  })

  it('SesConfigurationSet grants ses:SendEmail on the configuration set too, as the construct does', () => {
    // Act
    const deployed = deploy(template, { SesIdentity: 'example.com', SesConfigurationSet: 'transactional' })

    // Assess
    expect(statementsOf(deployed, 'SesPolicy')).toStrictEqual([
      {
        Sid: 'SesSendEmail',
        Effect: 'Allow',
        Action: 'ses:SendEmail',
        Resource: [
          'arn:aws:ses:eu-west-1:123456789012:identity/example.com',
          'arn:aws:ses:eu-west-1:123456789012:identity/example.com',
          'arn:aws:ses:eu-west-1:123456789012:configuration-set/transactional',
        ],
      },
    ])
  })

  it('refuses a SesConfigurationSet without SesIdentity, which could not send anything', () => {
    expect(() => deploy(template, { SesConfigurationSet: 'transactional' })).toThrowError(
      'rule SesConfigurationSetNeedsIdentity: SesConfigurationSet is set, so SesIdentity must name the identity the email is sent from.',
    )
  })

  it.each([
    ['audit', 'arn:aws:events:eu-west-1:123456789012:event-bus/audit'],
    ['yarn.arn-x/y', 'arn:aws:events:eu-west-1:123456789012:event-bus/yarn.arn-x/y'],
    ['arn:aws:events:us-east-1:999999999999:event-bus/audit', 'arn:aws:events:us-east-1:999999999999:event-bus/audit'],
  ])('EventBusName %s grants events:PutEvents on that bus only, a name in this account and Region, an ARN as given', (bus, resource) => {
    expect(statementsOf(deploy(template, { EventBusName: bus }), 'EventsPolicy')).toStrictEqual([
      { Sid: 'SignInAuditEventsPutEvents', Effect: 'Allow', Action: 'events:PutEvents', Resource: resource },
    ])
  })

  it('attaches every plugin policy to the function role, never to the function itself (no dependency cycle)', () => {
    // Act
    const deployed = deploy(template, { AddToGroup: 'true', SesIdentity: 'example.com', EventBusName: 'default', CustomSenders: 'email-and-sms', RouterConfig: SENDER_CONFIG })

    // Assess
    const policies = resourcesOfType(deployed, 'AWS::IAM::Policy')
    expect(policies.map(([id]) => id).sort()).toStrictEqual(['AddToGroupPolicy', 'DecryptCodesPolicy', 'EventsPolicy', 'SesPolicy', 'SmsPolicy'])
    for (const [, policy] of policies) expect(policy.Properties.Roles).toStrictEqual([ref('RouterRole')])
    expect(JSON.stringify(template.Resources.RouterRole)).not.toContain('UserPool')
  })
})

describe('the documented paths', () => {
  const readme = readFileSync(fileURLToPath(new URL('../../../README.md', import.meta.url)), 'utf8')
  const section = readme.slice(readme.indexOf('### With CloudFormation (SAM)'), readme.indexOf('### What each permission is for'))

  it('is documented in the README, under "With CloudFormation (SAM)", as installed from the package', () => {
    expect(readme).toContain('### With CloudFormation (SAM)')
    expect(section).toContain('--template-file node_modules/cognito-trigger-router/src/deploy/template.yaml')
    expect(section).toContain(`CodeUri: ${String(template.Resources.RouterFunction!.Properties.CodeUri)}`)
  })

  it('has every parameter in the README\'s table, with its default', () => {
    for (const [name, { Default }] of Object.entries(template.Parameters)) {
      const row = section.split('\n').find((line) => line.startsWith(`| \`${name}\` |`))
      expect(row, name).toBeDefined()
      expect(row, name).toContain(Default === '' ? '| empty |' : String(Default))
    }
  })

  it('names the existing pool\'s output as the template does', () => {
    expect(Object.keys(template.Outputs)).toContain('LambdaConfigForExistingPool')
    expect(section).toContain('`LambdaConfigForExistingPool` output')
  })
})
