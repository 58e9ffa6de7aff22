import { describe, expect, it } from 'vitest'
import { replayWelcomeEmail } from '../../../src/local/idempotency-demo.js'

describe('the demo\'s retry step', { timeout: 60_000 }, () => {
  it('sends one welcome email for two deliveries of one PostConfirmation event, and replies the same', async () => {
    const lines: string[] = []

    const report = await replayWelcomeEmail((line) => lines.push(line))

    expect(report).toEqual({ emailsSent: 1, outcomes: ['first-run', 'replayed'], sameReply: true })
    expect(lines.at(-1)).toBe('   One welcome email for two invocations; the same reply both times.')
  })
})
