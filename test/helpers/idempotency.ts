// A router built with the idempotency option starts importing its runner at once
// (src/idempotency/lazy.ts). A test file that builds one and never runs it would leave that
// import in flight when the file ends: vitest then tears the module down half-loaded, and the
// next file of that worker (the shared project keeps modules between files) cannot load it.
import { afterAll } from 'vitest'

/** Makes the file's last step wait for the runner import that its routers started. */
export const settleRunnerImportAfterAll = (): void => {
  // Importing the same module waits for the same load.
  afterAll(() => import('../../src/idempotency/run.js'))
}
