// untilStopped: the first SIGINT/SIGTERM, or an abort, ends a local run; listeners are removed.
import { describe, expect, it } from 'vitest'
import { untilStopped } from '../../../src/local/signals.js'

describe('untilStopped', () => {
  it('resolves "aborted" when its signal aborts, and removes its listeners', async () => {
    // Prepare
    const before = process.listenerCount('SIGINT')
    const abort = new AbortController()
    const stopped = untilStopped(abort.signal)

    // Act
    abort.abort()

    // Assess
    expect(await stopped).toBe('aborted')
    expect(process.listenerCount('SIGINT')).toBe(before)
  })

  it('resolves at once for a signal that has already aborted', async () => {
    // Act and assess
    expect(await untilStopped(AbortSignal.abort())).toBe('aborted')
  })
})
