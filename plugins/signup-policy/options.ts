// -- signup-policy options and domain matching ------------------------------------------------
// Checked once at cold start, so a typo in a domain is a failed deployment rather than a sign-up
// that slips through. Domains are compared in their ASCII (punycode) form, lowercased, without a
// trailing dot: `Bücher.DE.` and `xn--bcher-kva.de` are one domain, and no spelling bypasses a rule.

import type * as v from 'valibot'
import { ConfigurationError } from '../../src/index.js'
import { parseOptions } from '../../src/options.js'
import { DISPOSABLE_DOMAINS } from './disposable-domains.js'
import { normalizeDomain } from './schema.js'
import { manifest } from './manifest.js'

export { normalizeDomain, SUBDOMAIN_MODES, type SubdomainMode } from './schema.js'

/** Why a domain is refused: a reason code for logs, mapped to a user-facing message. */
export type DomainRefusal = 'deny' | 'disposable' | 'not-allowed'

export interface TrustedPolicy {
  readonly matches: (domain: string) => boolean
  readonly autoConfirm: boolean
  readonly autoVerifyEmail: boolean
}

export interface ResolvedPolicy {
  readonly allow: ((domain: string) => boolean) | undefined
  readonly deny: ((domain: string) => boolean) | undefined
  readonly disposable: ((domain: string) => boolean) | undefined
  readonly trusted: TrustedPolicy | undefined
  readonly providers: ReadonlySet<string> | undefined
}

// -- domains -------------------------------------------------------------------------------

/** The domain of `local@domain`, or undefined for anything else (no `@`, two `@`, spaces, a bad host). */
export const emailDomain = (email: string): string | undefined => {
  const at = email.indexOf('@')
  if (at < 1 || at !== email.lastIndexOf('@') || /\s/u.test(email)) return undefined
  return normalizeDomain(email.slice(at + 1))
}

/** The domain and each parent with at least two labels: `a.b.c` → `a.b.c`, `b.c`. */
const withParents = (domain: string): string[] => {
  const labels = domain.split('.')
  return labels.slice(0, -1).map((_, index) => labels.slice(index).join('.'))
}

const matcher = (domains: ReadonlySet<string>, subdomains: boolean) =>
  subdomains ? (domain: string) => withParents(domain).some((d) => domains.has(d)) : (domain: string) => domains.has(domain)

/** Deny, then disposable, then the allow list: the first rule that refuses the domain. */
export const domainRefusal = (policy: ResolvedPolicy, domain: string): DomainRefusal | undefined => {
  if (policy.deny?.(domain)) return 'deny'
  if (policy.disposable?.(domain)) return 'disposable'
  if (policy.allow && !policy.allow(domain)) return 'not-allowed'
  return undefined
}

// -- validation ----------------------------------------------------------------------------

type Options = v.InferOutput<typeof manifest.options>

const asciiSet = (list: readonly string[]) => new Set(list.map((entry) => normalizeDomain(entry)!))
const domains = (list: readonly string[] | undefined, subdomains: boolean) => (list === undefined ? undefined : matcher(asciiSet(list), subdomains))

const disposable = (options: Options['disposableDomains'] = {}): ResolvedPolicy['disposable'] => {
  if (options.enabled === false) {
    if (options.extra !== undefined || options.allow !== undefined) {
      throw new ConfigurationError('"disposableDomains.extra" and "disposableDomains.allow" have no effect when "enabled" is false')
    }
    return undefined
  }
  const listed = matcher(new Set<string>([...DISPOSABLE_DOMAINS, ...asciiSet(options.extra ?? [])]), true)
  const exempt = domains(options.allow, true)
  return exempt ? (d) => listed(d) && !exempt(d) : listed
}

const trusted = (options: Options['trusted'], subdomains: boolean): ResolvedPolicy['trusted'] => {
  if (options === undefined) return undefined
  const { autoConfirm = false, autoVerifyEmail = false } = options
  if (!autoConfirm && !autoVerifyEmail) {
    throw new ConfigurationError('"trusted" does nothing unless "autoConfirm" or "autoVerifyEmail" is true')
  }
  return { matches: matcher(asciiSet(options.domains), subdomains), autoConfirm, autoVerifyEmail }
}

/** Validates the options (throwing a ConfigurationError that names the bad one) and compiles the matchers. */
export const resolvePolicy = (value: unknown): ResolvedPolicy => {
  const options = parseOptions(manifest.options, value ?? {})
  const include = options.subdomains === 'include'
  const policy: ResolvedPolicy = {
    allow: domains(options.allowDomains, include),
    deny: domains(options.denyDomains, include),
    disposable: disposable(options.disposableDomains),
    trusted: trusted(options.trusted, include),
    // Lower-cased: case-insensitive pools (the console default) lower-case the userName Cognito sends.
    providers: options.externalProviders && new Set(options.externalProviders.allow.map((name) => name.toLowerCase())),
  }
  // A trusted domain the same policy refuses is a contradiction: say so now, not on a sign-up.
  options.trusted?.domains.forEach((entry, index) => {
    const refusal = domainRefusal(policy, normalizeDomain(entry)!)
    if (refusal) throw new ConfigurationError(`"trusted.domains[${index}]" is refused by the policy itself (${refusal})`)
  })
  return policy
}
