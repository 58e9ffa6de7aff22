import { describe, expect, it } from 'vitest'
import { builtinManifests, builtinPlugins } from '../../../plugins/index.js'
import { TRIGGER_FAMILIES, type TriggerFamily } from '../../../src/catalogue.js'
import type { RouterConfig } from '../../../src/config.js'
import { idempotencyPlan } from '../../../src/deploy/idempotency.js'
import { completeConfig, planDeployment } from '../../../src/deploy/plan.js'
import { BUILTIN_PLUGIN_FAMILIES, isBuiltinPluginName, pluginDeployment, type PermissionNeed } from '../../../src/deploy/plugins.js'
import { ConfigurationError } from '../../../src/errors.js'

const KEY = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab'
const ALL = Object.keys(TRIGGER_FAMILIES) as TriggerFamily[]

// Options that pass each plugin's options schema, which the plan checks as the cold start does.
const WELCOME = { templates: { default: { subject: 'Hi', html: '<p>Hi</p>', text: 'Hi' } } }
const OTP = { subject: 'Your code', text: 'Code {{code}}' }
const MESSAGES = { templates: { default: { en: { smsMessage: 'Code {{code}}' } } } }

const config = (plugins: RouterConfig['plugins'], rest: Omit<RouterConfig, 'plugins'> = {}): RouterConfig => ({ plugins, ...rest })

describe('BUILTIN_PLUGIN_FAMILIES', () => {
  it('knows every plugin of the built-in registry, so none is deployed without its slots', () => {
    // Act
    const unknown = Object.keys(builtinPlugins).filter((name) => !isBuiltinPluginName(name))

    // Assess
    expect(unknown).toStrictEqual([])
  })

  it('names only real trigger families', () => {
    for (const families of Object.values(BUILTIN_PLUGIN_FAMILIES)) {
      for (const family of families) expect(Object.hasOwn(TRIGGER_FAMILIES, family)).toBe(true)
    }
  })
})

describe('planDeployment', () => {
  it.each(Object.entries(BUILTIN_PLUGIN_FAMILIES))('attaches only the slots %s handles, with its manifest\'s example options', (name, families) => {
    // Act
    const plan = planDeployment(config({ [name]: builtinManifests[name]!.example as never }))

    // Assess
    expect(plan.families).toStrictEqual(ALL.filter((family) => (families as readonly string[]).includes(family)))
    expect(plan.plugins).toStrictEqual([name])
  })

  it('attaches the union of the enabled plugins\' slots, in catalogue order', () => {
    // Act
    const plan = planDeployment(config({ 'token-claims': {}, 'signup-policy': {}, 'welcome-email': { from: 'a@example.com', ...WELCOME } }))

    // Assess
    expect(plan.families).toStrictEqual(['PreSignUp', 'PostConfirmation', 'TokenGeneration'])
    expect(plan.customSenders).toBe(false)
  })

  it('attaches nothing and needs nothing for an empty configuration', () => {
    expect(planDeployment(config({}))).toStrictEqual({ families: [], needs: [], plugins: [], customSenders: false, prerequisites: [], idempotency: undefined })
  })

  const IDEMPOTENCY_NEEDS = {
    partitionKey: 'id',
    ttlAttribute: 'expiration',
    actions: ['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
  }

  it('reports the idempotency table the configuration names and exactly four item actions on it', () => {
    expect(planDeployment(config({}, { idempotency: { tableName: 'idempotency' } })).idempotency).toStrictEqual({ tableName: 'idempotency', ...IDEMPOTENCY_NEEDS })
  })

  it.each([{}, { tableName: '' }, true])('leaves the table name to the deployment when the option %j states none', (idempotency) => {
    expect(idempotencyPlan({ idempotency: idempotency as never })).toStrictEqual({ tableName: undefined, ...IDEMPOTENCY_NEEDS })
  })

  it('rejects an idempotency option without a table name, as the cold start does', () => {
    expect(() => planDeployment(config({}, { idempotency: { windowSeconds: 60 } as never }))).toThrowError('idempotency.tableName')
  })

  it('skips plugins set to false', () => {
    expect(planDeployment(config({ 'add-to-group': false })).families).toStrictEqual([])
  })

  it('with slots "all" attaches every slot except the custom senders no plugin handles', () => {
    // Act
    const plan = planDeployment(config({}), { slots: 'all' })

    // Assess
    expect(plan.families).toStrictEqual(ALL.filter((family) => family !== 'CustomEmailSender' && family !== 'CustomSMSSender'))
    expect(plan.customSenders).toBe(false)
  })

  it('with slots "all" and an email-only custom sender attaches the email sender slot but not the SMS one', () => {
    // Act
    const plan = planDeployment(config({ 'custom-sender': { kmsKeyArn: KEY, email: { from: 'a@example.com' } } }), { slots: 'all' })

    // Assess
    expect(plan.families).toContain('CustomEmailSender')
    expect(plan.families).not.toContain('CustomSMSSender')
    expect(plan.families).toHaveLength(12)
    expect(plan.customSenders).toBe(true)
  })

  it('accepts the metrics option, which needs nothing from the deployment', () => {
    expect(planDeployment(config({}, { metrics: { namespace: 'Auth' } })).needs).toStrictEqual([])
  })

  it('refuses an unknown slot selection', () => {
    // @ts-expect-error -- a JavaScript caller
    expect(() => planDeployment(config({}), { slots: 'some' })).toThrowError('slots must be "enabled" or "all", got some')
  })

  it.each([
    ['an unknown plugin', config({ 'sigup-policy': {} }), 'unknown plugin "plugins.sigup-policy"; built-in plugins: add-to-group'],
    ['plugin options that are not an object', config({ 'token-claims': 'yes' as never }), '"plugins.token-claims" must be an options object'],
    ['a deadline Cognito would not wait for', config({}, { deadlineMs: 6000 }), 'deadlineMs must be an integer from 1 to 4999'],
    ['an unknown top-level key', { plugins: {}, timeout: 3 } as RouterConfig, 'unknown key "timeout"'],
    ['a configuration that is not an object', null as unknown as RouterConfig, 'configuration must be a JSON object'],
    ['metrics with a per-user dimension', config({}, { metrics: { dimensions: { sub: 'x' } } }), '"metrics.dimensions.sub"'],
  ])('fails at synth, like the Lambda at cold start, for %s', (_case, given, message) => {
    expect(() => planDeployment(given)).toThrowError(ConfigurationError)
    expect(() => planDeployment(given)).toThrowError(message)
  })
})

describe('permission needs', () => {
  const needsOf = (plugins: RouterConfig['plugins']): readonly PermissionNeed[] => planDeployment(config(plugins)).needs

  it.each([
    ['add-to-group', { groups: ['users'] }, [{ kind: 'add-user-to-group', plugin: 'add-to-group' }]],
    [
      'welcome-email',
      { from: 'Example <Hello@Example.COM>', ...WELCOME },
      [{ kind: 'send-email', plugin: 'welcome-email', identities: ['Hello@Example.COM', 'example.com'] }],
    ],
    [
      'welcome-email',
      { from: 'hello@example.com', configurationSetName: 'transactional', ...WELCOME },
      [{ kind: 'send-email', plugin: 'welcome-email', identities: ['hello@example.com', 'example.com'], configurationSet: 'transactional' }],
    ],
    ['email-otp', { from: 'otp@mail.example.com', ...OTP }, [{ kind: 'send-email', plugin: 'email-otp', identities: ['otp@mail.example.com', 'mail.example.com'] }]],
    ['sign-in-audit', {}, []],
    ['sign-in-audit', { eventBridge: false }, []],
    ['sign-in-audit', { eventBridge: true }, [{ kind: 'put-events', plugin: 'sign-in-audit', eventBus: 'default' }]],
    ['sign-in-audit', { eventBridge: { source: 'app' } }, [{ kind: 'put-events', plugin: 'sign-in-audit', eventBus: 'default' }]],
    ['sign-in-audit', { eventBridge: { busName: 'audit' } }, [{ kind: 'put-events', plugin: 'sign-in-audit', eventBus: 'audit' }]],
    [
      'custom-sender',
      { kmsKeyArn: KEY, email: { from: 'codes@example.com' } },
      [
        { kind: 'decrypt-codes', plugin: 'custom-sender' },
        { kind: 'send-email', plugin: 'custom-sender', identities: ['codes@example.com', 'example.com'] },
      ],
    ],
    [
      'custom-sender',
      { kmsKeyArn: KEY, sms: { senderId: 'Example' } },
      [
        { kind: 'decrypt-codes', plugin: 'custom-sender' },
        { kind: 'publish-sms', plugin: 'custom-sender' },
      ],
    ],
    ['token-claims', {}, []],
    ['signup-policy', {}, []],
    ['user-migration', {}, []],
    ['custom-messages', MESSAGES, []],
    ['federation-attributes', {}, []],
  ])('%s with %j needs %j', (name, options, needs) => {
    expect(needsOf({ [name]: options as never })).toStrictEqual(needs)
  })

  it('collects the needs of every enabled plugin', () => {
    // Act
    const needs = needsOf({ 'add-to-group': { groups: ['a'] }, 'sign-in-audit': { eventBridge: true } })

    // Assess
    expect(needs.map((need) => need.kind)).toStrictEqual(['add-user-to-group', 'put-events'])
  })

  it.each([
    ['welcome-email', { ...WELCOME }, '"plugins.welcome-email.from" is required'],
    ['welcome-email', { from: 'not-an-address', ...WELCOME }, '"plugins.welcome-email.from" must be an email address like "hello@example.com"'],
    ['email-otp', { from: 'otp@localhost', ...OTP }, '"plugins.email-otp.from" must be a sender address'],
    ['welcome-email', { from: 'a@example.com', configurationSetName: '', ...WELCOME }, '"plugins.welcome-email.configurationSetName" must be an SES configuration set name'],
    ['custom-sender', { kmsKeyArn: KEY }, '"plugins.custom-sender" must enable "email", "sms" or both'],
    ['custom-sender', { kmsKeyArn: KEY, sms: true }, '"plugins.custom-sender.sms" must be an object, got a boolean'],
    ['custom-sender', { kmsKeyArn: KEY, email: {} }, '"plugins.custom-sender.email.from" must be a sender address'],
    ['sign-in-audit', { eventBridge: 'default' }, '"plugins.sign-in-audit.eventBridge" must be true or an object with "busName", "source" and "detailType"'],
    ['sign-in-audit', { eventBridge: { busName: 7 } }, '"plugins.sign-in-audit.eventBridge.busName" must be an event bus name or ARN, got a number'],
    ['signup-policy', { denyDomains: ['example.com', 'not a domain'] }, '"plugins.signup-policy.denyDomains[1]" must be a domain like "example.com"'],
    ['add-to-group', { groups: ['users'], group: 'staff' }, 'unknown option "plugins.add-to-group.group" (known: groups, rules, failOpen)'],
  ])('fails at synth when %s options %j are wrong or leave a permission undecidable, naming the option', (name, options, message) => {
    expect(() => needsOf({ [name]: options as never })).toThrowError(ConfigurationError)
    expect(() => needsOf({ [name]: options as never })).toThrowError(`configuration: ${message}`)
  })

  it('reads options directly too, for callers that plan one plugin', () => {
    expect(pluginDeployment('add-to-group', {})).toStrictEqual({
      families: ['PostConfirmation'],
      needs: [{ kind: 'add-user-to-group', plugin: 'add-to-group' }],
      prerequisites: [],
    })
  })
})

describe('planDeployment of per-pool and per-client overrides', () => {
  it('attaches and grants the union of every variant\'s plugins, each once', () => {
    // Act
    const plan = planDeployment({
      plugins: { 'signup-policy': true },
      pools: { 'eu-west-1_Abc': { plugins: { 'add-to-group': { groups: ['a'] } }, clients: { web: { plugins: { 'add-to-group': { groups: ['a'] } } } } } },
      clients: { mobile: { plugins: { 'signup-policy': false, 'sign-in-audit': { eventBridge: true } } } },
    })

    // Assess
    expect(plan.families).toStrictEqual(['PreSignUp', 'PostConfirmation', 'PostAuthentication'])
    expect(plan.plugins).toStrictEqual(['signup-policy', 'add-to-group', 'sign-in-audit'])
    expect(plan.needs.map((need) => need.kind)).toStrictEqual(['add-user-to-group', 'put-events'])
  })

  it('names the override of a plugin whose options fail its manifest', () => {
    // Act & Assess
    expect(() => planDeployment({ plugins: {}, clients: { web: { plugins: { 'welcome-email': { ...WELCOME } } } } })).toThrow(
      'configuration: "clients.web.plugins.welcome-email.from" is required',
    )
  })

  it('fills the deployment\'s values into every override', () => {
    // Act
    const completed = completeConfig({ plugins: {}, pools: { 'eu-west-1_Abc': { plugins: { 'token-claims': true } } } }, { tokenVersion: 'V2_0' })

    // Assess
    expect(completed.pools).toStrictEqual({ 'eu-west-1_Abc': { plugins: { 'token-claims': { version: 'V2_0' } } } })
  })

  it('names the override whose value disagrees with the deployment', () => {
    // Act & Assess
    expect(() => completeConfig({ plugins: {}, clients: { web: { plugins: { 'token-claims': { version: 'V1_0' } } } } }, { tokenVersion: 'V2_0' })).toThrow(
      '"clients.web.plugins.token-claims.version" is "V1_0"',
    )
  })
})

describe('completeConfig', () => {
  it('writes the pool token version into token-claims, so it checks claims against the right event shape', () => {
    // Act
    const completed = completeConfig(config({ 'token-claims': { staticClaims: { tier: 'gold' } } }), { tokenVersion: 'V3_0' })

    // Assess
    expect(completed.plugins).toStrictEqual({ 'token-claims': { staticClaims: { tier: 'gold' }, version: 'V3_0' } })
  })

  it('writes the deployment\'s key into custom-sender when the configuration leaves it out', () => {
    // Act
    const completed = completeConfig(config({ 'custom-sender': { email: { from: 'a@example.com' } } }), { tokenVersion: 'V2_0', kmsKeyArn: KEY })

    // Assess
    expect(completed.plugins['custom-sender']).toStrictEqual({ email: { from: 'a@example.com' }, kmsKeyArn: KEY })
  })

  it('turns `true` into an options object', () => {
    expect(completeConfig(config({ 'token-claims': true }), { tokenVersion: 'V1_0' }).plugins).toStrictEqual({ 'token-claims': { version: 'V1_0' } })
  })

  it('keeps everything else, and leaves disabled or absent plugins alone', () => {
    // Prepare
    const given = config({ 'token-claims': false, 'add-to-group': { groups: ['a'] } }, { deadlineMs: 2000 })

    // Act
    const completed = completeConfig(given, { tokenVersion: 'V2_0', kmsKeyArn: KEY })

    // Assess
    expect(completed).toStrictEqual(given)
    expect(completed).not.toBe(given)
  })

  it('accepts a configuration that already agrees with the deployment', () => {
    // Prepare
    const given = config({ 'token-claims': { version: 'V2_0' }, 'custom-sender': { kmsKeyArn: KEY, sms: {} } })

    // Act
    const completed = completeConfig(given, { tokenVersion: 'V2_0', kmsKeyArn: KEY })

    // Assess
    expect(completed).toStrictEqual(given)
  })

  it.each([
    [{ 'token-claims': { version: 'V1_0' } }, { tokenVersion: 'V2_0' as const }, '"plugins.token-claims.version" is "V1_0" but the deployment uses "V2_0"'],
    [
      { 'custom-sender': { kmsKeyArn: KEY, sms: {} } },
      { tokenVersion: 'V2_0' as const, kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/other' },
      '"plugins.custom-sender.kmsKeyArn" is',
    ],
  ])('refuses a configuration that contradicts the deployment (%j)', (plugins, values, message) => {
    expect(() => completeConfig(config(plugins), values)).toThrowError(ConfigurationError)
    expect(() => completeConfig(config(plugins), values)).toThrowError(message)
  })
})
