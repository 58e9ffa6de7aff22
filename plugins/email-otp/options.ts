// -- email-otp options ---------------------------------------------------------------------
// Checked once, when the factory is called (cold start): a template without the code or a
// code too short to resist guessing must never reach a user's sign-in.

import type { SESv2Client } from '@aws-sdk/client-sesv2'
import { ConfigurationError } from '../../src/index.js'

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

const KEYS = [
  'from',
  'subject',
  'html',
  'text',
  'codeLength',
  'ttlSeconds',
  'maxAttempts',
  'configurationSetName',
  'client',
  'randomCode',
] as const

/** The placeholders templates may use. */
export const EMAIL_OTP_PLACEHOLDERS = ['code', 'minutes'] as const

const PLACEHOLDER = /\{\{(.*?)\}\}/gs

const kind = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value === 'number' ? String(value) : `a ${typeof value}`

const integer = (name: string, value: unknown, min: number, max: number, fallback: number): number => {
  if (value === undefined) return fallback
  if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
    throw new ConfigurationError(`"${name}" must be an integer from ${min} to ${max}, got ${kind(value)}`)
  }
  return value as number
}

// A line break in a header value is how header injection starts; SES would refuse it anyway,
// but on the first sign-in instead of at deployment.
const headerText = (name: string, value: unknown): string => {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ConfigurationError(`"${name}" must be a non-empty string, got ${kind(value)}`)
  }
  if (/[\r\n]/.test(value)) throw new ConfigurationError(`"${name}" must be a single line`)
  return value
}

const template = (name: string, value: unknown, needsCode: boolean): string | undefined => {
  if (value === undefined) return undefined
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ConfigurationError(`"${name}" must be a non-empty string, got ${kind(value)}`)
  }
  for (const [, inner] of value.matchAll(PLACEHOLDER)) {
    if (!(EMAIL_OTP_PLACEHOLDERS as readonly string[]).includes(inner as string)) {
      const known = EMAIL_OTP_PLACEHOLDERS.map((known) => `{{${known}}}`).join(' and ')
      throw new ConfigurationError(`"${name}" has an unknown placeholder {{${inner}}}; use ${known}`)
    }
  }
  if (needsCode && !value.includes('{{code}}')) throw new ConfigurationError(`"${name}" must contain {{code}}`)
  return value
}

/** Validates the options and applies the defaults. Throws a ConfigurationError naming the bad option. */
export const resolveEmailOtpOptions = (options: unknown): ResolvedEmailOtpOptions => {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new ConfigurationError(`options must be an object with "from", "subject" and "html" or "text", got ${kind(options)}`)
  }
  const given = options as Record<string, unknown>
  const unknown = Object.keys(given).filter((key) => !(KEYS as readonly string[]).includes(key))
  if (unknown.length > 0) {
    throw new ConfigurationError(`unknown option(s) ${unknown.map((key) => `"${key}"`).join(', ')}; known: ${KEYS.join(', ')}`)
  }
  const from = headerText('from', given.from)
  if (!from.includes('@')) throw new ConfigurationError('"from" must be an email address such as "no-reply@example.com"')
  const subject = template('subject', headerText('subject', given.subject), false) as string
  const html = template('html', given.html, true)
  const text = template('text', given.text, true)
  if (html === undefined && text === undefined) throw new ConfigurationError('one of "html" and "text" is required')
  const { configurationSetName, client, randomCode } = given
  if (configurationSetName !== undefined && (typeof configurationSetName !== 'string' || configurationSetName === '')) {
    throw new ConfigurationError(`"configurationSetName" must be a non-empty string, got ${kind(configurationSetName)}`)
  }
  if (client !== undefined && typeof (client as { send?: unknown } | null)?.send !== 'function') {
    throw new ConfigurationError('"client" must be an SESv2Client')
  }
  if (randomCode !== undefined && typeof randomCode !== 'function') {
    throw new ConfigurationError(`"randomCode" must be a function, got ${kind(randomCode)}`)
  }
  return Object.freeze({
    from,
    subject,
    html,
    text,
    codeLength: integer('codeLength', given.codeLength, 4, 10, 6),
    ttlSeconds: integer('ttlSeconds', given.ttlSeconds, 30, 900, 300),
    maxAttempts: integer('maxAttempts', given.maxAttempts, 1, 10, 3),
    configurationSetName: configurationSetName as string | undefined,
    client: client as SESv2Client | undefined,
    randomCode: randomCode as ((length: number) => string) | undefined,
  })
}

/** Fills a template. Codes are digits, so nothing needs escaping, even in HTML. */
export const render = (text: string, code: string, minutes: number): string =>
  text.replaceAll('{{code}}', code).replaceAll('{{minutes}}', String(minutes))
