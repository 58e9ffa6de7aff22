// -- CustomMessage -------------------------------------------------------------------
// "Custom message Lambda trigger" (Amazon Cognito developer guide): a message that replaces Cognito's own must carry the code placeholder (and, for
// an invitation, the username placeholder), or the user gets a message without them.
// Limits count code points (the page says "UTF-8 characters"); null keeps the pool's template.

import { describe } from '../json.js'
import { checkLength, fail, getOwn, type Check, type FamilyRules, type ReplyContext } from './common.js'

const TYPE = 'custommessage.type'

interface TextRules {
  readonly what: string
  readonly max: number
  readonly lengthRule: string
  readonly placeholders: boolean
}

const requirePlaceholders = (text: string, path: string, context: ReplyContext): void => {
  const request = getOwn(context.event, 'request')
  const code = getOwn(request, 'codeParameter')
  // Lenient toward the event: without a codeParameter there is nothing to require.
  if (typeof code === 'string' && !text.includes(code)) {
    const message = 'must contain event.request.codeParameter, or no code reaches the user'
    fail('custommessage.code-parameter', path, message)
  }
  const username = getOwn(request, 'usernameParameter')
  const invitation = context.source === 'CustomMessage_AdminCreateUser'
  if (invitation && typeof username === 'string' && !text.includes(username)) {
    const message = 'must contain event.request.usernameParameter in an invitation'
    fail('custommessage.username-parameter', path, message)
  }
}

const text =
  ({ what, max, lengthRule, placeholders }: TextRules): Check =>
  (value, path, context) => {
    if (value === null) return
    if (typeof value !== 'string') return fail(TYPE, path, `must be a string or null, got ${describe(value)}`)
    // Cognito answers an empty message with "The message is empty."; null is how to keep its own.
    if (value.length === 0) {
      return fail('custommessage.empty', path, 'is an empty string; set null to keep the pool template')
    }
    if (placeholders) requirePlaceholders(value, path, context)
    checkLength(value, max, lengthRule, path, what)
  }

export const customMessageRules: FamilyRules = {
  keys: {
    smsMessage: text({ what: 'the SMS message', max: 140, lengthRule: 'custommessage.sms-length', placeholders: true }),
    emailMessage: text({
      what: 'the email message',
      max: 20_000,
      lengthRule: 'custommessage.email-length',
      placeholders: true,
    }),
    emailSubject: text({
      what: 'the email subject',
      max: 140,
      lengthRule: 'custommessage.subject-length',
      placeholders: false,
    }),
  },
}
