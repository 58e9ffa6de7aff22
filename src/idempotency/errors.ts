// -- idempotency: its errors ---------------------------------------------------------------------
// Apart from ./key.ts and ./run.ts, which the router imports only when the `idempotency` option is
// on: the package exports these classes, and the router names them when loading the runner fails.

import { CognitoTriggerRouterError } from '../errors.js'

/** The key of a request could not be built: the custom key function threw or returned something that is not JSON. */
export class IdempotencyKeyError extends CognitoTriggerRouterError {
  readonly plugin: string
  constructor(plugin: string, message: string, options?: { cause?: unknown }) {
    super(`idempotency key of plugin "${plugin}": ${message}`, options)
    this.plugin = plugin
  }
}

/**
 * The idempotency store failed (unreachable, throttled, access denied, or the utility could not
 * be loaded) before the plugin ran, so the plugin did not run. The store's error is the `cause`.
 */
export class IdempotencyStoreError extends CognitoTriggerRouterError {
  readonly plugin: string
  constructor(plugin: string, message: string, options?: { cause?: unknown }) {
    super(`idempotency store for plugin "${plugin}": ${message}; the plugin did not run`, options)
    this.plugin = plugin
  }
}
