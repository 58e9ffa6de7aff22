// -- error vocabulary ----------------------------------------------------------
// Cognito shows the thrown message to the end user as `<Trigger> failed with error <message>.`
// ("Customizing user pool workflows with Lambda triggers", Amazon Cognito developer guide).
// Only UserFacingError messages may get there, as `[CODE] message` when they carry a code;
// everything else is replaced by `[INTERNAL_ERROR]` and a generic message with a correlation id
// before the router rethrows (src/middleware/fail-closed.ts).

import { describe } from './json.js'

/** Base class of every error this package throws. */
export class CognitoTriggerRouterError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = new.target.name
  }
}

/** What a {@link UserFacingError} code is made of: upper-case ASCII letters, digits and underscores. */
export const ERROR_CODE_PATTERN = /^[A-Z0-9_]+$/

/** The code of the generic message, for every error that is not a UserFacingError. */
export const INTERNAL_ERROR_CODE = 'INTERNAL_ERROR'

/** Options of {@link UserFacingError}. */
export interface UserFacingErrorOptions {
  /**
   * A stable, machine-readable code an app can translate or branch on, matching
   * {@link ERROR_CODE_PATTERN} (`EMAIL_DOMAIN_NOT_ALLOWED`). The user sees it before the message:
   * `PreSignUp failed with error [EMAIL_DOMAIN_NOT_ALLOWED] <message>.`
   */
  code?: string
  /** What caused the refusal; logged, never shown. */
  cause?: unknown
}

/** A {@link UserFacingError} was given a code that does not match {@link ERROR_CODE_PATTERN}. */
export class InvalidErrorCodeError extends CognitoTriggerRouterError {
  /** The code as given. */
  readonly code: unknown
  constructor(code: unknown) {
    super(`UserFacingError code must be upper-case letters, digits and underscores (/^[A-Z0-9_]+$/), got ${typeof code === 'string' ? `"${code}"` : describe(code)}`)
    this.code = code
  }
}

/**
 * The only error whose message reaches the end user. Throw it from a plugin to refuse an
 * operation with a message fit for the sign-up or sign-in screen, and give it a `code` an app can
 * translate (`parseTriggerError` from `cognito-trigger-router/client` reads it back). A code that
 * does not match {@link ERROR_CODE_PATTERN} throws an {@link InvalidErrorCodeError} here, at
 * construction, so the invocation fails closed with the generic message.
 *
 * @example
 * ```ts
 * import { definePlugin, UserFacingError } from 'cognito-trigger-router'
 *
 * export const noTestAccounts = definePlugin({
 *   name: 'no-test-accounts',
 *   triggers: ['PreSignUp_SignUp'],
 *   handler: (event) => {
 *     if (event.request.userAttributes.email?.endsWith('@example.test')) {
 *       // The user sees: "PreSignUp failed with error [TEST_ADDRESS] Test addresses cannot sign up."
 *       throw new UserFacingError('Test addresses cannot sign up', { code: 'TEST_ADDRESS' })
 *     }
 *   },
 * })
 * ```
 */
export class UserFacingError extends CognitoTriggerRouterError {
  /** The machine-readable code, when one was given. */
  readonly code: string | undefined
  constructor(message: string, options?: UserFacingErrorOptions) {
    const code = options?.code
    if (code !== undefined && (typeof code !== 'string' || !ERROR_CODE_PATTERN.test(code))) throw new InvalidErrorCodeError(code)
    super(message, options !== undefined && 'cause' in options ? { cause: options.cause } : undefined)
    this.code = code
  }
}

/** A router option or plugin registration is wrong. Thrown at cold start, never per request. */
export class ConfigurationError extends CognitoTriggerRouterError {}

/** The event is not a Cognito trigger event: not an object, no string `triggerSource`, or no `request` object. */
export class MalformedEventError extends CognitoTriggerRouterError {}

/** A plugin threw or rejected. The original error, whatever its type, is the `cause`. */
export class PluginError extends CognitoTriggerRouterError {
  readonly plugin: string
  constructor(plugin: string, cause: unknown) {
    super(`plugin "${plugin}" failed: ${summarize(cause)}`, { cause })
    this.plugin = plugin
  }
}

/** The router's time budget ran out before the plugins finished (Cognito gives up after 5 s). */
export class DeadlineExceededError extends CognitoTriggerRouterError {
  readonly budgetMs: number
  readonly plugin: string | undefined
  constructor(budgetMs: number, plugin?: string) {
    super(`deadline of ${budgetMs} ms exceeded${plugin ? ` while plugin "${plugin}" was running` : ''}`)
    this.budgetMs = budgetMs
    this.plugin = plugin
  }
}

/** The reply breaks a rule Cognito applies (src/validation/index.ts lists them). `rule` names it; `path` points into `response`. */
export class InvalidReplyError extends CognitoTriggerRouterError {
  readonly rule: string
  readonly path: string
  constructor(rule: string, path: string, message: string) {
    super(`invalid reply${path === '' ? '' : ` at response.${path}`}: ${message} [${rule}]`)
    this.rule = rule
    this.path = path
  }
}

/** Two plugins set values that cannot be reconciled safely (two different `challengeName`s). */
export class MergeConflictError extends CognitoTriggerRouterError {
  readonly plugins: readonly [string, string]
  constructor(key: string, first: string, second: string) {
    super(`plugins "${first}" and "${second}" set different values for response.${key}`)
    this.plugins = [first, second]
  }
}

/** A custom sender event arrived and no plugin handles it: the code would never be delivered. */
export class MissingSenderPluginError extends CognitoTriggerRouterError {
  constructor(triggerSource: string) {
    super(`no plugin handles ${triggerSource}: the code would never be delivered`)
  }
}

/**
 * What the router actually throws to Lambda, and so to Cognito. Its message is a UserFacingError
 * message (`[CODE] message` when it has a code) or `[INTERNAL_ERROR]` and the generic message; it
 * never carries a `cause`, because the Lambda runtime serializes whatever the thrown error holds.
 */
export class TriggerRejectedError extends CognitoTriggerRouterError {
  /** The Lambda request id, also present in the error log line, to correlate the two. */
  readonly correlationId: string
  /** The code in the message: the UserFacingError's, `INTERNAL_ERROR`, or undefined for a UserFacingError without one. */
  readonly code: string | undefined
  constructor(message: string, correlationId: string, code?: string) {
    super(message)
    this.correlationId = correlationId
    this.code = code
  }
}

/** A short description of any thrown value, for internal logs and error messages only. */
export const summarize = (value: unknown): string => {
  if (value instanceof Error) return `${value.name}: ${value.message}`
  if (typeof value === 'string') return value
  try {
    return `non-Error value ${JSON.stringify(value) ?? String(value)}`
  } catch {
    return `non-Error value of type ${typeof value}`
  }
}
