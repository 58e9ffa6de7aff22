// The legacy store stub speaks the user-migration plugin's `http` protocol: checked with the
// plugin's own client, and with raw requests for what the client never sends.
import { afterEach, describe, expect, it } from 'vitest'
import { legacyHttpStore } from '../../../plugins/user-migration/index.js'
import { LEGACY_ACCOUNTS, startLegacyStore, type LegacyStore } from '../../../src/local/legacy-store.js'

let store: LegacyStore | undefined
afterEach(() => store?.close())

const client = (running: LegacyStore) => {
  process.env.TEST_LEGACY_TOKEN = running.token
  return legacyHttpStore({ url: running.url, bearerTokenEnv: 'TEST_LEGACY_TOKEN' })
}
const signal = new AbortController().signal
const [grace] = LEGACY_ACCOUNTS

describe('startLegacyStore', () => {
  it('authenticates a known user with the right password and returns their legacy attributes', async () => {
    // Prepare
    store = await startLegacyStore()

    // Act
    const user = await client(store).authenticate(grace!.username.toUpperCase(), grace!.password, { signal })

    // Assess
    expect(user).toStrictEqual({ attributes: grace!.attributes, emailVerified: true, phoneVerified: false })
    expect(store.calls).toStrictEqual([{ action: 'authenticate', username: grace!.username.toUpperCase(), status: 200 }])
  })

  it('answers a wrong password with 401 and an unknown user with 404, which the plugin reads as "no user"', async () => {
    // Prepare
    store = await startLegacyStore()
    const legacy = client(store)

    // Act
    const wrong = await legacy.authenticate(grace!.username, 'nope', { signal })
    const unknown = await legacy.lookup('nobody@legacy.example', { signal })
    const found = await legacy.lookup(grace!.username, { signal })

    // Assess
    expect([wrong, unknown, found?.attributes]).toStrictEqual([null, null, grace!.attributes])
    expect(store.calls.map((call) => call.status)).toStrictEqual([401, 404, 200])
  })

  it.each<[string, RequestInit, number]>([
    ['a GET', { method: 'GET' }, 405],
    ['no bearer token', { method: 'POST', body: '{}' }, 403],
  ])('refuses %s', async (_name, init, status) => {
    // Prepare
    store = await startLegacyStore()

    // Act
    const response = await fetch(store.url, init)

    // Assess
    expect(response.status).toBe(status)
  })

  it.each(['{"action":"delete","username":"x"}', 'not json', '[1]', 'x'.repeat(20_000)])('answers 400 to the body %s', async (body) => {
    // Prepare
    store = await startLegacyStore([])

    // Act
    const response = await fetch(store.url, { method: 'POST', headers: { authorization: `Bearer ${store.token}` }, body })

    // Assess
    expect(response.status).toBe(400)
  })
})
