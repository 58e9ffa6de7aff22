import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isPlainObject } from '../../src/response.js'
import {
  behaviour,
  expectEcho,
  expectFailClosed,
  expectNoPollution,
  expectNoSecrets,
  GENERIC_MESSAGE,
  malformedEvent,
  notAnEvent,
  pluginsFor,
  presentSecrets,
  registration,
  FC_OPTIONS,
  TIMEOUT_MS,
  runRouter,
  settleTicks,
  snapshot,
  source,
  tally,
  unhandledRejections,
} from './kit.js'

describe('router fuzz: malformed events and non-events', () => {
  const unhandled = unhandledRejections()
  const stats = tally()
  beforeAll(() => unhandled.start())
  afterAll(async () => {
    await settleTicks()
    unhandled.stop()
    console.log(stats.summary('malformed events and non-events'))
  })

  it('echoes or fails closed on an event broken in one place, and never leaks or pollutes', async () => {
    await fc.assert(
      fc.asyncProperty(
        malformedEvent,
        fc.array(behaviour, { minLength: 1, maxLength: 2 }),
        registration,
        async ({ source, event, secrets }, behaviours, where) => {
          // Prepare
          const sent = snapshot(event)
          const present = presentSecrets(event, secrets)

          // Act
          const { reply, error, lines } = await runRouter(event, pluginsFor(source, behaviours, where, false, secrets))
          await settleTicks()
          stats.record(error)

          // Assess
          if (error === undefined) expectEcho(reply, sent)
          else expectFailClosed(error, secrets, present)
          expectNoSecrets(present, lines, error)
          expectNoPollution()
          expect(unhandled.seen).toStrictEqual([])
        },
      ),
      FC_OPTIONS,
    )
  }, TIMEOUT_MS)

  it('rejects anything that is not an event with the generic message, whatever the plugins', async () => {
    await fc.assert(
      fc.asyncProperty(notAnEvent, source, fc.array(behaviour, { maxLength: 2 }), async (value, anySource, behaviours) => {
        fc.pre(!(isPlainObject(value) && typeof value.triggerSource === 'string' && value.triggerSource !== '' && isPlainObject(value.request)))
        // Prepare
        const secrets = { password: '«password:x»', answer: '«answer:x»', code: '«code:x»', token: '«token:x»' }

        // Act
        const { error, lines } = await runRouter(value, pluginsFor(anySource, behaviours, 'all', false, secrets))
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
