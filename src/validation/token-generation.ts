// -- pre token generation ------------------------------------------------------------
// "Pre token generation Lambda trigger" (Amazon Cognito developer guide): the reply container must match the event version, and only the sections
// Cognito reads may be set. What Cognito does with the wrong container is UNCONFIRMED
// (assumed ignored), so it is an error here; claim rules live in token-changes.ts.

import { listOf, struct, typed } from './checks.js'
import { fail, getOwn, type Check, type FamilyRules, type ReplyContext } from './common.js'
import { claims, scopes, suppressed, TYPE } from './token-changes.js'

const SHAPE = { type: TYPE, unknown: 'tokengeneration.unknown-key' }

/** V2/V3 events carry `request.scopes`; `version` is a second sign; M2M exists only under V3_0. */
const expectsV2Container = ({ event, source }: ReplyContext): boolean => {
  const version = getOwn(event, 'version')
  return (
    source === 'TokenGeneration_ClientCredentials' ||
    Array.isArray(getOwn(getOwn(event, 'request'), 'scopes')) ||
    version === '2' ||
    version === '3'
  )
}

const names = listOf(typed('string', TYPE), TYPE)

const groupShape = struct(
  { groupsToOverride: names, iamRolesToOverride: names, preferredRole: typed('string', TYPE, true) },
  SHAPE,
)

const GROUPS = 'tokengeneration.groups-stripped'
const KEEP_GROUPS =
  'to keep the groups, copy event.request.groupConfiguration and change it; to drop them on purpose, ' +
  'suppress cognito:groups in claimsToSuppress'

/**
 * Why the final group override would strip `cognito:groups` from both tokens, or undefined.
 * "Customizing tokens with a pre token generation Lambda trigger" (AWS Cognito developer guide):
 * the override replaces the user's groups wholesale, and an empty or null one suppresses them.
 * Typed libraries that always serialize an empty override make that a silent accident, so only a
 * deliberate override passes: one with groups, one copied from a user who has none, or a complete
 * one that also names its IAM roles (the way to remove every group while keeping the roles).
 */
const groupsStripped = (details: unknown, event: ReplyContext['event']): string | undefined => {
  if (details === null) return `a null groupOverrideDetails strips cognito:groups from both tokens; ${KEEP_GROUPS}`
  const groups = getOwn(details, 'groupsToOverride')
  if (!Array.isArray(groups)) {
    return `a groupOverrideDetails without groupsToOverride strips cognito:groups from both tokens; ${KEEP_GROUPS}`
  }
  if (groups.length > 0 || Array.isArray(getOwn(details, 'iamRolesToOverride'))) return undefined
  const requested = getOwn(getOwn(getOwn(event, 'request'), 'groupConfiguration'), 'groupsToOverride')
  if (Array.isArray(requested) && requested.length === 0) return undefined
  return `an empty groupsToOverride strips cognito:groups from both tokens; ${KEEP_GROUPS}`
}

// Shapes first, then what the override, as it will be sent, does to the user's groups.
const groupOverrideDetails =
  (container: string): Check =>
  (value, path, context) => {
    groupShape(value, path, context)
    const problem = groupsStripped(getOwn(getOwn(context.response, container), 'groupOverrideDetails'), context.event)
    if (problem !== undefined) fail(GROUPS, path, problem)
  }

const v1Details = struct(
  {
    claimsToAddOrOverride: claims({ token: 'id', strings: true }),
    claimsToSuppress: suppressed('id'),
    groupOverrideDetails: groupOverrideDetails('claimsOverrideDetails'),
  },
  SHAPE,
)

const idTokenGeneration = struct(
  { claimsToAddOrOverride: claims({ token: 'id', strings: false }), claimsToSuppress: suppressed('id') },
  SHAPE,
)

// A client credentials grant issues an access token only: ID-token changes would vanish.
const idTokenUnlessMachine: Check = (value, path, context) => {
  if (value !== null && context.source === 'TokenGeneration_ClientCredentials') {
    const message = 'client credentials grants issue no ID token; use accessTokenGeneration'
    return fail('tokengeneration.client-credentials-id-token', path, message)
  }
  idTokenGeneration(value, path, context)
}

const accessTokenGeneration = struct(
  {
    claimsToAddOrOverride: claims({ token: 'access', strings: false }),
    claimsToSuppress: suppressed('access'),
    scopesToAdd: scopes,
    scopesToSuppress: scopes,
  },
  SHAPE,
)

const v2Details = struct(
  {
    idTokenGeneration: idTokenUnlessMachine,
    accessTokenGeneration,
    groupOverrideDetails: groupOverrideDetails('claimsAndScopeOverrideDetails'),
  },
  SHAPE,
)

const CONTAINER = 'tokengeneration.container'
const V1_EVENT = 'this is a V1 event (no request.scopes): set claimsOverrideDetails'
const V2_EVENT =
  'this is a V2/V3 event (request.scopes, version "2"/"3" or client credentials): ' +
  'set claimsAndScopeOverrideDetails'

export const tokenGenerationRules: FamilyRules = {
  keys: {
    claimsOverrideDetails: (value, path, context) =>
      expectsV2Container(context) ? fail(CONTAINER, path, V2_EVENT) : v1Details(value, path, context),
    claimsAndScopeOverrideDetails: (value, path, context) =>
      expectsV2Container(context) ? v2Details(value, path, context) : fail(CONTAINER, path, V1_EVENT),
  },
}
