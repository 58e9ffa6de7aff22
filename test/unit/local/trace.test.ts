// The router trace: which plugins ran, what they said, and the internal error, per request id.
import { describe, expect, it } from 'vitest'
import { createRouter, definePlugin } from '../../../src/index.js'
import { createRouterTrace } from '../../../src/local/trace.js'
import { createEvent } from '../../../src/testing/events.js'
import { createLambdaContext } from '../../../src/testing/invoke.js'
import { capturingLogger } from '../../helpers/lambda.js'

const noisy = definePlugin({
  name: 'noisy',
  triggers: ['PostAuthentication_Authentication'],
  failOpen: true,
  handler: (_event, { logger }) => {
    logger.debug('not kept')
    logger.info('did a thing', { count: 2 })
    logger.warn('careful')
    throw new Error('broke')
  },
})

describe('createRouterTrace', () => {
  it('collects the plugins, their notes and the router\'s own lines about them, per request id', async () => {
    // Prepare
    const trace = createRouterTrace()
    const router = createRouter({ plugins: [noisy], logger: trace.logger })
    const context = createLambdaContext({ requestId: 'r-1' })

    // Act
    await router(createEvent('PostAuthentication_Authentication'), context)
    const taken = trace.take('r-1')

    // Assess
    expect(taken.plugins).toStrictEqual([{ plugin: 'noisy', ms: expect.any(Number), outcome: 'failed-open' }])
    expect(taken.notes.map((note) => [note.plugin, note.level, note.message, note.details])).toStrictEqual([
      ['noisy', 'info', 'did a thing', { count: 2 }],
      ['noisy', 'warn', 'careful', {}],
      ['noisy', 'error', 'plugin failed; failOpen, so the event is still echoed', { error: 'Error: broke' }],
    ])
    expect(taken.failure).toBeUndefined()
    expect(trace.take('r-1')).toStrictEqual({ plugins: [], notes: [] })
  })

  it('keeps the internal error of a failed invocation', async () => {
    // Prepare
    const trace = createRouterTrace()
    const router = createRouter({ plugins: [], logger: trace.logger })

    // Act
    await router(createEvent('CustomSMSSender_SignUp'), createLambdaContext({ requestId: 'r-2' })).catch(() => undefined)

    // Assess
    expect(trace.take('r-2').failure).toStrictEqual({ name: 'MissingSenderPluginError', message: 'no plugin handles CustomSMSSender_SignUp: the code would never be delivered' })
  })

  it('forwards every line to another logger', () => {
    // Prepare
    const forward = capturingLogger()
    const trace = createRouterTrace(forward)

    // Act
    trace.logger.debug('d', { requestId: 'x' })
    trace.logger.error('e')

    // Assess
    expect(forward.lines.map((line) => [line.level, line.message])).toStrictEqual([
      ['debug', 'd'],
      ['error', 'e'],
    ])
  })

  it('reads parsed JSON lines, with upper-case levels, and ignores lines it cannot use', () => {
    // Prepare
    const trace = createRouterTrace()

    // Act
    trace.ingest({ level: 'INFO', message: 'cognito trigger dispatched', requestId: 'r-3', plugins: [{ plugin: 'a', ms: 1, outcome: 'ok' }, 'junk'] })
    trace.ingest({ level: 'ERROR', message: 'cognito trigger failed', requestId: 'r-3', errorName: 'PluginError', errorMessage: 'boom', plugin: 'a' })
    trace.ingest({ level: 'WARN', message: 'unknown triggerSource echoed unchanged', requestId: 'r-3', triggerSource: 'X_Y' })
    trace.ingest({ level: 'TRACE', message: 'odd level', requestId: 'r-3' })
    trace.ingest({ level: 'INFO', message: 'cognito trigger event', requestId: 'r-3', event: {} })
    trace.ingest({ level: 'INFO', requestId: 'r-3' })
    trace.ingest({ level: 'INFO', message: 'no request id' })
    trace.ingest({ level: 'INFO', message: 'cognito trigger dispatched', requestId: 'r-4', plugins: 'not a list' })
    trace.ingest({ level: 'ERROR', message: 'cognito trigger failed', requestId: 'r-4' })

    // Assess
    expect(trace.take('r-3')).toStrictEqual({
      plugins: [{ plugin: 'a', ms: 1, outcome: 'ok' }],
      notes: [{ plugin: 'router', level: 'warn', message: 'unknown triggerSource echoed unchanged', details: {} }],
      failure: { name: 'PluginError', message: 'boom', plugin: 'a' },
    })
    expect(trace.take('r-4')).toStrictEqual({ plugins: [], notes: [], failure: { name: 'Error', message: '' } })
  })

  it('forgets the oldest request once 500 are waiting', () => {
    // Prepare
    const trace = createRouterTrace()

    // Act
    for (let i = 0; i <= 500; i++) trace.logger.info('said', { requestId: `r${i}`, plugin: 'p' })

    // Assess
    expect(trace.take('r0').notes).toStrictEqual([])
    expect(trace.take('r500').notes).toHaveLength(1)
  })
})
