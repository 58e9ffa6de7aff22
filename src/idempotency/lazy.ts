// -- idempotency: the runner, loaded only when the option is on ---------------------------------
// The router checks the option at cold start (./options.ts) and gets this stand-in, which starts
// importing the runner (./run.ts, ./key.ts, ./seal.ts, ./store.ts) at once but waits for it only
// in the first protected run. Without the option none of that code is in the Lambda's core chunk,
// nor parsed at cold start.

import type { TriggerSource } from '../catalogue.js'
import { summarize } from '../errors.js'
import type { JsonObject } from '../json.js'
import { hasSideEffects, type AnyPlugin } from '../plugin.js'
import { IdempotencyStoreError } from './errors.js'
import { checkIdempotencyOption } from './options.js'
import type { IdempotencyRunner, IdempotentRun } from './run.js'

type RunModule = Pick<typeof import('./run.js'), 'runnerOf'>

const loadRunModule = (): Promise<RunModule> => import('./run.js')

/**
 * The router's idempotency runner, or undefined when the option is off. The option is checked
 * now, synchronously; the runner's code is imported now too, but awaited only by the first
 * protected run. A failed import fails that run closed, as a store that cannot be loaded does
 * (IdempotencyStoreError; the plugin does not run), and is tried again on the next run.
 * `load` is for tests.
 *
 * @throws {ConfigurationError} for a wrong option, or POWERTOOLS_IDEMPOTENCY_DISABLED set with the option given.
 *
 * @example
 * ```ts
 * const runner = lazyIdempotencyRunner({ tableName: 'idempotency' }, plugins)
 * if (runner?.protects(plugin, 'PostConfirmation_ConfirmSignUp')) await runner.run(step)
 * ```
 */
export const lazyIdempotencyRunner = (
  option: unknown,
  plugins: readonly AnyPlugin[],
  load: () => Promise<RunModule> = loadRunModule,
): IdempotencyRunner | undefined => {
  const withSideEffects = plugins.filter((plugin) => plugin.sideEffects !== undefined && plugin.sideEffects !== false)
  const resolved = checkIdempotencyOption(option, withSideEffects.map((plugin) => plugin.name))
  if (resolved === undefined) return undefined
  const importRunner = (): Promise<IdempotencyRunner['run']> => {
    const runner = load().then(({ runnerOf }) => runnerOf(resolved))
    // Awaited by the next protected run; until then a failure must not be an unhandled rejection.
    runner.catch(() => undefined)
    return runner
  }
  let loading = importRunner()

  const protects = (plugin: AnyPlugin, source: TriggerSource): boolean =>
    withSideEffects.includes(plugin) && resolved.forPlugin(plugin.name).enabled && hasSideEffects(plugin, source)

  const run = async (step: IdempotentRun): Promise<JsonObject> => {
    let runner: IdempotencyRunner['run']
    try {
      runner = await loading
    } catch (error) {
      loading = importRunner()
      step.note('store-failure')
      throw new IdempotencyStoreError(step.plugin.name, `could not be loaded (${summarize(error)})`, { cause: error })
    }
    return runner(step)
  }
  return { protects, run }
}
