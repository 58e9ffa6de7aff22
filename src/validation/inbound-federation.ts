// -- InboundFederation ---------------------------------------------------------------
// "Inbound federation Lambda trigger" (Amazon Cognito developer guide): a non-empty map replaces the provider's attributes; values are user attribute
// values, so they are strings of at most 2,048 characters ("Working with user attributes").

import { stringMap } from './checks.js'
import type { FamilyRules } from './common.js'

export const inboundFederationRules: FamilyRules = {
  keys: {
    userAttributesToMap: stringMap('inboundfederation.user-attributes', false, {
      max: 2048,
      rule: 'inboundfederation.attribute-length',
    }),
  },
}
