import { describe, expect, it } from 'vitest'
import {
  ConfigurationError,
  createRouter,
  createRouterFromConfig,
  definePlugin,
  TRIGGERS,
  type TriggerSource,
} from '../../src/index.js'
import { createEvent } from '../../src/testing/index.js'
import { describePluginContract } from '../../src/testing/vitest.js'
import { capturingLogger, settle } from '../../test/helpers/lambda.js'
import { DISPOSABLE_DOMAINS, SIGNUP_POLICY_CODES, SIGNUP_POLICY_MESSAGES, signupPolicy, type SignupPolicyOptions } from './index.js'
import { emailDomain, normalizeDomain } from './options.js'

type PreSignUpSource = 'PreSignUp_SignUp' | 'PreSignUp_AdminCreateUser' | 'PreSignUp_ExternalProvider'
const SOURCES: readonly PreSignUpSource[] = ['PreSignUp_SignUp', 'PreSignUp_AdminCreateUser', 'PreSignUp_ExternalProvider']
const SUB = '5d5a1e8e-1c2b-4a6f-9f0e-2b1f6f7a3c11'

const signUp = (email: string | undefined, source: PreSignUpSource = 'PreSignUp_SignUp', userName?: string) =>
  createEvent(source, {
    userAttributes: email === undefined ? { sub: SUB } : { sub: SUB, email },
    ...(userName === undefined ? {} : { overrides: { userName } }),
  })

const run = async (options: SignupPolicyOptions, event: unknown) => {
  const logger = capturingLogger()
  const router = createRouter({ plugins: [signupPolicy(options)], logger })
  return { ...(await settle(router, event)), logger }
}

/** What the router rejects with for each refusal: its code in brackets, then its message. */
const MESSAGES = Object.fromEntries(
  Object.entries(SIGNUP_POLICY_MESSAGES).map(([refusal, message]) => [refusal, `[${SIGNUP_POLICY_CODES[refusal as keyof typeof SIGNUP_POLICY_CODES]}] ${message}`]),
) as { readonly [refusal in keyof typeof SIGNUP_POLICY_MESSAGES]: string }

/**
 * What Cognito shows the user for a rejection ("Customizing user pool workflows with Lambda
 * triggers", Amazon Cognito developer guide): the slot name, the message, a period.
 */
const asCognitoShowsIt = (source: TriggerSource, error: Error | undefined) =>
  error && `${TRIGGERS[source].slot} failed with error ${error.message}.`

describe('signupPolicy: email addresses', () => {
  it.each([
    ['Jane@Example.COM', 'example.com'],
    ['jane+news@example.com', 'example.com'],
    ['jane@mail.example.com', 'mail.example.com'],
    ['jane@bücher.de', 'xn--bcher-kva.de'],
    ['jane@BÜCHER.DE', 'xn--bcher-kva.de'],
    ['jane@xn--bcher-kva.de', 'xn--bcher-kva.de'],
    ['jane@ｅｘａｍｐｌｅ.com', 'example.com'],
    ['jane@example。com', 'example.com'],
    ['jane@example.com.', 'example.com'],
    ['jane@ex\u200bample.com', 'example.com'],
  ])('reads the domain of %s as %s', (email, domain) => {
    expect(emailDomain(email)).toBe(domain)
  })

  it.each([
    ['no @', 'jane.example.com'],
    ['two @', 'jane@@example.com'],
    ['an @ in the local part', 'jane@doe@example.com'],
    ['an empty local part', '@example.com'],
    ['an empty domain', 'jane@'],
    ['a single-label domain', 'jane@localhost'],
    ['a space', 'jane doe@example.com'],
    ['a trailing space', 'jane@example.com '],
    ['an underscore in the domain', 'jane@exa_mple.com'],
    ['an address literal', 'jane@[192.0.2.1]'],
    ['a numeric top-level domain', 'jane@192.0.2.1'],
    ['a label starting with a hyphen', 'jane@-example.com'],
    ['an empty label', 'jane@example..com'],
  ])('finds no domain in an address with %s', (_case, email) => {
    expect(emailDomain(email)).toBeUndefined()
  })

  it('keeps the built-in disposable list normalized, sorted and free of duplicates', () => {
    // Assess
    expect(DISPOSABLE_DOMAINS.every((domain) => normalizeDomain(domain) === domain)).toBe(true)
    expect([...DISPOSABLE_DOMAINS].sort()).toStrictEqual([...DISPOSABLE_DOMAINS])
    expect(new Set(DISPOSABLE_DOMAINS).size).toBe(DISPOSABLE_DOMAINS.length)
    expect(DISPOSABLE_DOMAINS.length).toBeGreaterThan(300)
  })
})

describe('signupPolicy: domain rules', () => {
  const exact: SignupPolicyOptions = { allowDomains: ['example.com', 'Bücher.de'] }
  const include: SignupPolicyOptions = {
    allowDomains: ['example.com'],
    denyDomains: ['legacy.example.com'],
    subdomains: 'include',
  }

  it.each([
    ['exact', exact, 'jane@example.com', undefined],
    ['exact', exact, 'JANE@EXAMPLE.COM', undefined],
    ['exact', exact, 'jane+tag@example.com', undefined],
    ['exact', exact, 'jane@xn--bcher-kva.de', undefined],
    ['exact', exact, 'jane@BÜCHER.DE', undefined],
    ['exact', exact, 'jane@mail.example.com', MESSAGES.domainNotAllowed],
    ['exact', exact, 'jane@example.org', MESSAGES.domainNotAllowed],
    ['exact', exact, 'jane@notexample.com', MESSAGES.domainNotAllowed],
    ['exact', exact, 'jane@example.com.evil.test', MESSAGES.domainNotAllowed],
    ['exact', exact, 'jane@mailinator.com', MESSAGES.disposable],
    ['exact', exact, 'jane.example.com', MESSAGES.invalidEmail],
    ['exact', exact, 'jane@doe@example.com', MESSAGES.invalidEmail],
    ['include', include, 'jane@example.com', undefined],
    ['include', include, 'jane@mail.example.com', undefined],
    ['include', include, 'jane@a.b.example.com', undefined],
    ['include', include, 'jane@legacy.example.com', MESSAGES.domainNotAllowed],
    ['include', include, 'jane@old.legacy.example.com', MESSAGES.domainNotAllowed],
    ['include', include, 'jane@notexample.com', MESSAGES.domainNotAllowed],
    ['include', include, 'jane@example.com.evil.test', MESSAGES.domainNotAllowed],
  ])('with subdomains %s, %s signs up: %s', async (_mode, options, email, message) => {
    // Act
    const { reply, error } = await run(options, signUp(email))
    // Assess
    if (message === undefined) expect(reply).toStrictEqual(signUp(email))
    else expect(error?.message).toBe(message)
  })

  it('lets deny beat allow for the very same domain', async () => {
    // Prepare
    const options = { allowDomains: ['example.com'], denyDomains: ['EXAMPLE.com'] }
    // Act
    const { error } = await run(options, signUp('jane@example.com'))
    // Assess
    expect(error?.message).toBe(MESSAGES.domainNotAllowed)
  })

  it('lets an address without email through unless an allow list needs one', async () => {
    // Act
    const open = await run({ denyDomains: ['example.com'] }, signUp(undefined))
    const closed = await run({ allowDomains: ['example.com'] }, signUp(undefined))
    const empty = await run({ allowDomains: ['example.com'] }, signUp(''))
    // Assess
    expect(open.reply).toStrictEqual(signUp(undefined))
    expect(closed.error?.message).toBe(MESSAGES.emailRequired)
    expect(empty.error?.message).toBe(MESSAGES.emailRequired)
  })

  it('refuses a malformed address even with no lists configured', async () => {
    const { error } = await run({ disposableDomains: { enabled: false } }, signUp('jane'))
    expect(error?.message).toBe(MESSAGES.invalidEmail)
  })
})

describe('signupPolicy: disposable domains', () => {
  it.each([
    ['the built-in list', {}, 'x@mailinator.com', MESSAGES.disposable],
    ['any case', {}, 'x@MailInator.COM', MESSAGES.disposable],
    ['a subdomain of a listed domain', {}, 'x@inbox.mailinator.com', MESSAGES.disposable],
    ['a trailing dot', {}, 'x@yopmail.com.', MESSAGES.disposable],
    ['a permanent provider', {}, 'x@gmail.com', undefined],
    ['an extra domain', { disposableDomains: { extra: ['throwaway.example'] } }, 'x@throwaway.example', MESSAGES.disposable],
    ['an extra domain with the list still on', { disposableDomains: { extra: ['throwaway.example'] } }, 'x@guerrillamail.com', MESSAGES.disposable],
    ['an exempted domain', { disposableDomains: { allow: ['mailinator.com'] } }, 'x@mailinator.com', undefined],
    ['a subdomain of an exempted domain', { disposableDomains: { allow: ['mailinator.com'] } }, 'x@a.mailinator.com', undefined],
    ['the list switched off', { disposableDomains: { enabled: false } }, 'x@mailinator.com', undefined],
  ] as const)('handles %s', async (_case, options: SignupPolicyOptions, email, message) => {
    // Act
    const { reply, error } = await run(options, signUp(email))
    // Assess
    if (message === undefined) expect(reply).toStrictEqual(signUp(email))
    else expect(error?.message).toBe(message)
  })
})

describe('signupPolicy: user-facing messages', () => {
  it('gives every refusal a stable code a client can parse', () => {
    expect(SIGNUP_POLICY_CODES).toStrictEqual({
      invalidEmail: 'INVALID_EMAIL',
      emailRequired: 'EMAIL_REQUIRED',
      domainNotAllowed: 'EMAIL_DOMAIN_NOT_ALLOWED',
      disposable: 'DISPOSABLE_EMAIL',
      providerNotAllowed: 'PROVIDER_NOT_ALLOWED',
    })
  })

  it.each(SOURCES)('refuses a disposable address on %s with the message Cognito shows', async (source) => {
    // Act
    const { error } = await run({}, signUp('jane@mailinator.com', source, 'Google_1234'))
    // Assess
    expect(asCognitoShowsIt(source, error)).toBe('PreSignUp failed with error [DISPOSABLE_EMAIL] Please use a permanent email address.')
  })

  it.each([
    [{ denyDomains: ['example.com'] }, 'jane@example.com', 'PreSignUp failed with error [EMAIL_DOMAIN_NOT_ALLOWED] This email domain is not allowed to sign up.'],
    [{}, 'jane@', 'PreSignUp failed with error [INVALID_EMAIL] Please enter a valid email address.'],
    [{ allowDomains: ['example.com'] }, undefined, 'PreSignUp failed with error [EMAIL_REQUIRED] An email address is required to sign up.'],
  ] as const)('shows %j refusing %s as %s', async (options: SignupPolicyOptions, email, shown) => {
    const { error } = await run(options, signUp(email))
    expect(asCognitoShowsIt('PreSignUp_SignUp', error)).toBe(shown)
  })

  it('never puts the address or its domain in a message or a log line', async () => {
    // Prepare
    const email = 'jane.private@secret-corp.example'
    // Act
    const { error, logger } = await run({ denyDomains: ['secret-corp.example'] }, signUp(email))
    // Assess
    expect(error?.message).toBe(MESSAGES.domainNotAllowed)
    expect(logger.text()).not.toContain('secret-corp')
    expect(logger.text()).not.toContain('jane.private')
    expect(logger.lines.find((line) => line.message === 'sign-up refused')?.attributes).toMatchObject({ reason: 'deny' })
  })
})

describe('signupPolicy: trusted domains', () => {
  const trusted: SignupPolicyOptions = { trusted: { domains: ['example.com'], autoConfirm: true, autoVerifyEmail: true } }

  it.each(['PreSignUp_SignUp', 'PreSignUp_ExternalProvider'] as const)('confirms and verifies on %s', async (source) => {
    // Act
    const { reply } = await run(trusted, signUp('jane@Example.com', source, 'Google_1234'))
    // Assess
    expect(reply).toStrictEqual({
      ...signUp('jane@Example.com', source, 'Google_1234'),
      response: { autoConfirmUser: true, autoVerifyEmail: true, autoVerifyPhone: false },
    })
  })

  it('sets no flag on PreSignUp_AdminCreateUser, where Cognito ignores them', async () => {
    const { reply } = await run(trusted, signUp('jane@example.com', 'PreSignUp_AdminCreateUser'))
    expect(reply).toStrictEqual(signUp('jane@example.com', 'PreSignUp_AdminCreateUser'))
  })

  it('sets only the flags configured', async () => {
    // Act
    const { reply } = await run({ trusted: { domains: ['example.com'], autoConfirm: true } }, signUp('jane@example.com'))
    // Assess
    expect(reply).toMatchObject({ response: { autoConfirmUser: true, autoVerifyEmail: false, autoVerifyPhone: false } })
  })

  it('trusts subdomains only when subdomains is "include"', async () => {
    // Act
    const exact = await run(trusted, signUp('jane@mail.example.com'))
    const include = await run({ ...trusted, subdomains: 'include' }, signUp('jane@mail.example.com'))
    // Assess
    expect(exact.reply).toStrictEqual(signUp('jane@mail.example.com'))
    expect(include.reply).toMatchObject({ response: { autoConfirmUser: true, autoVerifyEmail: true } })
  })

  it('sets nothing for other domains', async () => {
    const { reply } = await run(trusted, signUp('jane@example.org'))
    expect(reply).toStrictEqual(signUp('jane@example.org'))
  })

  it('loses to another plugin that refuses to confirm, as restrictive decisions win', async () => {
    // Prepare
    const veto = definePlugin({ name: 'veto', triggers: ['PreSignUp_SignUp'], handler: () => ({ autoConfirmUser: false }) })
    const router = createRouter({ plugins: [signupPolicy(trusted), veto], logger: capturingLogger() })
    // Act
    const { reply } = await settle(router, signUp('jane@example.com'))
    // Assess
    expect(reply).toMatchObject({ response: { autoConfirmUser: false, autoVerifyEmail: true } })
  })
})

describe('signupPolicy: external providers', () => {
  const options: SignupPolicyOptions = { externalProviders: { allow: ['Google', 'CorpSAML'] } }

  it.each([
    ['Google_1234567890', undefined],
    ['CorpSAML_jane_doe@corp.example', undefined],
    ['google_1234567890', undefined],
    ['Facebook_10155', MESSAGES.providerNotAllowed],
    ['GoogleX_1', MESSAGES.providerNotAllowed],
    ['Google', MESSAGES.providerNotAllowed],
    ['_1234', MESSAGES.providerNotAllowed],
  ])('on PreSignUp_ExternalProvider, user name %s signs up: %s', async (userName, message) => {
    // Prepare
    const event = signUp('jane@example.com', 'PreSignUp_ExternalProvider', userName)
    // Act
    const { reply, error } = await run(options, event)
    // Assess
    if (message === undefined) expect(reply).toStrictEqual(event)
    else expect(asCognitoShowsIt('PreSignUp_ExternalProvider', error)).toBe(`PreSignUp failed with error ${message}.`)
  })

  it('refuses every federated sign-up with an empty allow list, and leaves other sources alone', async () => {
    // Act
    const federated = await run({ externalProviders: { allow: [] } }, signUp('jane@example.com', 'PreSignUp_ExternalProvider', 'Google_1'))
    const native = await run({ externalProviders: { allow: [] } }, signUp('jane@example.com', 'PreSignUp_SignUp', 'jane'))
    // Assess
    expect(federated.error?.message).toBe(MESSAGES.providerNotAllowed)
    expect(native.reply).toStrictEqual(signUp('jane@example.com', 'PreSignUp_SignUp', 'jane'))
  })
})

describe('signupPolicy: options', () => {
  it.each([
    ['options that are not an object', 'example.com', 'options must be an object, got a string'],
    ['an unknown option', { allowDomain: ['example.com'] }, 'unknown option "allowDomain" (known: allowDomains,'],
    ['a list that is not an array', { allowDomains: 'example.com' }, '"allowDomains" must be an array, got a string'],
    ['an empty allow list', { allowDomains: [] }, '"allowDomains" must list at least one entry'],
    ['a wildcard domain', { allowDomains: ['example.com', '*.example.com'] }, '"allowDomains[1]" must be a domain like "example.com"'],
    ['an address instead of a domain', { denyDomains: ['jane@example.com'] }, '"denyDomains[0]" must be a domain like "example.com"'],
    ['a non-string domain', { denyDomains: [42] }, '"denyDomains[0]" must be a domain like "example.com"'],
    ['an unknown subdomain mode', { subdomains: 'all' }, '"subdomains" must be one of "exact", "include"'],
    ['a non-boolean enabled', { disposableDomains: { enabled: 'no' } }, '"disposableDomains.enabled" must be a boolean, got a string'],
    ['an unknown disposable option', { disposableDomains: { block: [] } }, 'unknown option "disposableDomains.block"'],
    ['a bad extra domain', { disposableDomains: { extra: ['nope'] } }, '"disposableDomains.extra[0]" must be a domain'],
    ['a bad exempted domain', { disposableDomains: { allow: [''] } }, '"disposableDomains.allow[0]" must be a domain'],
    ['extra with the list off', { disposableDomains: { enabled: false, extra: ['a.example'] } }, 'have no effect when "enabled" is false'],
    ['trusted without domains', { trusted: { autoConfirm: true } }, '"trusted.domains" is required'],
    ['trusted without a flag', { trusted: { domains: ['example.com'] } }, '"trusted" does nothing unless'],
    ['a non-boolean trusted flag', { trusted: { domains: ['example.com'], autoConfirm: 'yes' } }, '"trusted.autoConfirm" must be a boolean'],
    ['a trusted domain that is denied', { denyDomains: ['example.com'], trusted: { domains: ['example.com'], autoConfirm: true } }, '"trusted.domains[0]" is refused by the policy itself (deny)'],
    ['a trusted disposable domain', { trusted: { domains: ['yopmail.com'], autoConfirm: true } }, '"trusted.domains[0]" is refused by the policy itself (disposable)'],
    ['a trusted domain outside the allow list', { allowDomains: ['example.com'], trusted: { domains: ['example.org'], autoConfirm: true } }, '(not-allowed)'],
    ['externalProviders without allow', { externalProviders: {} }, '"externalProviders.allow" is required'],
    ['a provider name with an underscore', { externalProviders: { allow: ['Google_1'] } }, '"externalProviders.allow[0]" must be a provider name like "Google"'],
    ['a provider name too long', { externalProviders: { allow: ['x'.repeat(33)] } }, '"externalProviders.allow[0]" must be a provider name'],
  ])('refuses %s at cold start, naming the option', (_case, options, message) => {
    // Act
    const create = () => signupPolicy(options as SignupPolicyOptions)
    // Assess
    expect(create).toThrowError(ConfigurationError)
    expect(create).toThrowError(message)
  })

  it('refuses disposable addresses with no options at all', async () => {
    const { error } = await run(undefined as unknown as SignupPolicyOptions, signUp('x@mailinator.com'))
    expect(error?.message).toBe(MESSAGES.disposable)
  })
})

describe('signupPolicy: JSON configuration', () => {
  const registry = { 'signup-policy': (options: unknown) => signupPolicy(options as SignupPolicyOptions) }
  const config = {
    plugins: {
      'signup-policy': {
        allowDomains: ['example.com', 'example.org'],
        subdomains: 'include',
        disposableDomains: { extra: ['throwaway.example'] },
        trusted: { domains: ['example.com'], autoConfirm: true, autoVerifyEmail: true },
        externalProviders: { allow: ['Google'] },
      },
    },
  }

  it('builds the same policy from JSON', async () => {
    // Prepare
    const router = createRouterFromConfig(JSON.parse(JSON.stringify(config)), registry, { logger: capturingLogger() })
    // Act
    const trusted = await settle(router, signUp('jane@mail.example.com'))
    const other = await settle(router, signUp('jane@example.org'))
    const refused = await settle(router, signUp('jane@example.net'))
    // Assess
    expect(trusted.reply).toMatchObject({ response: { autoConfirmUser: true, autoVerifyEmail: true } })
    expect(other.reply).toStrictEqual(signUp('jane@example.org'))
    expect(refused.error?.message).toBe(MESSAGES.domainNotAllowed)
  })

  it('enables the defaults with true', async () => {
    const router = createRouterFromConfig({ plugins: { 'signup-policy': true } }, registry, { logger: capturingLogger() })
    expect((await settle(router, signUp('x@mailinator.com'))).error?.message).toBe(MESSAGES.disposable)
  })

  it('reports a bad option with the plugin name in front', () => {
    const bad = { plugins: { 'signup-policy': { allowDomains: ['not a domain'] } } }
    expect(() => createRouterFromConfig(bad, registry)).toThrowError(
      'configuration: "plugins.signup-policy": "allowDomains[0]" must be a domain like "example.com"',
    )
  })
})

const contractEvents = (source: PreSignUpSource) =>
  ['jane@example.com', 'jane@mail.example.com', 'x@mailinator.com', 'jane@', undefined].map(
    (email) => signUp(email, source, 'Google_1234') as unknown as Record<string, unknown>,
  )

describePluginContract(
  signupPolicy({
    denyDomains: ['blocked.example'],
    subdomains: 'include',
    trusted: { domains: ['example.com'], autoConfirm: true, autoVerifyEmail: true },
    externalProviders: { allow: ['Google'] },
  }),
  { events: Object.fromEntries(SOURCES.map((source) => [source, contractEvents(source)])) },
)
