// -- idempotency: one side-effecting plugin's run, at most once per Cognito request -------------
// The router hands each run of a plugin that declares side effects to `runner.run`, which keys it
// on the event as it arrived and runs it through the store (./store.ts). The outcomes and the
// reasons for each are in the design note of ./index.ts.

import type { TriggerSource } from '../catalogue.js'
import { ConfigurationError, DeadlineExceededError, summarize } from '../errors.js'
import type { RunningDeadline } from '../invocation.js'
import { isPlainObject, type JsonObject } from '../json.js'
import type { Logger } from '../logger.js'
import type { AnyPlugin } from '../plugin.js'
import { IdempotencyStoreError } from './errors.js'
import { idempotencyKey } from './key.js'
import type { ResolvedIdempotency } from './options.js'
import { seal, unseal } from './seal.js'
import { pluginStores, type PluginStore, type StoreModules } from './store.js'

export { IdempotencyStoreError } from './errors.js'

/** What idempotency did for one plugin's run, as on the plugin's log line (`plugins[].idempotency`). */
export type IdempotencyOutcome = 'first-run' | 'replayed' | 'waited' | 'store-failure' | 'not-recorded'

/** One run to protect. */
export interface IdempotentRun {
  readonly plugin: AnyPlugin
  /** The event exactly as Cognito sent it: the key is computed on it, before any plugin's patch. */
  readonly event: unknown
  readonly deadline: RunningDeadline
  /** Runs the plugin and resolves with its response patch (JSON). Not raced: the router races `run`. */
  execute(): Promise<JsonObject>
  /** Told each outcome as it is known; the last one goes on the log line. */
  note(outcome: IdempotencyOutcome): void
  logger(): Logger
}

/** What the router uses: which runs to protect, and how. */
export interface IdempotencyRunner {
  protects(plugin: AnyPlugin, source: TriggerSource): boolean
  run(run: IdempotentRun): Promise<JsonObject>
}

// Waiting for a first attempt: the first look soon, then less often; never past the deadline.
const FIRST_POLL_MS = 25
const MAX_POLL_MS = 200

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * One protected run for an option already checked (`resolved`): what the router loads with
 * import() when the option is on (./lazy.ts).
 */
export const runnerOf = (resolved: ResolvedIdempotency, load?: () => Promise<StoreModules>): IdempotencyRunner['run'] => {
  const storeFor = pluginStores(resolved.tableName, resolved.client, load)

  const run = async (step: IdempotentRun): Promise<JsonObject> => {
    const { plugin, deadline, note } = step
    const settings = resolved.forPlugin(plugin.name)
    const key = await idempotencyKey(step.event as Readonly<Record<string, unknown>>, plugin.name, settings.key)
    let store: PluginStore
    try {
      store = await storeFor(plugin.name, settings.windowSeconds)
    } catch (error) {
      note('store-failure')
      throw new IdempotencyStoreError(plugin.name, `could not be loaded (${summarize(error)})`, { cause: error })
    }
    for (;;) {
      let patch: JsonObject | undefined
      let failure: { error: unknown } | undefined
      const once = async (): Promise<JsonObject> => {
        try {
          patch = await step.execute()
        } catch (error) {
          failure = { error }
          throw error
        }
        // Sealed (./seal.ts): a patch may hold a secret, such as email-otp's expected answer.
        return { sealed: await seal(key, plugin.name, patch) }
      }
      let stored: { value: unknown } | undefined
      try {
        stored = { value: await store.run(once, key, () => deadline.remainingTimeInMillis()) }
      } catch (error) {
        if (failure !== undefined) {
          // The plugin threw: its own error, even when deleting the lock failed as well.
          note('first-run')
          throw failure.error
        }
        if (patch !== undefined) {
          // It ran, but its result was not saved: used for this request; a retry after the lock
          // expires would run the side effect again, hence a warning.
          note('not-recorded')
          step.logger().warn('idempotency: the plugin ran but its result could not be saved; a later retry may run it again', {
            error: summarize(error),
          })
          return patch
        }
        if ((error as Error | undefined)?.name !== 'IdempotencyAlreadyInProgressError') {
          if (error instanceof ConfigurationError) throw error
          note('store-failure')
          throw new IdempotencyStoreError(plugin.name, summarize(error), { cause: error })
        }
      }
      if (stored !== undefined) {
        if (patch !== undefined) {
          note('first-run')
          return patch
        }
        // Also after a wait whose first attempt failed, if another took over and finished meanwhile.
        note('replayed')
        return storedPatch(stored.value, key, plugin.name, note)
      }
      // Another attempt of this request holds the lock: wait for its result within our deadline.
      note('waited')
      const data = await waitFor(store, key, deadline, plugin.name, note)
      if (data !== undefined) return storedPatch(data.value, key, plugin.name, note)
      // The first attempt failed (its record was deleted) or its lock expired: try to run it ourselves.
    }
  }
  return run
}

// Polls the record of `key` until it is COMPLETED (its data) or gone (undefined); throws
// DeadlineExceededError when the deadline runs out first, and IdempotencyStoreError when the store fails.
const waitFor = async (
  store: PluginStore,
  key: string,
  deadline: RunningDeadline,
  plugin: string,
  note: IdempotentRun['note'],
): Promise<{ value: unknown } | undefined> => {
  let delay = FIRST_POLL_MS
  for (;;) {
    if (deadline.expired()) throw new DeadlineExceededError(deadline.budgetMs, plugin)
    await sleep(Math.min(delay, deadline.remainingTimeInMillis()))
    delay = Math.min(delay * 2, MAX_POLL_MS)
    let record
    try {
      record = await store.read(key)
    } catch (error) {
      note('store-failure')
      throw new IdempotencyStoreError(plugin, `reading the first attempt's record failed (${summarize(error)})`, { cause: error })
    }
    if (record === undefined) return undefined
    if (record.status === 'COMPLETED') return { value: record.data }
  }
}

// What a record holds is `{ sealed }`, as `once` returned it; anything else was not written by us
// (or not for this request and plugin), and is refused rather than replayed.
const storedPatch = async (value: unknown, key: string, plugin: string, note: IdempotentRun['note']): Promise<JsonObject> => {
  const sealed = isPlainObject(value) ? value.sealed : undefined
  let patch: unknown
  try {
    patch = typeof sealed === 'string' ? await unseal(key, plugin, sealed) : undefined
  } catch (error) {
    note('store-failure')
    throw new IdempotencyStoreError(plugin, 'the stored record cannot be opened with this request\'s key', { cause: error })
  }
  if (isPlainObject(patch)) return patch
  note('store-failure')
  throw new IdempotencyStoreError(plugin, 'the stored record holds no response patch')
}
