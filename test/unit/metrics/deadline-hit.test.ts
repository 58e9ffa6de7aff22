import { describe, expect, it } from 'vitest'
import { DeadlineExceededError, PluginError } from '../../../src/errors.js'
import { isDeadlineHit } from '../../../src/metrics/deadline-hit.js'

const revoked = (): object => {
  const { proxy, revoke } = Proxy.revocable({}, {})
  revoke()
  return proxy
}

describe('isDeadlineHit', () => {
  it.each([
    ['the deadline error itself', new DeadlineExceededError(3000, 'gate'), true],
    ['the signal reason rethrown as a cause', new Error('lookup failed', { cause: new DeadlineExceededError(3000) }), true],
    ['a deadline error deeper in the chain', new PluginError('gate', new Error('x', { cause: new DeadlineExceededError(1) })), true],
    ['another error', new Error('db down'), false],
    ['an AbortError of its own', new DOMException('aborted', 'AbortError'), false],
    ['a thrown string', 'deadline', false],
  ])('says %s is %s', (_case, error, expected) => {
    expect(isDeadlineHit(error)).toBe(expected)
  })

  it('says a revoked proxy, on which instanceof throws, is no deadline hit', () => {
    expect(isDeadlineHit(revoked())).toBe(false)
  })
})
