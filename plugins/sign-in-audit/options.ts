// -- sign-in-audit options -------------------------------------------------------------------
// Checked at cold start. EventBridge accepts a bad bus name or a reserved source only to
// report it per entry at send time, which would turn a typo into a lost audit trail.

import type { EventBridgeClient } from '@aws-sdk/client-eventbridge'
import * as v from 'valibot'
import { ConfigurationError } from '../../src/index.js'
import { codeOnly, extendOptions, hasSend, parseOptions } from '../../src/options.js'
import type { SignInAuditOptions } from './index.js'
import { manifest } from './manifest.js'

export interface ResolvedEventBridge {
  readonly busName: string
  readonly source: string
  readonly detailType: string
}

export interface ResolvedOptions {
  readonly includeUserName: boolean
  readonly eventBridge: ResolvedEventBridge | undefined
  readonly failOpen: boolean
  readonly client: EventBridgeClient | undefined
}

const EVENT_BRIDGE_DEFAULTS: ResolvedEventBridge = { busName: 'default', source: 'cognito-trigger-router', detailType: 'Cognito Sign-In' }
const codeOptions = extendOptions(manifest.options, {
  client: v.optional(codeOnly<EventBridgeClient>(hasSend, 'must be an EventBridgeClient')),
})

/** Validates the options of `signInAudit`, throwing a ConfigurationError that names the bad option. */
export const resolveOptions = (options: SignInAuditOptions | undefined): ResolvedOptions => {
  const { includeUserName = false, failOpen = true, client, eventBridge: given } = parseOptions(codeOptions, options ?? {})
  const target = given === undefined || given === false ? undefined : given === true ? EVENT_BRIDGE_DEFAULTS : { ...EVENT_BRIDGE_DEFAULTS, ...given }
  if (client !== undefined && target === undefined) {
    throw new ConfigurationError('"client" is only used with "eventBridge"; enable it or remove "client"')
  }
  return { includeUserName, eventBridge: target, failOpen, client }
}
