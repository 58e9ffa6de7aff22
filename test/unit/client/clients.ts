// What each Cognito client library throws when a trigger refuses, built from the message Cognito
// returned. The AWS SDK v3 error is the SDK's own class; the others are not dependencies of this
// project, so their error shapes are rebuilt here from their source, cited per entry.
import { UserLambdaValidationException } from '@aws-sdk/client-cognito-identity-provider'

/**
 * Amplify v6's `AuthError`: `AmplifyError` (amplify-js packages/core/src/errors/AmplifyError.ts)
 * with nothing added; an Error whose `name` is given, plus `recoverySuggestion` and `underlyingError`.
 */
export class AmplifyAuthError extends Error {
  readonly recoverySuggestion: string | undefined
  readonly underlyingError: unknown
  constructor(params: { name: string; message: string; recoverySuggestion?: string; underlyingError?: unknown }) {
    super(params.message)
    this.name = params.name
    this.recoverySuggestion = params.recoverySuggestion
    this.underlyingError = params.underlyingError
  }
}

/**
 * amazon-cognito-identity-js's `CognitoError`, what its promise-returning calls reject with
 * (amplify-js packages/amazon-cognito-identity-js/src/Client.js, `promisifyRequest`).
 */
export class CognitoError extends Error {
  constructor(
    message: string,
    readonly code: string,
    name: string,
    readonly statusCode: number | undefined,
  ) {
    super(message)
    this.name = name
  }
}

/** The AWS SDK v3: the service exception, as the SDK's JSON protocol deserializer builds it. */
export const awsSdkV3 = (message: string): Error =>
  new UserLambdaValidationException({
    message,
    $metadata: { httpStatusCode: 400, requestId: '4cd22348-1937-4cde-ac5c-d420f39a0ce7', attempts: 1, totalRetryDelay: 0 },
  })

/**
 * Each client's error for Cognito's refusal `message`, by the client's name. A managed login
 * refusal comes back in the redirect as `error_description` with a space after Cognito's period
 * (`PreSignUp+failed+with+error+User+already+exists..+`, amplify-js issue #14063).
 */
export const CLIENTS: Readonly<Record<string, (message: string) => unknown>> = {
  'the AWS SDK v3': awsSdkV3,
  // createUserPoolDeserializer: `new AuthError({ name: error.name, message: error.message })`.
  'Amplify v6': (message) => new AmplifyAuthError({ name: 'UserLambdaValidationException', message }),
  // completeOAuthFlow: createOAuthError(error_description), named AuthErrorCodes.OAuthSignInError.
  'Amplify v6 after a managed login redirect': (message) =>
    new AmplifyAuthError({
      name: 'OAuthSignInException',
      message: `${message} `,
      recoverySuggestion: "Couldn't finish OAuth flow, check your User Pool HostedUI settings",
    }),
  // Client.js `request`: `new Error(message)` with `name` and `code` set to the exception name.
  'amazon-cognito-identity-js (callback)': (message) =>
    Object.assign(new Error(message), { name: 'UserLambdaValidationException', code: 'UserLambdaValidationException' }),
  'amazon-cognito-identity-js (promise)': (message) => new CognitoError(message, 'UserLambdaValidationException', 'UserLambdaValidationException', undefined),
  // JSON.parse of a logged or forwarded amazon-cognito-identity-js error: a plain object.
  'a plain { code, name, message } object': (message) => ({ code: 'UserLambdaValidationException', name: 'UserLambdaValidationException', message }),
  // A server that forwards only `{ code, message }` of the error it caught.
  'a forwarded { code, message } object': (message) => ({ code: 'UserLambdaValidationException', message }),
  "managed login's error_description": (message) => new URLSearchParams({ error_description: `${message} `, error: 'invalid_request' }).get('error_description'),
}
