import { RemovalPolicy, Stack } from 'aws-cdk-lib'
import { Annotations, Match } from 'aws-cdk-lib/assertions'
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb'
import { beforeAll, describe, expect, it } from 'vitest'
import { CognitoTriggerRouter } from '../../../src/cdk/index.js'
import { ConfigurationError } from '../../../src/errors.js'
import { INLINE_CODE, stackIn, synth, templateOf, testApp, testPool, WARM_UP_MS, warmUp, WELCOME } from './fixtures.js'

beforeAll(warmUp, WARM_UP_MS)

const WELCOME_EMAIL = { 'welcome-email': { from: 'hello@example.com', ...WELCOME } }
const FOUR_ACTIONS = ['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem']

type Statement = { Sid?: string; Action: unknown; Resource: unknown }
const statementsOf = (template: ReturnType<typeof synth>['template']): Statement[] =>
  Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
    (policy) => (policy as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument.Statement,
  )
const dynamoStatements = (template: ReturnType<typeof synth>['template']) =>
  statementsOf(template).filter((statement) => JSON.stringify(statement.Action).includes('dynamodb:'))

/** The configuration the function receives, with the table's name resolved to what CloudFormation would put there. */
const functionConfig = (stack: Stack, router: CognitoTriggerRouter): unknown => stack.resolve(router.config.idempotency)

describe('idempotency table', () => {
  it('is created when the configuration has idempotency: on demand, key id, TTL on expiration, PITR on, retained', () => {
    // Act
    const { template } = synth({ plugins: WELCOME_EMAIL, idempotency: { windowSeconds: 120 } })

    // Assess
    template.resourceCountIs('AWS::DynamoDB::Table', 1)
    template.hasResource('AWS::DynamoDB::Table', {
      Properties: {
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
        TimeToLiveSpecification: { AttributeName: 'expiration', Enabled: true },
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        // SSEEnabled false is encryption at rest with the key DynamoDB owns, not no encryption ("Encryption at rest in DynamoDB").
        SSESpecification: { SSEEnabled: false },
      },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    })
  })

  it('is absent, and nothing on DynamoDB is granted, without idempotency', () => {
    const { template } = synth({ plugins: WELCOME_EMAIL })

    template.resourceCountIs('AWS::DynamoDB::Table', 0)
    expect(dynamoStatements(template)).toStrictEqual([])
  })

  it('takes the removal policy as a prop', () => {
    const { template } = synth({ plugins: {}, idempotency: {} }, { idempotencyRemovalPolicy: RemovalPolicy.DESTROY })

    template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Delete' })
  })

  it('grants exactly PutItem, GetItem, UpdateItem and DeleteItem, on the table only', () => {
    const { template } = synth({ plugins: WELCOME_EMAIL, idempotency: {} })

    const tableId = Object.keys(template.findResources('AWS::DynamoDB::Table'))[0]
    expect(dynamoStatements(template)).toStrictEqual([{ Sid: 'IdempotencyTable', Effect: 'Allow', Action: FOUR_ACTIONS, Resource: { 'Fn::GetAtt': [tableId, 'Arn'] } }])
  })

  it('names the created table in the configuration the function receives', () => {
    // Act
    const { stack, router, template } = synth({ plugins: WELCOME_EMAIL, idempotency: { windowSeconds: 120 } })

    // Assess
    const tableId = Object.keys(template.findResources('AWS::DynamoDB::Table'))[0]
    expect(functionConfig(stack, router)).toStrictEqual({ windowSeconds: 120, tableName: { Ref: tableId } })
    const [fn] = Object.values(template.findResources('AWS::Lambda::Function')) as { Properties: { Environment: { Variables: Record<string, unknown> } } }[]
    const environment = JSON.stringify(fn!.Properties.Environment.Variables.COGNITO_ROUTER_CONFIG)
    expect(environment).toContain('\\"tableName\\":\\"')
    expect(environment).toContain(JSON.stringify({ Ref: tableId }))
  })

  it('gives the created table the name the configuration states', () => {
    const { stack, router, template } = synth({ plugins: {}, idempotency: { tableName: 'router-idempotency' } })

    template.hasResourceProperties('AWS::DynamoDB::Table', { TableName: 'router-idempotency' })
    expect(functionConfig(stack, router)).toStrictEqual({ tableName: 'router-idempotency' })
  })

  it('uses a given table instead of creating one, with the same four actions on it', () => {
    // Arrange
    const app = testApp()
    const stack = stackIn(app)
    const table = dynamodb.Table.fromTableName(stack, 'Existing', 'shared-idempotency')

    // Act
    const router = new CognitoTriggerRouter(stack, 'Router', { userPool: testPool(stack), code: INLINE_CODE, config: { plugins: {}, idempotency: {} }, idempotencyTable: table })
    const template = templateOf(stack)

    // Assess
    template.resourceCountIs('AWS::DynamoDB::Table', 0)
    expect(router.idempotencyTable).toBe(table)
    expect(functionConfig(stack, router)).toStrictEqual({ tableName: 'shared-idempotency' })
    expect(dynamoStatements(template)).toStrictEqual([
      { Sid: 'IdempotencyTable', Effect: 'Allow', Action: FOUR_ACTIONS, Resource: stack.resolve(table.tableArn) },
    ])
  })

  it.each<[string, Parameters<typeof synth>[0], Parameters<typeof synth>[1], string]>([
    [
      'a bundled configuration that does not name the table',
      { plugins: {}, idempotency: {} },
      { configInEnvironment: false },
      '"idempotency.tableName" must name the table when the configuration is bundled',
    ],
    [
      'a stated name that is not the given table\'s',
      { plugins: {}, idempotency: { tableName: 'other' } },
      { idempotencyTable: dynamodb.Table.fromTableName(stackIn(), 'Existing', 'shared-idempotency') },
      '"idempotency.tableName" is "other" but idempotencyTable is "shared-idempotency"',
    ],
  ])('fails at synth on %s, naming the option', (_, config, props, message) => {
    expect(() => synth(config, props)).toThrowError(ConfigurationError)
    expect(() => synth(config, props)).toThrowError(message)
  })

  it('warns that a given table is unused without idempotency', () => {
    const app = testApp()
    const stack = stackIn(app)
    const table = dynamodb.Table.fromTableName(stack, 'Existing', 'shared-idempotency')
    new CognitoTriggerRouter(stack, 'Router', { userPool: testPool(stack), code: INLINE_CODE, config: { plugins: {} }, idempotencyTable: table })

    Annotations.fromStack(stack).hasWarning('/Stack/Router', Match.stringLikeRegexp('idempotencyTable is ignored'))
  })
})
