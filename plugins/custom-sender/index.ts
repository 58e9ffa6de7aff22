// -- custom-sender -------------------------------------------------------------------------------
// Delivers Cognito's codes itself once a custom email or SMS sender is configured (AWS docs: "Custom sender Lambda triggers"):
// decrypts `request.code`, renders a template, and sends through SES, SNS or your own function.
// Senders are invoked asynchronously: a failure reaches no user, only the logs, and Lambda
// retries the invocation. The decrypted code lives in memory only, never in a log or an error.

import type { KeyringNode } from '@aws-crypto/client-node'
import { definePlugin, type Plugin } from '../../src/index.js'
import { cleanValue, escapeHtml, localeChain, ownString, renderTemplate } from '../message-templates/index.js'
import { CodeDecryptionError, decryptCode, kmsKeyring, unescapeEntities } from './crypto.js'
import { transport, type SenderMessage } from './delivery.js'
import { resolveOptions, type CustomSenderOptions } from './options.js'
import { TAKEOVER, templateFor } from './templates.js'

export { CodeDecryptionError, unescapeEntities } from './crypto.js'
export { DeliveryError, type DeliverFunction, type EmailMessage, type SenderMessage, type SmsMessage } from './delivery.js'
export { type CustomSenderOptions } from './options.js'
export { manifest as customSenderManifest } from './manifest.js'
export { BUILTIN_TEMPLATES, SENDER_OCCASIONS, type SenderOccasion, type SenderTemplates } from './templates.js'

/** The user has no address for the channel; Cognito would have had nowhere to send the code either. */
export class MissingRecipientError extends Error {
  constructor(attribute: string) {
    super(`the user has no usable ${attribute} attribute to deliver to`)
    this.name = 'MissingRecipientError'
  }
}

type SenderPattern = 'CustomEmailSender_*' | 'CustomSMSSender_*'

const E164 = /^\+[1-9]\d{1,14}$/u

const recipient = (attributes: unknown, channel: SenderMessage['channel']): string => {
  const attribute = channel === 'email' ? 'email' : 'phone_number'
  const value = ownString(attributes, attribute)?.trim()
  const usable = channel === 'email' ? value !== undefined && /^[^\s@]+@[^\s@]+$/u.test(value) : value !== undefined && E164.test(value)
  if (!usable) throw new MissingRecipientError(attribute)
  return value as string
}

/**
 * Handles `CustomEmailSender_*` (with `email`) and `CustomSMSSender_*` (with `sms`): decrypts
 * `request.code` with the AWS Encryption SDK and a KMS keyring for `kmsKeyArn`, undoes the HTML
 * escaping of temporary passwords, renders the template for the occasion and the user's locale
 * (as in custom-messages: `{{code}}`, `{{username}}`, `{{attr:<name>}}`; built-in English
 * templates stand behind yours), and sends it with SES v2 `SendEmail` to the `email` attribute or
 * SNS `Publish` (Transactional) to `phone_number`, or with your `deliver` function. Account-takeover
 * notices carry no code: they are rendered from their special attributes without decrypting.
 *
 * The Lambda role needs `kms:Decrypt` on the key, and `ses:SendEmail` or `sns:Publish`.
 *
 * @example
 * ```ts
 * import { createRouter } from 'cognito-trigger-router'
 * import { customSender } from 'cognito-trigger-router/plugins'
 *
 * export const handler = createRouter({
 *   plugins: [
 *     customSender({
 *       kmsKeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
 *       email: { from: 'Example <no-reply@example.com>' },
 *       sms: { senderId: 'Example' },
 *       templates: { default: { de: { emailSubject: 'Ihr Code', emailMessage: '<p>Code: {{code}}</p>', smsMessage: 'Code: {{code}}' } } },
 *     }),
 *   ],
 * })
 * ```
 */
export const customSender = (options: CustomSenderOptions): Plugin<readonly SenderPattern[]> => {
  const resolved = resolveOptions(options)
  const send = transport(resolved.transport)
  let keyring: Promise<KeyringNode> | undefined
  const keyringFor = (): Promise<KeyringNode> =>
    (keyring ??= resolved.keyring ? Promise.resolve(resolved.keyring) : kmsKeyring(resolved.keyArn as string))
  const triggers: readonly SenderPattern[] = resolved.channels.map((channel): SenderPattern => (channel === 'email' ? 'CustomEmailSender_*' : 'CustomSMSSender_*'))

  return definePlugin({
    name: 'custom-sender',
    triggers,
    // Sends the code by email or SMS.
    sideEffects: true,
    handler: async (event, { signal, logger }) => {
      const { triggerSource, request } = event
      const channel = triggerSource.startsWith('CustomEmailSender_') ? 'email' : 'sms'
      const occasion = triggerSource.slice(triggerSource.indexOf('_') + 1)
      const takeover = occasion === TAKEOVER
      const attributes: unknown = request.userAttributes
      const to = recipient(attributes, channel)

      const chain = localeChain(ownString(attributes, resolved.localeAttribute), resolved.fallbackLocale)
      const entry = templateFor(resolved.catalogue, occasion, channel, chain)
      if (entry === undefined) throw new Error(`no template for ${triggerSource}`)

      let code: string | undefined
      if (!takeover) {
        if (typeof request.code !== 'string' || request.code === '') throw new CodeDecryptionError('request.code is missing')
        code = unescapeEntities(await decryptCode(request.code, await keyringFor(), event.userPoolId))
      }
      // Account-takeover attributes come from Cognito (links, times), so they are never cut.
      const maxLength = takeover ? undefined : resolved.attributeMaxLength
      const attribute = (asHtml: boolean) => (name: string) => cleanValue(ownString(attributes, name) ?? '', { html: asHtml, maxLength })
      const values = (asHtml: boolean) => {
        const shown = (text: string) => (asHtml ? escapeHtml(text) : text)
        return { ...(code === undefined ? {} : { code: shown(code) }), username: shown(event.userName) }
      }
      const render = (field: 'emailSubject' | 'emailMessage' | 'smsMessage', asHtml: boolean): string => {
        const template = entry.fields[field]
        const text = template && renderTemplate(template, values(asHtml), attribute(asHtml))
        if (text === undefined) throw new Error(`the ${field} template of ${triggerSource} cannot be rendered`)
        return text
      }

      // node:crypto on first use: importing it at cold start would slow every trigger's start-up.
      const idempotencyKey = process.getBuiltinModule('node:crypto').createHash('sha256')
        .update(`${event.userPoolId}\n${triggerSource}\n${request.code ?? ownString(attributes, 'EVENT_ID') ?? ''}`)
        .digest('hex')
      const base = { triggerSource, userPoolId: event.userPoolId, userName: event.userName, locale: entry.locale, idempotencyKey, to }
      const message: SenderMessage = channel === 'email'
        ? { ...base, channel: 'email', subject: render('emailSubject', false), html: render('emailMessage', true) }
        : { ...base, channel: 'sms', text: render('smsMessage', false) }
      // A decrypt that outlived the deadline must not send: the invocation has already failed and will be retried.
      signal.throwIfAborted()
      await send(message, code === undefined ? [] : [code, escapeHtml(code)], signal)
      logger.info('message delivered', { channel, occasion, locale: entry.locale, idempotencyKey })
    },
  })
}
