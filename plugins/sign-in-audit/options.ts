// -- sign-in-audit options -------------------------------------------------------------------
// Checked at cold start. EventBridge accepts a bad bus name or a reserved source only to
// report it per entry at send time, which would turn a typo into a lost audit trail.

import type { EventBridgeClient } from '@aws-sdk/client-eventbridge'
import { ConfigurationError } from '../../src/index.js'
import type { SignInAuditOptions } from './index.js'

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

const OPTION_KEYS = ['includeUserName', 'eventBridge', 'failOpen', 'client']
const EVENT_BRIDGE_DEFAULTS: ResolvedEventBridge = { busName: 'default', source: 'cognito-trigger-router', detailType: 'Cognito Sign-In' }
// A bus name, or the ARN of a bus (in another account or region too).
const BUS = /^(?:[\w.\-/]{1,256}|arn:aws[\w-]*:events:[\w-]+:\d{12}:event-bus\/[\w.\-/]{1,256})$/

// A declaration, not an arrow, so that TypeScript narrows after a call.
function fail(message: string): never {
  throw new ConfigurationError(message)
}
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)
const checkKeys = (value: Record<string, unknown>, known: readonly string[], where: string): void => {
  const unknown = Object.keys(value).find((key) => !known.includes(key))
  if (unknown !== undefined) fail(`unknown option "${where}${unknown}" (known: ${known.join(', ')})`)
}

const text = (value: unknown, where: string, max: number): string => {
  if (typeof value !== 'string' || value.trim() === '' || value.length > max) fail(`"${where}" must be a non-empty string of at most ${max} characters`)
  return value
}

const eventBridgeOptions = (value: unknown): ResolvedEventBridge | undefined => {
  if (value === undefined || value === false) return undefined
  if (value === true) return EVENT_BRIDGE_DEFAULTS
  if (!isObject(value)) fail('"eventBridge" must be true or an object with "busName", "source" and "detailType"')
  checkKeys(value, Object.keys(EVENT_BRIDGE_DEFAULTS), 'eventBridge.')
  const { busName = EVENT_BRIDGE_DEFAULTS.busName, source = EVENT_BRIDGE_DEFAULTS.source, detailType = EVENT_BRIDGE_DEFAULTS.detailType } = value
  if (typeof busName !== 'string' || !BUS.test(busName)) fail('"eventBridge.busName" must be an event bus name or ARN')
  // `aws.` sources belong to AWS services; PutEvents rejects them from anyone else.
  const checkedSource = text(source, 'eventBridge.source', 256)
  if (checkedSource.startsWith('aws.')) fail('"eventBridge.source" must not start with "aws.", which is reserved for AWS services')
  return { busName, source: checkedSource, detailType: text(detailType, 'eventBridge.detailType', 128) }
}

/** Validates the options of `signInAudit`, throwing a ConfigurationError that names the bad option. */
export const resolveOptions = (options: SignInAuditOptions | undefined): ResolvedOptions => {
  const given: unknown = options ?? {}
  if (!isObject(given)) fail('options must be an object')
  checkKeys(given, OPTION_KEYS, '')
  const { includeUserName = false, failOpen = true, client } = given
  if (typeof includeUserName !== 'boolean') fail('"includeUserName" must be a boolean')
  if (typeof failOpen !== 'boolean') fail('"failOpen" must be a boolean')
  const eventBridge = eventBridgeOptions(given.eventBridge)
  if (client !== undefined) {
    if (!isObject(client) || typeof client.send !== 'function') fail('"client" must be an EventBridgeClient')
    if (eventBridge === undefined) fail('"client" is only used with "eventBridge"; enable it or remove "client"')
  }
  return { includeUserName, eventBridge, failOpen, client: client as EventBridgeClient | undefined }
}
