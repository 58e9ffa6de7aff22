import { App, Validations } from 'aws-cdk-lib'
import * as cognito from 'aws-cdk-lib/aws-cognito'
import { AwsSolutionsChecks } from 'cdk-nag'
import { beforeAll, describe, expect, it } from 'vitest'
import { CognitoTriggerRouter, CognitoTriggerRouterReplica } from '../../../src/cdk/index.js'
import type { DeployableConfig } from '../../../src/cdk/index.js'
import { EVERYTHING, INLINE_CODE, REGION, stackIn, synth, testApp, WARM_UP_MS, warmUp, WELCOME } from './fixtures.js'

const findingsOf = (app: App) =>
  new AwsSolutionsChecks().validateScope(app).violations.map((violation) => ({
    rule: violation.ruleName,
    severity: violation.severity,
    at: violation.violatingResources.map((resource) => resource.constructPath),
  }))

// Loading aws-cdk-lib and the rule pack is most of the first run's time.
beforeAll(() => {
  warmUp()
  findingsOf(synth({ plugins: {} }).app)
}, WARM_UP_MS)

describe('cdk-nag AwsSolutionsChecks', () => {
  it.each<[string, DeployableConfig]>([
    ['every plugin enabled', EVERYTHING],
    ['no plugin enabled', { plugins: {} }],
    ['idempotency on, with the table it creates', { ...EVERYTHING, idempotency: {} }],
  ])('reports no unacknowledged error or warning with %s', (_case, config) => {
    // Act
    const { app } = synth(config, { slots: 'all', appClient: true })

    // Assess
    expect(findingsOf(app)).toStrictEqual([])
  })

  it('reports none for an imported pool either', () => {
    // Prepare
    const app = testApp()
    const stack = stackIn(app)
    const userPool = cognito.UserPool.fromUserPoolId(stack, 'Pool', `${REGION}_EXAMPLE`)

    // Act
    new CognitoTriggerRouter(stack, 'Router', { userPool, code: INLINE_CODE, config: EVERYTHING, appClient: true })

    // Assess
    expect(findingsOf(app)).toStrictEqual([])
  })

  it('reports none for the router of a replica Region, with a replicated sender key', () => {
    // Prepare
    const app = testApp()
    const stack = stackIn(app)

    // Act
    new CognitoTriggerRouterReplica(stack, 'Router', {
      userPoolId: 'us-east-1_EXAMPLE',
      primaryKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab',
      code: INLINE_CODE,
      config: EVERYTHING,
      slots: 'all',
    })

    // Assess
    expect(findingsOf(app)).toStrictEqual([])
  })

  it('acknowledges only the sns:Publish wildcard, with its reason, on the plugin policy', () => {
    // Act
    const { router, template } = synth(EVERYTHING)

    // Assess
    const acknowledged = router.node
      .findAll()
      .flatMap((node) =>
        node.node.metadata
          .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
          // aws-cdk-lib prefixes the id ("Annotation::" since 2.262.1, "annotation::" before).
          .map((entry) => [node.node.path, Object.fromEntries(Object.entries(entry.data as object).map(([id, reason]) => [id.replace(/^annotation::/i, ''), reason]))]),
      )
    expect(acknowledged).toStrictEqual([
      ['Stack/Router/PluginPolicy', { 'AwsSolutions-IAM5[Resource::*]': expect.stringContaining('no resource ARN') }],
    ])
    // cdk-nag v2 reads the same acknowledgement from the template.
    const [policy] = Object.values(template.findResources('AWS::IAM::Policy', { Metadata: { cdk_nag: {} } })) as { Metadata: unknown }[]
    expect(policy!.Metadata).toStrictEqual({
      cdk_nag: { rules_to_suppress: [{ id: 'AwsSolutions-IAM5', reason: expect.stringContaining('no resource ARN'), applies_to: ['Resource::*'] }] },
    })
  })

  it('would flag that wildcard without the acknowledgement, so the acknowledgement is needed', () => {
    // Prepare
    const { app, router } = synth({ plugins: { 'custom-sender': { email: { from: 'codes@example.com' }, sms: {} } } })
    const policy = router.node.findChild('PluginPolicy')
    for (const metadata of policy.node.metadata) (metadata as { type: string }).type = 'disabled-for-test'

    // Act
    const findings = findingsOf(app)

    // Assess
    expect(findings).toStrictEqual([{ rule: 'AwsSolutions-IAM5[Resource::*]', severity: 'error', at: ['Stack/Router/PluginPolicy/Resource'] }])
  })

  it('flags nothing of the router\'s own making when nothing is acknowledged but the test pool', () => {
    // Act
    const { app } = synth({ plugins: { 'add-to-group': { groups: ['a'] }, 'welcome-email': { from: 'a@example.com', ...WELCOME } } })

    // Assess
    expect(findingsOf(app)).toStrictEqual([])
  })
})
