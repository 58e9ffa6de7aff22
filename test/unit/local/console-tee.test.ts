// `serve --handler`: the router's console lines feed the trace instead of the terminal.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { teeRouterLines } from '../../../src/local/console-tee.js'
import { createRouterTrace } from '../../../src/local/trace.js'

const dispatched = JSON.stringify({ level: 'INFO', message: 'cognito trigger dispatched', requestId: 'r-1', plugins: [{ plugin: 'a', ms: 1, outcome: 'ok' }] })

describe('teeRouterLines', () => {
  let restore = () => undefined as void
  afterEach(() => {
    restore()
    vi.restoreAllMocks()
  })

  it('feeds JSON lines with a request id to the trace and keeps them off the console, passing everything else', () => {
    // Prepare
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined)
    const trace = createRouterTrace()
    restore = teeRouterLines(trace, false)

    // Act
    console.log(dispatched)
    console.log('{"message":"no request id"}')
    console.log('{not json')
    console.log('plain', 'words')

    // Assess
    expect(trace.take('r-1').plugins).toStrictEqual([{ plugin: 'a', ms: 1, outcome: 'ok' }])
    expect(log.mock.calls).toStrictEqual([['{"message":"no request id"}'], ['{not json'], ['plain', 'words']])
  })

  it('also prints the router lines in verbose mode, and restores the console', () => {
    // Prepare
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const before = console.error
    const trace = createRouterTrace()
    restore = teeRouterLines(trace, true)

    // Act
    console.error(dispatched)
    restore()
    restore = () => undefined

    // Assess
    expect(error.mock.calls).toStrictEqual([[dispatched]])
    expect(trace.take('r-1').plugins).toHaveLength(1)
    expect(console.error).toBe(before)
  })
})
