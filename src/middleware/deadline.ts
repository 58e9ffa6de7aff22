// -- deadline --------------------------------------------------------------------------
// Cognito abandons a call after 5 s and retries it ("Customizing user pool workflows with Lambda
// triggers", Amazon Cognito developer guide), so a slow trigger repeats its side
// effects. The budget is enforced by racing work against an AbortSignal, well before Cognito's
// limit and never past the Lambda's own remaining time.

import type { MiddlewareObj, Request } from '@middy/core'
import type { Context } from 'aws-lambda'
import { ConfigurationError, DeadlineExceededError } from '../errors.js'
import { invocationOf, type RunningDeadline } from '../invocation.js'

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

/**
 * Starts a deadline of `budgetMs`, clamped to what the Lambda has left. The timer and the
 * AbortController are made when `signal` or `race` is first used: most invocations never need
 * them, and they were a large share of a routed invocation's cost.
 */
export const startDeadline = (
  budgetMs: number,
  lambdaRemaining?: (() => number) | number,
  safetyMarginMs = 0,
): RunningDeadline => {
  const left = typeof lambdaRemaining === 'function' ? lambdaRemaining() : lambdaRemaining
  const remainingLambda = typeof left === 'number' ? left - safetyMarginMs : budgetMs
  return new InvocationDeadline(Math.max(0, Math.min(budgetMs, remainingLambda)))
}

/** What the Lambda has left, in ms, asked of `context` as the runtime made it; undefined without a clock (tests). */
export const lambdaRemainingOf = (context: Partial<Context> | undefined): number | undefined =>
  typeof context?.getRemainingTimeInMillis === 'function' ? context.getRemainingTimeInMillis() : undefined

// A class, not an object of closures: one is made per invocation. The two methods callers take off
// the object (`const { race } = context.cognitoDeadline`) are bound on first read, not per invocation.
class InvocationDeadline implements Deadline {
  readonly budgetMs: number
  readonly #endsAt: number
  #controller: AbortController | undefined
  #timer: ReturnType<typeof setTimeout> | undefined
  #stopped = false

  constructor(budget: number) {
    this.budgetMs = budget
    this.#endsAt = performance.now() + budget
  }

  get signal(): AbortSignal {
    return this.#arm()
  }

  #remaining: (() => number) | undefined
  #race: (<T>(work: Promise<T>, label?: string) => Promise<T>) | undefined

  get remainingTimeInMillis(): () => number {
    return (this.#remaining ??= () => Math.max(0, Math.round(this.#endsAt - performance.now())))
  }

  get race(): <T>(work: Promise<T>, label?: string) => Promise<T> {
    return (this.#race ??= (work, label) => this.#racing(work, label))
  }

  #racing<T>(work: Promise<T>, label: string | undefined): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const signal = this.#arm()
      const expire = () => reject(new DeadlineExceededError(this.budgetMs, label))
      signal.addEventListener('abort', expire, { once: true })
      // Handled even when the race is already lost: a late rejection must never go unhandled.
      // The clock is asked again when the work settles: work that awaits once and then blocks
      // the event loop (a database read, then a synchronous hash) resolves before the timer can
      // fire, so a result that arrives after the budget is refused here, not let through.
      work.then(
        (value) => (signal.removeEventListener('abort', expire), this.#late() ? expire() : resolve(value)),
        (error: unknown) => (signal.removeEventListener('abort', expire), reject(error)),
      )
      // The timer cannot fire while a synchronous handler blocks the event loop: ask the clock
      // too, unless the deadline was stopped (then it never fires).
      if (signal.aborted || this.#late()) expire()
    })
  }

  // Past the budget by the clock, unless stopped: a stopped deadline never expires anything.
  #late(): boolean {
    return !this.#stopped && performance.now() >= this.#endsAt
  }

  stop(): void {
    this.#stopped = true
    clearTimeout(this.#timer)
  }

  expired(): boolean {
    return this.#controller?.signal.aborted === true || performance.now() >= this.#endsAt
  }

  #arm(): AbortSignal {
    if (this.#controller === undefined) {
      const armed = new AbortController()
      this.#controller = armed
      const expire = () => armed.abort(new DeadlineExceededError(this.budgetMs))
      const left = this.#endsAt - performance.now()
      if (this.#stopped) return armed.signal
      if (left <= 0) expire()
      else {
        this.#timer = setTimeout(expire, left)
        // A pending deadline must never keep a local process or a test runner alive.
        this.#timer.unref?.()
      }
    }
    return this.#controller.signal
  }
}

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
    const deadline = startDeadline(budgetMs, lambdaRemainingOf(context), safetyMarginMs)
    invocationOf(request).deadline = deadline
    // A middy handler receives only the event and the context, so the context is the one place a
    // handler of this standalone middleware can find its deadline. The router does not use it:
    // its plugins get the deadline through their own PluginContext.
    context.cognitoDeadline = deadline
  }

  const cognitoDeadlineAfter = (request: Request): void => {
    const deadline = invocationOf(request).deadline
    if (deadline === undefined) return
    const late = deadline.expired()
    deadline.stop()
    if (rejectLate && late) throw new DeadlineExceededError(deadline.budgetMs)
  }

  const cognitoDeadlineOnError = (request: Request): void => {
    invocationOf(request).deadline?.stop()
  }

  return { before: cognitoDeadlineBefore, after: cognitoDeadlineAfter, onError: cognitoDeadlineOnError }
}
