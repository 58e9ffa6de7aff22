// -- legacy user store stub --------------------------------------------------------------------
// A stand-in for the system users are migrated from, speaking the protocol of the user-migration
// plugin's `http` store: POST `{ action: 'authenticate' | 'lookup', username, password? }` with
// `Authorization: Bearer <token>`; 200 with `{ attributes, emailVerified }`, 401 for a wrong
// password, 404 for an unknown user. Loopback only; the passwords are demo data.

import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { HOST } from './server.js'

/** A user of the legacy system. */
export interface LegacyAccount {
  readonly username: string
  readonly password: string
  /** Legacy field names; the plugin's `attributeMap` decides which become Cognito attributes. */
  readonly attributes: Readonly<Record<string, string>>
  readonly emailVerified: boolean
}

/** The legacy users of the demo and the walkthrough. */
export const LEGACY_ACCOUNTS: readonly LegacyAccount[] = [
  {
    username: 'grace@legacy.example',
    password: 'Legacy-Passw0rd!',
    attributes: { email: 'grace@legacy.example', name: 'Grace Hopper', legacy_id: '1906' },
    emailVerified: true,
  },
]

/** The environment variable the plugin reads the bearer token from (`bearerTokenEnv`). */
export const LEGACY_TOKEN_ENV = 'LEGACY_STORE_TOKEN'

/** A running stub. */
export interface LegacyStore {
  readonly url: string
  /** The bearer token it expects. */
  readonly token: string
  /** Requests answered so far, by action; passwords are not kept. */
  readonly calls: readonly { readonly action: string; readonly username: string; readonly status: number }[]
  close(): Promise<void>
}

const MAX_BODY = 16 * 1024

const reply = (res: ServerResponse, status: number, body: unknown): void => {
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(JSON.stringify(body))
}

const readJson = async (req: IncomingMessage): Promise<Record<string, unknown> | undefined> => {
  let text = ''
  for await (const chunk of req) {
    text += String(chunk)
    if (text.length > MAX_BODY) return undefined
  }
  try {
    const parsed: unknown = JSON.parse(text)
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

const same = (a: string, b: string): boolean => {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

/**
 * Starts the stub on a free loopback port.
 *
 * @example
 * ```ts
 * const store = await startLegacyStore()
 * process.env.LEGACY_STORE_TOKEN = store.token
 * // "user-migration": { "http": { "url": store.url, "bearerTokenEnv": "LEGACY_STORE_TOKEN" } }
 * ```
 */
export const startLegacyStore = async (accounts: readonly LegacyAccount[] = LEGACY_ACCOUNTS): Promise<LegacyStore> => {
  const token = randomBytes(18).toString('base64url')
  const calls: { action: string; username: string; status: number }[] = []

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'POST') return reply(res, 405, { message: 'POST only' })
    if (!same(req.headers.authorization ?? '', `Bearer ${token}`)) return reply(res, 403, { message: 'bad bearer token' })
    const body = await readJson(req)
    const action = typeof body?.action === 'string' ? body.action : ''
    const username = typeof body?.username === 'string' ? body.username : ''
    const account = accounts.find((candidate) => candidate.username.toLowerCase() === username.toLowerCase())
    let status: number
    if (action !== 'authenticate' && action !== 'lookup') status = 400
    else if (account === undefined) status = 404
    else if (action === 'authenticate' && !same(String(body?.password ?? ''), account.password)) status = 401
    else status = 200
    calls.push({ action, username, status })
    if (status !== 200 || account === undefined) return reply(res, status, { message: status === 400 ? 'action must be authenticate or lookup' : 'no such user' })
    reply(res, 200, { attributes: account.attributes, emailVerified: account.emailVerified })
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => reply(res, 500, { message: 'legacy store stub failed' }))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, HOST, () => resolve())
  })
  let closing: Promise<void> | undefined
  return {
    url: `http://${HOST}:${(server.address() as AddressInfo).port}/migrate`,
    token,
    calls,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })),
  }
}
