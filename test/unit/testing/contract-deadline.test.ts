// The contract's deadline: a plugin that ignores its aborted signal breaks the contract, found in
// one deadline instead of hanging the test, and every contract test gets a timeout to match.
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { TriggerSource } from '../../../src/catalogue.js'
import { definePlugin, type AnyPlugin, type PluginContext } from '../../../src/plugin.js'
import type { JsonObject } from '../../../src/response.js'
import { checkPluginContract, contractTimeoutMs, type ContractOptions } from '../../../src/testing/contract.js'
import { createEvent } from '../../../src/testing/events.js'

const source = 'PreSignUp_SignUp' satisfies TriggerSource
const never = () => new Promise<never>(() => undefined)
const untilAborted = ({ signal }: PluginContext) =>
  new Promise<never>((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('aborted', { cause: signal.reason }))))
const ignoredSignal = (ms: number) =>
  `the plugin was still running after its ${ms} ms deadline aborted context.signal; stop when it aborts (pass it to every fetch and AWS SDK call)`

/** A plugin on PreSignUp_SignUp that counts its calls and behaves as `on(call)` says. */
const counted = (on: (call: number, context: PluginContext) => unknown) => {
  const calls = { count: 0 }
  const plugin: AnyPlugin = { name: 'counted', triggers: [source], handler: (_event: never, context: PluginContext) => on(++calls.count, context) } as AnyPlugin
  return { plugin, calls }
}

afterEach(() => {
  vi.useRealTimers()
})

describe('checkPluginContract and a plugin that does not finish', () => {
  it('reports a plugin that ignores its signal, once per event, without running it again', async () => {
    // Prepare
    const { plugin, calls } = counted(never)
    const events = { [source]: [createEvent(source), createEvent(source, { userAttributes: { email: 'b@example.com' } })] as unknown as JsonObject[] }

    // Act
    const violations = await checkPluginContract(plugin, { deadlineMs: 20, events })

    // Assess
    expect(violations).toStrictEqual([
      { source, rule: 'deadline', detail: ignoredSignal(20) },
      { source, rule: 'deadline', detail: ignoredSignal(20) },
    ])
    expect(calls.count).toBe(2)
  })

  it('accepts a plugin that stops when its signal aborts: the router fails it closed, the same way every time', async () => {
    // Prepare
    const { plugin, calls } = counted((_call, context) => untilAborted(context))

    // Act
    const violations = await checkPluginContract(plugin, { deadlineMs: 20 })

    // Assess
    expect(violations).toStrictEqual([])
    expect(calls.count).toBe(3)
  })

  it.each<[string, number, string[]]>([
    ['on the retry, which then differs from the first invocation', 2, ['retry', 'deadline']],
    ['when called directly, with the signal the contract aborts itself', 3, ['deadline']],
  ])('reports a plugin that ignores its signal only %s', async (_case, hangsOn, rules) => {
    // Prepare
    const { plugin } = counted((call) => (call === hangsOn ? never() : undefined))

    // Act
    const violations = await checkPluginContract(plugin, { deadlineMs: 20 })

    // Assess
    expect(violations.map((violation) => violation.rule)).toStrictEqual(rules)
  })

  it('reports a failOpen plugin that ignores its signal, though the router still echoes the event', async () => {
    // Prepare
    const welcome = definePlugin({ name: 'welcome', triggers: ['PostConfirmation_ConfirmSignUp'], failOpen: true, handler: never })

    // Act
    const violations = await checkPluginContract(welcome, { deadlineMs: 20 })

    // Assess
    expect(violations).toStrictEqual([{ source: 'PostConfirmation_ConfirmSignUp', rule: 'deadline', detail: ignoredSignal(20) }])
  })

  // The router's clock and timers are fake: the 3000 ms pass when the test says so.
  it('gives the plugin the router’s default deadline of 3000 ms', async () => {
    // Prepare
    vi.useFakeTimers({ toFake: ['performance', 'setTimeout', 'clearTimeout'] })
    const { plugin } = counted(never)
    let violations: unknown
    const checking = checkPluginContract(plugin).then((found) => (violations = found))

    // Act
    await vi.advanceTimersByTimeAsync(2999)
    const before = violations
    await vi.advanceTimersByTimeAsync(1)
    await checking

    // Assess
    expect(before).toBeUndefined()
    expect(violations).toStrictEqual([{ source, rule: 'deadline', detail: ignoredSignal(3000) }])
  })

  it('calls a thenable’s then once per invocation, as the router alone would', async () => {
    // Prepare
    let thens = 0
    const { plugin } = counted(() => ({ then: (resolve: (value: unknown) => void) => resolve((thens += 1, undefined)) }))

    // Act
    const violations = await checkPluginContract(plugin)

    // Assess
    expect(violations).toStrictEqual([])
    expect(thens).toBe(3)
  })
})

describe('contractTimeoutMs', () => {
  const events = (count: number) => ({ [source]: Array.from({ length: count }, () => createEvent(source) as unknown as JsonObject) })

  it.each<[string, ContractOptions | Record<string, unknown>, number]>([
    ['the default deadline, one event: three invocations of 3000 ms and 5 s for the rest', {}, 14_000],
    ['a deadline of 200 ms', { deadlineMs: 200 }, 5600],
    ['four events for the source', { deadlineMs: 200, events: events(4) }, 7400],
    ['events given for other sources only', { deadlineMs: 200, events: { PreSignUp_AdminCreateUser: [createEvent('PreSignUp_AdminCreateUser')] } }, 5600],
    ['an invalid deadline, which checkPluginContract refuses', { deadlineMs: 'soon' }, 14_000],
    ['events that are not an object keyed by source', { events: [createEvent(source)] }, 14_000],
    ['an empty list of events', { events: { [source]: [] } }, 14_000],
  ])('allows for %s', (_case, options, timeout) => {
    // Act and assess
    expect(contractTimeoutMs(options as ContractOptions, source)).toBe(timeout)
  })
})

describe('describePluginContract', () => {
  type Registered = { name: string; timeout: number | undefined }
  const plugin = definePlugin({ name: 'quiet', triggers: ['PreSignUp_SignUp', 'PreSignUp_AdminCreateUser'], handler: () => undefined })

  // vitest's describe and it, replaced for one import of the module, to see what it registers.
  const registering = async (target: AnyPlugin, options?: ContractOptions) => {
    const tests: (Registered & { run: () => Promise<void> })[] = []
    vi.resetModules()
    vi.doMock('vitest', async (importOriginal) => ({
      ...(await importOriginal<typeof import('vitest')>()),
      describe: (_name: string, body: () => void) => body(),
      it: (name: string, run: () => Promise<void>, timeout?: number) => void tests.push({ name, timeout, run }),
    }))
    const { describePluginContract } = await import('../../../src/testing/vitest.js')
    describePluginContract(target, options)
    return tests
  }
  const registered = async (options?: ContractOptions): Promise<Registered[]> =>
    (await registering(plugin, options)).map(({ name, timeout }) => ({ name, timeout }))

  afterEach(() => {
    vi.doUnmock('vitest')
    vi.resetModules()
  })

  it.each<[string, ContractOptions | undefined, Registered[]]>([
    [
      'one test per source the plugin handles, each with the timeout its check needs',
      undefined,
      [
        { name: 'keeps the contract on PreSignUp_SignUp', timeout: 14_000 },
        { name: 'keeps the contract on PreSignUp_AdminCreateUser', timeout: 14_000 },
      ],
    ],
    [
      'only the sources it is asked to check, with the timeout of the given deadline and events',
      { sources: ['PreSignUp_AdminCreateUser'], deadlineMs: 1000, events: { PreSignUp_AdminCreateUser: [createEvent('PreSignUp_AdminCreateUser'), createEvent('PreSignUp_AdminCreateUser')] as unknown as JsonObject[] } },
      [{ name: 'keeps the contract on PreSignUp_AdminCreateUser', timeout: 11_000 }],
    ],
  ])('registers %s', async (_case, options, tests) => {
    // Act and assess
    expect(await registered(options)).toStrictEqual(tests)
  })

  it('fails a test with a message that names every broken rule', async () => {
    // Prepare
    const meddler = { name: 'meddler', triggers: [source], handler: (event: never) => void ((event as { request: object }).request = {}) } as AnyPlugin
    const [test] = await registering(meddler)

    // Act
    const failure: unknown = await test!.run().catch((error: unknown) => error)

    // Assess
    expect((failure as Error).message).toMatch(/^request: the plugin modified event\.request; write to event\.response or return a patch: expected/)
  })
})
