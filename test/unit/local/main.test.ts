// The CLI in-process: commands, help, exit codes (0 ok, 1 failure or refusal, 2 wrong command line).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import packageJson from '../../../package.json' with { type: 'json' }
import { main } from '../../../src/local/main.js'
import { createEvent } from '../../../src/testing/events.js'

const dir = mkdtempSync(path.join(tmpdir(), 'ctr-cli-test-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const file = (name: string, content: unknown) => {
  const at = path.join(dir, name)
  writeFileSync(at, typeof content === 'string' ? content : JSON.stringify(content))
  return at
}

let out: string[] = []
let err: string[] = []
beforeEach(() => {
  out = []
  err = []
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true))
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true))
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void out.push(`${args.join(' ')}\n`))
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void err.push(`${args.join(' ')}\n`))
})
afterEach(() => {
  vi.restoreAllMocks()
  vi.unstubAllEnvs()
})
const stdout = () => out.join('')
const stderr = () => err.join('')

describe('cognito-trigger-router', () => {
  it.each([[[]], [['--help']], [['-h']], [['help']]])('prints the command list for %j', async (argv) => {
    // Act
    const code = await main(argv)

    // Assess
    expect(code).toBe(0)
    expect(stdout()).toMatch(/^Usage: cognito-trigger-router <command> \[options\]/)
    for (const command of ['start', 'demo', 'serve', 'event', 'invoke']) expect(stdout()).toMatch(new RegExp(`\\n  ${command} +\\S`))
  })

  it.each(['start', 'demo', 'serve', 'event', 'invoke'])('prints the help of %s, with --help and through "help"', async (command) => {
    // Act
    const codes = [await main([command, '--help']), await main([command, '-h']), await main(['help', command])]

    // Assess
    expect(codes).toStrictEqual([0, 0, 0])
    expect(out.every((chunk) => chunk.startsWith(`Usage: cognito-trigger-router ${command}`))).toBe(true)
  })

  it('prints its version', async () => {
    // Act and assess
    expect(await main(['--version'])).toBe(0)
    expect(stdout()).toBe(`${packageJson.version}\n`)
  })

  it.each<[string[], string]>([
    [['bogus'], 'unknown command "bogus"; commands: start, demo, serve, event, invoke\nSee \'cognito-trigger-router --help\'.\n'],
    [['--bogus'], "unknown option --bogus\nSee 'cognito-trigger-router --help'.\n"],
    [['event', '--bogus'], "unknown option --bogus\nSee 'cognito-trigger-router event --help'.\n"],
    [['event'], "give a trigger source, e.g. PreSignUp_SignUp\nSee 'cognito-trigger-router event --help'.\n"],
    [['event', 'PreSignUp_SignUp', 'PostConfirmation_ConfirmSignUp'], "one trigger source only, got 2\nSee 'cognito-trigger-router event --help'.\n"],
    [['invoke'], '--event FILE is required ("-" for standard input)\nSee \'cognito-trigger-router invoke --help\'.\n'],
    [['serve', '--config', 'a.json', '--handler', 'b.mjs'], "give --config or --handler, not both\nSee 'cognito-trigger-router serve --help'.\n"],
    [['serve', '--port', '70000'], "--port must be a whole number from 0 to 65535, got \"70000\"\nSee 'cognito-trigger-router serve --help'.\n"],
    [['start', '--cognito-port', 'x'], "--cognito-port must be a whole number from 0 to 65535, got \"x\"\nSee 'cognito-trigger-router start --help'.\n"],
    [['demo', '--cognito-url', 'http://127.0.0.1:1'], "give all of --cognito-url, --lambda-url, --user-pool-id and --client-id, or none\nSee 'cognito-trigger-router demo --help'.\n"],
  ])('exits 2 for %j, pointing at the right help', async (argv, message) => {
    // Act
    const code = await main(argv)

    // Assess
    expect(code).toBe(2)
    expect(stderr()).toBe(`cognito-trigger-router: ${message}`)
  })

  describe('event', () => {
    it('prints a realistic event with the attributes and fields asked for', async () => {
      // Act
      const code = await main(['event', 'PreSignUp_SignUp', '--attr', 'email=eve@blocked.example', '--set', 'request.clientMetadata.plan=pro', '--set', 'request.validationData.n=3'])

      // Assess
      expect(code).toBe(0)
      expect(JSON.parse(stdout())).toMatchObject({
        triggerSource: 'PreSignUp_SignUp',
        request: { userAttributes: { email: 'eve@blocked.example' }, clientMetadata: { plan: 'pro' }, validationData: { n: 3 } },
      })
    })

    it('lists every trigger source', async () => {
      // Act and assess
      expect(await main(['event', '--list'])).toBe(0)
      expect(stdout().split('\n')).toContain('TokenGeneration_ClientCredentials')
    })
  })

  describe('invoke', () => {
    const audit = file('audit.json', { plugins: { 'sign-in-audit': true } })

    it('prints the reply on stdout and what ran on stderr', async () => {
      // Prepare
      const event = file('post-auth.json', createEvent('PostAuthentication_Authentication'))

      // Act
      const code = await main(['invoke', '--event', event, '--config', audit])

      // Assess
      expect(code).toBe(0)
      expect(JSON.parse(stdout())).toStrictEqual(createEvent('PostAuthentication_Authentication'))
      expect(stderr()).toMatch(/PostAuthentication_Authentication\s+sign-in-audit\s+ok\s+\d+ ms\n\s+↳ sign-in-audit: sign-in audit record/)
    })

    it.each([
      ['the pool without an override gets the default and is refused', 'us-east-1_Staff', 'web', 1],
      ["the pool's override allows the domain", 'us-east-1_Partners', 'web', 0],
      ["a client's override in that pool refuses it again", 'us-east-1_Partners', 'kiosk', 1],
    ])('takes the variant of the event\'s pool and client: %s', async (_case, userPoolId, clientId, exit) => {
      // Prepare
      const config = file('pools.json', {
        plugins: { 'signup-policy': { denyDomains: ['partner.example'] } },
        pools: { 'us-east-1_Partners': { plugins: { 'signup-policy': true } } },
        clients: { kiosk: { plugins: { 'signup-policy': { denyDomains: ['partner.example'] } } } },
      })
      const signUp = createEvent('PreSignUp_SignUp', { userAttributes: { email: 'ann@partner.example' } })
      const event = file(`sign-up-${userPoolId}-${clientId}.json`, { ...signUp, userPoolId, callerContext: { ...signUp.callerContext, clientId } })

      // Act
      const code = await main(['invoke', '--event', event, '--config', config])

      // Assess
      expect(code).toBe(exit)
      if (exit === 1) expect(stderr().trimEnd().split('\n').at(-1)).toMatch(/^PreSignUp failed with error \[EMAIL_DOMAIN_NOT_ALLOWED\] /)
    })

    it('fails on an override with a bad option, naming the pool', async () => {
      // Prepare
      const config = file('bad-pool.json', { plugins: {}, pools: { 'us-east-1_AbC': { plugins: { 'signup-policy': { denyDomains: [7] } } } } })
      const event = file('sign-up.json', createEvent('PreSignUp_SignUp'))

      // Act
      const code = await main(['invoke', '--event', event, '--config', config])

      // Assess
      expect(code).toBe(1)
      expect(stderr()).toContain('configuration: "pools.us-east-1_AbC.plugins.signup-policy": ')
      expect(stderr()).toContain('denyDomains[0]')
    })

    it('prints a refusal as Cognito shows it and exits 1', async () => {
      // Prepare: no plugin delivers a custom sender's code, so the router fails closed.
      const event = file('sms.json', createEvent('CustomSMSSender_SignUp'))

      // Act
      const code = await main(['invoke', '--event', event, '--config', file('empty.json', { plugins: {} })])

      // Assess
      expect(code).toBe(1)
      expect(stdout()).toBe('')
      expect(stderr().trimEnd().split('\n').at(-1)).toMatch(/^CustomSMSSender failed with error \[INTERNAL_ERROR\] We could not complete your request \(reference [0-9a-f-]{36}\)\.$/)
      expect(stderr()).toContain('internal error (logged, never shown to the user): MissingSenderPluginError')
    })

    it('reads the event from standard input, the configuration from the environment, and prints router lines with --verbose', async () => {
      // Prepare
      vi.spyOn(process, 'stdin', 'get').mockReturnValue(Readable.from([JSON.stringify(createEvent('PostAuthentication_Authentication'))]) as never)
      vi.stubEnv('COGNITO_ROUTER_CONFIG', JSON.stringify({ plugins: { 'sign-in-audit': true } }))

      // Act
      const code = await main(['invoke', '--event', '-', '--verbose'])

      // Assess
      expect(code).toBe(0)
      expect(stderr()).toMatch(/"message":"cognito trigger reply".*"plugins":\[\{"plugin":"sign-in-audit"/)
      expect(stderr()).toContain('sign-in-audit  ok')
    })

    it.each<[string, () => string[], RegExp]>([
      ['a missing event file', () => ['--event', path.join(dir, 'none.json')], /^cognito-trigger-router: cannot read --event .*none\.json: ENOENT/],
      ['an event that is not JSON', () => ['--event', file('bad.json', '{')], /--event .*bad\.json is not valid JSON/],
      ['an event that is not an object', () => ['--event', file('number.json', '3')], /--event .*number\.json must hold a JSON object/],
      ['a missing configuration', () => ['--event', file('e.json', {}), '--config', path.join(dir, 'nope.json')], /cannot read --config .*nope\.json/],
      ['a configuration that is not JSON', () => ['--event', file('e.json', {}), '--config', file('c.json', 'x')], /--config .*c\.json is not valid JSON/],
      ['an unknown plugin', () => ['--event', file('e.json', {}), '--config', file('u.json', { plugins: { nope: true } })], /u\.json: configuration: unknown plugin "plugins\.nope"/],
    ])('exits 1 with a clear message for %s', async (_name, args, message) => {
      // Act
      const code = await main(['invoke', ...args()])

      // Assess
      expect(code).toBe(1)
      expect(stderr()).toMatch(message)
    })
  })

  describe('serve', () => {
    it.each<[string, () => string, RegExp]>([
      ['a module that cannot be loaded', () => path.join(dir, 'missing.mjs'), /cannot load --handler .*missing\.mjs/],
      ['a module without a handler', () => file('no-handler.mjs', 'export const other = 1'), /--handler .*no-handler\.mjs has no "handler" function export/],
    ])('exits 1 for %s', async (_name, handler, message) => {
      // Act
      const code = await main(['serve', '--handler', handler()])

      // Assess
      expect(code).toBe(1)
      expect(stderr()).toMatch(message)
    })

    it('exits 1 naming the source of a bad configuration', async () => {
      // Prepare
      vi.stubEnv('COGNITO_ROUTER_CONFIG', '{"plugins":{"nope":true}}')

      // Act
      const code = await main(['serve'])

      // Assess
      expect(code).toBe(1)
      expect(stderr()).toMatch(/^cognito-trigger-router: COGNITO_ROUTER_CONFIG: configuration: unknown plugin "plugins\.nope"/)
    })
  })

  it('reports an unexpected error with its stack, and exits 1', async () => {
    // Prepare
    vi.spyOn(JSON, 'stringify').mockImplementationOnce(() => {
      throw new TypeError('surprise')
    })

    // Act
    const code = await main(['event', 'PreSignUp_SignUp'])

    // Assess
    expect(code).toBe(1)
    expect(stderr()).toMatch(/^cognito-trigger-router: unexpected error: TypeError: surprise\n\s+at /)
  })
})
