import { describe, expect, it } from 'vitest'
import { Invocation } from '../../src/invocation.js'
import { DEFAULT_SECRET_PATHS } from '../../src/redaction/paths.js'
import { createEvent } from '../../src/testing/events.js'
import { lambdaContext } from '../helpers/lambda.js'

const invocation = (): Invocation => new Invocation(createEvent('UserMigration_Authentication'), lambdaContext())

describe('an invocation’s scrubber', () => {
  it('is built once, and kept for the same secrets, even in a new list', () => {
    // Prepare
    const state = invocation()
    const secrets = ['Legacy-Passw0rd!', 'jane@example.com']

    // Act
    const first = state.scrubberOf(secrets, '[REDACTED]')
    const again = state.scrubberOf(secrets, '[REDACTED]')
    const copied = state.scrubberOf([...secrets], '[REDACTED]')

    // Assess
    expect(again).toBe(first)
    expect(copied).toBe(first)
  })

  it.each([
    ['a secret more', ['Legacy-Passw0rd!', 'jane@example.com', '918273'], '[REDACTED]'],
    ['another secret in its place', ['Legacy-Passw0rd!', 'joe@example.com'], '[REDACTED]'],
    ['another mask', ['Legacy-Passw0rd!', 'jane@example.com'], '***'],
  ])('is built again for %s, and masks accordingly', (_case, secrets, mask) => {
    // Prepare
    const state = invocation()
    const first = state.scrubberOf(['Legacy-Passw0rd!', 'jane@example.com'], '[REDACTED]')

    // Act
    const next = state.scrubberOf(secrets, mask)

    // Assess
    expect(next).not.toBe(first)
    expect(next.mask).toBe(mask)
    expect(next.clean(secrets.join(' '))).toBe(secrets.map(() => mask).join(' '))
  })
})

describe('an invocation’s secrets now', () => {
  it('adds what the handler’s copy holds under a member the event arrived without', () => {
    // Prepare
    const arrived = { triggerSource: 'UserMigration_Authentication', userName: 'jane' }
    const state = new Invocation(arrived, lambdaContext())
    state.event = { ...arrived, request: { password: 'Typed-Later-9' } }

    // Act
    const secrets = state.secretsNow(DEFAULT_SECRET_PATHS)

    // Assess
    expect(secrets).toStrictEqual(['Typed-Later-9'])
  })
})
