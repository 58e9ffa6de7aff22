import { describe, expect, it, vi } from 'vitest'
import { UserFacingError } from '../../src/errors.js'
import { Invocation } from '../../src/invocation.js'
import { jsonLogger } from '../../src/logger.js'
import { definePlugin } from '../../src/plugin.js'
import { createRouter } from '../../src/router.js'
import { DEFAULT_SECRET_PATHS } from '../../src/redaction/paths.js'
import { createEvent } from '../../src/testing/events.js'
import { lambdaContext, settle } from '../helpers/lambda.js'

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

describe('one invocation through the router', () => {
  it('uses one scrubber for the event line, the plugin’s line, the error line and the message its user sees', async () => {
    // Prepare
    const scrubberOf = vi.spyOn(Invocation.prototype, 'scrubberOf')
    const plugin = definePlugin({
      name: 'legacy-login',
      triggers: ['UserMigration_Authentication'],
      handler: (event, { logger }) => {
        logger.warn('refusing')
        throw new UserFacingError(`Wrong password ${event.request.password}`, { code: 'WRONG_PASSWORD' })
      },
    })
    const router = createRouter({ plugins: [plugin], logger: jsonLogger({ level: 'INFO', sink: () => undefined }), logging: { eventLevel: 'info' } })

    try {
      // Act
      const { error } = await settle(router, createEvent('UserMigration_Authentication', { overrides: { request: { password: 'Legacy-Passw0rd!' } } }))

      // Assess
      expect(error?.message).toMatch(/^\[INTERNAL_ERROR\] /)
      const scrubbers = scrubberOf.mock.results.map((result) => result.value as unknown)
      expect(scrubbers).toHaveLength(4)
      expect(new Set(scrubbers).size).toBe(1)
    } finally {
      scrubberOf.mockRestore()
    }
  })
})

