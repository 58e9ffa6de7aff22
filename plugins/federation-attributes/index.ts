// -- federation-attributes ---------------------------------------------------------------------
// Maps and trims what OIDC, SAML and social providers send before Cognito stores it (AWS docs: "Inbound federation Lambda trigger"):
// renames claims, joins list values, drops what is not wanted, and keeps every value within
// Cognito's 2,048-character attribute limit, which otherwise fails the federated sign-in.

import { definePlugin, type Plugin } from '../../src/index.js'
import { resolveOptions, type FederationAttributesOptions } from './options.js'
import type { ResolvedRule } from './rules.js'
import { transform } from './transform.js'

export { OVERSIZED_ACTIONS, type FederationAttributesOptions, type OversizedAction } from './options.js'
export { manifest as federationAttributesManifest } from './manifest.js'
export {
  PROVIDER_TYPES,
  SOURCE_SECTIONS,
  SPLIT_MODES,
  type FederationJoin,
  type FederationRename,
  type FederationRule,
  type ProviderType,
  type SourceSection,
  type SplitMode,
} from './rules.js'
export { OversizedAttributeError } from './transform.js'

/** Every attribute was removed, and Cognito reads an empty map as "keep the provider's attributes" (AWS docs: "Inbound federation Lambda trigger"). */
export class EmptyAttributeSetError extends Error {
  constructor() {
    super('the rules removed every attribute, but an empty userAttributesToMap keeps all of them; the sign-in is refused instead')
    this.name = 'EmptyAttributeSetError'
  }
}

const applies = (rule: ResolvedRule, name: unknown, type: unknown): boolean =>
  (rule.names === undefined || (typeof name === 'string' && rule.names.has(name))) &&
  (rule.types === undefined || (typeof type === 'string' && rule.types.has(type)))

/**
 * Rewrites `userAttributesToMap` on `InboundFederation_ExternalProvider`. The reply keeps every
 * provider attribute no rule touches, because a non-empty map replaces the provider's set: the
 * SAML assertion's attributes, or the ID token's claims merged with userInfo (`precedence`
 * decides a clash). Rules match by `providerName` and/or `providerType`; each renames (picking
 * the first claim found among several sources), joins list values, drops attributes and lowers
 * length limits. Every value is a string of at most `maxLength` characters (2,048 by default):
 * longer ones are truncated (lists between items), dropped or refused (`oversized`). When
 * nothing changes, the event is echoed and Cognito keeps the provider's attributes.
 *
 * @example
 * ```ts
 * import { createRouter } from 'cognito-trigger-router'
 * import { federationAttributes } from 'cognito-trigger-router/plugins'
 *
 * export const handler = createRouter({
 *   plugins: [
 *     federationAttributes({
 *       rules: [
 *         {
 *           providerType: 'SAML',
 *           rename: [{ from: 'samlResponse.http://schemas.microsoft.com/ws/2008/06/identity/claims/groups', to: 'custom:groups' }],
 *           join: ['custom:groups'],
 *           truncate: { 'custom:groups': 1024 },
 *         },
 *         { providerName: 'Google', drop: ['picture'] },
 *       ],
 *     }),
 *   ],
 * })
 * ```
 */
export const federationAttributes = (
  options: FederationAttributesOptions = {},
): Plugin<readonly ['InboundFederation_ExternalProvider']> => {
  const resolved = resolveOptions(options)

  return definePlugin({
    name: 'federation-attributes',
    triggers: ['InboundFederation_ExternalProvider'],
    handler: (event, { logger }) => {
      const { providerName, providerType, attributes } = event.request
      const rules = resolved.rules.filter((rule) => applies(rule, providerName, providerType))
      const earlier = (event.response as { userAttributesToMap?: unknown } | null | undefined)?.userAttributesToMap
      const result = transform(attributes, earlier, rules, resolved)
      // Names and counts only: values are the user's data, and tokenResponse holds credentials.
      const summary = { providerName, providerType, rules: rules.length }
      if (result.unsafeKeys > 0) logger.warn('skipped provider attribute names that could reach a prototype', { ...summary, count: result.unsafeKeys })
      if (!result.changed) {
        logger.debug('no attribute changed; the provider attributes stay as they are', summary)
        return
      }
      if (result.attributes.size === 0) throw new EmptyAttributeSetError()
      const { renamed, joined, dropped, truncated } = result
      logger.info('federated attributes mapped', { ...summary, renamed, joined, dropped, truncated })
      // Object.fromEntries defines own properties, so no key can reach the prototype.
      return { userAttributesToMap: Object.fromEntries(result.attributes) }
    },
  })
}
