// Fuzz findings, pinned as deterministic cases so they stay fixed (or, while open, stay visible).

import { describe, expect, it } from 'vitest'
import { definePlugin } from '../../src/plugin.js'
import { createRouter } from '../../src/router.js'
import { jsonLogger } from '../../src/logger.js'
import { UserFacingError } from '../../src/errors.js'
import { createEvent } from '../../src/testing/events.js'
import { capturingLogger, settle } from '../helpers/lambda.js'

const PASSWORD = 'Legacy-Passw0rd!'

describe('fuzz findings', () => {
  // FIXED (found by router.fuzz.test.ts): the plugin logger collected the secrets to scrub lazily,
  // from the live event copy, at its first line, so a plugin that dropped the password before it
  // logged got its own lines unscrubbed. The router now scrubs with the secrets of the event as
  // it arrived, united with the live event's.
  it('masks the password in a plugin line written after the plugin removed it from the event', async () => {
    // Prepare
    const legacyLogin = definePlugin({
      name: 'legacy-login',
      triggers: ['UserMigration_Authentication'],
      handler: (event, { logger }) => {
        const { password } = event.request
        delete (event.request as { password?: string }).password
        logger.error('legacy system refused the login', { upstream: `invalid credentials: ${password}` })
        return { userAttributes: { email: 'jane@example.com' }, finalUserStatus: 'CONFIRMED' }
      },
    })
    const logger = capturingLogger()
    const router = createRouter({ plugins: [legacyLogin], logger })

    // Act
    await settle(router, createEvent('UserMigration_Authentication', { overrides: { request: { password: PASSWORD } } }))

    // Assess
    expect(logger.text()).not.toContain(PASSWORD)
  })

  // FIXED (found by router.fuzz.test.ts on 2026-12-06): a challenge answer of a few hundred KB made
  // the scrubbing pattern larger than V8 compiles, so the error line was dropped and only "a log
  // line could not be written" reached the log. Scrubbing now falls back to one secret at a time.
  it('writes the error line, masked, when a secret is too large for one regular expression', async () => {
    // Prepare
    const answer = `«${'x'.repeat(300_000)}»`
    const verify = definePlugin({
      name: 'verify',
      triggers: ['VerifyAuthChallengeResponse_Authentication'],
      handler: (event) => {
        throw new UserFacingError(`wrong answer ${event.request.challengeAnswer}`)
      },
    })
    const lines: string[] = []
    const router = createRouter({ plugins: [verify], logger: jsonLogger({ level: 'INFO', sink: (line) => lines.push(line) }) })
    const event = createEvent('VerifyAuthChallengeResponse_Authentication', { overrides: { request: { challengeAnswer: answer } } })

    // Act
    const { error } = await settle(router, event)

    // Assess
    expect(error).toBeDefined()
    const failed = lines.map((line) => JSON.parse(line) as { message: string }).filter((line) => line.message === 'cognito trigger failed')
    expect(failed).toHaveLength(1)
    expect(lines.join('\n')).not.toContain('x'.repeat(1000))
  })
})
