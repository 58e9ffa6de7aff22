// How the router behaves around the idempotency store, against dynalite: a repeat that finds the
// first attempt still running, a store that cannot be reached, a record that cannot be saved, and
// a plugin that fails. No assertion depends on timing: a held plugin is released by the test once
// the other invocation has been seen polling the store.
import { PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { DeadlineExceededError, PluginError, TriggerRejectedError } from '../../../src/errors.js'
import { IdempotencyStoreError } from '../../../src/idempotency/run.js'
import { definePlugin, type AnyPlugin } from '../../../src/plugin.js'
import { createRouter } from '../../../src/router.js'
import { createEvent } from '../../../src/testing/events.js'
import { closedPortEndpoint, createIdempotencyTable, dynaliteForSuite, startDynalite } from '../../helpers/dynalite.js'
import { capturingLogger, deferred, lambdaContext } from '../../helpers/lambda.js'
import { settleRunnerImportAfterAll } from '../../helpers/idempotency.js'
import { idempotentRouter, roomyContext, until } from './fixtures.js'

// Some tests below build a router with the idempotency option and never run it.
settleRunnerImportAfterAll()

const dynamo = dynaliteForSuite()
// A trigger whose reply carries what the plugin returned, so that a replay can be told from a new run.
const SOURCE = 'TokenGeneration_Authentication'
const COMMITTED = 'PostConfirmation_ConfirmSignUp'
const event = (userName = 'jane', source: typeof SOURCE | typeof COMMITTED = SOURCE) => createEvent(source, { overrides: { userName } })

beforeAll(async () => {
  await Promise.all([import('@aws-lambda-powertools/idempotency'), import('@aws-lambda-powertools/idempotency/dynamodb')])
})
afterEach(() => {
  vi.unstubAllEnvs()
})

/** A side-effecting plugin that counts its runs, puts the run's number in a claim and, while `gate` is set, waits for it. */
const counting = (options: { gate?: Promise<void>; fail?: (run: number) => boolean } = {}) => {
  const state = { runs: 0 }
  const plugin = definePlugin({
    name: 'sender',
    triggers: [SOURCE],
    sideEffects: true,
    handler: async () => {
      state.runs += 1
      const run = state.runs
      await options.gate
      if (options.fail?.(run) === true) throw new Error(`send ${run} failed`)
      return { claimsOverrideDetails: { claimsToAddOrOverride: { sent: String(run) } } }
    },
  }) as AnyPlugin
  return { plugin, state }
}

/** The same on PostConfirmation, where failOpen is allowed. */
const countingFailOpen = () => {
  const state = { runs: 0 }
  const plugin = definePlugin({
    name: 'sender',
    triggers: [COMMITTED],
    sideEffects: true,
    failOpen: true,
    handler: () => {
      state.runs += 1
    },
  }) as AnyPlugin
  return { plugin, state }
}

const claimOf = (reply: unknown) => (reply as { response: { claimsOverrideDetails: { claimsToAddOrOverride: { sent: string } } } }).response.claimsOverrideDetails.claimsToAddOrOverride.sent

/** An endpoint nothing listens on: a port the OS handed out, then released. */
describe('the router with idempotency, around the store', { timeout: 60_000 }, () => {
  describe('when a repeat arrives while the first attempt is still running', () => {
    it('waits for it and replays its result, without running the plugin again', async () => {
      const gate = deferred()
      const { plugin, state } = counting({ gate: gate.promise })
      const { run, commands, outcomes } = await idempotentRouter(dynamo.endpoint, [plugin])

      const first = run(event())
      await until(() => state.runs, 1)
      const second = run(event())
      // The second has failed to take the lock (PutItem), read the lock (the utility's GetItem)
      // and is polling (ours): the first is still held.
      await until(() => commands.get('GetItemCommand') ?? 0, 2)
      gate.resolve()
      const [one, two] = await Promise.all([first, second])

      expect(state.runs).toBe(1)
      expect(two.error).toBeUndefined()
      expect(two.reply).toEqual(one.reply)
      expect(claimOf(two.reply)).toBe('1')
      expect(outcomes('sender').sort()).toEqual(['first-run', 'waited'])
    })

    it('runs the plugin itself once the first attempt has failed (its record is gone)', async () => {
      const gate = deferred()
      const { plugin, state } = counting({ gate: gate.promise, fail: (attempt) => attempt === 1 })
      const { run, commands, outcomes } = await idempotentRouter(dynamo.endpoint, [plugin])

      const first = run(event())
      await until(() => state.runs, 1)
      const second = run(event())
      await until(() => commands.get('GetItemCommand') ?? 0, 2)
      gate.resolve()
      const [one, two] = await Promise.all([first, second])

      expect(one.error).toBeInstanceOf(TriggerRejectedError)
      expect(two.error).toBeUndefined()
      expect(claimOf(two.reply)).toBe('2')
      expect(state.runs).toBe(2)
      expect(outcomes('sender').sort()).toEqual(['first-run', 'first-run'])
    })

    it('fails closed with the deadline when the first attempt outlasts the repeat\'s budget', async () => {
      const gate = deferred()
      const { plugin, state } = counting({ gate: gate.promise })
      const { run, logger, outcomes } = await idempotentRouter(dynamo.endpoint, [plugin], { deadlineMs: 1000 })

      const first = run(event())
      await until(() => state.runs, 1)
      // Held until the repeat has failed: whatever the machine's speed, its budget runs out first.
      const second = await run(event())
      gate.resolve()
      await first

      expect(second.error).toBeInstanceOf(TriggerRejectedError)
      expect(state.runs).toBe(1)
      const errorLine = logger.lines.find((line) => line.level === 'error' && line.attributes?.plugins !== undefined)
      expect(JSON.stringify(errorLine?.attributes)).toContain(DeadlineExceededError.name)
      expect(outcomes('sender')).toContain('waited')
    })
  })

  describe('when the store cannot be reached', () => {
    it('does not run the plugin and fails closed', async () => {
      const { plugin, state } = counting()
      const { run, logger, outcomes } = await idempotentRouter(await closedPortEndpoint(), [plugin], { tableName: 'unreachable' })

      const { error } = await run(event())

      expect(error).toBeInstanceOf(TriggerRejectedError)
      expect(state.runs).toBe(0)
      expect(outcomes('sender')).toEqual(['store-failure'])
      expect(logger.text()).toContain(IdempotencyStoreError.name)
    })

    it('does not run a failOpen plugin either, and echoes the event', async () => {
      const { plugin, state } = countingFailOpen()
      const { run, outcomes } = await idempotentRouter(await closedPortEndpoint(), [plugin], { tableName: 'unreachable' })

      const { error, reply } = await run(event('jane', COMMITTED))

      expect(error).toBeUndefined()
      expect(reply).toEqual(event('jane', COMMITTED))
      expect(state.runs).toBe(0)
      expect(outcomes('sender')).toEqual(['store-failure'])
    })

    it('fails closed when the store stops answering while the repeat waits', async () => {
      const local = await startDynalite()
      const gate = deferred()
      const { plugin, state } = counting({ gate: gate.promise })
      const { run, commands, outcomes } = await idempotentRouter(local.endpoint, [plugin])

      const first = run(event())
      await until(() => state.runs, 1)
      const second = run(event())
      await until(() => commands.get('GetItemCommand') ?? 0, 2)
      await local.stop()
      const { error } = await second
      gate.resolve()
      await first

      expect(error).toBeInstanceOf(TriggerRejectedError)
      expect(state.runs).toBe(1)
      expect(outcomes('sender')).toContain('store-failure')
    })
  })

  it('uses the result of a run whose record could not be saved, and says so', async () => {
    const local = await startDynalite()
    const gate = deferred()
    const { plugin, state } = counting({ gate: gate.promise })
    const { run, logger, outcomes } = await idempotentRouter(local.endpoint, [plugin])

    const pending = run(event())
    await until(() => state.runs, 1)
    await local.stop()
    gate.resolve()
    const { error, reply } = await pending

    expect(error).toBeUndefined()
    expect(claimOf(reply)).toBe('1')
    expect(outcomes('sender')).toEqual(['not-recorded'])
    expect(logger.lines.some((line) => line.level === 'warn' && line.message.startsWith('idempotency: the plugin ran'))).toBe(true)
  })

  it('keeps no record of a plugin that failed, so the next attempt runs it', async () => {
    const { plugin, state } = counting({ fail: (attempt) => attempt === 1 })
    const { run, logger, outcomes } = await idempotentRouter(dynamo.endpoint, [plugin])

    const first = await run(event())
    const second = await run(event())

    expect(first.error).toBeInstanceOf(TriggerRejectedError)
    expect(logger.text()).toContain(PluginError.name)
    expect(second.error).toBeUndefined()
    expect(state.runs).toBe(2)
    expect(outcomes('sender')).toEqual(['first-run', 'first-run'])
  })

  it.each([
    ['an object without a patch', { M: { other: { S: 'x' } } }],
    ['a string', { S: 'x' }],
    ['a text sealed under another key', { M: { sealed: { S: Buffer.from('x'.repeat(40)).toString('base64') } } }],
  ])('refuses a record it did not write (%s), without running the plugin', async (_what, data) => {
    const { plugin, state } = counting()
    const { run, client, tableName, outcomes } = await idempotentRouter(dynamo.endpoint, [plugin])
    await run(event())
    const { Items } = await client.send(new ScanCommand({ TableName: tableName }))
    await client.send(new PutItemCommand({ TableName: tableName, Item: { ...Items![0]!, data } }))

    const { error } = await run(event())

    expect(error).toBeInstanceOf(TriggerRejectedError)
    expect(state.runs).toBe(1)
    expect(outcomes('sender')).toEqual(['first-run', 'store-failure'])
  })

  it('costs nothing for a plugin without side effects: no key, no store', async () => {
    const quiet = definePlugin({ name: 'quiet', triggers: [SOURCE], handler: () => undefined })
    const { run, commands, outcomes } = await idempotentRouter(await closedPortEndpoint(), [quiet], { tableName: 'unreachable' })

    const { error } = await run(event())

    expect(error).toBeUndefined()
    expect(commands.size).toBe(0)
    expect(outcomes('quiet')).toEqual([undefined])
  })

  it('runs a plugin unprotected when its entry says enabled: false', async () => {
    const { plugin, state } = counting()
    const tableName = await createIdempotencyTable(dynamo.endpoint)
    const router = createRouter({ plugins: [plugin], logger: capturingLogger(), idempotency: { tableName, plugins: { sender: { enabled: false } } } })

    await router(event(), roomyContext())
    const second = await router(event(), roomyContext())

    expect(state.runs).toBe(2)
    expect(claimOf(second)).toBe('2')
  })

  describe('POWERTOOLS_IDEMPOTENCY_DISABLED, which would silently turn the protection off', () => {
    it.each(['true', '1', 'Yes', ' on '])('is refused at cold start when set to %j', (value) => {
      vi.stubEnv('POWERTOOLS_IDEMPOTENCY_DISABLED', value)

      expect(() => createRouter({ plugins: [counting().plugin], idempotency: { tableName: 't' } })).toThrow(
        'the idempotency option is given but POWERTOOLS_IDEMPOTENCY_DISABLED is set',
      )
    })

    it.each(['false', '0', ''])('is accepted when set to %j', (value) => {
      vi.stubEnv('POWERTOOLS_IDEMPOTENCY_DISABLED', value)

      expect(() => createRouter({ plugins: [counting().plugin], idempotency: { tableName: 't' } })).not.toThrow()
    })

    it('is refused at run time when set after cold start: the plugin does not run', async () => {
      const { plugin, state } = counting()
      const { run, logger } = await idempotentRouter(dynamo.endpoint, [plugin])
      vi.stubEnv('POWERTOOLS_IDEMPOTENCY_DISABLED', 'true')

      const { error } = await run(event())

      expect(error).toBeInstanceOf(TriggerRejectedError)
      expect(state.runs).toBe(0)
      expect(logger.text()).toContain('POWERTOOLS_IDEMPOTENCY_DISABLED is set')
    })
  })

  it('fails the plugin when its key cannot be built', async () => {
    const { plugin, state } = counting()
    const tableName = await createIdempotencyTable(dynamo.endpoint)
    const router = createRouter({
      plugins: [plugin],
      logger: capturingLogger(),
      idempotency: { tableName, plugins: { sender: { key: () => undefined } } },
    })

    await expect(router(event(), lambdaContext())).rejects.toBeInstanceOf(TriggerRejectedError)
    expect(state.runs).toBe(0)
  })
})
