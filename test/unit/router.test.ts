import { describe, expect, it, vi } from 'vitest'
import { TRIGGER_SOURCES, TRIGGERS, type TriggerSource } from '../../src/catalogue.js'
import { ConfigurationError, TriggerRejectedError, UserFacingError } from '../../src/errors.js'
import { definePlugin, type AnyPlugin } from '../../src/plugin.js'
import { createRouter, type RouterOptions } from '../../src/router.js'
import { createEvent } from '../../src/testing/events.js'
import { capturingLogger, lambdaContext, settle } from '../helpers/lambda.js'

const GENERIC = '[INTERNAL_ERROR] We could not complete your request (reference req-0000-1111)'

const routerWith = (plugins: readonly AnyPlugin[], options: Partial<RouterOptions> = {}) => {
  const logger = capturingLogger()
  const router = createRouter({ plugins, logger, ...options })
  return { router, logger, run: (event: unknown) => settle(router, event) }
}

const noop = (name: string, triggers: AnyPlugin['triggers']): AnyPlugin => ({ name, triggers, handler: () => undefined })

const senders = TRIGGER_SOURCES.filter((source) => TRIGGERS[source].requiresPlugin)
const nonSenders = TRIGGER_SOURCES.filter((source) => !TRIGGERS[source].requiresPlugin)

describe('what is validated is what is sent', () => {
  const tokenSource = 'TokenGeneration_Authentication' satisfies TriggerSource
  const v2Event = () => createEvent(tokenSource, { tokenVersion: 2 })

  it('fails closed on a claim map whose hidden toJSON would smuggle reserved claims past validation', async () => {
    // Prepare
    const claims = Object.defineProperty({ tenant: 'acme' }, 'toJSON', {
      value: () => ({ tenant: 'acme', sub: 'someone-else', 'cognito:groups': ['admins'] }),
      enumerable: false,
    })
    const smuggler = definePlugin({
      name: 'smuggler',
      triggers: [tokenSource],
      handler: () => ({ claimsAndScopeOverrideDetails: { idTokenGeneration: { claimsToAddOrOverride: claims } } }),
    })
    const { run, logger } = routerWith([smuggler])

    // Act
    const { reply, error } = await run(v2Event())

    // Assess
    expect(reply).toBeUndefined()
    expect(error?.message).toBe(GENERIC)
    expect(logger.text()).toContain('reply.not-json')
    expect(logger.text()).toContain('claimsAndScopeOverrideDetails.idTokenGeneration.claimsToAddOrOverride')
  })

  it('sends the value a getter gave when the reply was checked, not what it answers once the reply left the router', async () => {
    // Prepare
    let checked = false
    const scopes = {
      get scopesToAdd() {
        return checked ? ['orders/read admin'] : ['orders/read']
      },
    }
    const plugin = definePlugin({
      name: 'getter',
      triggers: [tokenSource],
      handler: () => ({ claimsAndScopeOverrideDetails: { accessTokenGeneration: scopes } }),
    })
    const { run } = routerWith([plugin])

    // Act
    const { reply, error } = await run(v2Event())
    checked = true

    // Assess: Lambda serializes the reply after the router returned it.
    expect(error).toBeUndefined()
    expect(JSON.stringify(reply)).toContain('"scopesToAdd":["orders/read"]')
    expect(JSON.stringify(reply)).not.toContain('orders/read admin')
  })

  it('sends what was checked, though the plugin changes its returned object once the router returned', async () => {
    // Prepare
    const claims: Record<string, string> = { tenant: 'acme' }
    const plugin = definePlugin({
      name: 'late-writer',
      triggers: [tokenSource],
      handler: async () => {
        setImmediate(() => {
          claims.sub = 'someone-else'
        })
        return { claimsAndScopeOverrideDetails: { idTokenGeneration: { claimsToAddOrOverride: claims } } }
      },
    })
    const { run } = routerWith([plugin])

    // Act
    const { reply, error } = await run(v2Event())
    await new Promise((resolve) => setImmediate(resolve))

    // Assess
    expect(error).toBeUndefined()
    expect(claims.sub).toBe('someone-else')
    expect(JSON.stringify(reply)).toContain('"claimsToAddOrOverride":{"tenant":"acme"}')
  })

  it.each([
    ['a Date', () => ({ autoConfirmUser: new Date(0) })],
    ['NaN', () => ({ autoConfirmUser: Number.NaN })],
  ])('fails closed on %s in a patch, which JSON would send as something else', async (_, handler) => {
    const { run, logger } = routerWith([{ name: 'odd', triggers: ['PreSignUp_SignUp'], handler } as AnyPlugin])
    const { error } = await run(createEvent('PreSignUp_SignUp'))
    expect(error?.message).toBe(GENERIC)
    expect(logger.text()).toContain('invalid reply at response.autoConfirmUser')
  })
})

describe('dispatch and echo', () => {
  it.each(TRIGGER_SOURCES)('runs the plugin registered for %s and echoes the event it received', async (source) => {
    // Prepare
    const handler = vi.fn(() => undefined)
    const { run } = routerWith([{ name: 'p', triggers: [source], handler }])
    const event = createEvent(source)

    // Act
    const { reply, error } = await run(event)

    // Assess
    expect(error).toBeUndefined()
    expect(handler).toHaveBeenCalledOnce()
    expect(reply).toStrictEqual(event)
  })

  it.each(TRIGGER_SOURCES)('echoes the envelope of %s exactly, whatever the plugin does to its copy', async (source) => {
    // Prepare
    const vandal = definePlugin({
      name: 'vandal',
      triggers: ['*'],
      handler: (event) => {
        const loose = event as unknown as Record<string, unknown> & { request: Record<string, unknown> }
        loose.userName = 'someone-else'
        loose.version = '99'
        loose.callerContext = null
        loose.request.userAttributes = { sub: 'forged' }
        delete loose.region
      },
    })
    const { run } = routerWith([vandal])
    const event = { ...createEvent(source), fieldCognitoAddsLater: { nested: [1, 2] } }
    const snapshot = structuredClone(event)

    // Act
    const { reply } = await run(event)

    // Assess
    expect(reply).toStrictEqual(snapshot)
    expect(event).toStrictEqual(snapshot)
  })

  it.each(nonSenders)('echoes %s unchanged when no plugin handles it (Cognito default behaviour)', async (source) => {
    const { run } = routerWith([noop('other', ['PreSignUp_SignUp'].includes(source) ? ['PostConfirmation_*'] : ['PreSignUp_SignUp'])])
    const event = createEvent(source)
    expect(await run(event)).toStrictEqual({ reply: event })
  })

  it.each(senders)('fails %s when no plugin handles it, since the code would never be delivered', async (source) => {
    const { run, logger } = routerWith([])
    const { error } = await run(createEvent(source))
    expect(error).toBeInstanceOf(TriggerRejectedError)
    expect(error?.message).toBe(GENERIC)
    expect(logger.text()).toContain('MissingSenderPluginError')
  })

  it('echoes a triggerSource the catalogue does not know yet and logs a warning', async () => {
    const { run, logger } = routerWith([noop('all', ['*'])])
    const event = { ...createEvent('PreSignUp_SignUp'), triggerSource: 'PreSignUp_SomethingNew' }
    expect(await run(event)).toStrictEqual({ reply: event })
    expect(logger.lines).toContainEqual(expect.objectContaining({ level: 'warn', message: 'unknown triggerSource echoed unchanged' }))
  })

  it('keeps the response fields Cognito pre-filled, even values a strict validator would refuse', async () => {
    // cognito-local pre-fills "" where Cognito sends null; it must get its own values back.
    const { run } = routerWith([noop('quiet', ['CustomMessage_*'])])
    const event = createEvent('CustomMessage_SignUp', { overrides: { response: { smsMessage: '', emailMessage: '', emailSubject: '' } } })
    expect(await run(event)).toStrictEqual({ reply: event })
  })
})

describe('what plugins may return', () => {
  const source = 'PreSignUp_SignUp' satisfies TriggerSource

  it.each([
    ['a response patch', () => ({ autoConfirmUser: true })],
    ['nothing, after writing to event.response', (event: { response: { autoConfirmUser: boolean } }) => {
      event.response.autoConfirmUser = true
    }],
    ['the whole event, AWS-sample style', (event: { response: { autoConfirmUser: boolean } }) => {
      event.response.autoConfirmUser = true
      return event
    }],
    ['a promise of a patch', async () => ({ autoConfirmUser: true })],
  ])('accepts %s', async (_style, handler) => {
    const { run } = routerWith([{ name: 'p', triggers: [source], handler } as AnyPlugin])
    const event = createEvent(source)
    const { reply } = await run(event)
    expect(reply).toStrictEqual({ ...event, response: { ...event.response, autoConfirmUser: true } })
  })

  it.each([
    ['null', () => null],
    ['a promise of null', async () => null],
  ])('treats %s as no change to the response', async (_kind, handler) => {
    const { run } = routerWith([{ name: 'p', triggers: [source], handler } as AnyPlugin])
    const event = createEvent(source)
    const { reply, error } = await run(event)
    expect(error).toBeUndefined()
    expect(reply).toStrictEqual(event)
  })

  it.each([
    ['a string', 'ok'],
    ['a number', 42],
    ['an array', [{ autoConfirmUser: true }]],
    ['a boolean', true],
  ])('fails closed when a plugin returns %s', async (_kind, value) => {
    const { run, logger } = routerWith([{ name: 'odd', triggers: [source], handler: () => value } as AnyPlugin])
    const { error } = await run(createEvent(source))
    expect(error?.message).toBe(GENERIC)
    expect(logger.text()).toContain('plugin \\"odd\\" returned')
  })

  it('fails closed when a plugin replaces event.response with something that is not an object', async () => {
    const { run } = routerWith([
      definePlugin({ name: 'p', triggers: [source], handler: (event) => void ((event as { response: unknown }).response = 'yes') }),
    ])
    expect((await run(createEvent(source))).error?.message).toBe(GENERIC)
  })
})

describe('several plugins on one triggerSource', () => {
  it('runs them in registration order, each seeing the response so far', async () => {
    const seen: unknown[] = []
    const first = definePlugin({ name: 'first', triggers: ['CustomMessage_SignUp'], handler: () => ({ emailSubject: 'Welcome' }) })
    const second = definePlugin({
      name: 'second',
      triggers: ['CustomMessage_*'],
      handler: (event) => {
        seen.push(structuredClone(event.response))
        return { smsMessage: `Code ${event.request.codeParameter}` }
      },
    })
    const { run } = routerWith([first, second])
    const { reply } = await run(createEvent('CustomMessage_SignUp'))
    expect(seen).toStrictEqual([{ smsMessage: null, emailMessage: null, emailSubject: 'Welcome' }])
    expect(reply).toMatchObject({ response: { smsMessage: 'Code {####}', emailMessage: null, emailSubject: 'Welcome' } })
  })

  const decide = (name: string, triggers: AnyPlugin['triggers'], patch: Record<string, unknown>): AnyPlugin => ({
    name,
    triggers,
    handler: () => patch,
  })

  it.each([
    ['PreSignUp_SignUp', { autoConfirmUser: false }, { autoConfirmUser: true }, { autoConfirmUser: false }],
    ['PreSignUp_SignUp', { autoConfirmUser: true }, { autoConfirmUser: false }, { autoConfirmUser: false }],
    ['PreSignUp_SignUp', {}, { autoConfirmUser: true }, { autoConfirmUser: true }],
    ['DefineAuthChallenge_Authentication', { failAuthentication: true }, { failAuthentication: false }, { failAuthentication: true }],
    ['DefineAuthChallenge_Authentication', { issueTokens: false }, { issueTokens: true }, { issueTokens: false }],
    ['VerifyAuthChallengeResponse_Authentication', { answerCorrect: true }, { answerCorrect: false }, { answerCorrect: false }],
    ['VerifyAuthChallengeResponse_Authentication', { answerCorrect: false }, { answerCorrect: true }, { answerCorrect: false }],
    ['UserMigration_Authentication', { finalUserStatus: 'RESET_REQUIRED', userAttributes: { email: 'a@example.com' } }, { finalUserStatus: 'CONFIRMED' }, { finalUserStatus: 'RESET_REQUIRED' }],
  ] as const)('on %s merges %j then %j into the most restrictive %j', async (source, a, b, expected) => {
    const { run } = routerWith([decide('a', [source], a), decide('b', [source], b)])
    const { reply, error } = await run(createEvent(source))
    expect(error).toBeUndefined()
    expect(reply).toMatchObject({ response: expected })
  })

  it('merges maps with the later plugin winning and lists as unions', async () => {
    const source = 'TokenGeneration_Authentication'
    const a = decide('a', [source], {
      claimsAndScopeOverrideDetails: {
        idTokenGeneration: { claimsToAddOrOverride: { tenant: 'a', tier: 'gold' } },
        accessTokenGeneration: { scopesToAdd: ['orders:read'] },
      },
    })
    const b = decide('b', [source], {
      claimsAndScopeOverrideDetails: {
        idTokenGeneration: { claimsToAddOrOverride: { tenant: 'b' } },
        accessTokenGeneration: { scopesToAdd: ['orders:write', 'orders:read'] },
      },
    })
    const { reply } = await routerWith([a, b]).run(createEvent(source, { tokenVersion: 2 }))
    expect(reply).toMatchObject({
      response: {
        claimsAndScopeOverrideDetails: {
          idTokenGeneration: { claimsToAddOrOverride: { tenant: 'b', tier: 'gold' } },
          accessTokenGeneration: { scopesToAdd: ['orders:read', 'orders:write'] },
        },
      },
    })
  })

  it('lets suppression beat addition, as Cognito does', async () => {
    const source = 'TokenGeneration_Authentication'
    const adds = decide('adds', [source], {
      claimsAndScopeOverrideDetails: { accessTokenGeneration: { claimsToAddOrOverride: { tier: 'gold', team: 'x' }, scopesToAdd: ['a:read'] } },
    })
    const suppresses = decide('suppresses', [source], {
      claimsAndScopeOverrideDetails: { accessTokenGeneration: { claimsToSuppress: ['tier'], scopesToSuppress: ['a:read'] } },
    })
    const { reply } = await routerWith([adds, suppresses]).run(createEvent(source, { tokenVersion: 2 }))
    expect(reply).toMatchObject({
      response: {
        claimsAndScopeOverrideDetails: {
          accessTokenGeneration: { claimsToAddOrOverride: { team: 'x' }, claimsToSuppress: ['tier'], scopesToAdd: [], scopesToSuppress: ['a:read'] },
        },
      },
    })
  })

  it('fails closed and names both plugins when they choose different challenges', async () => {
    const source = 'DefineAuthChallenge_Authentication'
    const { run, logger } = routerWith([
      decide('otp', [source], { challengeName: 'CUSTOM_CHALLENGE' }),
      decide('password', [source], { challengeName: 'PASSWORD_VERIFIER' }),
    ])
    const { error } = await run(createEvent(source))
    expect(error?.message).toBe(GENERIC)
    expect(logger.text()).toContain('plugins \\"otp\\" and \\"password\\"')
  })

  it('accepts the same challenge chosen by two plugins', async () => {
    const source = 'DefineAuthChallenge_Authentication'
    const { run } = routerWith([
      decide('a', [source], { challengeName: 'CUSTOM_CHALLENGE' }),
      decide('b', [source], { challengeName: 'CUSTOM_CHALLENGE' }),
    ])
    expect((await run(createEvent(source))).reply).toMatchObject({ response: { challengeName: 'CUSTOM_CHALLENGE' } })
  })
})

describe('failing closed', () => {
  const source = 'PreSignUp_SignUp' satisfies TriggerSource

  it.each([
    ['an Error', () => new Error('database password is hunter2')],
    ['a string', () => 'database password is hunter2'],
    ['undefined', () => undefined],
    ['an object', () => ({ detail: 'database password is hunter2' })],
  ])('turns %s thrown by a plugin into the generic message with the request id', async (_kind, make) => {
    const { run, logger } = routerWith([{ name: 'boom', triggers: [source], handler: () => { throw make() } }])
    const { error } = await run(createEvent(source))
    expect(error).toBeInstanceOf(TriggerRejectedError)
    expect(error?.message).toBe(GENERIC)
    expect(error?.cause).toBeUndefined()
    expect(logger.lines.some((line) => line.level === 'error')).toBe(true)
  })

  it('turns a rejected promise into the generic message too', async () => {
    const { run } = routerWith([{ name: 'boom', triggers: [source], handler: () => Promise.reject(new Error('internal')) }])
    expect((await run(createEvent(source))).error?.message).toBe(GENERIC)
  })

  it('shows a UserFacingError message to the user, without the period Cognito adds itself', async () => {
    const { run } = routerWith([
      definePlugin({ name: 'policy', triggers: [source], handler: () => { throw new UserFacingError('Sign-ups are closed.') } }),
    ])
    expect((await run(createEvent(source))).error?.message).toBe('Sign-ups are closed')
  })

  it('hides a UserFacingError message that would leak a secret from the event', async () => {
    const migrate = definePlugin({
      name: 'leaky',
      triggers: ['UserMigration_Authentication'],
      handler: (event) => { throw new UserFacingError(`Wrong password ${event.request.password}`) },
    })
    const { error } = await routerWith([migrate]).run(createEvent('UserMigration_Authentication'))
    expect(error?.message).toBe(GENERIC)
  })

  describe('refuses a UserFacingError message holding a secret of the invocation, as the log scrubber finds it', () => {
    const migrating = (password: string, extra: Record<string, unknown> = {}) =>
      createEvent('UserMigration_Authentication', { overrides: { request: { password, ...extra } } })
    const throwing = (message: (event: { request: Record<string, unknown> }) => string): AnyPlugin => ({
      name: 'leaky',
      triggers: ['UserMigration_Authentication'],
      handler: (event: { request: Record<string, unknown> }) => {
        throw new UserFacingError(message(event))
      },
    })

    it.each([
      ['a secret that ends with a period, which the user sees once Cognito appends its own', 'hunter2.', (p: string) => `Wrong password ${p.slice(0, -1)}`],
      ['a secret that ends with a space, quoted before the trailing space is trimmed', 'hunter 22 ', (p: string) => `Wrong password ${p}`],
      ['a secret followed by a period', 'Legacy-Passw0rd', (p: string) => `Wrong password ${p}.`],
    ])('%s', async (_, password, message) => {
      const { error } = await routerWith([throwing((event) => message(String(event.request.password)))]).run(migrating(password))
      expect(error?.message).toBe(GENERIC)
    })

    it('refuses the value of a path added with logging.redact.paths', async () => {
      // Prepare
      const plugin = throwing((event) => `Badge ${String((event.request.clientMetadata as Record<string, unknown>).badge)} is not valid`)
      const { run } = routerWith([plugin], { logging: { redact: { paths: ['event.request.clientMetadata.badge'] } } })

      // Act
      const { error } = await run(migrating('irrelevant', { clientMetadata: { badge: 'B-77-3141' } }))

      // Assess
      expect(error?.message).toBe(GENERIC)
    })

    it('still refuses a default secret when the logging replaced the default paths', async () => {
      const { run } = routerWith([throwing((event) => `Wrong ${String(event.request.password)}`)], {
        logging: { redact: { replaceDefaults: true, paths: ['event.request.clientMetadata'] } },
      })
      expect((await run(migrating('Legacy-Passw0rd'))).error?.message).toBe(GENERIC)
    })

    it('shows a message that merely shares a word with nothing secret', async () => {
      const { run } = routerWith([throwing(() => 'Your old password has expired')])
      expect((await run(migrating('Legacy-Passw0rd'))).error?.message).toBe('Your old password has expired')
    })
  })

  it('uses the configured generic message', async () => {
    const { run } = routerWith([{ name: 'boom', triggers: [source], handler: () => { throw new Error('x') } }], {
      errorMessage: 'Try again later (ref {requestId})',
    })
    expect((await run(createEvent(source))).error?.message).toBe('[INTERNAL_ERROR] Try again later (ref req-0000-1111)')
  })

  it.each([
    ['null', null],
    ['a string', 'PreSignUp_SignUp'],
    ['an array', [createEvent('PreSignUp_SignUp')]],
    ['an object without triggerSource', { request: {} }],
    ['a numeric triggerSource', { triggerSource: 7, request: {} }],
    ['no request object', { triggerSource: 'PreSignUp_SignUp', request: 'x' }],
    ['a response that is not an object', { triggerSource: 'PreSignUp_SignUp', request: {}, response: 'x' }],
  ])('rejects a malformed event: %s', async (_kind, event) => {
    const { run, logger } = routerWith([noop('all', ['*'])])
    const { error } = await run(event)
    expect(error?.message).toBe(GENERIC)
    expect(logger.text()).toContain('MalformedEventError')
  })

  it('fails closed when the deadline runs out, and aborts the plugin signal', async () => {
    let signal: AbortSignal | undefined
    const hang = definePlugin({
      name: 'hang',
      triggers: [source],
      handler: (_event, context) => {
        signal = context.signal
        return new Promise<never>(() => undefined)
      },
    })
    const { run, logger } = routerWith([hang], { deadlineMs: 20 })
    const { error } = await run(createEvent(source))
    expect(error?.message).toBe(GENERIC)
    expect(signal?.aborted).toBe(true)
    expect(logger.text()).toContain('DeadlineExceededError')
  })

  it('never runs past the Lambda remaining time', async () => {
    const hang = definePlugin({ name: 'hang', triggers: [source], handler: () => new Promise<never>(() => undefined) })
    const router = createRouter({ plugins: [hang], logger: capturingLogger(), deadlineMs: 4000 })
    const { error } = await settle(router, createEvent(source), lambdaContext({ getRemainingTimeInMillis: () => 130 }))
    expect(error).toBeInstanceOf(TriggerRejectedError)
  })

  it('fails closed when a plugin sets a reply Cognito would refuse', async () => {
    const { run } = routerWith([
      definePlugin({ name: 'verify', triggers: [source], handler: () => ({ autoVerifyPhone: true }) }),
    ])
    const event = createEvent(source, { userAttributes: { email: 'a@example.com' } })
    expect((await run(event)).error?.message).toBe(GENERIC)
  })
})

describe('failOpen', () => {
  it('logs the error of a failOpen plugin on a committed trigger and still echoes the event', async () => {
    const flaky = definePlugin({
      name: 'welcome',
      triggers: ['PostConfirmation_ConfirmSignUp'],
      failOpen: true,
      handler: () => { throw new Error('SES throttled') },
    })
    const after = vi.fn(() => undefined)
    const { run, logger } = routerWith([flaky, { name: 'after', triggers: ['PostConfirmation_*'], handler: after }])
    const event = createEvent('PostConfirmation_ConfirmSignUp')
    expect(await run(event)).toStrictEqual({ reply: event })
    expect(after).toHaveBeenCalledOnce()
    expect(logger.lines).toContainEqual(expect.objectContaining({ level: 'error', attributes: expect.objectContaining({ plugin: 'welcome' }) }))
    expect(logger.lines).toContainEqual(
      expect.objectContaining({ message: 'cognito trigger reply', attributes: expect.objectContaining({ plugins: [expect.objectContaining({ plugin: 'welcome', outcome: 'failed-open' }), expect.objectContaining({ plugin: 'after', outcome: 'ok' })] }) }),
    )
  })
})

describe('logging', () => {
  const runsOfAB = [
    { plugin: 'a', outcome: 'ok', ms: expect.any(Number) },
    { plugin: 'b', outcome: 'ok', ms: expect.any(Number) },
  ]
  const correlation = {
    triggerSource: 'PreSignUp_SignUp',
    userPoolId: 'us-east-1_EXAMPLE',
    clientId: '1example23456789',
    requestId: 'req-0000-1111',
  }

  it.each([
    { when: 'a logger that cannot tell its level', level: undefined, logging: {}, carrier: 'cognito trigger reply' },
    { when: 'events at info on an info logger', level: 'info', logging: { eventLevel: 'info' }, carrier: 'cognito trigger reply' },
    { when: 'events at debug on an info logger (the default)', level: 'info', logging: {}, carrier: 'cognito trigger dispatched' },
    { when: 'events not logged', level: undefined, logging: { logEvents: false }, carrier: 'cognito trigger dispatched' },
    { when: 'events at debug on a debug logger', level: 'debug', logging: {}, carrier: 'cognito trigger reply' },
  ] as const)('logs the plugins that ran, with the correlation fields, on one line per invocation with $when', async ({ level, logging, carrier }) => {
    const logger = capturingLogger(level)
    const router = createRouter({ plugins: [noop('a', ['PreSignUp_*']), noop('b', ['*'])], logger, logging })
    await settle(router, createEvent('PreSignUp_SignUp'))
    const carrying = logger.lines.filter((line) => line.attributes !== undefined && 'plugins' in line.attributes)
    expect(carrying).toHaveLength(1)
    expect(carrying[0]).toMatchObject({ message: carrier, attributes: { ...correlation, plugins: runsOfAB } })
  })

  it('writes no plugins field on any line when no plugin handles the triggerSource', async () => {
    const logger = capturingLogger('debug')
    const router = createRouter({ plugins: [noop('a', ['PreSignUp_*'])], logger })
    const { reply } = await settle(router, createEvent('PostConfirmation_ConfirmSignUp'))
    expect(reply).toBeDefined()
    expect(logger.lines.length).toBeGreaterThan(0)
    expect(logger.lines.filter((line) => line.attributes !== undefined && 'plugins' in line.attributes)).toStrictEqual([])
  })

  it('puts the plugins that ran on the error line when the invocation fails, and writes no other line about them', async () => {
    const logger = capturingLogger('info')
    const failing = definePlugin({ name: 'b', triggers: ['PreSignUp_SignUp'], handler: () => { throw new Error('boom') } })
    await settle(createRouter({ plugins: [noop('a', ['PreSignUp_*']), failing], logger }), createEvent('PreSignUp_SignUp'))
    expect(logger.lines.map((line) => line.message)).toStrictEqual(['cognito trigger failed'])
    expect(logger.lines[0]?.attributes).toMatchObject({
      ...correlation,
      plugin: 'b',
      plugins: [
        { plugin: 'a', outcome: 'ok' },
        { plugin: 'b', outcome: 'failed' },
      ],
    })
  })

  it('adds what logging.annotate returns to the reply line, beside the plugins that ran', async () => {
    const logger = capturingLogger()
    const router = createRouter({ plugins: [noop('a', ['PreSignUp_*'])], logger, logging: { annotate: () => ({ tenant: 'acme' }) } })
    await settle(router, createEvent('PreSignUp_SignUp'))
    const reply = logger.lines.find((line) => line.message === 'cognito trigger reply')
    expect(reply?.attributes).toMatchObject({ tenant: 'acme', plugins: [{ plugin: 'a', outcome: 'ok' }] })
  })

  it('writes no event or reply line that an info logger would drop, and builds none', async () => {
    const logger = capturingLogger('info')
    const debug = vi.spyOn(logger, 'debug')
    const router = createRouter({ plugins: [noop('a', ['PreSignUp_*'])], logger })
    await settle(router, createEvent('PreSignUp_SignUp'))
    expect(debug).not.toHaveBeenCalled()
    expect(logger.lines.map((line) => line.message)).toStrictEqual(['cognito trigger dispatched'])
  })

  it('hands plugins a logger bound to the plugin that scrubs the event secrets', async () => {
    const chatty = definePlugin({
      name: 'chatty',
      triggers: ['UserMigration_Authentication'],
      handler: (event, { logger }) => {
        logger.info(`migrating with ${event.request.password}`, { password: event.request.password })
      },
    })
    const { run, logger } = routerWith([chatty])
    await run(createEvent('UserMigration_Authentication'))
    expect(logger.text()).not.toContain('Legacy-Passw0rd!')
    expect(logger.lines).toContainEqual(expect.objectContaining({ attributes: expect.objectContaining({ plugin: 'chatty' }) }))
  })
})

describe('registration (cold start)', () => {
  const handler = () => undefined
  it.each([
    ['a plugins value that is not an array', { plugins: {} }, '"plugins" must be an array'],
    ['an unknown router option', { plugins: [], deadline: 100 }, 'unknown option "deadline"'],
    ['a deadline at or beyond Cognito\'s 5 s', { plugins: [], deadlineMs: 5000 }, 'deadlineMs must be an integer from 1 to 4999'],
    ['a logger without the four methods', { plugins: [], logger: { info: handler } }, '"logger" must have'],
    ['a generic message without the correlation id', { plugins: [], errorMessage: 'Oops' }, '{requestId}'],
    ['two plugins with one name', { plugins: [{ name: 'x', triggers: ['*'], handler }, { name: 'x', triggers: ['*'], handler }] }, 'plugin "x" is registered twice (plugins[0] and plugins[1])'],
    ['a misspelt trigger', { plugins: [{ name: 'x', triggers: ['PreSignup_SignUp'], handler }] }, 'plugin "x": unknown trigger "PreSignup_SignUp" (did you mean "PreSignUp_SignUp"?)'],
    ['a doc typo', { plugins: [{ name: 'x', triggers: ['VerifyAuthChallenge_Authentication'], handler }] }, 'did you mean "VerifyAuthChallengeResponse_Authentication"'],
    ['the slot name as a family', { plugins: [{ name: 'x', triggers: ['PreTokenGeneration_*'], handler }] }, 'did you mean "TokenGeneration_*"'],
    ['a plugin with no handler', { plugins: [{ name: 'x', triggers: ['*'] }] }, 'plugin "x" has no handler function'],
    ['a plugin with no name', { plugins: [{ triggers: ['*'], handler }] }, 'plugins[0] needs a non-empty string "name"'],
    ['a plugin with no triggers', { plugins: [{ name: 'x', triggers: [], handler }] }, 'plugin "x" needs a non-empty "triggers" array'],
    ['an unknown plugin option', { plugins: [{ name: 'x', triggers: ['*'], handler, failClosed: true }] }, 'plugin "x" has unknown option(s) "failClosed"'],
    ['failOpen on a trigger that decides', { plugins: [{ name: 'x', triggers: ['PreSignUp_SignUp'], handler, failOpen: true }] }, 'failOpen is only allowed on PostConfirmation and PostAuthentication'],
    ['failOpen that is not a boolean', { plugins: [{ name: 'x', triggers: ['PostConfirmation_*'], handler, failOpen: 'yes' }] }, '"failOpen" must be a boolean'],
    ['a plugin that is not an object', { plugins: ['signup-policy'] }, 'plugins[0] must be an object'],
  ])('throws a ConfigurationError for %s', (_case, options, message) => {
    expect(() => createRouter(options as unknown as RouterOptions)).toThrowError(ConfigurationError)
    expect(() => createRouter(options as unknown as RouterOptions)).toThrowError(message)
  })

  it('throws for a missing options object', () => {
    expect(() => createRouter(undefined as unknown as RouterOptions)).toThrowError(ConfigurationError)
  })

  it('accepts failOpen on PostConfirmation and PostAuthentication families', () => {
    expect(() =>
      createRouter({ plugins: [{ name: 'x', triggers: ['PostConfirmation_*', 'PostAuthentication_*'], handler, failOpen: true }] }),
    ).not.toThrow()
  })
})

describe('extending with middy', () => {
  it('returns a middy handler, so .use() adds middleware around the plugins', async () => {
    const before = vi.fn()
    const { router, run } = routerWith([noop('a', ['PreSignUp_*'])])
    router.use({ before: (request) => void before(request.event) })
    const event = createEvent('PreSignUp_SignUp')
    expect(await run(event)).toStrictEqual({ reply: event })
    expect(before).toHaveBeenCalledWith(event)
  })

  it('shows an after hook the reply Cognito gets, the whole event, not an internal patch', async () => {
    // Prepare
    const seen: unknown[] = []
    const { router, run } = routerWith([definePlugin({ name: 'confirm', triggers: ['PreSignUp_SignUp'], handler: () => ({ autoConfirmUser: true }) })])
    router.use({ after: (request) => void seen.push(structuredClone(request.response)) })
    const event = createEvent('PreSignUp_SignUp')

    // Act
    const { reply } = await run(event)

    // Assess
    const expected = { ...event, response: { ...event.response, autoConfirmUser: true } }
    expect(seen).toStrictEqual([expected])
    expect(reply).toStrictEqual(expected)
  })

  it.each([
    ['use()', (router: ReturnType<typeof createRouter>, hook: (request: { response: unknown }) => void) => router.use({ after: hook })],
    ['after()', (router: ReturnType<typeof createRouter>, hook: (request: { response: unknown }) => void) => router.after(hook)],
  ])('echoes and validates again what an after hook added with %s leaves', async (_, add) => {
    // Prepare
    const logger = capturingLogger()
    const router = createRouter({ plugins: [noop('a', ['PreSignUp_SignUp'])], logger })
    add(router, (request) => {
      const reply = request.response as { userName: string; response: Record<string, unknown> }
      reply.userName = 'someone-else'
      reply.response.autoVerifyPhone = true
    })
    const event = createEvent('PreSignUp_SignUp', { userAttributes: { email: 'a@example.com' } })

    // Act
    const { error } = await settle(router, event)

    // Assess
    expect(error?.message).toBe(GENERIC)
    expect(logger.text()).toContain('presignup.verify-phone-attribute')
  })

  it('echoes the event as it arrived, though an after hook changed the envelope of the reply', async () => {
    // Prepare
    const { router, run } = routerWith([noop('a', ['PreSignUp_SignUp'])])
    router.use({
      after: (request) => {
        const reply = request.response as { userName: string; request: { userAttributes: Record<string, string> } }
        reply.userName = 'someone-else'
        reply.request.userAttributes.email = 'someone-else@example.com'
      },
    })
    const event = createEvent('PreSignUp_SignUp')
    const sent = structuredClone(event)

    // Act
    const { reply } = await run(event)

    // Assess
    expect(reply).toStrictEqual(sent)
    expect(event).toStrictEqual(sent)
  })

  it('still fails closed when a later onError middleware tries to swallow the error', async () => {
    const { router, run } = routerWith([{ name: 'boom', triggers: ['PreSignUp_SignUp'], handler: () => { throw new Error('x') } }])
    router.use({ onError: (request) => { request.response = { allowed: true } } })
    expect((await run(createEvent('PreSignUp_SignUp'))).error?.message).toBe(GENERIC)
  })
})
