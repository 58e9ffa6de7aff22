// -- signup-policy options schema ---------------------------------------------------------------
// The shape of the JSON options, light enough for the manifest (and so for every cold start):
// options.ts compiles the domain matchers and checks the rules no schema states.

import * as v from 'valibot'
import { flag, strictOptions } from '../../src/options.js'

/** How a listed domain matches: only itself, or itself and every subdomain. */
export const SUBDOMAIN_MODES = ['exact', 'include'] as const
export type SubdomainMode = (typeof SUBDOMAIN_MODES)[number]

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/u

/** The ASCII form of a host name with at least two labels and an alphabetic top level, or undefined. */
export const normalizeDomain = (text: string): string | undefined => {
  // domainToASCII applies UTS #46: case folding, full-width dots and letters, zero-width removal.
  // Not a static import: this module is part of every cold start (through the manifest), and
  // node:url is only needed once a domain is checked.
  let ascii = process.getBuiltinModule('node:url').domainToASCII(text)
  if (ascii.endsWith('.')) ascii = ascii.slice(0, -1)
  const labels = ascii.split('.')
  const top = labels.at(-1) ?? ''
  if (ascii.length > 253 || labels.length < 2 || !labels.every((label) => LABEL.test(label))) return undefined
  return /[a-z]/u.test(top) ? ascii : undefined
}

// -- the schema ------------------------------------------------------------------------------

const DOMAIN = 'must be a domain like "example.com"'
// Cognito's ProviderNameType: up to 32 characters, no spaces; the `_` separates it from the id.
const PROVIDER = 'must be a provider name like "Google" (1 to 32 characters, no spaces or "_")'

const domain = v.pipe(v.string(DOMAIN), v.check((text) => normalizeDomain(text) !== undefined, DOMAIN))
const domainList = v.array(domain, 'must be an array')
const nonEmpty = <S extends v.GenericSchema<unknown, readonly unknown[]>>(list: S) =>
  v.pipe(list, v.check((items) => items.length > 0, 'must list at least one entry'))

/** The options of signup-policy as the JSON configuration gives them (they are all JSON). */
export const signupPolicyJsonOptions = strictOptions({
  allowDomains: v.optional(nonEmpty(domainList)),
  denyDomains: v.optional(domainList),
  subdomains: v.optional(v.picklist(SUBDOMAIN_MODES, `must be one of ${SUBDOMAIN_MODES.map((m) => `"${m}"`).join(', ')}`)),
  disposableDomains: v.optional(strictOptions({ enabled: v.optional(flag()), extra: v.optional(domainList), allow: v.optional(domainList) })),
  trusted: v.optional(strictOptions({ domains: nonEmpty(domainList), autoConfirm: v.optional(flag()), autoVerifyEmail: v.optional(flag()) })),
  externalProviders: v.optional(strictOptions({ allow: v.array(v.pipe(v.string(PROVIDER), v.regex(/^[^\s_]{1,32}$/u, PROVIDER)), 'must be an array') })),
})
