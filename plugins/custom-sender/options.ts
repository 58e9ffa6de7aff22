// -- custom-sender options ---------------------------------------------------------------------
// A sender that is misconfigured drops codes silently (its failures reach only the logs), so
// every option is checked when the factory is called and every message names the option.

import type { KeyringNode } from '@aws-crypto/client-node'
import type { SESv2Client } from '@aws-sdk/client-sesv2'
import type { SNSClient } from '@aws-sdk/client-sns'
import * as v from 'valibot'
import { ConfigurationError } from '../../src/index.js'
import { codeOnly, extendOptions, hasSend, parseOptions } from '../../src/options.js'
import { normalizeLocale } from '../message-templates/index.js'
import type { CompiledCatalogue } from '../message-templates/index.js'
import type { DeliverFunction, Transport } from './delivery.js'
import { compileSenderTemplates, type SenderTemplates } from './templates.js'
import { FROM_MESSAGE } from './schema.js'
import { manifest } from './manifest.js'

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

const codeOptions = extendOptions(manifest.options, {
  keyring: v.optional(codeOnly<KeyringNode>((value) => typeof (value as { onDecrypt?: unknown } | null)?.onDecrypt === 'function', 'must be an Encryption SDK keyring')),
  deliver: v.optional(codeOnly<DeliverFunction>((value) => typeof value === 'function', 'must be a function (message, { signal }) => Promise')),
  sesClient: v.optional(codeOnly<SESv2Client>(hasSend, 'must be an AWS SDK v3 client')),
  snsClient: v.optional(codeOnly<SNSClient>(hasSend, 'must be an AWS SDK v3 client')),
})

const check = (ok: boolean, message: string): void => {
  if (!ok) throw new ConfigurationError(message)
}

/** Validates the options; every mistake names its option. */
export const resolveOptions = (options: unknown): ResolvedOptions => {
  const given = parseOptions(codeOptions, options)
  const { kmsKeyArn, keyring, email, sms, deliver, templates = {}, fallbackLocale = 'en', localeAttribute = 'locale', attributeMaxLength = 256 } = given

  check((kmsKeyArn === undefined) !== (keyring === undefined), 'give exactly one of "kmsKeyArn" (the pool\'s KMSKeyID) and "keyring"')
  for (const client of ['sesClient', 'snsClient'] as const) {
    if (given[client] !== undefined) check(deliver === undefined, `"${client}" is never used when "deliver" is given`)
  }
  check(email !== undefined || sms !== undefined, 'enable "email", "sms" or both')
  if (email !== undefined && deliver === undefined) check(email.from !== undefined, `"email.from" ${FROM_MESSAGE}`)

  const transport: { -readonly [K in keyof Transport]: Transport[K] } = {}
  if (email?.from !== undefined) transport.from = email.from
  if (email?.configurationSetName !== undefined) transport.configurationSetName = email.configurationSetName
  if (sms?.senderId !== undefined) transport.senderId = sms.senderId
  if (sms?.originationNumber !== undefined) transport.originationNumber = sms.originationNumber
  if (deliver !== undefined) transport.deliver = deliver
  if (given.sesClient !== undefined) transport.sesClient = given.sesClient
  if (given.snsClient !== undefined) transport.snsClient = given.snsClient

  const fallback = normalizeLocale(fallbackLocale)
  if (fallback === undefined) throw new ConfigurationError('"fallbackLocale" must be a locale tag such as "en" or "pt-BR"')

  return {
    keyArn: kmsKeyArn,
    keyring,
    channels: [...(email === undefined ? [] : ['email' as const]), ...(sms === undefined ? [] : ['sms' as const])],
    transport,
    catalogue: compileSenderTemplates(templates, 'templates'),
    fallbackLocale: fallback,
    localeAttribute,
    attributeMaxLength,
  }
}
