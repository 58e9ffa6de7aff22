// -- metrics: which failures are deadline hits ----------------------------------------------------
// A plugin ran out of the time budget when what it threw is a DeadlineExceededError: the one the
// router's race rejects with, the signal's reason a plugin rethrows (`signal.throwIfAborted()`,
// a `fetch` given the signal), or either of them as the cause of the plugin's own error.

import { DeadlineExceededError } from '../errors.js'
import { causeChain } from '../middleware/thrown.js'

const isDeadlineError = (value: unknown): boolean => {
  try {
    return value instanceof DeadlineExceededError
  } catch {
    // `instanceof` runs a proxy's getPrototypeOf trap, which may throw.
    return false
  }
}

/**
 * Whether a plugin's failure was the deadline: a DeadlineExceededError, thrown or along the cause chain.
 *
 * @example
 * ```ts
 * isDeadlineHit(new Error('lookup failed', { cause: new DeadlineExceededError(3000) })) // true
 * ```
 */
export const isDeadlineHit = (error: unknown): boolean => causeChain(error).some(isDeadlineError)
