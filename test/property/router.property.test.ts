import { isDeepStrictEqual } from 'node:util'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { TRIGGER_SOURCES, TRIGGERS, type TriggerSource } from '../../src/catalogue.js'
import { TriggerRejectedError, UserFacingError } from '../../src/errors.js'
import type { AnyPlugin } from '../../src/plugin.js'
import { isPlainObject } from '../../src/response.js'
import { createRouter } from '../../src/router.js'
import { createEvent } from '../../src/testing/events.js'
import { capturingLogger, settle } from '../helpers/lambda.js'

// The count is small here so `npm test` stays fast; `npm run fuzz` runs the same properties longer.
const RUNS = Number(process.env.FUZZ_RUNS ?? 150)
// Generous: the count is what `npm run fuzz` raises, and these tests must not time out at it.
const TIMEOUT = 10_000 + RUNS * 20

// A value planted in the thrown errors and in the event's secret fields: it must never reach
// the end user, and (where it sits in a secret field) never a log line.
const SECRET = 'S3cr3t-Planted-Value-9931'
const SAFE_USER_MESSAGE = 'Sign-up refused by policy'

const jsonValue = fc.jsonValue({ maxDepth: 3 })
const awkwardKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'ünïcødé', '', 'a.b', 'x'.repeat(300))

const wellFormedEvent = fc
  .record({
    source: fc.constantFrom(...TRIGGER_SOURCES),
    tokenVersion: fc.constantFrom(1 as const, 2 as const),
    extraKey: awkwardKey,
    extraValue: jsonValue,
    attribute: fc.string({ unit: 'grapheme', maxLength: 40 }),
    nullValidation: fc.boolean(),
  })
  .map(({ source, tokenVersion, extraKey, extraValue, attribute, nullValidation }) => {
    const event = createEvent(source, { tokenVersion }) as unknown as Record<string, unknown> & { request: Record<string, unknown> }
    Object.defineProperty(event, extraKey, { value: extraValue, enumerable: true, writable: true, configurable: true })
    Object.defineProperty(event.request, extraKey, { value: extraValue, enumerable: true, writable: true, configurable: true })
    if (isPlainObject(event.request.userAttributes)) event.request.userAttributes['custom:note'] = attribute
    if (nullValidation) event.request.validationData = null
    if ('password' in event.request) event.request.password = SECRET
    if ('challengeAnswer' in event.request) event.request.challengeAnswer = SECRET
    return { source, event }
  })

type Behaviour = (event: Record<string, unknown> & { request: Record<string, unknown> }) => unknown

const behaviour: fc.Arbitrary<Behaviour> = fc.oneof(
  fc.constant<Behaviour>(() => undefined),
  fc.constant<Behaviour>((event) => event),
  jsonValue.map<Behaviour>((value) => () => value),
  fc.dictionary(awkwardKey, jsonValue).map<Behaviour>((patch) => () => patch),
  fc.tuple(awkwardKey, jsonValue).map<Behaviour>(([key, value]) => (event) => {
    event.request[key] = value
    event[key] = value
    event.userName = SECRET
  }),
  fc.constant<Behaviour>((event) => {
    event.response = SECRET
  }),
  fc.constant<Behaviour>(() => {
    throw new Error(`internal failure ${SECRET}`)
  }),
  fc.constant<Behaviour>(() => {
    throw new UserFacingError(SAFE_USER_MESSAGE)
  }),
  fc.constant<Behaviour>(() => Promise.reject(SECRET)),
  fc.constant<Behaviour>(() => Promise.reject(new TypeError(SECRET))),
  fc.constant<Behaviour>(() => {
    // eslint-disable-next-line no-throw-literal -- plugins written in JavaScript do throw plain objects
    throw { message: SECRET }
  }),
  fc.constant<Behaviour>(() => new Promise(() => undefined)),
)

const pluginsFor = (source: TriggerSource, behaviours: Behaviour[], failOpen: boolean): AnyPlugin[] =>
  behaviours.map((handler, i) => ({
    name: `p${i}`,
    triggers: [source],
    handler: handler as AnyPlugin['handler'],
    ...(failOpen && TRIGGERS[source].committed ? { failOpen: true } : {}),
  }))

describe('router properties', () => {
  it('replies with a valid echo or a fail-closed rejection, and never leaks a planted secret', async () => {
    await fc.assert(
      fc.asyncProperty(wellFormedEvent, fc.array(behaviour, { minLength: 1, maxLength: 3 }), fc.boolean(), async ({ source, event }, behaviours, failOpen) => {
        const logger = capturingLogger()
        const router = createRouter({ plugins: pluginsFor(source, behaviours, failOpen), logger, deadlineMs: 5, logging: { eventLevel: 'info' } })
        const original = structuredClone(event)

        const { reply, error } = await settle(router, event)

        if (error) {
          expect(error).toBeInstanceOf(TriggerRejectedError)
          expect([SAFE_USER_MESSAGE, '[INTERNAL_ERROR] We could not complete your request (reference req-0000-1111)']).toContain(error.message)
        } else {
          expect(isPlainObject(reply)).toBe(true)
          const echoed = reply as Record<string, unknown>
          // node's deep equality, because vitest's compares an own "constructor" key as a class.
          for (const key of Object.keys(original)) {
            if (key !== 'response') expect(isDeepStrictEqual(echoed[key], original[key])).toBe(true)
          }
          const added = Object.keys(echoed).filter((key) => !Object.hasOwn(original, key))
          expect(added.filter((key) => key !== 'response')).toStrictEqual([])
          if (TRIGGERS[source].invocation === 'sync') expect(isPlainObject(echoed.response)).toBe(true)
        }
        expect(isDeepStrictEqual(event, original)).toBe(true)
        expect(({} as Record<string, unknown>).polluted).toBeUndefined()
        expect(Object.prototype).not.toHaveProperty('polluted')
        if ('password' in original.request || 'challengeAnswer' in original.request) {
          expect(logger.text()).not.toContain(SECRET)
        }
      }),
      { numRuns: RUNS },
    )
  }, TIMEOUT)

  it('echoes every well-formed event exactly when no plugin changes anything', async () => {
    await fc.assert(
      fc.asyncProperty(wellFormedEvent, async ({ source, event }) => {
        const router = createRouter({ plugins: [{ name: 'noop', triggers: [source], handler: () => undefined }], logger: capturingLogger() })
        const original = structuredClone(event)
        const { reply, error } = await settle(router, event)
        expect(error).toBeUndefined()
        expect(isDeepStrictEqual(reply, original)).toBe(true)
      }),
      { numRuns: RUNS },
    )
  }, TIMEOUT)

  it('rejects arbitrary non-events with the generic message', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(jsonValue, fc.record({ triggerSource: jsonValue, request: jsonValue })), async (value) => {
        fc.pre(!(isPlainObject(value) && typeof value.triggerSource === 'string' && value.triggerSource !== '' && isPlainObject(value.request)))
        const router = createRouter({ plugins: [], logger: capturingLogger() })
        const { error } = await settle(router, value)
        expect(error).toBeInstanceOf(TriggerRejectedError)
      }),
      { numRuns: RUNS },
    )
  }, TIMEOUT)
})
