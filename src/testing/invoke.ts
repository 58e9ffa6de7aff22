// -- invoke ------------------------------------------------------------------------------------
// Runs a router or a single plugin on one event the way Lambda would, and says what Cognito
// would do with the outcome: pass the reply on, or refuse with `<Slot> failed with error <message>.`

import { randomUUID } from 'node:crypto'
import type { Context } from 'aws-lambda'
import { isTriggerSource, TRIGGERS } from '../catalogue.js'
import type { Logger } from '../logger.js'
import type { AnyPlugin } from '../plugin.js'
import { createRouter } from '../router.js'

/** The default function timeout of local runs, in ms: below Cognito's 5 s, like a well-set trigger Lambda. */
export const DEFAULT_TIMEOUT_MS = 4000

/** Options of {@link createLambdaContext}. */
export interface LambdaContextOptions {
  /** Default `cognito-trigger-router`. */
  readonly functionName?: string
  /** Default a fresh UUID, as on Lambda. */
  readonly requestId?: string
  /** The function timeout `getRemainingTimeInMillis()` counts down from, from the moment of the call. Default 4000. */
  readonly timeoutMs?: number
}

const unsupported = (method: string) => (): never => {
  throw new Error(`context.${method}() is not supported: return a value (or throw) from an async handler instead`)
}

/**
 * A Lambda context as the Node.js runtime builds it, whose remaining time counts down from
 * `timeoutMs`. The router reads `awsRequestId` (the reference in its generic message) and
 * `getRemainingTimeInMillis()` (its deadline is clamped to it).
 *
 * @example
 * ```ts
 * const context = createLambdaContext({ functionName: 'PreSignUp', timeoutMs: 4000 })
 * await router(event, context)
 * ```
 */
export const createLambdaContext = (options: LambdaContextOptions = {}): Context => {
  const functionName = options.functionName ?? 'cognito-trigger-router'
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const started = Date.now()
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '128',
    awsRequestId: options.requestId ?? randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `local/[$LATEST]${started.toString(16)}`,
    getRemainingTimeInMillis: () => Math.max(0, timeoutMs - (Date.now() - started)),
    done: unsupported('done'),
    fail: unsupported('fail'),
    succeed: unsupported('succeed'),
  }
}

/** A router (`createRouter`, `createRouterFromConfig`), any Lambda handler of Cognito events, or a plugin. */
export type InvokeTarget = ((event: never, context: Context) => unknown) | AnyPlugin

/** Options of {@link invoke}. */
export interface InvokeOptions {
  /** Lambda context fields to set, e.g. `awsRequestId` to know the reference in a generic message. */
  readonly context?: Partial<Context>
  /** The function timeout `getRemainingTimeInMillis()` counts down from. Default 4000. */
  readonly timeoutMs?: number
  /** For a plugin: the logger of the router it runs in. Default: lines are dropped. */
  readonly logger?: Logger
  /** For a plugin: the router's deadline in ms. Default the router's (3000). */
  readonly deadlineMs?: number
}

/** What Cognito would get: the reply, or a refusal and the text the user would see. */
export type InvokeResult<E> =
  | { readonly ok: true; readonly reply: E }
  | {
      readonly ok: false
      /** The Lambda error message, e.g. `[EMAIL_DOMAIN_NOT_ALLOWED] This email domain is not allowed to sign up`. */
      readonly message: string
      /** What Cognito shows the user: `PreSignUp failed with error [EMAIL_DOMAIN_NOT_ALLOWED] This email domain is not allowed to sign up.` */
      readonly shownToUser: string
    }

const drop = (): void => undefined
const silent: Logger = { debug: drop, info: drop, warn: drop, error: drop }

/**
 * The trigger name Cognito puts in front of "failed with error" for `event`: the slot of its
 * `triggerSource` (`PreTokenGeneration` for `TokenGeneration_*`), the part before `_` of a source
 * the catalogue does not know, or `Lambda` when there is none.
 */
export const slotOf = (event: unknown): string => {
  const source = typeof event === 'object' && event !== null ? (event as { triggerSource?: unknown }).triggerSource : undefined
  if (isTriggerSource(source)) return TRIGGERS[source].slot
  return typeof source === 'string' && source.includes('_') ? source.slice(0, source.indexOf('_')) : 'Lambda'
}

/** The text Cognito shows when the trigger for `event` fails with `message`. */
export const shownToUser = (event: unknown, message: string): string => `${slotOf(event)} failed with error ${message}.`

/**
 * Runs `target` on a copy of `event` (yours is left untouched) with a Lambda-like context. A
 * plugin runs inside `createRouter({ plugins: [plugin] })`, so it gets the router's guarantees:
 * envelope echo, merge, reply validation, fail closed.
 *
 * @example
 * ```ts
 * import { createEvent, invoke } from 'cognito-trigger-router/testing'
 * import { signupPolicy } from 'cognito-trigger-router/plugins'
 *
 * const result = await invoke(
 *   signupPolicy({ denyDomains: ['blocked.example'] }),
 *   createEvent('PreSignUp_SignUp', { userAttributes: { email: 'eve@blocked.example' } }),
 * )
 * if (!result.ok) console.log(result.shownToUser)
 * // PreSignUp failed with error [EMAIL_DOMAIN_NOT_ALLOWED] This email domain is not allowed to sign up.
 * ```
 */
export const invoke = async <E extends object>(target: InvokeTarget, event: E, options: InvokeOptions = {}): Promise<InvokeResult<E>> => {
  const handler =
    typeof target === 'function'
      ? target
      : createRouter({ plugins: [target], logger: options.logger ?? silent, deadlineMs: options.deadlineMs })
  const context: Context = { ...createLambdaContext({ timeoutMs: options.timeoutMs }), ...options.context }
  try {
    const reply = await (handler as (event: unknown, context: Context) => unknown)(structuredClone(event), context)
    return { ok: true, reply: reply as E }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    return { ok: false, message, shownToUser: shownToUser(event, message) }
  }
}
