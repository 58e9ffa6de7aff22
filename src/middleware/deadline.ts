// -- deadline --------------------------------------------------------------------------
// Cognito abandons a call after 5 s and retries it (§4.1), so a slow trigger repeats its side
// effects. The budget is enforced by racing work against an AbortSignal, well before Cognito's
// limit and never past the Lambda's own remaining time.

import type { MiddlewareObj, Request } from '@middy/core'
import type { Context } from 'aws-lambda'
import { ConfigurationError, DeadlineExceededError } from '../errors.js'

/** The per-invocation budget, available to handlers as `context.cognitoDeadline`. */
export interface Deadline {
  /** Aborted, with a DeadlineExceededError as its reason, when the budget runs out. */
  readonly signal: AbortSignal
  readonly budgetMs: number
  remainingTimeInMillis(): number
  /** Settles like `work`, or rejects with DeadlineExceededError (naming `label`) once the budget runs out. */
  race<T>(work: Promise<T>, label?: string): Promise<T>
}

/** The Lambda context once {@link cognitoDeadline} has run. */
export interface DeadlineContext extends Context {
  cognitoDeadline: Deadline
}

export interface DeadlineOptions {
  /** Budget from the start of the handler. Default 3000: well under Cognito's 5 s, leaving room for a cold start. */
  budgetMs?: number
  /** Kept free before the Lambda's own timeout, to send the rejection. Default 100. */
  safetyMarginMs?: number
  /** Reject a handler that finished after the budget. Default true. */
  rejectLate?: boolean
}

const defaults = { budgetMs: 3000, safetyMarginMs: 100, rejectLate: true }

/** Checks deadline options at cold start; Cognito's 5 s limit cannot be changed, so neither can a larger budget help. */
export const cognitoDeadlineValidateOptions = (options: DeadlineOptions): void => {
  for (const key of Object.keys(options)) {
    if (!Object.hasOwn(defaults, key)) throw new ConfigurationError(`cognitoDeadline: unknown option "${key}"`)
  }
  const { budgetMs, safetyMarginMs, rejectLate } = { ...defaults, ...options }
  if (!Number.isInteger(budgetMs) || budgetMs < 1 || budgetMs >= 5000) {
    throw new ConfigurationError(`deadlineMs must be an integer from 1 to 4999 (Cognito gives up at 5000 ms), got ${budgetMs}`)
  }
  if (!Number.isInteger(safetyMarginMs) || safetyMarginMs < 0) {
    throw new ConfigurationError(`cognitoDeadline: safetyMarginMs must be a non-negative integer, got ${safetyMarginMs}`)
  }
  if (typeof rejectLate !== 'boolean') throw new ConfigurationError('cognitoDeadline: rejectLate must be a boolean')
}

/** Starts a deadline of `budgetMs`, clamped to what the Lambda has left. */
export const startDeadline = (budgetMs: number, lambdaRemaining?: () => number, safetyMarginMs = 0): Deadline & { stop(): void } => {
  const remainingLambda = typeof lambdaRemaining === 'function' ? lambdaRemaining() - safetyMarginMs : budgetMs
  const budget = Math.max(0, Math.min(budgetMs, remainingLambda))
  const endsAt = performance.now() + budget
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(new DeadlineExceededError(budget)), budget)
  // A pending deadline must never keep a local process or a test runner alive.
  timer.unref?.()
  const { signal } = controller
  return {
    signal,
    budgetMs: budget,
    remainingTimeInMillis: () => Math.max(0, Math.round(endsAt - performance.now())),
    race: <T>(work: Promise<T>, label?: string) =>
      new Promise<T>((resolve, reject) => {
        const expire = () => reject(new DeadlineExceededError(budget, label))
        if (signal.aborted) return expire()
        signal.addEventListener('abort', expire, { once: true })
        work.then(
          (value) => (signal.removeEventListener('abort', expire), resolve(value)),
          (error: unknown) => (signal.removeEventListener('abort', expire), reject(error)),
        )
      }),
    stop: () => clearTimeout(timer),
  }
}

const running = new WeakMap<object, ReturnType<typeof startDeadline>>()

/**
 * Gives every invocation a time budget and an AbortSignal on `context.cognitoDeadline`, and fails
 * closed when the budget runs out. A middleware cannot interrupt a handler that ignores the
 * signal; wrap your work in `context.cognitoDeadline.race()` (the router does this for every
 * plugin), and a result that still arrives late is rejected.
 *
 * @example
 * ```ts
 * import middy from '@middy/core'
 * import { cognitoDeadline, type DeadlineContext } from 'cognito-trigger-router'
 *
 * export const handler = middy(async (event, context: DeadlineContext) => {
 *   const { signal, race } = context.cognitoDeadline
 *   await race(fetch('https://legacy.example.com/users', { signal }))
 *   return event
 * }).use(cognitoDeadline({ budgetMs: 2500 }))
 * ```
 */
export const cognitoDeadline = (options: DeadlineOptions = {}): MiddlewareObj => {
  cognitoDeadlineValidateOptions(options)
  const { budgetMs, safetyMarginMs, rejectLate } = { ...defaults, ...options }

  const cognitoDeadlineBefore = (request: Request): void => {
    const context = request.context as Partial<DeadlineContext>
    const deadline = startDeadline(budgetMs, context.getRemainingTimeInMillis?.bind(context), safetyMarginMs)
    running.set(request, deadline)
    context.cognitoDeadline = deadline
  }

  const cognitoDeadlineAfter = (request: Request): void => {
    const deadline = running.get(request)
    deadline?.stop()
    if (rejectLate && deadline?.signal.aborted) throw deadline.signal.reason
  }

  const cognitoDeadlineOnError = (request: Request): void => {
    running.get(request)?.stop()
  }

  return { before: cognitoDeadlineBefore, after: cognitoDeadlineAfter, onError: cognitoDeadlineOnError }
}
