// The SAM template grants what the construct grants for the same plugin options: for every
// built-in plugin, the IAM actions and resources its manifest's deployment needs
// (src/deploy/plugins.ts, scoped as src/cdk/permissions.ts scopes them) are exactly what the
// template grants once that plugin's parameters are set, and its run-time prerequisites can be
// passed. A new need kind or a new prerequisite fails here until the template covers it. The
// idempotency table and its four actions follow the plan of src/deploy/idempotency.ts.

import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { builtinManifests } from '../../../plugins/registry.js'
import { idempotencyPlan } from '../../../src/deploy/idempotency.js'
import { PERMISSION_ACTIONS, pluginDeployment, type PermissionNeed, type PluginDeployment } from '../../../src/deploy/plugins.js'
import type { JsonObject } from '../../../src/response.js'
import { deploy, getAtt, readTemplate, type Deployed } from './cfn.js'

const template = readTemplate(fileURLToPath(new URL('../../../src/deploy/template.yaml', import.meta.url)))
const POOL_ID = 'eu-west-1_EXAMPLE'
const KEY = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab'
const ARN = 'arn:aws:%s:eu-west-1:123456789012:%s'
const arn = (service: string, resource: string) => ARN.replace('%s', service).replace('%s', resource)
/** The variable the template fills from `PluginSecretId` (README "With CloudFormation (SAM)"). */
const SECRET_ENV = 'COGNITO_ROUTER_PLUGIN_SECRET'

// The resources the construct scopes each need to (src/cdk/permissions.ts), for an existing pool
// in eu-west-1 of account 123456789012 and an existing sender key.
const constructResources = (need: PermissionNeed): string[] => {
  switch (need.kind) {
    case 'add-user-to-group':
      return [arn('cognito-idp', `userpool/${POOL_ID}`)]
    case 'send-email':
      return [
        ...need.identities.map((identity) => arn('ses', `identity/${identity}`)),
        ...(need.configurationSet === undefined ? [] : [arn('ses', `configuration-set/${need.configurationSet}`)]),
      ]
    case 'put-events':
      return [need.eventBus.startsWith('arn:') ? need.eventBus : arn('events', `event-bus/${need.eventBus}`)]
    case 'publish-sms':
      return ['*']
    case 'decrypt-codes':
      return [KEY]
  }
}

// The template's parameters a user sets for these needs, as the README's parameter table says.
const samParameters = (name: string, options: JsonObject, { families, needs }: PluginDeployment): Record<string, string> => {
  const parameters: Record<string, string> = { UserPoolId: POOL_ID }
  for (const need of needs) {
    switch (need.kind) {
      case 'add-user-to-group':
        parameters.AddToGroup = 'true'
        break
      case 'send-email':
        parameters.SesIdentity = need.identities[0]!
        if (need.configurationSet !== undefined) parameters.SesConfigurationSet = need.configurationSet
        break
      case 'put-events':
        parameters.EventBusName = need.eventBus
        break
      case 'publish-sms':
      case 'decrypt-codes': {
        const email = families.includes('CustomEmailSender')
        const sms = families.includes('CustomSMSSender')
        parameters.CustomSenders = email && sms ? 'email-and-sms' : email ? 'email' : 'sms'
        parameters.SenderKeyArn = KEY
        parameters.RouterConfig = JSON.stringify({ plugins: { [name]: { ...options, kmsKeyArn: '{{SenderKeyArn}}' } } })
        break
      }
    }
  }
  return parameters
}

type Grants = Record<string, string[]>
const list = (value: unknown): string[] => (Array.isArray(value) ? (value as string[]) : [value as string])

// Every Allow statement of the function's role, but its own log group's, as action -> resources.
const grantsOf = (deployed: Deployed): Grants => {
  const documents: { Statement: Record<string, unknown>[] }[] = []
  for (const resource of Object.values(deployed.resources)) {
    if (resource.Type === 'AWS::IAM::Policy') documents.push(resource.Properties.PolicyDocument as never)
    if (resource.Type === 'AWS::IAM::Role') {
      for (const policy of resource.Properties.Policies as { PolicyName: string; PolicyDocument: never }[]) {
        if (policy.PolicyName !== 'logs') documents.push(policy.PolicyDocument)
      }
    }
  }
  const grants: Grants = {}
  for (const statement of documents.flatMap((document) => document.Statement)) {
    for (const action of list(statement.Action)) grants[action] = [...new Set([...(grants[action] ?? []), ...list(statement.Resource)])].sort()
  }
  return grants
}

const neededGrants = (needs: readonly PermissionNeed[]): Grants => {
  const grants: Grants = {}
  for (const need of needs) {
    for (const action of PERMISSION_ACTIONS[need.kind]) grants[action] = [...new Set([...(grants[action] ?? []), ...constructResources(need)])].sort()
  }
  return grants
}

const examples = Object.values(builtinManifests).map((manifest) => [manifest.name, manifest.example as JsonObject] as const)
const variants: (readonly [string, JsonObject])[] = [
  ['sign-in-audit', { eventBridge: { busName: 'arn:aws:events:us-east-1:999999999999:event-bus/audit' } }],
  ['sign-in-audit', { eventBridge: true }],
  ['welcome-email', { ...(builtinManifests['welcome-email']!.example as JsonObject), from: 'hello@mail.example.com', configurationSetName: 'transactional' }],
  ['custom-sender', { kmsKeyArn: KEY, email: { from: 'codes@example.com' } }],
  ['custom-sender', { kmsKeyArn: KEY, sms: {} }],
]

describe('the SAM template against the manifests', () => {
  it.each([...examples, ...variants])('grants %s exactly what its options %j need, as the construct scopes it', (name, options) => {
    // Arrange
    const deployment = pluginDeployment(name, options)

    // Act
    const deployed = deploy(template, samParameters(name, options, deployment))

    // Assess
    expect(grantsOf(deployed)).toStrictEqual(neededGrants(deployment.needs))
  })

  it('grants nothing but logs when no plugin parameter is set', () => {
    expect(grantsOf(deploy(template, { UserPoolId: POOL_ID }))).toStrictEqual({})
  })

  it('refuses an event bus that is neither a name nor an event-bus ARN', () => {
    expect(() => deploy(template, { EventBusName: 'arn:aws:sqs:eu-west-1:123456789012:queue' })).toThrowError('parameter EventBusName')
  })

  const secretPrerequisites = examples.flatMap(([name, options]) =>
    pluginDeployment(name, options).prerequisites.map((prerequisite) => [name, options, prerequisite] as const),
  )

  it('covers at least one plugin with a run-time prerequisite', () => {
    expect(secretPrerequisites.length).toBeGreaterThan(0)
  })

  it.each(secretPrerequisites)('passes the prerequisite of %s from Secrets Manager at deployment', (name, options, { env, option }) => {
    // Arrange: the option names the variable the template sets, as the README says.
    const renamed = JSON.parse(JSON.stringify(options).replaceAll(`"${env}"`, `"${SECRET_ENV}"`)) as JsonObject
    const { prerequisites } = pluginDeployment(name, renamed)
    expect(prerequisites.map((prerequisite) => [prerequisite.option, prerequisite.env])).toStrictEqual([[option, SECRET_ENV]])

    // Act
    const whole = deploy(template, { RouterConfig: JSON.stringify({ plugins: { [name]: renamed } }), PluginSecretId: 'legacy-api' })
    const field = deploy(template, { PluginSecretId: 'legacy-api', PluginSecretJsonKey: 'token' })
    const none = deploy(template)

    // Assess
    const variables = (deployed: Deployed) =>
      ((deployed.resources.RouterFunction!.Properties.Environment as { Variables: Record<string, string> }).Variables)
    expect(variables(whole)[SECRET_ENV]).toBe('{{resolve:secretsmanager:legacy-api}}')
    expect(variables(field)[SECRET_ENV]).toBe('{{resolve:secretsmanager:legacy-api:SecretString:token}}')
    expect(variables(none)).not.toHaveProperty(SECRET_ENV)
  })
})

describe('the SAM template against the idempotency plan', () => {
  const TABLE = 'router-idempotency'
  const plan = idempotencyPlan({ idempotency: { tableName: TABLE } })!

  it('creates the table in the layout of the plan, as the construct does, and passes its name through', () => {
    // Act
    const deployed = deploy(template, { IdempotencyTableName: TABLE })

    // Assess
    expect(deployed.resources.IdempotencyTable).toMatchObject({
      Type: 'AWS::DynamoDB::Table',
      Properties: {
        TableName: TABLE,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: plan.partitionKey, AttributeType: 'S' }],
        KeySchema: [{ AttributeName: plan.partitionKey, KeyType: 'HASH' }],
        TimeToLiveSpecification: { AttributeName: plan.ttlAttribute, Enabled: true },
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      },
    })
    expect(template.Resources.IdempotencyTable).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' })
  })

  it('grants exactly the plan\'s item actions, on that table only', () => {
    // Act
    const grants = grantsOf(deploy(template, { UserPoolId: POOL_ID, IdempotencyTableName: TABLE }))

    // Assess
    expect(grants).toStrictEqual(Object.fromEntries(plan.actions.map((action) => [action, [getAtt('IdempotencyTable')]])))
  })

  it('creates no table and grants nothing on DynamoDB without IdempotencyTableName', () => {
    // Act
    const deployed = deploy(template, { UserPoolId: POOL_ID })

    // Assess
    expect(deployed.resources).not.toHaveProperty('IdempotencyTable')
    expect(Object.keys(grantsOf(deployed)).filter((action) => action.startsWith('dynamodb:'))).toStrictEqual([])
  })

  it('refuses a table name DynamoDB would refuse', () => {
    expect(() => deploy(template, { IdempotencyTableName: 'no spaces' })).toThrowError('parameter IdempotencyTableName')
  })
})
