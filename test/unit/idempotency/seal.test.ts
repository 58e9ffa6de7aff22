import { describe, expect, it } from 'vitest'
import { seal, unseal } from '../../../src/idempotency/seal.js'

const KEY = 'a'.repeat(64)
const OTHER_KEY = 'b'.repeat(64)
const patch = { privateChallengeParameters: { code: '482913', expiresAt: '1800000000000' } }

describe('sealed idempotency records', () => {
  it('open with the key and plugin they were sealed under', async () => {
    const sealed = await seal(KEY, 'email-otp', patch)

    await expect(unseal(KEY, 'email-otp', sealed)).resolves.toEqual(patch)
  })

  it('do not show what they hold', async () => {
    const sealed = await seal(KEY, 'email-otp', patch)

    expect(sealed).not.toContain('482913')
    expect(Buffer.from(sealed, 'base64').toString('latin1')).not.toContain('482913')
  })

  it('differ each time, even for the same patch', async () => {
    expect(await seal(KEY, 'email-otp', patch)).not.toBe(await seal(KEY, 'email-otp', patch))
  })

  it.each([
    ['another request\'s key', OTHER_KEY, 'email-otp'],
    ['another plugin', KEY, 'welcome-email'],
  ])('do not open with %s', async (_what, key, plugin) => {
    const sealed = await seal(KEY, 'email-otp', patch)

    await expect(unseal(key, plugin, sealed)).rejects.toThrow()
  })
})
