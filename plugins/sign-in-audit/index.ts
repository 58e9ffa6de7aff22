// -- sign-in-audit ----------------------------------------------------------------------------
// One structured record per successful sign-in, to the log and optionally to EventBridge.
// PostAuthentication runs once Cognito has authenticated the user but before it returns the
// tokens (AWS docs: "Customizing user pool workflows with Lambda triggers"), so a failure here can still block the sign-in: `failOpen` decides whether an
// audit record that could not be delivered should.

import type { EventBridgeClient } from '@aws-sdk/client-eventbridge'
import { definePlugin, type Plugin } from '../../src/index.js'
import { resolveOptions } from './options.js'

export { manifest as signInAuditManifest } from './manifest.js'

/** Where EventBridge events go, and how they are labelled. Every key has a default. */
export interface SignInAuditEventBridgeOptions {
  /** Event bus name or ARN. Default `default`. */
  readonly busName?: string
  /** The event's `source`; must not start with `aws.`. Default `cognito-trigger-router`. */
  readonly source?: string
  /** The event's `detail-type`. Default `Cognito Sign-In`. */
  readonly detailType?: string
}

/** Options of {@link signInAudit}. All optional. */
export interface SignInAuditOptions {
  /** Add `userName` to the record. Default false: on many pools it is the user's email. */
  readonly includeUserName?: boolean
  /** Also send the record to EventBridge (`true` for the defaults). Default: log only. */
  readonly eventBridge?: boolean | SignInAuditEventBridgeOptions
  /** Log a failed EventBridge delivery and let the sign-in continue. Default true. */
  readonly failOpen?: boolean
  /** The client to use; default: one created on first use, with the Lambda's region and role. */
  readonly client?: EventBridgeClient
}

/** The audit record: the log line's `audit` attribute and the EventBridge event's `detail`. */
export interface SignInAuditRecord {
  readonly event: 'sign-in'
  /** Only with `includeUserName: true`. */
  readonly userName?: string
  /** The user's stable, opaque id. */
  readonly sub: string | null
  readonly userPoolId: string
  /** The app client; `null` if Cognito sent none. */
  readonly clientId: string | null
  /** True when the sign-in came from a device Cognito had not seen (device tracking on). */
  readonly newDeviceUsed: boolean
  readonly triggerSource: 'PostAuthentication_Authentication'
  /** When the trigger ran, ISO 8601 in UTC. */
  readonly time: string
}

/** EventBridge answered, but did not accept the record (`FailedEntryCount` > 0). */
export class AuditDeliveryError extends Error {
  readonly errorCode: string | undefined
  constructor(errorCode: string | undefined, errorMessage: string | undefined) {
    super(`EventBridge did not accept the sign-in audit record: ${errorCode ?? 'unknown error'}${errorMessage ? `: ${errorMessage}` : ''}`)
    this.name = 'AuditDeliveryError'
    this.errorCode = errorCode
  }
}

/**
 * Writes one audit record per successful sign-in (`PostAuthentication_Authentication`) to the
 * plugin's logger at info level (`sign-in audit record`, under `audit`) and, with
 * `eventBridge`, as an EventBridge event. The record identifies the user by `sub` and never
 * carries their email or phone number.
 *
 * With EventBridge, the Lambda role needs `events:PutEvents` on the bus.
 *
 * @example
 * ```ts
 * import { createRouter } from 'cognito-trigger-router'
 * import { signInAudit } from 'cognito-trigger-router/plugins'
 *
 * export const handler = createRouter({
 *   plugins: [signInAudit({ eventBridge: { busName: 'security-audit' }, failOpen: false })],
 * })
 * ```
 */
export const signInAudit = (options: SignInAuditOptions = {}): Plugin<readonly ['PostAuthentication_Authentication']> => {
  const resolved = resolveOptions(options)
  let created: EventBridgeClient | undefined
  // The SDK module takes ~100 ms to import: load it on the first record sent, not at cold start.
  const sdk = () => import('@aws-sdk/client-eventbridge')

  return definePlugin({
    name: 'sign-in-audit',
    triggers: ['PostAuthentication_Authentication'],
    failOpen: resolved.failOpen,
    // Publishes to EventBridge when configured; the log-only record is no side effect to protect.
    sideEffects: resolved.eventBridge !== undefined,
    handler: async (event, { signal, logger }) => {
      const now = Date.now()
      const { sub } = event.request.userAttributes
      const clientId: unknown = event.callerContext?.clientId
      const record: SignInAuditRecord = {
        event: 'sign-in',
        ...(resolved.includeUserName ? { userName: event.userName } : {}),
        sub: typeof sub === 'string' ? sub : null,
        userPoolId: event.userPoolId,
        clientId: typeof clientId === 'string' ? clientId : null,
        newDeviceUsed: event.request.newDeviceUsed === true,
        triggerSource: 'PostAuthentication_Authentication',
        time: new Date(now).toISOString(),
      }
      logger.info('sign-in audit record', { audit: record })
      const target = resolved.eventBridge
      if (target === undefined) return
      const entry = { EventBusName: target.busName, Source: target.source, DetailType: target.detailType, Detail: JSON.stringify(record), Time: new Date(now) }
      const { EventBridgeClient, PutEventsCommand } = await sdk()
      const eventBridge = resolved.client ?? (created ??= new EventBridgeClient({}))
      const result = await eventBridge.send(new PutEventsCommand({ Entries: [entry] }), { abortSignal: signal })
      // PutEvents reports a rejected entry in its answer, not by throwing.
      if ((result.FailedEntryCount ?? 0) > 0) {
        const failed = result.Entries?.find((item) => item.ErrorCode !== undefined)
        throw new AuditDeliveryError(failed?.ErrorCode, failed?.ErrorMessage)
      }
      logger.debug('sign-in audit record sent to EventBridge', { eventId: result.Entries?.[0]?.EventId })
    },
  })
}
