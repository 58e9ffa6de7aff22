// -- sender templates --------------------------------------------------------------------------
// Once a custom sender is configured Cognito sends nothing itself (AWS docs: "Custom sender Lambda triggers"), so there is no pool
// template to fall back to: built-in English templates stand behind whatever is configured, and
// every occasion always resolves to a message.

import { ConfigurationError, TRIGGER_FAMILIES } from '../../src/index.js'
import { pickEntry } from '../message-templates/index.js'
import {
  compileCatalogue,
  type CatalogueInput,
  type CompiledCatalogue,
  type CompiledEntry,
  type LocaleTemplates,
  type TemplateCheck,
} from '../message-templates/index.js'

/** The occasions of `CustomEmailSender_*` (a superset of the SMS ones). */
export const SENDER_OCCASIONS = TRIGGER_FAMILIES.CustomEmailSender.occasions
export type SenderOccasion = (typeof SENDER_OCCASIONS)[number]

/** Templates by occasion (or `default`, which never serves account-takeover notices), then by locale. */
export type SenderTemplates = Readonly<Partial<Record<SenderOccasion | 'default', LocaleTemplates>>>

export const TAKEOVER = 'AccountTakeOverNotification'

const code = (text: string) => ({
  emailSubject: text,
  emailMessage: `<p>${text}: <strong>{{code}}</strong></p>`,
  smsMessage: `${text}: {{code}}`,
})

/** The last resort behind every configuration. */
export const BUILTIN_TEMPLATES: SenderTemplates = {
  default: { en: code('Your verification code') },
  ForgotPassword: { en: code('Your password reset code') },
  Authentication: { en: code('Your sign-in code') },
  AdminCreateUser: {
    en: {
      emailSubject: 'Your temporary password',
      emailMessage: '<p>Your username is <strong>{{username}}</strong> and your temporary password is <strong>{{code}}</strong>.</p>',
      smsMessage: 'Your username is {{username}} and your temporary password is {{code}}',
    },
  },
  [TAKEOVER]: {
    en: {
      emailSubject: 'Unusual sign-in to your account',
      emailMessage:
        '<p>We noticed a sign-in to your account at {{attr:LOGIN_TIME}} from IP address {{attr:IP_ADDRESS}}.</p>' +
        '<p><a href="{{attr:ONE_CLICK_LINK_VALID}}">This was me</a> · <a href="{{attr:ONE_CLICK_LINK_INVALID}}">This was not me</a></p>',
    },
  },
}

const check: TemplateCheck = (template, { occasion, field, path }) => {
  const fail = (message: string): never => {
    throw new ConfigurationError(`"${path}" ${message}`)
  }
  if (template.uses.has('link')) fail('uses {{link}}, which Cognito does not provide to custom senders')
  if (field === 'emailSubject') {
    if (template.uses.has('code')) fail('must not contain {{code}}: subjects show on lock screens and in notifications')
    if (template.staticText.trim() === '') fail('is empty')
  } else if (occasion === TAKEOVER) {
    if (template.uses.has('code')) fail('must not contain {{code}}: account-takeover notices carry no code')
  } else if (!template.uses.has('code')) {
    fail('must contain {{code}}, or the user never receives it')
  }
}

/** Compiles templates with the sender's rules; an entry must set the email subject and body together. */
/** Compiles sender templates whose shape {@link senderTemplatesSchema} has checked. */
export const compileSenderTemplates = (templates: CatalogueInput, path: string): CompiledCatalogue => {
  const catalogue = compileCatalogue(templates, path, check)
  for (const [occasion, block] of catalogue) {
    for (const entry of block.values()) {
      if ((entry.fields.emailSubject === undefined) !== (entry.fields.emailMessage === undefined)) {
        throw new ConfigurationError(`"${path}.${occasion}.${entry.locale}" must set emailSubject and emailMessage together`)
      }
    }
  }
  return catalogue
}

export const BUILTIN_CATALOGUE = compileSenderTemplates(BUILTIN_TEMPLATES as CatalogueInput, 'built-in templates')

const hasChannel = (channel: 'email' | 'sms') => (entry: CompiledEntry) =>
  channel === 'email' ? entry.fields.emailMessage !== undefined : entry.fields.smsMessage !== undefined

/**
 * The template for one occasion and channel: the configured occasion, then the configured
 * `default`, then the built-ins, each along the locale chain (the built-ins end with `en`).
 */
export const templateFor = (
  configured: CompiledCatalogue,
  occasion: string,
  channel: 'email' | 'sms',
  chain: readonly string[],
): CompiledEntry | undefined => {
  const general = occasion === TAKEOVER ? undefined : 'default'
  const tries: [CompiledCatalogue, readonly string[]][] = [
    [configured, chain],
    [BUILTIN_CATALOGUE, [...chain, 'en']],
  ]
  for (const [catalogue, locales] of tries) {
    for (const key of [occasion, general]) {
      const entry = key === undefined ? undefined : pickEntry(catalogue.get(key), locales, hasChannel(channel))
      if (entry !== undefined) return entry
    }
  }
  return undefined
}
