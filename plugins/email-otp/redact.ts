// -- email-otp: errors without the code ------------------------------------------------------
// SES quotes what it refuses (`InvalidParameterValue: Subject "Your code is 474110" rejected`),
// and the router logs every error with its whole cause chain. The code is not in the event, so
// the router cannot scrub it: the plugin hands on a copy of the failure with the code and every
// text it rendered removed. Same approach as plugins/custom-sender/delivery.ts (redactError).

import { scrub } from '../../src/index.js'

/**
 * A copy of `error` (name, message, stack) with every secret replaced by the mask. The original
 * and its own causes are dropped: an SDK error may carry the request it failed on.
 */
export const withoutSecrets = (error: unknown, secrets: readonly string[]): Error => {
  const known = secrets.filter((secret) => secret !== '')
  if (!(error instanceof Error)) {
    return new Error(scrub(typeof error === 'string' ? error : `non-Error value of type ${typeof error}`, known))
  }
  const copy = new Error(scrub(String(error.message), known))
  copy.name = scrub(String(error.name), known)
  copy.stack = scrub(String(error.stack ?? ''), known)
  return copy
}
