// -- code decryption ---------------------------------------------------------------------------
// `request.code` is AWS Encryption SDK ciphertext made with the pool's KMS key (AWS docs: "Custom sender Lambda triggers");
// a plain KMS Decrypt cannot read it. The SDK is loaded on first use: it takes about 300 ms to
// import, which every other trigger of this Lambda must not pay.

import type { KeyringNode } from '@aws-crypto/client-node'

/** The code could not be decrypted: tampered or foreign ciphertext, wrong key, or no permission. */
export class CodeDecryptionError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'CodeDecryptionError'
  }
}

type Decrypt = (keyring: KeyringNode, ciphertext: Buffer) => Promise<{ plaintext: Buffer; messageHeader: { encryptionContext: Readonly<Record<string, string>> } }>

let client: Promise<Decrypt> | undefined

const decryptor = (): Promise<Decrypt> =>
  (client ??= import('@aws-crypto/client-node').then(
    ({ buildClient, CommitmentPolicy }) => buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_ALLOW_DECRYPT).decrypt as Decrypt,
    (error: unknown) => {
      client = undefined
      throw error
    },
  ))

/** A KMS keyring for the pool's key, built on first use (the SDK itself is loaded lazily). */
export const kmsKeyring = async (keyArn: string): Promise<KeyringNode> => {
  const { KmsKeyringNode } = await import('@aws-crypto/client-node')
  return new KmsKeyringNode({ generatorKeyId: keyArn, keyIds: [keyArn] })
}

/**
 * Decrypts a custom sender code. Cognito encrypts with the encryption context `userpool-id`
 * (AWS docs: "Custom sender Lambda triggers"); a ciphertext that names another pool is refused, so a code captured from one pool
 * cannot be replayed through another that shares the key. A context without the key is
 * accepted, because its presence on every event is not confirmed.
 */
export const decryptCode = async (code: string, keyring: KeyringNode, userPoolId: string): Promise<string> => {
  const decrypt = await decryptor()
  let result: Awaited<ReturnType<Decrypt>>
  try {
    result = await decrypt(keyring, Buffer.from(code, 'base64'))
  } catch (cause) {
    throw new CodeDecryptionError('could not decrypt request.code with the configured key', { cause })
  }
  const pool = result.messageHeader.encryptionContext['userpool-id']
  if (pool !== undefined && pool !== userPoolId) {
    throw new CodeDecryptionError('request.code was encrypted for another user pool')
  }
  return result.plaintext.toString('utf8')
}

const NAMED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

const fromCodePoint = (match: string, value: number): string =>
  // Outside Unicode, NUL and lone surrogates stay as written rather than become garbage.
  value === 0 || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff) ? match : String.fromCodePoint(value)

/**
 * Undoes the HTML escaping Cognito applies to temporary passwords (AWS docs: "Custom sender Lambda triggers"): the five XML
 * entities (`&lt;` `&gt;` `&amp;` `&quot;` `&apos;`) and numeric ones (`&#60;`, `&#x3C;`), in one
 * pass, so `&amp;lt;` becomes `&lt;`, not `<`. Anything else is left as written. Verification
 * codes are digits, so applying it to every code changes only temporary passwords.
 */
export const unescapeEntities = (text: string): string =>
  text.replace(/&(?:(lt|gt|amp|quot|apos)|#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6}));/gu, (match, name?: string, decimal?: string, hex?: string) => {
    if (name !== undefined) return NAMED[name] as string
    return fromCodePoint(match, decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex as string, 16))
  })
