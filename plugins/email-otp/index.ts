// -- email-otp -------------------------------------------------------------------------------
// Passwordless sign-in with a one-time code sent by email, through Cognito's CUSTOM_AUTH flow
// (AWS docs: "Custom authentication challenge Lambda triggers"). The code travels only in privateChallengeParameters, which Cognito
// keeps server-side and hands to VerifyAuthChallengeResponse alone.

import type { SendEmailCommandInput, SESv2Client } from '@aws-sdk/client-sesv2'
import {
  definePlugin,
  type CreateAuthChallengeEvent,
  type DefineAuthChallengeEvent,
  type Plugin,
  type PluginContext,
  type VerifyAuthChallengeResponseEvent,
} from '../../src/index.js'
import { judge, METADATA_PREFIX, nextStep, randomDigits } from './challenge.js'
import { render, resolveEmailOtpOptions, type EmailOtpOptions, type ResolvedEmailOtpOptions } from './options.js'
import { errorWithoutSecrets } from '../../src/redaction/scrub.js'

export { EMAIL_OTP_PLACEHOLDERS, type EmailOtpOptions } from './options.js'
export { manifest as emailOtpManifest } from './manifest.js'

/** The trigger sources the plugin handles: the three custom authentication triggers. */
export const EMAIL_OTP_TRIGGERS = [
  'DefineAuthChallenge_Authentication',
  'CreateAuthChallenge_Authentication',
  'VerifyAuthChallengeResponse_Authentication',
] as const

/** Why a challenge could not be created. Internal: users see the router's generic message. */
export class EmailOtpError extends Error {
  override readonly name = 'EmailOtpError'
}

const CHALLENGE = { challengeName: 'CUSTOM_CHALLENGE', issueTokens: false, failAuthentication: false } as const
const TOKENS = { issueTokens: true, failAuthentication: false } as const
const FAIL = { issueTokens: false, failAuthentication: true } as const

const define = (event: DefineAuthChallengeEvent, { logger }: PluginContext, config: ResolvedEmailOtpOptions) => {
  const step = nextStep(event.request.session, config.maxAttempts)
  const attempts = Array.isArray(event.request.session) ? event.request.session.length : undefined
  // A session we did not expect is worth a look: a client trying a password or another flow.
  const level = step.outcome === 'fail' && step.reason !== 'too-many-attempts' ? 'warn' : 'info'
  logger[level]('email OTP: next step decided', { outcome: step.outcome, reason: step.reason, attempts })
  return step.outcome === 'challenge' ? CHALLENGE : step.outcome === 'tokens' ? TOKENS : FAIL
}

const newCode = (config: ResolvedEmailOtpOptions): string => {
  const code = (config.randomCode ?? randomDigits)(config.codeLength)
  if (typeof code !== 'string' || code.length !== config.codeLength || !/^[0-9]+$/.test(code)) {
    throw new EmailOtpError(`randomCode did not return ${config.codeLength} digits`)
  }
  return code
}

const verifiedEmail = (attributes: unknown): string | undefined => {
  if (typeof attributes !== 'object' || attributes === null) return undefined
  const { email, email_verified: verified } = Object.fromEntries(Object.entries(attributes))
  return typeof email === 'string' && email !== '' && verified === 'true' ? email : undefined
}

/** Loads SES on first use: the client and the command class. */
type LoadSes = () => Promise<{ client: SESv2Client; SendEmailCommand: typeof import('@aws-sdk/client-sesv2').SendEmailCommand }>

const create = async (event: CreateAuthChallengeEvent, context: PluginContext, config: ResolvedEmailOtpOptions, ses: LoadSes) => {
  const { request } = event
  if (request.challengeName !== 'CUSTOM_CHALLENGE') throw new EmailOtpError('asked to create a challenge other than CUSTOM_CHALLENGE')
  if (!Array.isArray(request.session)) throw new EmailOtpError('request.session is not an array')
  const attempt = request.session.length + 1
  const code = newCode(config)
  const reply = {
    // Identical for every user, known or not, so the client learns nothing about the account.
    publicChallengeParameters: { delivery: 'EMAIL', codeLength: String(config.codeLength) },
    privateChallengeParameters: { code, expiresAt: String(Date.now() + config.ttlSeconds * 1000) },
    challengeMetadata: `${METADATA_PREFIX}${attempt}`,
  }
  if (request.userNotFound === true) {
    context.logger.info('email OTP: challenge created for an unknown user; no email sent', { attempt })
    return reply
  }
  // An unverified address may belong to someone else: a code sent there signs them in.
  const email = verifiedEmail(request.userAttributes)
  if (email === undefined) throw new EmailOtpError('the user has no verified email address; no code sent')
  const minutes = Math.ceil(config.ttlSeconds / 60)
  const body: NonNullable<NonNullable<SendEmailCommandInput['Content']>['Simple']>['Body'] = {}
  if (config.html !== undefined) body.Html = { Data: render(config.html, code, minutes), Charset: 'UTF-8' }
  if (config.text !== undefined) body.Text = { Data: render(config.text, code, minutes), Charset: 'UTF-8' }
  const input: SendEmailCommandInput = {
    FromEmailAddress: config.from,
    Destination: { ToAddresses: [email] },
    Content: { Simple: { Subject: { Data: render(config.subject, code, minutes), Charset: 'UTF-8' }, Body: body } },
    ...(config.configurationSetName === undefined ? {} : { ConfigurationSetName: config.configurationSetName }),
  }
  try {
    const { SendEmailCommand, client } = await ses()
    await client.send(new SendEmailCommand(input), { abortSignal: context.signal })
  } catch (error) {
    // SES may quote the subject or the body, which hold the code, and the address: the router
    // logs the cause, and can scrub only what the event holds (the address, not the code).
    const rendered = [input.Content?.Simple?.Subject?.Data, body.Html?.Data, body.Text?.Data]
    const cause = errorWithoutSecrets(error, [code, email, ...rendered.filter((text) => text !== undefined)])
    throw new EmailOtpError('SES did not send the email with the code', { cause })
  }
  context.logger.info('email OTP: code sent', { attempt })
  return reply
}

const verify = (event: VerifyAuthChallengeResponseEvent, { logger }: PluginContext) => {
  // PreventUserExistenceErrors: an unknown user gets the same challenge, and every answer is wrong.
  if (event.request.userNotFound === true) {
    logger.info('email OTP: answer refused', { verdict: 'unknown-user' })
    return { answerCorrect: false }
  }
  const verdict = judge(event.request.privateChallengeParameters, event.request.challengeAnswer, Date.now())
  logger[verdict === 'malformed-parameters' ? 'warn' : 'info'](`email OTP: answer ${verdict === 'correct' ? 'accepted' : 'refused'}`, { verdict })
  return { answerCorrect: verdict === 'correct' }
}

/**
 * Passwordless sign-in with a one-time code sent by email (CUSTOM_AUTH). Handles
 * DefineAuthChallenge, CreateAuthChallenge and VerifyAuthChallengeResponse; attach the router to
 * all three slots and let the app client use `CUSTOM_AUTH` without SRP. Options are checked now;
 * a mistake throws a ConfigurationError naming the option.
 *
 * @example
 * ```ts
 * import { createRouter } from 'cognito-trigger-router'
 * import { emailOtp } from 'cognito-trigger-router/plugins'
 *
 * export const handler = createRouter({
 *   plugins: [
 *     emailOtp({
 *       from: 'Example <no-reply@example.com>',
 *       subject: 'Your sign-in code',
 *       text: 'Your code is {{code}}. It expires in {{minutes}} minutes.',
 *     }),
 *   ],
 * })
 * ```
 */
export const emailOtp = (options: EmailOtpOptions): Plugin<typeof EMAIL_OTP_TRIGGERS> => {
  const config = resolveEmailOtpOptions(options)
  // Created on the first email, so cold starts of the other triggers pay nothing for SES.
  let client = config.client
  // The SDK module takes ~100 ms to import: load it on the first code sent, not at cold start.
  const ses: LoadSes = async () => {
    const { SESv2Client, SendEmailCommand } = await import('@aws-sdk/client-sesv2')
    return { SendEmailCommand, client: (client ??= new SESv2Client({})) }
  }
  return definePlugin({
    name: 'email-otp',
    triggers: EMAIL_OTP_TRIGGERS,
    // Only CreateAuthChallenge sends (the code by email); the other two steps only decide.
    sideEffects: ['CreateAuthChallenge_Authentication'],
    handler: (event, context) => {
      switch (event.triggerSource) {
        case 'DefineAuthChallenge_Authentication':
          return define(event, context, config)
        case 'CreateAuthChallenge_Authentication':
          return create(event, context, config, ses)
        case 'VerifyAuthChallengeResponse_Authentication':
          return verify(event, context)
      }
    },
  })
}
