// The idempotency key must cost nothing at cold start: importing src/idempotency loads neither
// node:crypto nor the AWS SDK nor Powertools; hashing loads Web Crypto on the first key only.
// Checked in a fresh Node process, on the module bundled as the Lambda bundle would inline it.
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { build } from 'esbuild'
import { afterAll, describe, expect, it } from 'vitest'

const entry = fileURLToPath(new URL('../../../src/idempotency/index.ts', import.meta.url))
const dir = mkdtempSync(path.join(tmpdir(), 'idempotency-cold-start-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const bundle = async (): Promise<string> => {
  const { outputFiles } = await build({ entryPoints: [entry], bundle: true, format: 'esm', platform: 'node', write: false })
  return outputFiles[0]!.text
}

describe('src/idempotency at cold start', { timeout: 60_000 }, () => {
  it('imports nothing from node:crypto, the AWS SDK or Powertools', async () => {
    const code = await bundle()

    expect(code).not.toMatch(/(import|from)\s*"(node:)?crypto"|require\("(node:)?crypto"\)/)
    expect(code).not.toContain('@aws-sdk/')
    expect(code).not.toContain('@aws-lambda-powertools/')
  })

  it('loads Node\'s crypto modules only when the first key is hashed', async () => {
    const module = path.join(dir, 'idempotency.mjs')
    writeFileSync(module, await bundle())
    const probe = [
      `const crypto = () => process.moduleLoadList.filter((name) => /crypto/.test(name)).length`,
      `const { idempotencyKey } = await import(${JSON.stringify(new URL(`file://${module}`).href)})`,
      `const atImport = crypto()`,
      `const key = await idempotencyKey({ userPoolId: 'p', request: {} }, 'plugin')`,
      `console.log(JSON.stringify({ atImport, afterKey: crypto(), key }))`,
    ].join('\n')

    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', probe])
    const { atImport, afterKey, key } = JSON.parse(stdout) as { atImport: number; afterKey: number; key: string }

    expect(atImport).toBe(0)
    expect(afterKey).toBeGreaterThan(0)
    expect(key).toMatch(/^[0-9a-f]{64}$/)
  })
})

describe('the router at cold start', { timeout: 60_000 }, () => {
  // The static import graph of the router, packages left as imports: what loading the module
  // loads. Powertools and the DynamoDB client may appear only as import() (./store.ts), run on the
  // first protected run, so a router without the option, or before its first side effect, loads neither.
  it('reaches Powertools and the DynamoDB client only through import()', async () => {
    const router = fileURLToPath(new URL('../../../src/router.ts', import.meta.url))
    const { metafile } = await build({ entryPoints: [router], bundle: true, format: 'esm', platform: 'node', write: false, packages: 'external', metafile: true })
    const imports = Object.values(metafile.outputs).flatMap((output) => output.imports)
    const store = imports.filter((entry) => /^@aws-lambda-powertools\/|^@aws-sdk\/client-dynamodb$/.test(entry.path))

    expect(store.map((entry) => entry.path)).toEqual(
      expect.arrayContaining(['@aws-lambda-powertools/idempotency', '@aws-lambda-powertools/idempotency/dynamodb', '@aws-sdk/client-dynamodb']),
    )
    expect(store.filter((entry) => entry.kind !== 'dynamic-import')).toEqual([])
  })
})
