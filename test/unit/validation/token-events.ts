// Pre token generation events for the validation tests: V1, V2 and machine-to-machine.

import type { JsonObject } from '../../../src/response.js'
import { CLIENT_ID, eventFor } from './fixtures.js'

const groupConfiguration = { groupsToOverride: ['admins'], iamRolesToOverride: [], preferredRole: null }

export const v1 = (source = 'TokenGeneration_HostedAuth') =>
  eventFor(source, {
    version: '1',
    request: { userAttributes: { sub: 'u-1' }, groupConfiguration },
    response: { claimsOverrideDetails: null },
  })

export const v2 = (source = 'TokenGeneration_Authentication', version = '2', clientId: unknown = CLIENT_ID) =>
  eventFor(source, {
    version,
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId },
    request: { userAttributes: { sub: 'u-1' }, scopes: ['openid', 'email'], groupConfiguration },
    response: { claimsAndScopeOverrideDetails: null },
  })

export const machine = () =>
  eventFor('TokenGeneration_ClientCredentials', {
    version: '3',
    request: { scopes: ['orders/read'] },
    response: { claimsAndScopeOverrideDetails: null },
  })

/** A V2/V3 reply with the given `claimsAndScopeOverrideDetails`. */
export const v2Reply = (details: JsonObject) => ({ claimsAndScopeOverrideDetails: details })

export const idClaims = (claims: JsonObject) => v2Reply({ idTokenGeneration: { claimsToAddOrOverride: claims } })
export const accessClaims = (claims: JsonObject) => v2Reply({ accessTokenGeneration: { claimsToAddOrOverride: claims } })
export const v1Claims = (claims: JsonObject) => ({ claimsOverrideDetails: { claimsToAddOrOverride: claims } })
export const idSuppress = (names: unknown[]) => v2Reply({ idTokenGeneration: { claimsToSuppress: names } })
export const accessSuppress = (names: unknown[]) => v2Reply({ accessTokenGeneration: { claimsToSuppress: names } })
export const scopesToAdd = (scopes: unknown) => v2Reply({ accessTokenGeneration: { scopesToAdd: scopes } })
export const groups = (details: JsonObject) => v2Reply({ groupOverrideDetails: details })
