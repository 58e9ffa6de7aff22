// addUserPool(pool, config): a pool's own configuration, written under `pools.<id>` of the
// function's configuration, with slots and permissions for every variant's plugins.
import * as cognito from 'aws-cdk-lib/aws-cognito'
import { beforeAll, describe, expect, it } from 'vitest'
import { CognitoTriggerRouter } from '../../../src/cdk/index.js'
import type { RouterConfig } from '../../../src/config.js'
import { ConfigurationError } from '../../../src/errors.js'
import { FUNCTION_ARN, INLINE_CODE, lambdaConfigOf, pluginStatements, stackIn, templateOf, testPool, WARM_UP_MS, warmUp } from './fixtures.js'

beforeAll(warmUp, WARM_UP_MS)

const PARTNERS = 'eu-west-1_Partners1'
const DEFAULT: RouterConfig = { plugins: { 'signup-policy': { denyDomains: ['partner.example'] } } }

const routerWith = (config: RouterConfig = DEFAULT, props: { configInEnvironment?: boolean } = {}) => {
  const stack = stackIn()
  const router = new CognitoTriggerRouter(stack, 'Router', { userPool: testPool(stack), code: INLINE_CODE, config, ...props })
  return { stack, router, partners: cognito.UserPool.fromUserPoolId(stack, 'Partners', PARTNERS) }
}

describe('addUserPool with a configuration', () => {
  it('writes it under pools.<id>, and attaches and grants what its plugins need to every pool', () => {
    // Prepare
    const { stack, router, partners } = routerWith()

    // Act
    router.addUserPool(partners, { plugins: { 'signup-policy': { allowDomains: ['partner.example'] }, 'add-to-group': { groups: ['partners'] } } })

    // Assess
    const template = templateOf(stack)
    const fn = Object.values(template.findResources('AWS::Lambda::Function'))[0] as { Properties: { Environment: { Variables: Record<string, string> } } }
    expect(JSON.parse(fn.Properties.Environment.Variables.COGNITO_ROUTER_CONFIG!)).toStrictEqual({
      plugins: { 'signup-policy': { denyDomains: ['partner.example'] } },
      pools: { [PARTNERS]: { plugins: { 'signup-policy': { allowDomains: ['partner.example'] }, 'add-to-group': { groups: ['partners'] } } } },
    })
    expect(lambdaConfigOf(template)).toStrictEqual({ PreSignUp: FUNCTION_ARN, PostConfirmation: FUNCTION_ARN })
    const output = template.findOutputs('RouterLambdaConfig2')
    expect(JSON.stringify(output)).toContain('PostConfirmation')
    expect(pluginStatements(template).map((statement) => statement.Sid)).toStrictEqual([
      'AddToGroupAdminAddUserToGroupOverride1',
      'AddToGroupAdminAddUserToGroup2',
    ])
    expect(router.plan.plugins).toStrictEqual(['signup-policy', 'add-to-group'])
  })

  it.each([
    [
      'a pool this stack creates, whose id is only known at deployment',
      (stack: ReturnType<typeof routerWith>) => new cognito.UserPool(stack.stack, 'Created'),
      {},
      'the pool id is only known at deployment',
    ],
    ['a bad option, naming the pool', (stack: ReturnType<typeof routerWith>) => stack.partners, {}, `configuration: "pools.${PARTNERS}.plugins.signup-policy.denyDomains[0]" must be`],
    [
      'a pool the configuration already has',
      (stack: ReturnType<typeof routerWith>) => stack.partners,
      { config: { ...DEFAULT, pools: { [PARTNERS]: {} } } },
      `the configuration already has "pools.${PARTNERS}"`,
    ],
    [
      'a configuration bundled into the code',
      (stack: ReturnType<typeof routerWith>) => stack.partners,
      { configInEnvironment: false },
      'configInEnvironment: false',
    ],
  ])('refuses %s', (_case, poolOf, options: { config?: RouterConfig; configInEnvironment?: boolean }, message) => {
    // Prepare
    const built = routerWith(options.config, options.configInEnvironment === undefined ? {} : { configInEnvironment: options.configInEnvironment })
    const override = message.includes('plugins.signup-policy') ? { plugins: { 'signup-policy': { denyDomains: [7] } } } : { plugins: {} }

    const pool = poolOf(built)

    // Act & Assess
    expect(() => built.router.addUserPool(pool, override as never)).toThrow(ConfigurationError)
    expect(() => built.router.addUserPool(pool, override as never)).toThrow(message)
  })

  it('refuses a custom sender enabled only for the added pool', () => {
    // Prepare
    const { router, partners } = routerWith()

    // Act & Assess
    expect(() => router.addUserPool(partners, { plugins: { 'custom-sender': { email: { from: 'codes@example.com' } } } })).toThrow(
      'a custom sender enabled only for this pool',
    )
  })
})
