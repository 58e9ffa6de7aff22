// The router's reply validation on pre token generation events without a user: a machine token
// (TokenGeneration_ClientCredentials has no userAttributes and no groupConfiguration, src/events.ts)
// and a V2/V3 user event whose groupConfiguration is null (aws-lambda-rust-runtime #1129). A
// token-claims-like plugin reads what the event has and replies; the router must pass valid replies
// and still refuse invalid ones.

import { describe, expect, it } from 'vitest'
import { createRouter } from '../../../src/router.js'
import { definePlugin } from '../../../src/plugin.js'
import { createEvent } from '../../../src/testing/events.js'
import { capturingLogger, settle } from '../../helpers/lambda.js'

// The router's generic message, with the request id of test/helpers/lambda.ts.
const GENERIC_ERROR_MESSAGE = '[INTERNAL_ERROR] We could not complete your request (reference req-0000-1111)'

/** Like token-claims: claims from attributes and groups when there are some, scopes for a machine client. */
const claimsPlugin = definePlugin({
  name: 'claims-like',
  triggers: ['TokenGeneration_*'],
  handler: (event) => {
    if (event.triggerSource === 'TokenGeneration_ClientCredentials') {
      const tenant = event.request.clientMetadata?.tenant
      return {
        claimsAndScopeOverrideDetails: {
          accessTokenGeneration: { claimsToAddOrOverride: { client: event.callerContext.clientId, ...(tenant ? { tenant } : {}) }, scopesToAdd: ['orders/write'] },
        },
      }
    }
    const groups = event.request.groupConfiguration?.groupsToOverride ?? []
    const roles = groups.includes('admins') ? ['admin'] : []
    const claims = { email: event.request.userAttributes.email ?? 'none', roles }
    return event.version === '1'
      ? { claimsOverrideDetails: { claimsToAddOrOverride: { email: claims.email, roles: roles.join(',') } } }
      : { claimsAndScopeOverrideDetails: { idTokenGeneration: { claimsToAddOrOverride: claims }, accessTokenGeneration: { claimsToAddOrOverride: claims } } }
  },
})

type AnyPlugin = Parameters<typeof createRouter>[0]['plugins'][number]

const run = async (event: unknown, plugin: AnyPlugin = claimsPlugin) => {
  const logger = capturingLogger()
  const outcome = await settle(createRouter({ plugins: [plugin], logger }), event)
  return { ...outcome, response: (outcome.reply as { response?: unknown } | undefined)?.response, logger }
}

const machine = (request: object = {}) => {
  const base = createEvent('TokenGeneration_ClientCredentials')
  return { ...base, request: { ...base.request, ...request } }
}

describe('reply validation: a client credentials event without a user', () => {
  // Whether Cognito omits the user fields of a machine token or sends them empty is unconfirmed.
  it.each([
    ['no user fields', {}],
    ['empty user attributes and a null group configuration', { userAttributes: {}, groupConfiguration: null }],
    ['client metadata from GetClientToken', { clientMetadata: { tenant: 'acme' } }],
  ])('passes an access-token reply for a request with %s', async (_case, request) => {
    // Prepare
    const event = machine(request)
    // Act
    const { reply, error, response } = await run(event)
    // Assess
    expect(error).toBeUndefined()
    const tenant = 'clientMetadata' in request ? { tenant: 'acme' } : {}
    expect(response).toStrictEqual({
      claimsAndScopeOverrideDetails: {
        accessTokenGeneration: { claimsToAddOrOverride: { client: '1example23456789', ...tenant }, scopesToAdd: ['orders/write'] },
      },
    })
    expect(reply).toMatchObject({ triggerSource: 'TokenGeneration_ClientCredentials', request: event.request })
  })

  it('still refuses an ID-token change, which a machine token cannot carry', async () => {
    // Prepare
    const idToken = definePlugin({
      name: 'id-token',
      triggers: ['TokenGeneration_ClientCredentials'],
      handler: () => ({ claimsAndScopeOverrideDetails: { idTokenGeneration: { claimsToAddOrOverride: { a: 'b' } } } }),
    })
    // Act
    const { error, logger } = await run(machine(), idToken)
    // Assess
    expect(error?.message).toBe(GENERIC_ERROR_MESSAGE)
    expect(logger.text()).toContain('tokengeneration.client-credentials-id-token')
  })
})

describe('reply validation: a null group configuration', () => {
  it.each([
    ['V1', 1],
    ['V2', 2],
    ['V3', 3],
  ] as const)('passes the claims of a %s user event whose groupConfiguration is null', async (_name, version) => {
    // Prepare
    const event = createEvent('TokenGeneration_Authentication', { tokenVersion: version, overrides: { request: { groupConfiguration: null } } })
    // Act
    const { error, response } = await run(event)
    // Assess
    expect(error).toBeUndefined()
    const claims = { email: 'jane.doe@example.com', roles: [] }
    expect(response).toStrictEqual(
      version === 1
        ? { claimsOverrideDetails: { claimsToAddOrOverride: { email: 'jane.doe@example.com', roles: '' } } }
        : { claimsAndScopeOverrideDetails: { idTokenGeneration: { claimsToAddOrOverride: claims }, accessTokenGeneration: { claimsToAddOrOverride: claims } } },
    )
  })

  it('passes a group override that starts from no groups', async () => {
    // Prepare
    const addGroup = definePlugin({
      name: 'add-group',
      triggers: ['TokenGeneration_Authentication'],
      handler: (event) => ({
        claimsAndScopeOverrideDetails: {
          groupOverrideDetails: { groupsToOverride: [...(event.request.groupConfiguration?.groupsToOverride ?? []), 'auditors'], iamRolesToOverride: [] },
        },
      }),
    })
    const event = createEvent('TokenGeneration_Authentication', { tokenVersion: 2, overrides: { request: { groupConfiguration: null } } })
    // Act
    const { error, response } = await run(event, addGroup)
    // Assess
    expect(error).toBeUndefined()
    expect(response).toStrictEqual({ claimsAndScopeOverrideDetails: { groupOverrideDetails: { groupsToOverride: ['auditors'], iamRolesToOverride: [] } } })
  })
})
