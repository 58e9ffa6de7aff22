// -- reading a trigger's refusal in the app ------------------------------------------------------
// Cognito hands a trigger's thrown error to the app as `UserLambdaValidationException` with the
// message `<Trigger> failed with error <message>.` (AWS Developer Guide, "Customizing user pool
// workflows with Lambda triggers":
// https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-working-with-lambda-triggers.html).
// The router puts a UserFacingError's code in front of its message as `[CODE] `, and its generic
// message ends in `(reference <requestId>)` (src/middleware/fail-closed.ts). This entry reads both
// back. It imports nothing, not even the rest of this package, so it runs in any browser or app
// and costs a bundle a few hundred bytes (measured by `npm run bench`, bounded by
// test/unit/client/bundle.test.ts).

/** What a trigger's refusal says, read from the error a Cognito client threw. */
export interface TriggerErrorInfo {
  /**
   * The trigger Cognito names in front of "failed with error": `PreSignUp`, `PreAuthentication`,
   * `UserMigration`, … (the `LambdaConfig` slot, not the `triggerSource`).
   */
  trigger: string
  /**
   * The code of `UserFacingError(message, { code })`, such as `EMAIL_DOMAIN_NOT_ALLOWED`, or
   * `INTERNAL_ERROR` for the router's generic message. Undefined when the error carried none.
   * Codes are open-ended: each plugin documents its own.
   */
  code: string | undefined
  /** The text meant for the user, without the code and without the period Cognito appends. */
  message: string
  /** The Lambda request id when the message carries `(reference <id>)`; it is in the error log line too. */
  requestId: string | undefined
}

// The names a refusal arrives under: the service's exception name (AWS SDK v3 and Amplify v6 `name`,
// amazon-cognito-identity-js `name` and `code`), and Amplify v6's name for a managed login redirect
// that came back with an `error_description` (its completeOAuthFlow).
const NAMES: readonly unknown[] = ['UserLambdaValidationException', 'OAuthSignInException']

// `<Trigger> failed with error [<CODE>] <message>.`: the code and the final period are optional. The
// code must be followed by a space or the end, so `[a-z] only` or `[BETA]x` stay part of the message.
const FORM = /^([A-Za-z]+) failed with error (?:\[([A-Z0-9_]+)\](?: |(?=\.?$)))?([\s\S]*?)\.?$/
const REFERENCE = /\(reference ([^\s()]+)\)/

const parseText = (text: string): TriggerErrorInfo | undefined => {
  // Managed login's `error_description` ends in ". " after URL decoding: trim before matching.
  const match = FORM.exec(text.trim())
  if (!match) return undefined
  // Groups 1 and 3 take part in every match; group 2 only when there is a code.
  const [, trigger, code, message] = match as unknown as [string, string, string | undefined, string]
  return { trigger, code, message, requestId: REFERENCE.exec(message)?.[1] }
}

const parseObject = (error: unknown, nested: boolean): TriggerErrorInfo | undefined => {
  if (typeof error !== 'object' || error === null) return undefined
  const { name, code, message, underlyingError, cause } = error as Record<string, unknown>
  if (typeof message === 'string' && (NAMES.includes(name) || NAMES.includes(code))) return parseText(message)
  // An app (or a library) that wrapped the client's error keeps it as `underlyingError` (Amplify's
  // name) or `cause`; one level only, so a cycle of causes cannot loop.
  return nested ? undefined : (parseObject(underlyingError, true) ?? parseObject(cause, true))
}

/**
 * Reads a trigger's refusal from what a Cognito client threw: the AWS SDK v3's
 * `UserLambdaValidationException`, Amplify v6's `AuthError` (also `OAuthSignInException` after a
 * managed login redirect), or amazon-cognito-identity-js's error with `code`. Also accepts the bare
 * message string, such as managed login's `error_description` query parameter. Returns undefined for
 * anything else: another exception (`UnexpectedLambdaException` when Cognito could not invoke the
 * function, `NotAuthorizedException`, …), a message of another form, or a value that is not an error.
 * A wrapped error is read through one level of `underlyingError` or `cause`.
 *
 * The message Cognito returns for `new UserFacingError(message, { code })` is
 * `<Trigger> failed with error [<CODE>] <message>.`, with CODE of `A-Z`, `0-9` and `_`; without a
 * code it is `<Trigger> failed with error <message>.`; the router's generic message is
 * `<Trigger> failed with error [INTERNAL_ERROR] We could not complete your request (reference <requestId>).`
 *
 * @example
 * ```ts
 * import { CognitoIdentityProviderClient, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider'
 * import { parseTriggerError } from 'cognito-trigger-router/client'
 *
 * // Your translations, keyed by code; anything without one falls back to the English message.
 * const german: Record<string, string> = {
 *   EMAIL_DOMAIN_NOT_ALLOWED: 'Bitte registrieren Sie sich mit Ihrer Firmenadresse.',
 *   INTERNAL_ERROR: 'Das hat leider nicht geklappt. Bitte versuchen Sie es später noch einmal.',
 * }
 *
 * try {
 *   await client.send(new SignUpCommand({ ClientId: clientId, Username: email, Password: password }))
 * } catch (error) {
 *   const refusal = parseTriggerError(error)
 *   if (refusal === undefined) throw error // not a trigger's refusal: handle it as before
 *   const text = (refusal.code && german[refusal.code]) || refusal.message
 *   showError(refusal.requestId ? `${text} (Referenz ${refusal.requestId})` : text)
 * }
 * ```
 */
export const parseTriggerError = (error: unknown): TriggerErrorInfo | undefined =>
  typeof error === 'string' ? parseText(error) : parseObject(error, false)
