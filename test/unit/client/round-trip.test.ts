// The router's refusals, as Cognito would wrap them for the client, read back by the client entry:
// the two halves of the wire format agree for every trigger whose error reaches the client.
import { describe, expect, it } from 'vitest'
import { TRIGGER_FAMILIES, type TriggerSource } from '../../../src/catalogue.js'
import { parseTriggerError } from '../../../src/client/index.js'
import { definePlugin, UserFacingError } from '../../../src/index.js'
import { createEvent } from '../../../src/testing/events.js'
import { invoke } from '../../../src/testing/invoke.js'
import { awsSdkV3 } from './clients.js'

// One source per family that Cognito invokes synchronously (custom senders' errors never reach a client).
const SOURCES = Object.entries(TRIGGER_FAMILIES)
  .filter(([, family]) => family.invocation === 'sync')
  .map(([name, family]) => ({ source: `${name}_${family.occasions[0]}` as TriggerSource, trigger: family.slot }))

const refusing = (source: TriggerSource, error: Error) =>
  definePlugin({
    name: 'refusing',
    triggers: [source],
    handler: () => {
      throw error
    },
  })

/** What the client would catch when the router refuses `source` with `error`. */
const refusalOf = async (source: TriggerSource, error: Error, awsRequestId = 'c0ffee00-0000-4000-8000-000000000001') => {
  const result = await invoke(refusing(source, error), createEvent(source), { context: { awsRequestId } })
  if (result.ok) throw new Error(`the router let ${source} through`)
  return awsSdkV3(result.shownToUser)
}

describe('a refusal from the router, read by parseTriggerError', () => {
  it.each(SOURCES)("reads the code and message of a UserFacingError in $source as $trigger's", async ({ source, trigger }) => {
    const error = await refusalOf(source, new UserFacingError('Please use your company email.', { code: 'EMAIL_DOMAIN_NOT_ALLOWED' }))
    expect(parseTriggerError(error)).toStrictEqual({ trigger, code: 'EMAIL_DOMAIN_NOT_ALLOWED', message: 'Please use your company email', requestId: undefined })
  })

  it.each(SOURCES)('reads the request id of the generic message in $source', async ({ source, trigger }) => {
    const requestId = '5b1d0c9e-2f3a-4b5c-8d7e-6f5a4b3c2d1e'
    const info = parseTriggerError(await refusalOf(source, new Error('db-7 refused the connection'), requestId))
    expect(info).toMatchObject({ trigger, code: 'INTERNAL_ERROR', requestId })
    expect(info?.message).not.toContain('db-7')
  })
})
