import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { definePlugin } from '../../src/plugin.js'
import { jsonLogger } from '../../src/logger.js'
import { MIN_VARIANT_LENGTH, scrub, scrubberFor } from '../../src/redaction/scrub.js'
import { createRouter } from '../../src/router.js'
import { createEvent } from '../../src/testing/events.js'
import { capturingLogger, lambdaContext, settle } from '../helpers/lambda.js'
import { DEADLINE_MS, expectNoSecrets, json, REQUEST_ID, FC_OPTIONS, TIMEOUT_MS } from './kit.js'

// Secrets are wrapped in «…» and no other text contains those characters, so one secret never
// contains another, never overlaps itself, and cannot be formed by the mask and its neighbours:
// any occurrence left after scrubbing is a miss.
const plain = fc.string({ unit: 'grapheme', maxLength: 16 }).map((text) => text.replace(/[«»]/g, ''))
const hostile = fc.oneof(
  plain,
  fc.string({ unit: 'binary', maxLength: 8 }).map((text) => text.replace(/[«»]/g, '')),
  fc.constantFrom('$&', '$1', "$'", '\\', '"', '\\"', '\u2028', '.*+?^${}()|[]', '\n'),
)
// At least MIN_SECRET_LENGTH (4) characters: shorter values are masked by path only, by design.
const secret = hostile.filter((body) => body.trim().length >= 2).map((body) => `«${body}»`)
const mask = fc.oneof(fc.constant('[REDACTED]'), hostile)

const forms = (value: string): string[] => {
  const once = JSON.stringify(value).slice(1, -1)
  return [value, once, JSON.stringify(once).slice(1, -1)]
}

// The other forms a secret of MIN_VARIANT_LENGTH characters or more is masked in (issue 15, finding 6).
const variants = (value: string): string[] => {
  if (value.length < MIN_VARIANT_LENGTH) return []
  const cased = [value.toUpperCase(), value.toLowerCase()]
  if (!value.isWellFormed()) return cased
  const encoded = encodeURIComponent(value)
  return [...cased, encoded, encoded.replaceAll('%20', '+'), new URLSearchParams([['', value]]).toString().slice(1)]
}

describe('redaction fuzz', () => {
  const started = performance.now()
  let cases = 0
  afterAll(() => {
    console.log(`fuzz redaction: ${cases} cases in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  })

  it('scrub removes every occurrence of every secret, in any of its JSON forms, and touches nothing else', () => {
    fc.assert(
      fc.property(fc.array(secret, { minLength: 1, maxLength: 4 }), fc.array(fc.tuple(plain, fc.nat(3), fc.nat(2)), { maxLength: 6 }), mask, (secrets, pieces, replacement) => {
        cases += 1
        // Prepare
        const text = pieces.map(([before, which, form]) => before + forms(secrets[which % secrets.length] as string)[form]).join('')
        const innocent = pieces.map(([before]) => before).join('')

        // Act
        const scrubbed = scrub(text, secrets, replacement)

        // Assess
        for (const value of secrets) for (const form of forms(value)) expect(scrubbed).not.toContain(form)
        expect(scrub(innocent, secrets, replacement)).toBe(innocent)
      }),
      FC_OPTIONS,
    )
  }, TIMEOUT_MS)

  it('a scrubber’s snapshot is an object without any secret, in keys, values, numbers or nested JSON, and never throws', () => {
    fc.assert(
      fc.property(fc.array(secret, { minLength: 1, maxLength: 3 }), json, fc.nat(), (secrets, value, seed) => {
        cases += 1
        // Prepare
        const first = secrets[seed % secrets.length] as string
        const attributes = {
          value,
          [first]: { nested: [secrets, `inline ${first} text`] },
          quoted: JSON.stringify({ again: JSON.stringify(secrets) }),
          error: new Error(`failed for ${first}`),
        }

        // Act
        const scrubbed = scrubberFor(secrets).snapshot(attributes)

        // Assess
        expect(typeof scrubbed).toBe('object')
        const text = JSON.stringify(scrubbed)
        for (const one of secrets) for (const form of forms(one)) expect(text).not.toContain(form)
      }),
      FC_OPTIONS,
    )
  }, TIMEOUT_MS)

  it('a scrubber writing to a JSON logger, its message scrubbed first, writes one valid JSON line without any secret, in the message, keys, values, numbers or nested JSON', () => {
    fc.assert(
      fc.property(fc.array(secret, { minLength: 1, maxLength: 3 }), json, fc.nat(), mask, (secrets, value, seed, replacement) => {
        cases += 1
        // Prepare
        const written: string[] = []
        const logger = jsonLogger({ level: 'DEBUG', sink: (line) => written.push(line) })
        const first = secrets[seed % secrets.length] as string
        const attributes = { value, [first]: { nested: [secrets, `inline ${first} text`] }, quoted: JSON.stringify({ again: JSON.stringify(secrets) }) }

        // Act
        const scrubber = scrubberFor(secrets, replacement)
        scrubber.write(logger, 'warn', scrubber.clean(`failed for ${first}`), attributes)

        // Assess
        expect(written).toHaveLength(1)
        const line = written[0] as string
        expect(() => JSON.parse(line)).not.toThrow()
        for (const one of secrets) for (const form of forms(one)) expect(line).not.toContain(form)
      }),
      FC_OPTIONS,
    )
  }, TIMEOUT_MS)

  it('keeps a value at a configured redaction path out of every line, however a plugin handles it', async () => {
    const attribute = fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 12 })
      .filter((name) => !name.includes('.') && !['__proto__', 'constructor', 'prototype'].includes(name))
    await fc.assert(
      fc.asyncProperty(attribute, secret, fc.constantFrom('log', 'throw', 'claim', 'user-facing'), async (name, value, does) => {
        cases += 1
        // Prepare
        const path = `custom:${name}`
        const event = createEvent('TokenGeneration_Authentication', {
          userAttributes: { sub: 'a1b2c3d4', [path]: value },
        })
        const plugin = definePlugin({
          name: 'handles-the-attribute',
          triggers: ['TokenGeneration_Authentication'],
          handler: (received, context) => {
            const held = received.request.userAttributes[path] ?? ''
            if (does === 'log') context.logger.info(`attribute is ${held}`, { held, [held]: true })
            if (does === 'throw') throw new Error(`bad ${held}`)
            if (does === 'user-facing') throw new (class extends Error {})(`rejected ${held}`)
            return { claimsOverrideDetails: { claimsToAddOrOverride: { copied: held } } }
          },
        })
        const logger = capturingLogger()
        const router = createRouter({
          plugins: [plugin],
          logger,
          deadlineMs: DEADLINE_MS * 20,
          logging: { eventLevel: 'info', redact: { paths: [`event.request.userAttributes.${path}`] } },
        })

        // Act
        const { error } = await settle(router, event, lambdaContext({ awsRequestId: REQUEST_ID }))

        // Assess
        expectNoSecrets({ password: value }, logger.lines, error)
      }),
      FC_OPTIONS,
    )
  }, TIMEOUT_MS)

  it('scrub removes the upper-cased, lower-cased and URL-encoded forms of every secret long enough to have them', () => {
    fc.assert(
      fc.property(fc.array(secret, { minLength: 1, maxLength: 3 }), fc.array(fc.tuple(plain, fc.nat(2), fc.nat(4)), { maxLength: 6 }), (secrets, pieces) => {
        cases += 1
        // Prepare
        const text = pieces
          .map(([before, which, form]) => {
            const value = secrets[which % secrets.length] as string
            const others = variants(value)
            return before + (others.length === 0 ? value : (others[form % others.length] as string))
          })
          .join('')

        // Act
        const scrubbed = scrub(text, secrets)

        // Assess
        for (const value of secrets) for (const form of [value, ...variants(value)]) expect(scrubbed).not.toContain(form)
      }),
      FC_OPTIONS,
    )
  }, TIMEOUT_MS)

  it('a scrubber writing a JSON line never changes its level, its own message or its logger fields, whatever the secrets are', () => {
    const own = fc.constantFrom('ERROR', 'WARN', 'cognito trigger failed', 'level', 'message', 'sign-up-service', 'legacy-login', 'us-east-1_EXAMPLE')
    fc.assert(
      fc.property(fc.array(fc.oneof(own, secret), { minLength: 1, maxLength: 4 }), fc.constantFrom('debug', 'info', 'warn', 'error' as const), json, (secrets, level, value) => {
        cases += 1
        // Prepare
        const written: string[] = []
        const logger = jsonLogger({ level: 'DEBUG', sink: (line) => written.push(line), fields: { service: 'sign-up-service' } })
        const attributes = { value, quoted: `upstream said ${secrets.join(' and ')}` }

        // Act
        scrubberFor(secrets).write(logger, level, 'cognito trigger failed', attributes)

        // Assess
        const line = JSON.parse(written[0] as string) as Record<string, unknown>
        expect([line.level, line.message, line.service]).toStrictEqual([level.toUpperCase(), 'cognito trigger failed', 'sign-up-service'])
        for (const one of secrets) expect(String(line.quoted)).not.toContain(one)
      }),
      FC_OPTIONS,
    )
  }, TIMEOUT_MS)
})
