// Proves the published package works for a project that installs it: `npm pack`, install the
// tarball into a fresh project, type-check a TypeScript consumer (NodeNext) against the shipped
// .d.ts files and run a JavaScript one with node. Catches a wrong `exports` map, missing files,
// .d.ts files that import something not installed, and dependencies left in devDependencies.
// Needs `npm run build` first (`npm test` runs it).
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { manyFilesTempDir } from '../helpers/temp.js'

const root = fileURLToPath(new URL('../..', import.meta.url))
const INSTALL_TIMEOUT = 300_000

// `npm test` exports lowercase npm_* variables (this project's settings, `npm run -s` log level,
// ...) that must not leak into the nested npm. Uppercase NPM_CONFIG_* set by CI are kept (.ci/run
// sets NPM_CONFIG_GLOBALCONFIG so npm keeps the system's registry/cafile settings on another node).
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_|^INIT_CWD$/.test(key)))

const run = async (command: string, args: readonly string[], cwd: string): Promise<string> => {
  try {
    const { stdout } = await promisify(execFile)(command, args, { cwd, env, maxBuffer: 64 << 20 })
    return stdout
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string }
    throw new Error(`\`${command} ${args.join(' ')}\` failed in ${cwd}:\n${stdout}\n${stderr}`, { cause: error })
  }
}

// skipLibCheck is on, as in most projects: @middy/core's own .d.ts imports its optional peer
// @aws/durable-execution-sdk-js and fails without it. But then an unresolved import in our .d.ts
// files (say aws-lambda, if @types/aws-lambda were only a devDependency) silently becomes `any`,
// so the consumer proves with @ts-expect-error that the types it sees are real.
const CONSUMER_TS = `
import { createRouter, definePlugin, UserFacingError } from 'cognito-trigger-router'
import { parseTriggerError, type TriggerErrorInfo } from 'cognito-trigger-router/client'

export const companyOnly = definePlugin({
  name: 'company-only',
  triggers: ['PreSignUp_SignUp'],
  handler: (event) => {
    // @ts-expect-error userPoolId is a string (from @types/aws-lambda, a dependency of the package)
    const pool: number = event.userPoolId
    // @ts-expect-error autoConfirmUser is a boolean
    const confirm: string = event.response.autoConfirmUser
    void [pool, confirm]
    const email: string | undefined = event.request.userAttributes.email
    if (!email?.endsWith('@example.com')) throw new UserFacingError('Please use your company address')
    return { autoConfirmUser: true }
  },
})

// @ts-expect-error 'PreSignup_SignUp' is not a trigger source
definePlugin({ name: 'typo', triggers: ['PreSignup_SignUp'], handler: () => undefined })

export const handler = createRouter({ plugins: [companyOnly] })
// @ts-expect-error the router is a middy handler, not a string
export const notAString: string = handler

// The browser-safe client entry, typed through its own subpath.
export const refusal: TriggerErrorInfo | undefined = parseTriggerError(new Error('not a refusal'))
// @ts-expect-error code is a string or undefined
export const codeIsNotANumber: number = refusal!.code
`

const CONSUMER_MJS = `
const api = await import('cognito-trigger-router')
const { createRouter, definePlugin, UserFacingError } = api
const plugin = definePlugin({ name: 'noop', triggers: ['PreAuthentication_Authentication'], handler: () => undefined })
const facts = {
  createRouter: typeof createRouter,
  definePlugin: typeof definePlugin,
  userFacingErrorIsErrorClass: typeof UserFacingError === 'function' && new UserFacingError('x') instanceof Error,
  router: typeof createRouter({ plugins: [plugin] }),
  pluginsSubpath: await import('cognito-trigger-router/plugins').then((m) => Object.keys(m).length > 0, (e) => e.code),
  loadedRouter: await import('cognito-trigger-router/plugins/loaders').then(
    async (m) => typeof (await api.loadRouterFromConfig({ plugins: { 'sign-in-audit': true } }, m.builtinPluginLoaders)),
    (e) => e.code,
  ),
  packageJson: (await import('cognito-trigger-router/package.json', { with: { type: 'json' } })).default.name,
  deepImport: await import('cognito-trigger-router/dist/src/index.js').then(() => 'allowed', (e) => e.code),
  // This project has no vitest: the test kit must work without it, and only its vitest entry needs it.
  testKitViolations: await import('cognito-trigger-router/testing').then(
    async (m) => (await m.checkPluginContract(plugin, { sources: ['PreAuthentication_Authentication'] })).length,
    (e) => e.code,
  ),
  vitestEntry: await import('cognito-trigger-router/testing/vitest').then(() => 'loaded', (e) => e.code),
  clientParsed: await import('cognito-trigger-router/client').then(
    (m) => m.parseTriggerError({ name: 'UserLambdaValidationException', message: 'PreSignUp failed with error [CLOSED] Sign-ups are closed.' }),
    (e) => e.code,
  ),
}
console.log(JSON.stringify(facts))
`

describe('the packed package, installed in a fresh project', () => {
  let dir = ''
  let packed: { filename: string; files: { path: string }[] }

  beforeAll(async () => {
    for (const file of ['dist/src/index.js', 'dist/src/index.d.ts', 'dist/index.mjs']) {
      if (!existsSync(path.join(root, file))) {
        throw new Error(`${file} is missing: run \`npm run build\` first (\`npm test\` does)`)
      }
    }
    dir = mkdtempSync(path.join(manyFilesTempDir(), 'ctr-consumer-'))
    const json = await run('npm', ['pack', '--json', '--pack-destination', dir], root)
    ;[packed] = JSON.parse(json.slice(json.indexOf('[')))
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }))
    writeFileSync(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2023',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          types: ['node'],
          skipLibCheck: true,
        },
        files: ['consumer.ts'],
      }),
    )
    writeFileSync(path.join(dir, 'consumer.ts'), CONSUMER_TS)
    writeFileSync(path.join(dir, 'consumer.mjs'), CONSUMER_MJS)
    await run(
      'npm',
      ['install', '--no-audit', '--no-fund', '--prefer-offline', `./${packed.filename}`, 'typescript@~5.9', '@types/node@22'],
      dir,
    )
  }, INSTALL_TIMEOUT)

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('ships only what a consumer needs', () => {
    const files = packed.files.map((file) => file.path)
    expect(files).toContain('dist/src/index.js')
    expect(files).toContain('dist/src/index.d.ts')
    expect(files).toContain('dist/index.mjs')
    // The subpaths in the exports map: the test kit (vitest is an optional peer), CDK, deploy data and the client.
    for (const entry of ['testing', 'cdk', 'deploy', 'client']) expect(files).toContain(`dist/src/${entry}/index.js`)
    expect(files).toContain('dist/src/testing/vitest.js')
    // The SAM template is the one source file shipped, with the zip its CodeUri names: users
    // deploy them as they are (test/package/package-files.test.ts).
    expect(files).toContain('src/deploy/template.yaml')
    // So is config.schema.json, generated from the plugin manifests and checked fresh by test/unit/deploy/json-schema.test.ts,
    // and the plugin READMEs the main README links to (test/package/package-files.test.ts).
    expect(files).toContain('src/config.schema.json')
    const deployable = ['src/deploy/template.yaml', 'src/config.schema.json', 'dist/cognito-trigger-router.zip']
    const unexpected = files.filter((file) => !deployable.includes(file) && !/^plugins\/[^/]+\/README\.md$/.test(file))
    expect(unexpected.filter((file) => /^(src|test|plugins|\.ci)\//.test(file) || file.endsWith('.zip'))).toEqual([])
    expect(files.filter((file) => file.startsWith('dist/src/local/'))).toEqual([])
  })

  it('type-checks a TypeScript consumer against the shipped declarations', async () => {
    await run(process.execPath, [path.join(dir, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], dir)
  }, 60_000)

  it('runs a JavaScript consumer through the exports map', async () => {
    const facts = JSON.parse(await run(process.execPath, ['consumer.mjs'], dir))
    expect(facts).toMatchObject({
      createRouter: 'function',
      definePlugin: 'function',
      userFacingErrorIsErrorClass: true,
      router: 'function',
      loadedRouter: 'function',
      packageJson: 'cognito-trigger-router',
      deepImport: 'ERR_PACKAGE_PATH_NOT_EXPORTED', // only the exports map is public
      testKitViolations: 0,
      vitestEntry: 'ERR_MODULE_NOT_FOUND', // vitest is an optional peer, needed by this entry alone
      clientParsed: { trigger: 'PreSignUp', code: 'CLOSED', message: 'Sign-ups are closed' }, // requestId undefined: dropped by JSON
    })
    // './plugins' is in the exports map before plugins/index.ts exists; once built it must load.
    const pluginsBuilt = existsSync(path.join(root, 'dist/plugins/index.js'))
    expect(facts.pluginsSubpath).toBe(pluginsBuilt ? true : 'ERR_MODULE_NOT_FOUND')
  }, 60_000)
})
