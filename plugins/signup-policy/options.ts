// -- signup-policy options and domain matching ------------------------------------------------
// Checked once at cold start, so a typo in a domain is a failed deployment rather than a sign-up
// that slips through. Domains are compared in their ASCII (punycode) form, lowercased, without a
// trailing dot: `Bücher.DE.` and `xn--bcher-kva.de` are one domain, and no spelling bypasses a rule.

import { domainToASCII } from 'node:url'
import { ConfigurationError } from '../../src/index.js'
import { DISPOSABLE_DOMAINS } from './disposable-domains.js'
import type { SignupPolicyOptions } from './index.js'

/** How a listed domain matches: only itself, or itself and every subdomain. */
export const SUBDOMAIN_MODES = ['exact', 'include'] as const
export type SubdomainMode = (typeof SUBDOMAIN_MODES)[number]

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

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/u

/** The ASCII form of a host name with at least two labels and an alphabetic top level, or undefined. */
export const normalizeDomain = (text: string): string | undefined => {
  // domainToASCII applies UTS #46: case folding, full-width dots and letters, zero-width removal.
  let ascii = domainToASCII(text)
  if (ascii.endsWith('.')) ascii = ascii.slice(0, -1)
  const labels = ascii.split('.')
  const top = labels.at(-1) ?? ''
  if (ascii.length > 253 || labels.length < 2 || !labels.every((label) => LABEL.test(label))) return undefined
  return /[a-z]/u.test(top) ? ascii : undefined
}

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

const kind = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`)

const objectAt = (value: unknown, where: string, known: readonly string[]): Record<string, unknown> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const label = where === '' ? 'the options' : `"${where}"`
    throw new ConfigurationError(`${label} must be an object, got ${kind(value)}`)
  }
  const unknown = Object.keys(value).find((key) => !known.includes(key))
  if (unknown !== undefined) {
    const path = where === '' ? unknown : `${where}.${unknown}`
    throw new ConfigurationError(`unknown option "${path}" (known: ${known.join(', ')})`)
  }
  return value as Record<string, unknown>
}

const flag = (value: unknown, where: string, fallback: boolean): boolean => {
  if (value === undefined) return fallback
  if (typeof value !== 'boolean') throw new ConfigurationError(`"${where}" must be a boolean, got ${kind(value)}`)
  return value
}

const listOf = (value: unknown, where: string, item: (entry: unknown, at: string) => string, nonEmpty: boolean): Set<string> => {
  if (!Array.isArray(value)) throw new ConfigurationError(`"${where}" must be an array, got ${kind(value)}`)
  if (nonEmpty && value.length === 0) throw new ConfigurationError(`"${where}" must list at least one entry`)
  return new Set(value.map((entry: unknown, index) => item(entry, `${where}[${index}]`)))
}

const domain = (entry: unknown, at: string): string => {
  const ascii = typeof entry === 'string' ? normalizeDomain(entry) : undefined
  if (ascii === undefined) throw new ConfigurationError(`"${at}" must be a domain like "example.com"`)
  return ascii
}

// Cognito's ProviderNameType: up to 32 characters, no spaces; the `_` separates it from the id.
const provider = (entry: unknown, at: string): string => {
  if (typeof entry !== 'string' || !/^[^\s_]{1,32}$/u.test(entry)) {
    throw new ConfigurationError(`"${at}" must be a provider name like "Google" (1 to 32 characters, no spaces or "_")`)
  }
  return entry
}

const domains = (value: unknown, where: string, subdomains: boolean, nonEmpty: boolean) =>
  value === undefined ? undefined : matcher(listOf(value, where, domain, nonEmpty), subdomains)

const disposable = (value: unknown): ResolvedPolicy['disposable'] => {
  const options = objectAt(value ?? {}, 'disposableDomains', ['enabled', 'extra', 'allow'])
  if (!flag(options.enabled, 'disposableDomains.enabled', true)) {
    if (options.extra !== undefined || options.allow !== undefined) {
      throw new ConfigurationError('"disposableDomains.extra" and "disposableDomains.allow" have no effect when "enabled" is false')
    }
    return undefined
  }
  const extra = options.extra === undefined ? [] : listOf(options.extra, 'disposableDomains.extra', domain, false)
  const listed = matcher(new Set<string>([...DISPOSABLE_DOMAINS, ...extra]), true)
  const exempt = domains(options.allow, 'disposableDomains.allow', true, false)
  return exempt ? (d) => listed(d) && !exempt(d) : listed
}

const trusted = (value: unknown, subdomains: boolean): ResolvedPolicy['trusted'] => {
  if (value === undefined) return undefined
  const options = objectAt(value, 'trusted', ['domains', 'autoConfirm', 'autoVerifyEmail'])
  if (options.domains === undefined) throw new ConfigurationError('"trusted.domains" is required')
  const autoConfirm = flag(options.autoConfirm, 'trusted.autoConfirm', false)
  const autoVerifyEmail = flag(options.autoVerifyEmail, 'trusted.autoVerifyEmail', false)
  if (!autoConfirm && !autoVerifyEmail) {
    throw new ConfigurationError('"trusted" does nothing unless "autoConfirm" or "autoVerifyEmail" is true')
  }
  return { matches: matcher(listOf(options.domains, 'trusted.domains', domain, true), subdomains), autoConfirm, autoVerifyEmail }
}

const providers = (value: unknown): ReadonlySet<string> | undefined => {
  if (value === undefined) return undefined
  const options = objectAt(value, 'externalProviders', ['allow'])
  if (options.allow === undefined) throw new ConfigurationError('"externalProviders.allow" is required')
  // Lower-cased: case-insensitive pools (the console default) lower-case the userName Cognito sends.
  return new Set([...listOf(options.allow, 'externalProviders.allow', provider, false)].map((name) => name.toLowerCase()))
}

const OPTION_KEYS: readonly (keyof SignupPolicyOptions)[] = [
  'allowDomains',
  'denyDomains',
  'subdomains',
  'disposableDomains',
  'trusted',
  'externalProviders',
]

/** Validates the options (throwing a ConfigurationError that names the bad one) and compiles the matchers. */
export const resolvePolicy = (value: unknown): ResolvedPolicy => {
  const options = objectAt(value ?? {}, '', OPTION_KEYS)
  const mode = options.subdomains ?? 'exact'
  if (!SUBDOMAIN_MODES.includes(mode as SubdomainMode)) {
    throw new ConfigurationError(`"subdomains" must be one of ${SUBDOMAIN_MODES.map((m) => `"${m}"`).join(', ')}`)
  }
  const include = mode === 'include'
  const policy: ResolvedPolicy = {
    allow: domains(options.allowDomains, 'allowDomains', include, true),
    deny: domains(options.denyDomains, 'denyDomains', include, false),
    disposable: disposable(options.disposableDomains),
    trusted: trusted(options.trusted, include),
    providers: providers(options.externalProviders),
  }
  // A trusted domain the same policy refuses is a contradiction: say so now, not on a sign-up.
  const listed = (options.trusted as { domains?: unknown[] } | undefined)?.domains ?? []
  listed.forEach((entry, index) => {
    const refusal = domainRefusal(policy, domain(entry, `trusted.domains[${index}]`))
    if (refusal) throw new ConfigurationError(`"trusted.domains[${index}]" is refused by the policy itself (${refusal})`)
  })
  return policy
}
