// -- signup-policy -----------------------------------------------------------------------------
// Who may create an account (AWS docs: "Pre sign-up Lambda trigger"): email domain allow and deny lists, a disposable-domain
// blocklist, trusted domains that skip the confirmation code, and which federated providers may
// create users on first sign-in. Refusals are UserFacingErrors that never repeat the address.

import { definePlugin, UserFacingError, type Plugin } from '../../src/index.js'
import { domainRefusal, emailDomain, resolvePolicy, type DomainRefusal, type SubdomainMode } from './options.js'

export { DISPOSABLE_DOMAINS, type DisposableDomain } from './disposable-domains.js'
export { SUBDOMAIN_MODES, type SubdomainMode } from './options.js'
export { manifest as signupPolicyManifest } from './manifest.js'

/** The built-in disposable-domain list, switched off, extended or with exemptions. */
export interface DisposableDomainsOptions {
  /** Refuse addresses at the built-in disposable domains. Default true. */
  enabled?: boolean
  /** More domains to refuse as disposable (their subdomains too). */
  extra?: readonly string[]
  /** Domains (and their subdomains) never refused as disposable, even when listed. */
  allow?: readonly string[]
}

/** Domains whose addresses are confirmed and/or verified without a code. */
export interface TrustedDomainsOptions {
  domains: readonly string[]
  /** Set `autoConfirmUser` (PreSignUp_SignUp and PreSignUp_ExternalProvider only). */
  autoConfirm?: boolean
  /** Set `autoVerifyEmail` (same sources). Read the security note in the README first. */
  autoVerifyEmail?: boolean
}

/** Which federated providers may create users on their first sign-in. */
export interface ExternalProvidersOptions {
  /** Provider names as they prefix `event.userName` (`Google` in `Google_1234`), compared ignoring case; `[]` allows none. */
  allow: readonly string[]
}

/** Options of {@link signupPolicy}. Every option is optional; `{}` refuses disposable and malformed addresses. */
export interface SignupPolicyOptions {
  /** Only addresses at these domains may sign up; a sign-up without an email is then refused. */
  allowDomains?: readonly string[]
  /** Addresses at these domains are refused. Deny beats allow. */
  denyDomains?: readonly string[]
  /** Whether `allowDomains`, `denyDomains` and `trusted.domains` match subdomains. Default `'exact'`. */
  subdomains?: SubdomainMode
  disposableDomains?: DisposableDomainsOptions
  trusted?: TrustedDomainsOptions
  externalProviders?: ExternalProvidersOptions
}

/**
 * The messages a refused user sees, after their code (see {@link SIGNUP_POLICY_CODES}), as
 * `PreSignUp failed with error [<CODE>] <message>.` They are fit for a sign-up screen and never
 * contain the address, the domain or the provider.
 */
export const SIGNUP_POLICY_MESSAGES = {
  invalidEmail: 'Please enter a valid email address',
  emailRequired: 'An email address is required to sign up',
  domainNotAllowed: 'This email domain is not allowed to sign up',
  disposable: 'Please use a permanent email address',
  providerNotAllowed: 'Sign-up with this provider is not allowed',
} as const

/**
 * The stable code of each refusal, which `parseTriggerError` (`cognito-trigger-router/client`)
 * returns as `code`: translate or branch on it rather than on the message.
 */
export const SIGNUP_POLICY_CODES = {
  invalidEmail: 'INVALID_EMAIL',
  emailRequired: 'EMAIL_REQUIRED',
  domainNotAllowed: 'EMAIL_DOMAIN_NOT_ALLOWED',
  disposable: 'DISPOSABLE_EMAIL',
  providerNotAllowed: 'PROVIDER_NOT_ALLOWED',
} as const satisfies Record<keyof typeof SIGNUP_POLICY_MESSAGES, string>

type Refusal = keyof typeof SIGNUP_POLICY_MESSAGES

const REFUSALS: Record<DomainRefusal, Refusal> = {
  deny: 'domainNotAllowed',
  'not-allowed': 'domainNotAllowed',
  disposable: 'disposable',
}

// Cognito ignores the flags for PreSignUp_AdminCreateUser (AWS docs: "Pre sign-up Lambda trigger"), so they are never set there.
const FLAG_SOURCES: ReadonlySet<string> = new Set(['PreSignUp_SignUp', 'PreSignUp_ExternalProvider'])

/**
 * Enforces a sign-up policy on every PreSignUp source. Checks run in this order, and the first
 * refusal wins: the federated provider (`PreSignUp_ExternalProvider` only), a malformed address,
 * `denyDomains`, the disposable list, `allowDomains`. An address at a `trusted` domain then gets
 * `autoConfirmUser` / `autoVerifyEmail` on `PreSignUp_SignUp` and `PreSignUp_ExternalProvider`.
 * Options are validated here, at cold start; a mistake throws a ConfigurationError naming it.
 *
 * @example
 * ```ts
 * import { createRouter } from 'cognito-trigger-router'
 * import { signupPolicy } from 'cognito-trigger-router/plugins'
 *
 * export const handler = createRouter({
 *   plugins: [
 *     signupPolicy({
 *       denyDomains: ['competitor.example'],
 *       subdomains: 'include',
 *       disposableDomains: { extra: ['throwaway.example'] },
 *       trusted: { domains: ['example.com'], autoConfirm: true },
 *       externalProviders: { allow: ['Google', 'CorpSAML'] },
 *     }),
 *   ],
 * })
 * // A sign-up at mailinator.com fails with "PreSignUp failed with error [DISPOSABLE_EMAIL] Please use a permanent email address."
 * ```
 */
export const signupPolicy = (options: SignupPolicyOptions = {}): Plugin<readonly ['PreSignUp_*']> => {
  const policy = resolvePolicy(options)

  return definePlugin({
    name: 'signup-policy',
    triggers: ['PreSignUp_*'],
    handler: (event, { logger }) => {
      // Reason codes only: the address, its domain and the user name are personal data.
      const refuse = (reason: string, refusal: Refusal): never => {
        logger.info('sign-up refused', { reason })
        throw new UserFacingError(SIGNUP_POLICY_MESSAGES[refusal], { code: SIGNUP_POLICY_CODES[refusal] })
      }
      if (policy.providers && event.triggerSource === 'PreSignUp_ExternalProvider') {
        const userName: unknown = event.userName
        const separator = typeof userName === 'string' ? userName.indexOf('_') : -1
        const provider = separator > 0 ? (userName as string).slice(0, separator) : undefined
        if (provider === undefined || !policy.providers.has(provider.toLowerCase())) {
          refuse('provider-not-allowed', 'providerNotAllowed')
        }
      }
      const email: unknown = event.request.userAttributes?.email
      if (typeof email !== 'string' || email === '') {
        // An allow list cannot be satisfied without an address, so it fails closed.
        if (policy.allow) refuse('email-required', 'emailRequired')
        return
      }
      const domain = emailDomain(email) ?? refuse('invalid-email', 'invalidEmail')
      const refusal = domainRefusal(policy, domain)
      if (refusal) refuse(refusal, REFUSALS[refusal])
      const { trusted } = policy
      if (!trusted || !FLAG_SOURCES.has(event.triggerSource) || !trusted.matches(domain)) return
      logger.info('trusted email domain', { autoConfirmUser: trusted.autoConfirm, autoVerifyEmail: trusted.autoVerifyEmail })
      return {
        ...(trusted.autoConfirm ? { autoConfirmUser: true } : {}),
        ...(trusted.autoVerifyEmail ? { autoVerifyEmail: true } : {}),
      }
    },
  })
}
