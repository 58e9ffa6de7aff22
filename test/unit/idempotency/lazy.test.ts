// The router's stand-in for the idempotency runner (src/idempotency/lazy.ts): the option checked
// at once, the runner's code imported at once but awaited by the first protected run, and a failed
// import failing that run closed.
import { describe, expect, it } from 'vitest'
import { ConfigurationError } from '../../../src/errors.js'
import { IdempotencyStoreError } from '../../../src/idempotency/errors.js'
import { lazyIdempotencyRunner } from '../../../src/idempotency/lazy.js'
import type { IdempotentRun, runnerOf } from '../../../src/idempotency/run.js'
import { startDeadline } from '../../../src/middleware/deadline.js'
import { definePlugin, type AnyPlugin } from '../../../src/plugin.js'
import { capturingLogger } from '../../helpers/lambda.js'

const sender = definePlugin({ name: 'sender', triggers: ['PostConfirmation_ConfirmSignUp'], sideEffects: true, handler: () => undefined }) as AnyPlugin
const reader = definePlugin({ name: 'reader', triggers: ['PostConfirmation_ConfirmSignUp'], handler: () => undefined }) as AnyPlugin

const step = (outcomes: string[]): IdempotentRun => ({
  plugin: sender,
  event: { userPoolId: 'p', triggerSource: 'PostConfirmation_ConfirmSignUp', request: {} },
  deadline: startDeadline(4000),
  execute: async () => ({}),
  note: (outcome) => void outcomes.push(outcome),
  logger: () => capturingLogger(),
})

// A run module whose runner answers every run with `patch`, counting how often it was imported.
const runModule = (patch: Record<string, never>, imports: { count: number }) => ({
  runnerOf: ((..._args: Parameters<typeof runnerOf>) => {
    imports.count += 1
    return async () => patch
  }) as typeof runnerOf,
})

describe('the lazily loaded idempotency runner', () => {
  it('is undefined without the option, and imports nothing', () => {
    let loads = 0
    expect(lazyIdempotencyRunner(undefined, [sender], async () => (loads++, runModule({}, { count: 0 })))).toBeUndefined()
    expect(loads).toBe(0)
  })

  it('refuses a wrong option at once, before anything is imported', () => {
    let loads = 0
    const load = async () => (loads++, runModule({}, { count: 0 }))

    expect(() => lazyIdempotencyRunner({ tableName: 'table', plugins: { reader: {} } }, [sender, reader], load)).toThrow(ConfigurationError)
    expect(loads).toBe(0)
  })

  it('starts the import when it is made and protects only plugins with side effects', () => {
    let loads = 0
    const runner = lazyIdempotencyRunner({ tableName: 'table' }, [sender, reader], async () => (loads++, runModule({}, { count: 0 })))!

    expect(loads).toBe(1)
    expect(runner.protects(sender, 'PostConfirmation_ConfirmSignUp')).toBe(true)
    expect(runner.protects(reader, 'PostConfirmation_ConfirmSignUp')).toBe(false)
  })

  it('hands each run to the imported runner', async () => {
    const imports = { count: 0 }
    const runner = lazyIdempotencyRunner({ tableName: 'table' }, [sender], async () => runModule({}, imports))!

    await expect(runner.run(step([]))).resolves.toEqual({})
    await expect(runner.run(step([]))).resolves.toEqual({})
    expect(imports.count).toBe(1)
  })

  it('fails a run closed when the import failed, and imports again for the next run', async () => {
    const imports = { count: 0 }
    let attempts = 0
    const load = async () => {
      attempts += 1
      if (attempts === 1) throw new Error('Cannot find module ./chunks/run.mjs')
      return runModule({}, imports)
    }
    const runner = lazyIdempotencyRunner({ tableName: 'table' }, [sender], load)!
    const outcomes: string[] = []

    const failed = await runner.run(step(outcomes)).catch((error: unknown) => error)
    const patch = await runner.run(step(outcomes))

    expect(failed).toBeInstanceOf(IdempotencyStoreError)
    expect((failed as Error).message).toBe(
      'idempotency store for plugin "sender": could not be loaded (Error: Cannot find module ./chunks/run.mjs); the plugin did not run',
    )
    expect(patch).toEqual({})
    expect(outcomes).toEqual(['store-failure'])
    expect(attempts).toBe(2)
  })
})
