// Shared set-up for the construct tests: one App per synth, a fixed account and region, and
// inline code so no bundle is needed. Every template a test synthesizes goes through
// `templateOf` (or `lintAssembly`) and is linted with cfn-lint after the run's last test
// (./global-setup.ts).

import path from 'node:path'
import { App, type AppProps, Stack, Validations } from 'aws-cdk-lib'
import { Annotations, Template } from 'aws-cdk-lib/assertions'
import * as cognito from 'aws-cdk-lib/aws-cognito'
import * as lambda from 'aws-cdk-lib/aws-lambda'
import type { CloudAssembly } from 'aws-cdk-lib/cx-api'
import { expect, inject } from 'vitest'
import { CognitoTriggerRouter, type CognitoTriggerRouterProps, type DeployableConfig } from '../../../src/cdk/index.js'
import type { RouterConfig } from '../../../src/config.js'
import { assemblyFolder, cdkTemplates, REGION } from './global-setup.js'

export const ACCOUNT = '123456789012'
export { REGION }
export const KEY_ARN = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`
export const FUNCTION_ARN = { 'Fn::GetAtt': ['RouterFunction0F681190', 'Arn'] }
export const POOL_ARN = { 'Fn::GetAtt': ['PoolD3F588B8', 'Arn'] }
export const POOL_REF = { Ref: 'PoolD3F588B8' }

/**
 * An app whose cloud assembly goes to the run's folder, removed after the run. CDK's built-in
 * CloudFormation validation (a WebAssembly schema check on every synth) is off: it was a fifth of
 * the shared project's CPU time, and every template the tests synthesize goes through cfn-lint,
 * which checks the same resource schemas and more (by default CDK only prints what it finds).
 * validation.test.ts turns it on, as errors, for the fullest router.
 */
export const testApp = (props: AppProps = {}): App =>
  new App({ outdir: assemblyFolder(run), builtinCloudFormationValidation: false, treeMetadata: false, ...props })

export const stackIn = (app = testApp()) => new Stack(app, 'Stack', { env: { account: ACCOUNT, region: REGION } })

/** A pool as an application would define it; its own hardening findings are the application's to judge. */
export const testPool = (stack: Stack, props: cognito.UserPoolProps = {}) => {
  const pool = new cognito.UserPool(stack, 'Pool', { featurePlan: cognito.FeaturePlan.ESSENTIALS, ...props })
  Validations.of(pool).acknowledge(
    { id: 'AwsSolutions-COG1', reason: 'Test fixture: the password policy is the application\'s choice, not the router\'s.' },
    { id: 'AwsSolutions-COG2', reason: 'Test fixture: MFA is the application\'s choice, not the router\'s.' },
    { id: 'AwsSolutions-COG8', reason: 'Test fixture: the feature plan is the application\'s choice, not the router\'s.' },
  )
  return pool
}

export const INLINE_CODE = lambda.Code.fromInline('export const handler = async (event) => event')

// The run's folder (./global-setup.ts); a template is labelled with the test file that synthesized it.
const run = inject('cdkRun')
if (run === undefined) throw new Error('no folder for the CDK tests\' output: run them with test/vitest.config.ts, whose shared project sets it up')
const synthesized = cdkTemplates(run)
const keep = (template: unknown): void => synthesized.add(template, path.relative(process.cwd(), expect.getState().testPath ?? 'test/unit/cdk'))

/** `Template.fromStack`, keeping the template for cfn-lint. */
export const templateOf = (stack: Stack): Template => {
  const template = Template.fromStack(stack)
  keep(template.toJSON())
  return template
}

/** Keeps every stack template of a synthesized assembly for cfn-lint. */
export const lintAssembly = (assembly: CloudAssembly): CloudAssembly => {
  for (const stack of assembly.stacks) keep(stack.template)
  return assembly
}

export interface Synth {
  readonly app: App
  readonly stack: Stack
  readonly router: CognitoTriggerRouter
  readonly template: Template
  readonly annotations: Annotations
}

/** Synthesizes a stack with a pool of its own and a router configured with `config`. */
export const synth = (config: DeployableConfig, props: Partial<CognitoTriggerRouterProps> = {}): Synth => {
  const app = testApp()
  const stack = stackIn(app)
  const router = new CognitoTriggerRouter(stack, 'Router', { userPool: testPool(stack), code: INLINE_CODE, config, ...props })
  return { app, stack, router, template: templateOf(stack), annotations: Annotations.fromStack(stack) }
}

/** The statements of the router's plugin policy (empty when it has none). */
export const pluginStatements = (template: Template): Record<string, unknown>[] => {
  const all = Object.entries(template.findResources('AWS::IAM::Policy')).filter(([id]) => id.startsWith('RouterPluginPolicy'))
  return all.flatMap(([, policy]) => (policy as { Properties: { PolicyDocument: { Statement: Record<string, unknown>[] } } }).Properties.PolicyDocument.Statement)
}

/** The pool's LambdaConfig as synthesized. */
export const lambdaConfigOf = (template: Template): Record<string, unknown> => {
  const pools = Object.values(template.findResources('AWS::Cognito::UserPool'))
  return (pools[0] as { Properties: { LambdaConfig?: Record<string, unknown> } }).Properties.LambdaConfig ?? {}
}

/** The first synth loads most of aws-cdk-lib; done once per file, outside any test's time limit. */
export const WARM_UP_MS = 60_000
export const warmUp = (): void => {
  synth({ plugins: {} })
}

// What each plugin's options schema needs besides the keys a test is about: the construct checks
// every enabled plugin's options at synth, as the Lambda does at cold start.
export const WELCOME = { templates: { default: { subject: 'Welcome', html: '<p>Hi</p>', text: 'Hi' } } }
export const OTP = { subject: 'Your code', text: 'Code {{code}}' }
export const MESSAGES = { templates: { default: { en: { smsMessage: 'Code {{code}}' } } } }

/** Every built-in plugin, with every permission it can need. */
export const EVERYTHING: RouterConfig = {
  plugins: {
    'signup-policy': {},
    'add-to-group': { groups: ['users'] },
    'welcome-email': { from: 'hello@example.com', configurationSetName: 'transactional', ...WELCOME },
    'sign-in-audit': { eventBridge: { busName: 'audit' } },
    'token-claims': {},
    'email-otp': { from: 'otp@example.com', ...OTP },
    'user-migration': {},
    'custom-messages': MESSAGES,
    'custom-sender': { email: { from: 'codes@example.com' }, sms: {} },
    'federation-attributes': {},
  },
}
