// -- email-otp options ---------------------------------------------------------------------
// Checked once, when the factory is called (cold start): a template without the code or a
// code too short to resist guessing must never reach a user's sign-in.

import type { SESv2Client } from '@aws-sdk/client-sesv2'
import * as v from 'valibot'
import { ConfigurationError } from '../../src/index.js'
import { codeOnly, extendOptions, hasSend, parseOptions } from '../../src/options.js'
import { OBJECT } from './schema.js'
import { manifest } from './manifest.js'

export { EMAIL_OTP_PLACEHOLDERS } from './schema.js'

/** Options of {@link emailOtp}. Only `client` and `randomCode` are not available in the JSON configuration. */
export interface EmailOtpOptions {
  /** The sender, an SES verified identity: `"no-reply@example.com"` or `"Example <no-reply@example.com>"`. */
  from: string
  /** The email subject; may use `{{code}}` and `{{minutes}}`. */
  subject: string
  /** HTML body; must contain `{{code}}`. At least one of `html` and `text` is required. */
  html?: string
  /** Plain-text body; must contain `{{code}}`. */
  text?: string
  /** Digits in the code, 4 to 10. Default 6. */
  codeLength?: number
  /** How long a code stays valid, 30 to 900 seconds. Default 300. */
  ttlSeconds?: number
  /** Wrong answers before the sign-in fails, 1 to 10. Default 3. */
  maxAttempts?: number
  /** An SES configuration set for delivery events (bounces, complaints). */
  configurationSetName?: string
  /** The SES client to use; default: one created on the first email, with the Lambda's region and credentials. */
  client?: SESv2Client
  /**
   * Makes codes; default: `node:crypto` `randomInt`. For tests only: a predictable generator
   * makes every code guessable. Its result must be `length` ASCII digits, or the sign-in fails.
   */
  randomCode?: (length: number) => string
}

/** The options with defaults applied. */
export interface ResolvedEmailOtpOptions {
  readonly from: string
  readonly subject: string
  readonly html: string | undefined
  readonly text: string | undefined
  readonly codeLength: number
  readonly ttlSeconds: number
  readonly maxAttempts: number
  readonly configurationSetName: string | undefined
  readonly client: SESv2Client | undefined
  readonly randomCode: ((length: number) => string) | undefined
}

const codeOptions = extendOptions(
  manifest.options,
  {
    client: v.optional(codeOnly<SESv2Client>(hasSend, 'must be an SESv2Client')),
    randomCode: v.optional(codeOnly<(length: number) => string>((value) => typeof value === 'function', 'must be a function')),
  },
  OBJECT,
)

/** Validates the options and applies the defaults. Throws a ConfigurationError naming the bad option. */
export const resolveEmailOtpOptions = (options: unknown): ResolvedEmailOtpOptions => {
  const given = parseOptions(codeOptions, options)
  if (given.html === undefined && given.text === undefined) throw new ConfigurationError('one of "html" and "text" is required')
  return Object.freeze({
    from: given.from,
    subject: given.subject,
    html: given.html,
    text: given.text,
    codeLength: given.codeLength ?? 6,
    ttlSeconds: given.ttlSeconds ?? 300,
    maxAttempts: given.maxAttempts ?? 3,
    configurationSetName: given.configurationSetName,
    client: given.client,
    randomCode: given.randomCode,
  })
}

/** Fills a template. Codes are digits, so nothing needs escaping, even in HTML. */
export const render = (text: string, code: string, minutes: number): string =>
  text.replaceAll('{{code}}', code).replaceAll('{{minutes}}', String(minutes))
