// -- custom-sender options ---------------------------------------------------------------------
// A sender that is misconfigured drops codes silently (its failures reach only the logs), so
// every option is checked when the factory is called and every message names the option.

import type { KeyringNode } from '@aws-crypto/client-node'
import type { SESv2Client } from '@aws-sdk/client-sesv2'
import type { SNSClient } from '@aws-sdk/client-sns'
import { ConfigurationError } from '../../src/index.js'
import { normalizeLocale } from '../custom-messages/render.js'
import type { CompiledCatalogue } from '../custom-messages/templates.js'
import type { DeliverFunction, Transport } from './delivery.js'
import { compileSenderTemplates, type SenderTemplates } from './templates.js'

/** Options of `customSender`. `keyring`, `deliver` and the clients exist in code only, not in JSON. */
export interface CustomSenderOptions {
  /** ARN of the pool's `KMSKeyID` key. Required unless `keyring` is given. */
  readonly kmsKeyArn?: string
  /** An Encryption SDK keyring to decrypt with instead of a KMS one (tests, other key stores). */
  readonly keyring?: KeyringNode
  /** Handle `CustomEmailSender_*`. `from` is required unless `deliver` is given. */
  readonly email?: { readonly from?: string; readonly configurationSetName?: string }
  /** Handle `CustomSMSSender_*`, through SNS unless `deliver` is given. */
  readonly sms?: { readonly senderId?: string; readonly originationNumber?: string }
  /** Send through your own transport instead of SES and SNS. */
  readonly deliver?: DeliverFunction
  /** Templates by occasion and locale; built-in English templates stand behind them. */
  readonly templates?: SenderTemplates
  /** Default `en`. */
  readonly fallbackLocale?: string
  /** Default `locale`. */
  readonly localeAttribute?: string
  /** `{{attr:…}}` values are cut to this many characters (1–2048), except in account-takeover notices. Default 256. */
  readonly attributeMaxLength?: number
  readonly sesClient?: SESv2Client
  readonly snsClient?: SNSClient
}

export interface ResolvedOptions {
  readonly keyArn: string | undefined
  readonly keyring: KeyringNode | undefined
  readonly channels: readonly ('email' | 'sms')[]
  readonly transport: Transport
  readonly catalogue: CompiledCatalogue
  readonly fallbackLocale: string
  readonly localeAttribute: string
  readonly attributeMaxLength: number
}

const KEYS = ['kmsKeyArn', 'keyring', 'email', 'sms', 'deliver', 'templates', 'fallbackLocale', 'localeAttribute', 'attributeMaxLength', 'sesClient', 'snsClient']
// Key ARNs only: an alias cannot decrypt, because the ciphertext names the key itself.
const KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z]{2}(-[a-z]+)+-\d:\d{12}:key\/(mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/u
const ATTRIBUTE_NAME = /^[\p{L}\p{M}\p{N}_.:-]{1,64}$/u

const fail = (message: string): never => {
  throw new ConfigurationError(message)
}
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)
const hasSend = (value: unknown): boolean => isObject(value) && typeof value.send === 'function'

const section = (value: unknown, name: string, keys: readonly string[]): Record<string, unknown> => {
  if (!isObject(value)) return fail(`"${name}" must be an object`)
  for (const key of Object.keys(value)) if (!keys.includes(key)) fail(`"${name}.${key}" is not an option; expected ${keys.join(', ')}`)
  return value
}

const check = (ok: boolean, message: string): void => {
  if (!ok) fail(message)
}

/** Validates the options; every mistake names its option. */
export const resolveOptions = (options: unknown): ResolvedOptions => {
  if (!isObject(options)) return fail('custom-sender needs an options object')
  for (const key of Object.keys(options)) if (!KEYS.includes(key)) fail(`unknown option "${key}"; expected ${KEYS.join(', ')}`)
  const { kmsKeyArn, keyring, email, sms, deliver, templates = {}, fallbackLocale = 'en', localeAttribute = 'locale', attributeMaxLength = 256 } = options

  check((kmsKeyArn === undefined) !== (keyring === undefined), 'give exactly one of "kmsKeyArn" (the pool\'s KMSKeyID) and "keyring"')
  if (kmsKeyArn !== undefined) check(typeof kmsKeyArn === 'string' && KEY_ARN.test(kmsKeyArn), '"kmsKeyArn" must be a KMS key ARN like "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"')
  if (keyring !== undefined) check(isObject(keyring) && typeof keyring.onDecrypt === 'function', '"keyring" must be an Encryption SDK keyring')
  check(deliver === undefined || typeof deliver === 'function', '"deliver" must be a function (message, { signal }) => Promise')
  for (const client of ['sesClient', 'snsClient'] as const) {
    if (options[client] === undefined) continue
    check(hasSend(options[client]), `"${client}" must be an AWS SDK v3 client`)
    check(deliver === undefined, `"${client}" is never used when "deliver" is given`)
  }
  check(email !== undefined || sms !== undefined, 'enable "email", "sms" or both')

  const transport: { -readonly [K in keyof Transport]: Transport[K] } = {}
  if (email !== undefined) {
    const { from, configurationSetName } = section(email, 'email', ['from', 'configurationSetName'])
    if (from !== undefined || deliver === undefined) {
      check(typeof from === 'string' && /^[^\r\n]{3,320}$/u.test(from) && from.includes('@'), '"email.from" must be a verified SES identity such as "no-reply@example.com" or "Example <no-reply@example.com>"')
      transport.from = from as string
    }
    if (configurationSetName !== undefined) {
      check(typeof configurationSetName === 'string' && /^[\w-]{1,64}$/u.test(configurationSetName), '"email.configurationSetName" must be an SES configuration set name')
      transport.configurationSetName = configurationSetName as string
    }
  }
  if (sms !== undefined) {
    const { senderId, originationNumber } = section(sms, 'sms', ['senderId', 'originationNumber'])
    if (senderId !== undefined) {
      check(typeof senderId === 'string' && /^(?=.*[A-Za-z])[A-Za-z0-9]{1,11}$/u.test(senderId), '"sms.senderId" must be 1 to 11 letters and digits, with at least one letter')
      transport.senderId = senderId as string
    }
    if (originationNumber !== undefined) {
      check(typeof originationNumber === 'string' && /^\+[1-9]\d{1,14}$/u.test(originationNumber), '"sms.originationNumber" must be an E.164 number such as "+15555550100"')
      transport.originationNumber = originationNumber as string
    }
  }
  if (deliver !== undefined) transport.deliver = deliver as DeliverFunction
  if (options.sesClient !== undefined) transport.sesClient = options.sesClient as SESv2Client
  if (options.snsClient !== undefined) transport.snsClient = options.snsClient as SNSClient

  check(Number.isInteger(attributeMaxLength) && (attributeMaxLength as number) >= 1 && (attributeMaxLength as number) <= 2048, '"attributeMaxLength" must be an integer from 1 to 2048')
  check(typeof localeAttribute === 'string' && ATTRIBUTE_NAME.test(localeAttribute), '"localeAttribute" must be a user attribute name such as "locale"')
  const fallback = normalizeLocale(fallbackLocale)
  if (fallback === undefined) return fail('"fallbackLocale" must be a locale tag such as "en" or "pt-BR"')

  return {
    keyArn: kmsKeyArn as string | undefined,
    keyring: keyring as KeyringNode | undefined,
    channels: [...(email === undefined ? [] : ['email' as const]), ...(sms === undefined ? [] : ['sms' as const])],
    transport,
    catalogue: compileSenderTemplates(templates, 'templates'),
    fallbackLocale: fallback,
    localeAttribute: localeAttribute as string,
    attributeMaxLength: attributeMaxLength as number,
  }
}
