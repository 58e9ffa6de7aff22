// -- per-request state -----------------------------------------------------------------------
// A middleware that carries state from `before` to `after` keeps it on the middy request, under a
// symbol only it holds. A WeakMap keyed by the request does the same, but with a fresh key per
// invocation every garbage collection has to trace it as an ephemeron: measured, the three such
// maps cost a routed invocation several per cent.

import type { Request } from '@middy/core'

/** A private slot on every middy request. */
export interface RequestSlot<T> {
  get(request: Request): T | undefined
  set(request: Request, value: T): void
}

/** Creates a slot; each call gives a new, private one (one per middleware instance). */
export const requestSlot = <T>(description: string): RequestSlot<T> => {
  const key = Symbol(description)
  type Holder = Record<symbol, T | undefined>
  return {
    get: (request) => (request as unknown as Holder)[key],
    set: (request, value) => {
      ;(request as unknown as Holder)[key] = value
    },
  }
}
