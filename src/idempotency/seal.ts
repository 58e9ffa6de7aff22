// -- idempotency: what a record holds, sealed ------------------------------------------------------
// A plugin's response patch can hold a secret: email-otp's CreateAuthChallenge reply carries the
// expected answer in privateChallengeParameters, and a replay must hand Cognito that same answer
// (it is the code the user received). Hashing it would make the replay useless, and a 6-digit code
// is brute-forced from any hash in milliseconds anyway. So every record's patch is encrypted
// (AES-256-GCM, Web Crypto) with a key derived (HKDF-SHA-256) from the request's idempotency key,
// which the table does not hold: the utility stores only a hash of it as the record's `id`.
// A copy of the table alone therefore reveals no patch; whoever can rebuild the request itself
// (pool, user, app client, the whole request body with its attributes and session) can, so this
// is defence in depth next to access control on the table, not a replacement for it.

import type { webcrypto } from 'node:crypto'

const INFO = new TextEncoder().encode('cognito-trigger-router idempotency record v1')
const IV_BYTES = 12

const bytesOfHex = (hex: string): Uint8Array<ArrayBuffer> => {
  const bytes = new Uint8Array(hex.length / 2)
  for (let index = 0; index < bytes.length; index += 1) bytes[index] = Number.parseInt(hex.slice(index * 2, index * 2 + 2), 16)
  return bytes
}

const keyOf = async (key: string, usage: 'encrypt' | 'decrypt'): Promise<webcrypto.CryptoKey> => {
  const { subtle } = globalThis.crypto
  const material = await subtle.importKey('raw', bytesOfHex(key), 'HKDF', false, ['deriveKey'])
  return subtle.deriveKey({ name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: INFO }, material, { name: 'AES-GCM', length: 256 }, false, [usage])
}

/**
 * Encrypts `value` (JSON) under the request's idempotency key (64 hex digits); `plugin` is bound
 * as associated data, so one plugin's record cannot be replayed as another's.
 *
 * @example
 * ```ts
 * const sealed = await seal(key, 'email-otp', { privateChallengeParameters: { code: '123456' } })
 * await unseal(key, 'email-otp', sealed) // { privateChallengeParameters: { code: '123456' } }
 * ```
 */
export const seal = async (key: string, plugin: string, value: unknown): Promise<string> => {
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(IV_BYTES))
  const plain = new TextEncoder().encode(JSON.stringify(value))
  const aad = new TextEncoder().encode(plugin)
  const cipher = await globalThis.crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad }, await keyOf(key, 'encrypt'), plain)
  const sealed = new Uint8Array(IV_BYTES + cipher.byteLength)
  sealed.set(iv)
  sealed.set(new Uint8Array(cipher), IV_BYTES)
  return Buffer.from(sealed).toString('base64')
}

/**
 * Decrypts what {@link seal} made with the same key and plugin.
 *
 * @throws when the text was not sealed under this key and plugin, or was changed.
 */
export const unseal = async (key: string, plugin: string, sealed: string): Promise<unknown> => {
  const bytes = Buffer.from(sealed, 'base64')
  const aad = new TextEncoder().encode(plugin)
  const plain = await globalThis.crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: bytes.subarray(0, IV_BYTES), additionalData: aad },
    await keyOf(key, 'decrypt'),
    bytes.subarray(IV_BYTES),
  )
  return JSON.parse(new TextDecoder().decode(plain)) as unknown
}
