// -- welcome-email ----------------------------------------------------------------------------
// Sends a welcome email through SES once a user has signed up. It runs after Cognito has
// confirmed the user (AWS docs: "Customizing user pool workflows with Lambda triggers"), so by default a failure is logged and the confirmation goes
// through: a lost welcome email is better than an error shown to a user who is already in.

import type { SESv2Client } from '@aws-sdk/client-sesv2'
import { definePlugin, type Plugin } from '../../src/index.js'
import { resolveOptions } from './options.js'
import { chooseLocale, escapeHtml, oneLine, render } from './template.js'

export { manifest as welcomeEmailManifest } from './manifest.js'

/** One locale's email. `{{attribute}}` placeholders are filled from the user's attributes. */
export interface WelcomeEmailTemplate {
  readonly subject: string
  /** Inserted values are HTML-escaped. */
  readonly html: string
  readonly text: string
}

/** Options of {@link welcomeEmail}. */
export interface WelcomeEmailOptions {
  /** The sender, `hello@example.com` or `Example <hello@example.com>`, verified in SES. */
  readonly from: string
  /** Templates by locale (`en`, `fr-CA`), with a `default` one unless `fallbackLocale` names another. */
  readonly templates: Readonly<Record<string, WelcomeEmailTemplate>>
  /** The template for users whose `locale` matches none. Default `default`. */
  readonly fallbackLocale?: string
  /** The SES configuration set, for event publishing and sending limits. */
  readonly configurationSetName?: string
  /** Send only when `email_verified` is `"true"`. Default true. */
  readonly requireVerifiedEmail?: boolean
  /** Log a failure and still let the confirmation response through. Default true. */
  readonly failOpen?: boolean
  /** The client to use; default: one created on first use, with the Lambda's region and role. */
  readonly client?: SESv2Client
}

const asIs = (value: string): string => value
const utf8 = (data: string) => ({ Data: data, Charset: 'UTF-8' })

/**
 * Sends a welcome email with SES (`SendEmail`) when a user signs up
 * (`PostConfirmation_ConfirmSignUp` only, so never after a password reset). The template
 * follows the user's `locale` attribute: exact match, then language, then the fallback.
 * A retried invocation may send the email twice, unless the router has the `idempotency` option.
 *
 * The Lambda role needs `ses:SendEmail` on the `from` identity (and the configuration set).
 *
 * @example
 * ```ts
 * import { createRouter } from 'cognito-trigger-router'
 * import { welcomeEmail } from 'cognito-trigger-router/plugins'
 *
 * export const handler = createRouter({
 *   plugins: [
 *     welcomeEmail({
 *       from: 'Example <hello@example.com>',
 *       templates: {
 *         default: { subject: 'Welcome, {{given_name}}', html: '<p>Hi {{given_name}}!</p>', text: 'Hi {{given_name}}!' },
 *         fr: { subject: 'Bienvenue, {{given_name}}', html: '<p>Bonjour {{given_name}} !</p>', text: 'Bonjour {{given_name}} !' },
 *       },
 *     }),
 *   ],
 * })
 * ```
 */
export const welcomeEmail = (options: WelcomeEmailOptions): Plugin<readonly ['PostConfirmation_ConfirmSignUp']> => {
  const resolved = resolveOptions(options)
  let created: SESv2Client | undefined
  // The SDK module takes ~100 ms to import: load it on the first email, not at cold start.
  const ses = async (): Promise<{ client: SESv2Client; SendEmailCommand: typeof import('@aws-sdk/client-sesv2').SendEmailCommand }> => {
    const { SESv2Client, SendEmailCommand } = await import('@aws-sdk/client-sesv2')
    return { client: resolved.client ?? (created ??= new SESv2Client({})), SendEmailCommand }
  }

  return definePlugin({
    name: 'welcome-email',
    triggers: ['PostConfirmation_ConfirmSignUp'],
    failOpen: resolved.failOpen,
    // Sends an email: with the router's `idempotency` option, once per confirmation.
    sideEffects: true,
    handler: async (event, { signal, logger }) => {
      const attributes = event.request.userAttributes
      const email = attributes.email
      if (email === undefined || email.trim() === '') {
        logger.warn('welcome email skipped: the user has no email attribute')
        return
      }
      if (resolved.requireVerifiedEmail && attributes.email_verified !== 'true') {
        logger.warn('welcome email skipped: the email address is not verified (requireVerifiedEmail)')
        return
      }
      const { locale, template } = chooseLocale(attributes.locale, resolved.templates, resolved.fallback)
      const missing = new Set<string>()
      const subject = oneLine(render(template.subject, attributes, asIs, missing))
      const html = render(template.html, attributes, escapeHtml, missing)
      const text = render(template.text, attributes, asIs, missing)
      if (missing.size > 0) logger.warn('welcome email placeholders without a value were left empty', { placeholders: [...missing] })
      const { client, SendEmailCommand } = await ses()
      const command = new SendEmailCommand({
        FromEmailAddress: resolved.from,
        Destination: { ToAddresses: [email] },
        Content: { Simple: { Subject: utf8(subject), Body: { Html: utf8(html), Text: utf8(text) } } },
        ...(resolved.configurationSetName === undefined ? {} : { ConfigurationSetName: resolved.configurationSetName }),
      })
      const { MessageId } = await client.send(command, { abortSignal: signal })
      logger.info('welcome email sent', { locale, messageId: MessageId })
    },
  })
}
