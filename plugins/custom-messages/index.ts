// -- custom-messages -----------------------------------------------------------------------------
// Replaces Cognito's verification, invitation and MFA messages with templates per occasion and
// locale (AWS docs: "Custom message Lambda trigger"). Cognito still sends the message and still writes the code: the reply
// carries Cognito's own placeholders, so no secret ever passes through this function.

import { definePlugin, type Plugin } from '../../src/index.js'
import { resolveOptions, type CustomMessagesOptions } from './options.js'
import { cleanValue, localeChain, MESSAGE_FIELDS, ownString, pickEntry, renderTemplate, type MessageField, type ValueName } from '../message-templates/index.js'

export {
  ALLOWANCE,
  CUSTOM_MESSAGE_OCCASIONS,
  HTML_GROWTH,
  LIMITS,
  type CustomMessageOccasion,
  type CustomMessagesOptions,
  type CustomMessageTemplates,
} from './options.js'
export { MESSAGE_FIELDS, type LocaleTemplates, type MessageField, type MessageTemplate } from '../message-templates/index.js'
export { manifest as customMessagesManifest } from './manifest.js'

const PREFIX = 'CustomMessage_'

/**
 * Sets `emailSubject`, `emailMessage` and `smsMessage` from templates chosen by occasion
 * (`SignUp`, `ForgotPassword`, `AdminCreateUser`, … or `default`) and by the user's `locale`
 * attribute (exact tag, then its language, then `fallbackLocale`). Placeholders: `{{code}}`,
 * `{{username}}` (invitations only), `{{link}}` and `{{attr:<name>}}`; attribute values are
 * HTML-escaped in email bodies. Only the fields a template sets are replied; the others stay
 * `null`, so the pool's own templates apply. Every template is checked against Cognito's rules
 * when the factory is called.
 *
 * `emailMessage` and `emailSubject` are only accepted when the pool sends email through SES
 * (`EmailSendingAccount: DEVELOPER`, AWS docs: "Custom message Lambda trigger").
 *
 * @example
 * ```ts
 * import { createRouter } from 'cognito-trigger-router'
 * import { customMessages } from 'cognito-trigger-router/plugins'
 *
 * export const handler = createRouter({
 *   plugins: [
 *     customMessages({
 *       templates: {
 *         default: {
 *           en: { emailSubject: 'Your code', emailMessage: '<p>Hi {{attr:given_name}}, your code is <b>{{code}}</b></p>', smsMessage: 'Your code: {{code}}' },
 *           de: { emailSubject: 'Ihr Code', emailMessage: '<p>Hallo {{attr:given_name}}, Ihr Code: <b>{{code}}</b></p>', smsMessage: 'Ihr Code: {{code}}' },
 *         },
 *         AdminCreateUser: {
 *           en: { emailSubject: 'Welcome', emailMessage: '<p>User {{username}}, temporary password {{code}}</p>', smsMessage: 'User {{username}} password {{code}}' },
 *         },
 *       },
 *       fallbackLocale: 'en',
 *     }),
 *   ],
 * })
 * ```
 */
export const customMessages = (options: CustomMessagesOptions): Plugin<readonly ['CustomMessage_*']> => {
  const { catalogue, fallbackLocale, localeAttribute, attributeMaxLength } = resolveOptions(options)

  return definePlugin({
    name: 'custom-messages',
    triggers: ['CustomMessage_*'],
    handler: (event, { logger }) => {
      const occasion = event.triggerSource.slice(PREFIX.length)
      const { request } = event
      const attributes: unknown = request.userAttributes
      const block = catalogue.get(occasion) ?? catalogue.get('default')
      const entry = pickEntry(block, localeChain(ownString(attributes, localeAttribute), fallbackLocale))
      if (entry === undefined) {
        logger.debug('no template for this occasion and locale; the pool templates apply', { occasion })
        return
      }
      // Cognito's placeholders go in verbatim: Cognito itself replaces them with the code, the
      // username and the link after this reply, so they must reach it exactly as it sent them.
      const values: Partial<Record<ValueName, string>> = {}
      if (typeof request.codeParameter === 'string') values.code = request.codeParameter
      if (typeof request.usernameParameter === 'string') values.username = request.usernameParameter
      if (typeof request.linkParameter === 'string') values.link = request.linkParameter

      const patch: Partial<Record<MessageField, string>> = {}
      const lacking: MessageField[] = []
      for (const field of MESSAGE_FIELDS) {
        const template = entry.fields[field]
        if (template === undefined) continue
        const clean = { html: field === 'emailMessage', maxLength: attributeMaxLength, neutralizeBraces: true }
        const text = renderTemplate(template, values, (name) => cleanValue(ownString(attributes, name) ?? '', clean))
        if (text === undefined) lacking.push(field)
        else patch[field] = text
      }
      if (lacking.length > 0) {
        logger.warn('the event lacks a placeholder a template needs; the pool template applies to these fields', { occasion, fields: lacking })
      }
      logger.debug('custom message rendered', { occasion, locale: entry.locale, fields: Object.keys(patch) })
      return patch
    },
  })
}
