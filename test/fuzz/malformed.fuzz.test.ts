import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isPlainObject } from '../../src/response.js'
import {
  behaviour,
  expectNoPollution,
  fuzzSuite,
  GENERIC_MESSAGE,
  loggerKind,
  malformedEvent,
  notAnEvent,
  pluginsFor,
  registration,
  FC_OPTIONS,
  TIMEOUT_MS,
  runRouter,
  settleTicks,
  source,
} from './kit.js'

describe('router fuzz: malformed events and non-events', () => {
  const { unhandled, stats, routeCase } = fuzzSuite('malformed events and non-events')

  it('echoes or fails closed on an event broken in one place, and never leaks or pollutes', async () => {
    await fc.assert(
      fc.asyncProperty(
        malformedEvent,
        fc.array(behaviour, { minLength: 1, maxLength: 2 }),
        registration,
        loggerKind,
        async (generated, behaviours, where, kind) => {
          // Act, and Assess what every routed case keeps
          await routeCase(generated, pluginsFor(generated.source, behaviours, where, false, generated.secrets), kind)
        },
      ),
      FC_OPTIONS,
    )
  }, TIMEOUT_MS)

  it('rejects anything that is not an event with the generic message, whatever the plugins', async () => {
    await fc.assert(
      fc.asyncProperty(notAnEvent, source, fc.array(behaviour, { maxLength: 2 }), loggerKind, async (value, anySource, behaviours, kind) => {
        fc.pre(!(isPlainObject(value) && typeof value.triggerSource === 'string' && value.triggerSource !== '' && isPlainObject(value.request)))
        // Prepare
        const secrets = { password: '«password:x»', answer: '«answer:x»', code: '«code:x»', token: '«token:x»' }

        // Act
        const { error, lines } = await runRouter(value, pluginsFor(anySource, behaviours, 'all', false, secrets), kind)
        await settleTicks()
        stats.record(error)

        // Assess
        expect(error?.message).toBe(GENERIC_MESSAGE)
        expect(lines.filter((line) => line.level === 'error')).toHaveLength(1)
        expectNoPollution()
        expect(unhandled.seen).toStrictEqual([])
      }),
      FC_OPTIONS,
    )
  }, TIMEOUT_MS)
})
