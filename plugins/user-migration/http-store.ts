// -- legacy HTTP store -----------------------------------------------------------------------
// A legacy user store behind one JSON endpoint, for teams that configure the plugin in JSON.
// It carries plaintext passwords, so it only speaks HTTPS (or HTTP to the local machine), never
// follows a redirect, and treats every answer it does not understand as a failure.

import { ConfigurationError, MissingPrerequisiteError } from '../../src/index.js'
import { parseOptions } from '../../src/options.js'
import { httpStoreJsonOptions } from './http-options.js'
import { toLegacyUser, UserMigrationError, type LegacyUser, type LegacyUserStore } from './legacy-user.js'

/** Options of {@link legacyHttpStore}; the same object is `http` in the plugin's JSON configuration. */
export interface LegacyHttpStoreOptions {
  /** The endpoint, `https:` (or `http:` to 127.0.0.1, ::1 or localhost, e.g. a sidecar). */
  url: string
  /** Give up after this many ms, 50 to 4500. Default 1500. The router's deadline still applies. */
  timeoutMs?: number
  /** The environment variable holding the bearer token, read once at cold start. */
  bearerTokenEnv: string
}

const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost'])
// A user is a few hundred bytes; a bigger answer is a misconfigured endpoint, not a user.
const MAX_BODY = 64 * 1024

/** The body as UTF-8 text, or `undefined` once it passes `limit` bytes: then reading stops there. */
const readAtMost = async (body: ReadableStream<Uint8Array> | null, limit: number): Promise<string | undefined> => {
  if (body === null) return ''
  // Read chunk by chunk rather than with response.text(), which buffers whatever the server
  // sends (an endless chunked answer included) before the size can be checked.
  const reader = body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return Buffer.concat(chunks).toString('utf8')
    size += value.byteLength
    if (size > limit) {
      // Cancelling a fetch body aborts the fetch, which closes the connection: the server stops
      // sending, and nothing more is buffered (Fetch standard, "HTTP-network fetch": https://fetch.spec.whatwg.org/#http-network-fetch).
      await reader.cancel()
      return undefined
    }
    chunks.push(value)
  }
}

const endpoint = (value: unknown, name: string): string => {
  let url: URL
  try {
    url = new URL(String(value))
  } catch {
    throw new ConfigurationError(`"${name}" must be an absolute URL such as "https://legacy.example.com/migrate"`)
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    throw new ConfigurationError(`"${name}" must use https: (http: only to the local machine), because requests carry passwords`)
  }
  if (url.username !== '' || url.password !== '') {
    throw new ConfigurationError(`"${name}" must not contain credentials; use "bearerTokenEnv"`)
  }
  return url.href
}

/**
 * Checks the options, reads the token from the environment, and returns the store. `where`
 * prefixes option names. A token that is not set fails each call, not the cold start: the other
 * triggers of the pool must keep working while the deployment is fixed.
 */
export const createHttpStore = (options: unknown, where = '', env: NodeJS.ProcessEnv = process.env): LegacyUserStore => {
  const given = parseOptions(httpStoreJsonOptions, options)
  const url = endpoint(given.url, `${where}url`)
  const timeoutMs = given.timeoutMs ?? 1500
  const variable = given.bearerTokenEnv
  const token = env[variable]
  const missing = token === undefined || token.trim() === ''
  const prerequisite = { env: variable, option: `${where}bearerTokenEnv`, secret: true }
  const headers = { accept: 'application/json', 'content-type': 'application/json', authorization: `Bearer ${token}` }

  const call = async (body: Record<string, string>, signal: AbortSignal): Promise<LegacyUser | null> => {
    if (missing) throw new MissingPrerequisiteError(prerequisite)
    const timeout = AbortSignal.timeout(timeoutMs as number)
    let text: string | undefined
    try {
      const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body), redirect: 'error', signal: AbortSignal.any([signal, timeout]) })
      if (response.status === 401 || response.status === 404) {
        await response.body?.cancel()
        return null
      }
      if (response.status !== 200 || Number(response.headers.get('content-length') ?? 0) > MAX_BODY) {
        await response.body?.cancel()
        throw new UserMigrationError(`the legacy store answered HTTP ${response.status}${response.status === 200 ? ' with an oversized body' : ''}`)
      }
      text = await readAtMost(response.body, MAX_BODY)
    } catch (cause) {
      if (cause instanceof UserMigrationError) throw cause
      if (timeout.aborted) throw new UserMigrationError(`the legacy store did not answer within ${timeoutMs as number} ms`, { cause })
      if (signal.aborted) throw new UserMigrationError('the request to the legacy store was aborted', { cause })
      throw new UserMigrationError('the legacy store could not be reached', { cause })
    }
    if (text === undefined) throw new UserMigrationError(`the legacy store answered with an oversized body (over ${MAX_BODY} bytes); reading stopped there`)
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch {
      // No cause: the parser's message quotes the body, and the body holds personal data.
      throw new UserMigrationError('the legacy store answered with malformed JSON')
    }
    return toLegacyUser(parsed)
  }

  return {
    authenticate: (username, password, { signal }) => call({ action: 'authenticate', username, password }, signal),
    lookup: (username, { signal }) => call({ action: 'lookup', username }, signal),
  }
}

/**
 * A {@link LegacyUserStore} that POSTs `{ action: 'authenticate' | 'lookup', username, password? }`
 * as JSON with `Authorization: Bearer <token>` to one endpoint. 200 with a {@link LegacyUser}
 * as JSON is a user; 401 and 404 mean a wrong password or an unknown user; any other status,
 * malformed JSON, a network error or the timeout throws, so the migration fails closed.
 *
 * @example
 * ```ts
 * import { legacyHttpStore, userMigration } from 'cognito-trigger-router/plugins'
 *
 * const store = legacyHttpStore({ url: 'https://legacy.example.com/migrate', timeoutMs: 1500, bearerTokenEnv: 'LEGACY_API_TOKEN' })
 * export const plugin = userMigration({ store, attributeMap: { mail: 'email' } })
 * ```
 */
export const legacyHttpStore = (options: LegacyHttpStoreOptions): LegacyUserStore => createHttpStore(options)
