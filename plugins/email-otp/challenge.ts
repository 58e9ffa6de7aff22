// -- email-otp decisions -------------------------------------------------------------------
// The security of the flow lives here: which session leads to tokens, how codes are made and
// how answers are judged. Everything is pure so that each rule can be tested on its own.

// node:crypto is loaded on the first code, not at cold start, where importing it costs milliseconds
// of every trigger's start-up (the Lambda bundle holds every plugin).
const crypto = () => process.getBuiltinModule('node:crypto')

/** `challengeMetadata` of attempt n is `EMAIL_OTP-<n>`; Cognito copies it into the session. */
export const METADATA_PREFIX = 'EMAIL_OTP-'

/** What DefineAuthChallenge answers, and why (for the log line). */
export type Step =
  | { readonly outcome: 'challenge'; readonly reason: 'first-attempt' | 'retry' }
  | { readonly outcome: 'tokens'; readonly reason: 'answered' }
  | {
      readonly outcome: 'fail'
      readonly reason: 'malformed-session' | 'foreign-challenge' | 'answer-after-success' | 'too-many-attempts'
    }

const own = (value: object, key: string): unknown => (Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined)

// Only our own challenges count: a PASSWORD_VERIFIER, an MFA step or another plugin's custom
// challenge must never be mistaken for a correct code, even if its result is true.
const isOurAttempt = (entry: unknown, index: number): boolean =>
  typeof entry === 'object' &&
  entry !== null &&
  own(entry, 'challengeName') === 'CUSTOM_CHALLENGE' &&
  typeof own(entry, 'challengeResult') === 'boolean' &&
  own(entry, 'challengeMetadata') === `${METADATA_PREFIX}${index + 1}`

/**
 * The next step of a pure CUSTOM_AUTH flow, from the session Cognito sends to DefineAuthChallenge.
 * Tokens only when every entry is one of our attempts, in order, and the last one, only the last,
 * was answered correctly.
 */
export const nextStep = (session: unknown, maxAttempts: number): Step => {
  if (!Array.isArray(session)) return { outcome: 'fail', reason: 'malformed-session' }
  if (session.length === 0) return { outcome: 'challenge', reason: 'first-attempt' }
  for (const [index, entry] of session.entries()) {
    if (!isOurAttempt(entry, index)) return { outcome: 'fail', reason: 'foreign-challenge' }
    if (own(entry, 'challengeResult') === true && index !== session.length - 1) {
      return { outcome: 'fail', reason: 'answer-after-success' }
    }
  }
  if (own(session.at(-1) as object, 'challengeResult') === true) return { outcome: 'tokens', reason: 'answered' }
  if (session.length >= maxAttempts) return { outcome: 'fail', reason: 'too-many-attempts' }
  return { outcome: 'challenge', reason: 'retry' }
}

/** `length` uniformly random decimal digits, leading zeros kept. */
export const randomDigits = (length: number): string => crypto().randomInt(0, 10 ** length).toString().padStart(length, '0')

/** Why an answer was accepted or refused (for the log line; never the answer itself). */
export type Verdict = 'correct' | 'wrong' | 'expired' | 'malformed-parameters' | 'malformed-answer'

const CODE = /^[0-9]{4,10}$/
const EPOCH_MS = /^[0-9]{1,16}$/

// Both sides are hashed first, so timingSafeEqual always compares 32 bytes: neither the
// position of the first wrong digit nor the length of the code shows in the timing.
const digest = (text: string): Buffer => crypto().createHash('sha256').update(text, 'utf8').digest()

/**
 * Judges an answer against the private parameters of the current challenge. Anything
 * unexpected (parameters missing or malformed, an answer that is not a string) is refused.
 */
export const judge = (parameters: unknown, answer: unknown, now: number): Verdict => {
  const code = typeof parameters === 'object' && parameters !== null ? own(parameters, 'code') : undefined
  const expiresAt = typeof parameters === 'object' && parameters !== null ? own(parameters, 'expiresAt') : undefined
  if (typeof code !== 'string' || !CODE.test(code) || typeof expiresAt !== 'string' || !EPOCH_MS.test(expiresAt)) {
    return 'malformed-parameters'
  }
  if (typeof answer !== 'string') return 'malformed-answer'
  const same = crypto().timingSafeEqual(digest(answer), digest(code))
  if (now > Number(expiresAt)) return 'expired'
  return same ? 'correct' : 'wrong'
}
