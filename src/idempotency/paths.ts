// -- idempotency: which event paths a key may be made of ----------------------------------------
// Apart from ./key.ts so that checking the option at cold start (./options.ts) does not load the
// key's hashing code, which the router imports only when the `idempotency` option is on.

/**
 * How a plugin's idempotency key is chosen: dotted paths into the event (see
 * {@link DEFAULT_KEY_PATHS}), or a function that returns any JSON value identifying the request.
 */
export type IdempotencyKeySource = readonly string[] | ((event: Readonly<Record<string, unknown>>) => unknown)

/**
 * The fields that make up a key unless a plugin says otherwise: the pool, the trigger, the user,
 * the app client and the whole request body (minus {@link KEY_EXCLUDED_PATHS}). The plugin's name
 * is always added, so two plugins on one event never share a record.
 *
 * UNCONFIRMED: AWS documents that Cognito retries a synchronous trigger that did not answer within
 * 5 seconds, up to three attempts ("Customizing user pool workflows with Lambda triggers",
 * https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-working-with-lambda-triggers.html),
 * but not that the retried event is byte for byte the same. Nothing in a trigger event changes
 * per attempt as far as any sample shows; should a field do so, a retry gets a new key and the
 * side effect runs again (the behaviour without idempotency), never the reverse.
 *
 * Left out on purpose:
 * - `request.password` (UserMigration): a plaintext password must not reach a store, even hashed
 *   with the rest (SHA-256 is fast to brute-force when the other fields are known).
 * - `version`, `region`, `callerContext.awsSdkVersion`: describe the caller, not the request
 *   (`userPoolId` already names the region).
 * - `response`: the defaults Cognito sends, not part of what was asked.
 *
 * Kept on purpose: `request.code` of the custom sender triggers. It is AWS Encryption SDK
 * ciphertext ("Custom email sender Lambda trigger",
 * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-custom-email-sender.html),
 * and Encryption SDK messages are never the same twice (a fresh data key per message), so each
 * new code (a ResendCode, a new sign-up) has a new key and is delivered. Lambda retries an
 * asynchronous invocation with the same event ("Asynchronous invocation",
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html), so the same ciphertext comes
 * back and the retry is recognised. Leaving the code out would instead swallow a legitimate resend
 * within the window, and the user could be left without a valid code.
 *
 * Caveat: Cognito events carry no request id. Two genuinely separate requests whose events are
 * equal (the same user signing in twice, a PostAuthentication with the same attributes) cannot be
 * told apart from a retry, so within the window the second one is replayed, not run. Keep the
 * window of such plugins short (Cognito's three attempts fit in 15 seconds).
 *
 * @example
 * ```ts
 * // The default key, plus what the client sent for this one call.
 * const key = [...DEFAULT_KEY_PATHS, 'request.clientMetadata.requestId']
 * ```
 */
export const DEFAULT_KEY_PATHS: readonly string[] = Object.freeze([
  'userPoolId',
  'triggerSource',
  'userName',
  'callerContext.clientId',
  'request',
])

/** Paths never part of a key, even under a selected parent (`request` drops its `password`). */
export const KEY_EXCLUDED_PATHS: readonly string[] = Object.freeze(['request.password'])

/** A key path: dot-separated, non-empty segments. */
export const KEY_PATH_PATTERN = /^[^.]+(\.[^.]+)*$/

/** Whether `path` is, or lies under, a path that must never be part of a key. */
export const isExcludedKeyPath = (path: string): boolean =>
  KEY_EXCLUDED_PATHS.some((excluded) => path === excluded || path.startsWith(`${excluded}.`))
