import { isDeepStrictEqual } from 'node:util'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  behaviour,
  expectEcho,
  expectFailClosed,
  expectNoPollution,
  expectNoSecrets,
  pluginsFor,
  presentSecrets,
  registration,
  FC_OPTIONS,
  RUNS,
  TIMEOUT_MS,
  runRouter,
  settleTicks,
  snapshot,
  tally,
  unhandledRejections,
  wellFormedEvent,
} from './kit.js'

describe('router fuzz: well-formed events of every triggerSource', () => {
  const unhandled = unhandledRejections()
  const stats = tally()
  beforeAll(() => unhandled.start())
  afterAll(async () => {
    await settleTicks()
    unhandled.stop()
    console.log(stats.summary('well-formed events'))
  })

  it('echoes or fails closed, and never leaks a planted secret, pollutes a prototype or leaves a rejection unhandled', async () => {
    await fc.assert(
      fc.asyncProperty(
        wellFormedEvent,
        fc.array(behaviour, { minLength: 1, maxLength: 3 }),
        registration,
        fc.boolean(),
        async ({ source, event, secrets }, behaviours, where, failOpen) => {
          // Prepare
          const sent = snapshot(event)
          const present = presentSecrets(event, secrets)
          const plugins = pluginsFor(source, behaviours, where, failOpen, secrets)

          // Act
          const { reply, error, lines } = await runRouter(event, plugins)
          await settleTicks()
          stats.record(error)

          // Assess
          if (error === undefined) expectEcho(reply, sent)
          else expectFailClosed(error, secrets, present)
          expect(isDeepStrictEqual(event, sent), 'the caller’s event was changed').toBe(true)
          expectNoSecrets(present, lines, error)
          expectNoPollution()
          expect(unhandled.seen).toStrictEqual([])
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
