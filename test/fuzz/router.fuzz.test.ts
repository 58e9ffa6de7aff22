import { isDeepStrictEqual } from 'node:util'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { behaviour, fuzzSuite, loggerKind, pluginsFor, registration, FC_OPTIONS, RUNS, TIMEOUT_MS, wellFormedEvent } from './kit.js'

describe('router fuzz: well-formed events of every triggerSource', () => {
  const { stats, routeCase } = fuzzSuite('well-formed events')

  it('echoes or fails closed, and never leaks a planted secret, pollutes a prototype or leaves a rejection unhandled', async () => {
    await fc.assert(
      fc.asyncProperty(
        wellFormedEvent,
        fc.array(behaviour, { minLength: 1, maxLength: 3 }),
        registration,
        fc.boolean(),
        loggerKind,
        async (generated, behaviours, where, failOpen, kind) => {
          // Prepare
          const plugins = pluginsFor(generated.source, behaviours, where, failOpen, generated.secrets)

          // Act, and Assess what every routed case keeps
          const { sent } = await routeCase(generated, plugins, kind)

          // Assess
          expect(isDeepStrictEqual(generated.event, sent), 'the caller’s event was changed').toBe(true)
        },
      ),
      FC_OPTIONS,
    )
    if (RUNS >= 100) {
      expect(stats.counts.echoed).toBeGreaterThan(0)
      expect(stats.counts.rejected).toBeGreaterThan(0)
      expect(stats.counts.userFacing).toBeGreaterThan(0)
    }
  }, TIMEOUT_MS)
})
