import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { App, Duration } from 'aws-cdk-lib'
import { Match } from 'aws-cdk-lib/assertions'
import * as logs from 'aws-cdk-lib/aws-logs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CognitoTriggerRouter, DEFAULT_BUNDLE_DIR, routerCode } from '../../../src/cdk/index.js'
import type { RouterConfig } from '../../../src/config.js'
import { ConfigurationError } from '../../../src/errors.js'
import { INLINE_CODE, lintAssembly, stackIn, synth, templateOf, testApp, testPool, WARM_UP_MS, warmUp } from './fixtures.js'

beforeAll(warmUp, WARM_UP_MS)

const warningsOf = (result: ReturnType<typeof synth>): string =>
  JSON.stringify(result.stack.node.findAll().flatMap((node) => node.node.metadata.filter((entry) => entry.type === 'aws:cdk:warning')))

describe('the function', () => {
  it('is an arm64 Node.js function with a 4 s timeout, 256 MB and the index.handler entry', () => {
    // Act
    const { template } = synth({ plugins: {} })

    // Assess
    template.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.handler',
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Timeout: 4,
      MemorySize: 256,
    })
  })

  it.each(['nodejs22.x', 'nodejs24.x'] as const)('runs on %s when asked', (runtime) => {
    synth({ plugins: {} }, { runtime }).template.hasResourceProperties('AWS::Lambda::Function', { Runtime: runtime })
  })

  it('refuses a runtime the bundle does not target', () => {
    // @ts-expect-error -- a JavaScript caller
    expect(() => synth({ plugins: {} }, { runtime: 'nodejs20.x' })).toThrowError('runtime must be "nodejs22.x" or "nodejs24.x", got nodejs20.x')
  })

  it('takes a memory size', () => {
    synth({ plugins: {} }, { memorySize: 512 }).template.hasResourceProperties('AWS::Lambda::Function', { MemorySize: 512 })
  })

  it.each([1, 3, 4])('accepts a %i s timeout', (seconds) => {
    synth({ plugins: {} }, { timeout: Duration.seconds(seconds) }).template.hasResourceProperties('AWS::Lambda::Function', { Timeout: seconds })
  })

  it.each([Duration.seconds(5), Duration.seconds(6), Duration.minutes(1), Duration.millis(5000)])(
    'refuses a %s timeout at synth: Cognito retries after 5 s',
    (timeout) => {
      expect(() => synth({ plugins: {} }, { timeout })).toThrowError(ConfigurationError)
      expect(() => synth({ plugins: {} }, { timeout })).toThrowError(/timeout must be below 5 seconds, got .*Cognito stops waiting after 5 s and retries/)
    },
  )

  it('writes to its own log group, kept one month by default', () => {
    // Act
    const { template } = synth({ plugins: {} })

    // Assess
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 })
    template.hasResourceProperties('AWS::Lambda::Function', { LoggingConfig: { LogGroup: { Ref: Match.stringLikeRegexp('^RouterLogs') } } })
  })

  it('keeps logs as long as asked', () => {
    synth({ plugins: {} }, { logRetention: logs.RetentionDays.ONE_YEAR }).template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365 })
  })
})

describe('the configuration', () => {
  it('reaches the function as COGNITO_ROUTER_CONFIG, with the pool token version filled in for token-claims', () => {
    // Prepare
    const config: RouterConfig = { plugins: { 'token-claims': { staticClaims: { tier: 'gold' } } }, deadlineMs: 2500 }

    // Act
    const { template } = synth(config, { tokenVersion: 'V3_0' })

    // Assess
    const fn = Object.values(template.findResources('AWS::Lambda::Function'))[0] as { Properties: { Environment: { Variables: Record<string, string> } } }
    expect(JSON.parse(fn.Properties.Environment.Variables.COGNITO_ROUTER_CONFIG!)).toStrictEqual({
      plugins: { 'token-claims': { staticClaims: { tier: 'gold' }, version: 'V3_0' } },
      deadlineMs: 2500,
    })
  })

  it('can stay out of the environment when it is bundled into the code', () => {
    // Act
    const { template } = synth({ plugins: {} }, { configInEnvironment: false })

    // Assess
    const fn = Object.values(template.findResources('AWS::Lambda::Function'))[0] as { Properties: { Environment?: unknown } }
    expect(fn.Properties.Environment).toBeUndefined()
  })

  it('refuses a configuration beyond Lambda\'s 4 KB of environment variables, and says what to do', () => {
    // Prepare
    const config: RouterConfig = { plugins: { 'signup-policy': { denyDomains: Array.from({ length: 400 }, (_, i) => `spam${i}.example`) } } }

    // Act & Assess
    expect(() => synth(config)).toThrowError(/bytes, more than Lambda's 4096 bytes.*configInEnvironment: false/)
    expect(() => synth(config, { configInEnvironment: false })).not.toThrowError()
  })

  it.each<[string, RouterConfig, string]>([
    ['an unknown plugin', { plugins: { 'add-to-grup': {} } }, 'unknown plugin "plugins.add-to-grup"'],
    ['a deadline Cognito would not wait for', { plugins: {}, deadlineMs: 5000 }, 'deadlineMs must be an integer from 1 to 4999'],
    ['a token-claims version that contradicts tokenVersion', { plugins: { 'token-claims': { version: 'V1_0' } } }, '"plugins.token-claims.version" is "V1_0"'],
  ])('fails synth for %s, as the Lambda would at cold start', (_case, config, message) => {
    expect(() => synth(config)).toThrowError(ConfigurationError)
    expect(() => synth(config)).toThrowError(message)
  })

  it('exposes the completed configuration', () => {
    expect(synth({ plugins: { 'token-claims': true } }, { tokenVersion: 'V1_0' }).router.config).toStrictEqual({
      plugins: { 'token-claims': { version: 'V1_0' } },
    })
  })
})

describe('warnings', () => {
  it('warns that V1_0 ignores access-token claims when token-claims is enabled', () => {
    expect(warningsOf(synth({ plugins: { 'token-claims': {} } }, { tokenVersion: 'V1_0' }))).toContain('V1_0: Cognito ignores access-token claims')
  })

  it('warns about a deadline the function timeout would cut short', () => {
    expect(warningsOf(synth({ plugins: {}, deadlineMs: 3500 }, { timeout: Duration.seconds(3) }))).toContain('deadlineMs (3500) is not below the function timeout (3000 ms)')
  })

  it('warns that a Lite pool cannot take V2_0 token events', () => {
    // Prepare
    const app = testApp()
    const stack = stackIn(app)
    const userPool = testPool(stack)
    ;(userPool.node.defaultChild as { userPoolTier?: string }).userPoolTier = 'LITE'

    // Act
    new CognitoTriggerRouter(stack, 'Router', { userPool, code: INLINE_CODE, config: { plugins: { 'token-claims': {} } } })

    // Assess
    expect(JSON.stringify(stack.node.findAll().flatMap((node) => node.node.metadata))).toContain('is on the Lite plan')
  })

  it('has nothing to say about a sound configuration', () => {
    expect(warningsOf(synth({ plugins: { 'token-claims': {}, 'signup-policy': {} } }))).toBe('[]')
  })
})

describe('the app client', () => {
  const clientOf = (result: ReturnType<typeof synth>) =>
    (Object.values(result.template.findResources('AWS::Cognito::UserPoolClient'))[0] as { Properties: Record<string, unknown> } | undefined)?.Properties

  it('is not created by default', () => {
    expect(clientOf(synth({ plugins: {} }))).toBeUndefined()
  })

  it('allows USER_AUTH (sign-in with the sign-up Session), SRP and refresh tokens, and no OAuth', () => {
    // Act
    const client = clientOf(synth({ plugins: {} }, { appClient: true }))

    // Assess
    expect(client).toMatchObject({ ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'], PreventUserExistenceErrors: 'ENABLED' })
    expect(client).not.toHaveProperty('AllowedOAuthFlows')
    expect(client).not.toHaveProperty('CallbackURLs')
  })

  it('takes options, and keeps USER_AUTH whatever they say', () => {
    // Act
    const client = clientOf(synth({ plugins: {} }, { appClient: { userPoolClientName: 'web', authFlows: { userPassword: true, userSrp: false } } }))

    // Assess
    expect(client).toMatchObject({ ClientName: 'web', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] })
  })

  it('is exposed on the construct', () => {
    expect(synth({ plugins: {} }, { appClient: true }).router.appClient).toBeDefined()
  })
})

describe('the code', () => {
  const temporary: string[] = []
  const temporaryDir = (prefix: string) => {
    const dir = mkdtempSync(join(tmpdir(), prefix))
    temporary.push(dir)
    return dir
  }
  afterAll(() => temporary.forEach((dir) => rmSync(dir, { recursive: true, force: true })))

  const bundleDir = () => {
    const dir = temporaryDir('ctr-cdk-')
    writeFileSync(join(dir, 'index.mjs'), 'export const handler = async (event) => event\n')
    writeFileSync(join(dir, 'index.mjs.map'), '{}')
    writeFileSync(join(dir, 'cli.mjs'), '// not part of the function\n')
    writeFileSync(join(dir, 'cognito-trigger-router.zip'), 'zip')
    mkdirSync(join(dir, 'chunks'))
    writeFileSync(join(dir, 'chunks', 'chunk-ABC.mjs'), 'export const lazy = 1\n')
    mkdirSync(join(dir, 'src'))
    writeFileSync(join(dir, 'src', 'index.js'), '// the library, not part of the function\n')
    return dir
  }

  it('defaults to the built package, two folders above the compiled construct (dist/src/cdk → dist)', () => {
    expect(DEFAULT_BUNDLE_DIR).toBe(join(import.meta.dirname, '../../../'))
  })

  it('fails with what to do when the package was not built', () => {
    expect(() => routerCode(join(tmpdir(), 'ctr-no-bundle-here'))).toThrowError(/no Lambda bundle at .*index\.mjs: run "npm run build"/)
  })

  it('uploads index.mjs, its source map and its chunks only, not the rest of dist/', () => {
    // Prepare
    const app = new App({ outdir: temporaryDir('ctr-cdk-out-') })
    const stack = stackIn(app)
    new CognitoTriggerRouter(stack, 'Router', { userPool: testPool(stack), code: routerCode(bundleDir()), config: { plugins: {} } })

    // Act
    const assembly = lintAssembly(app.synth())

    // Assess
    const assetDir = readdirSync(assembly.directory).find((name) => name.startsWith('asset.'))!
    expect(readdirSync(join(assembly.directory, assetDir)).sort()).toStrictEqual(['chunks', 'index.mjs', 'index.mjs.map'])
    expect(readdirSync(join(assembly.directory, assetDir, 'chunks'))).toStrictEqual(['chunk-ABC.mjs'])
    templateOf(stack).hasResourceProperties('AWS::Lambda::Function', { Code: { S3Key: Match.stringLikeRegexp('\\.zip$') } })
  })
})

describe('the README Deploy example', () => {
  it('synthesizes as written', () => {
    // Prepare: the configuration of the example in the README, "With the AWS CDK"
    const config: RouterConfig = {
      plugins: {
        'signup-policy': { allowDomains: ['example.com'] },
        'add-to-group': { groups: ['users'] },
        'welcome-email': { from: 'Example <hello@example.com>', templates: { default: { subject: 'Welcome', html: '<p>Hi</p>', text: 'Hi' } } },
        'token-claims': { attributes: { department: 'custom:department' } },
      },
      deadlineMs: 3000,
    }

    // Act
    const result = synth(config, { tokenVersion: 'V2_0', appClient: true })

    // Assess
    expect(Object.keys(result.template.findResources('AWS::Cognito::UserPoolClient'))).toHaveLength(1)
    expect(warningsOf(result)).toBe('[]')
  })
})
