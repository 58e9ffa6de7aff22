// CDK's built-in CloudFormation validation, which testApp() turns off for speed (every template
// goes through cfn-lint instead), on here as errors: what the construct makes passes CDK's own
// check too, the one users get at `cdk synth`.
import { CfnResource } from 'aws-cdk-lib'
import { beforeAll, describe, expect, it } from 'vitest'
import { CognitoTriggerRouter } from '../../../src/cdk/index.js'
import { EVERYTHING, INLINE_CODE, stackIn, testApp, testPool, WARM_UP_MS, warmUp } from './fixtures.js'

// By default CDK only prints what its validation finds; this feature flag makes findings errors.
const validating = () => testApp({ builtinCloudFormationValidation: true, context: { '@aws-cdk/core:validateAgainstDefaultRules': true } })

beforeAll(warmUp, WARM_UP_MS)

describe("CDK's built-in CloudFormation validation", () => {
  it('accepts the fullest router: every plugin, every slot, idempotency and an app client', () => {
    // Prepare
    const app = validating()
    const stack = stackIn(app)
    new CognitoTriggerRouter(stack, 'Router', { userPool: testPool(stack), code: INLINE_CODE, config: { ...EVERYTHING, idempotency: {} }, slots: 'all', appClient: true })

    // Act
    const assembly = app.synth()

    // Assess
    expect(assembly.getStackByName('Stack').template).toHaveProperty('Resources.RouterFunction0F681190')
  })

  it('fails the synth on a property CloudFormation does not know, so the check above is a real one', () => {
    // Prepare
    const app = validating()
    new CfnResource(stackIn(app), 'Queue', { type: 'AWS::SQS::Queue', properties: { VisibilityTimout: 30 } })

    // Act and assess
    expect(() => app.synth()).toThrowError(/VisibilityTimout/)
  })
})
