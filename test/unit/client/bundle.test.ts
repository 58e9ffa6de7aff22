// The client entry goes into browser and mobile bundles: it must import nothing (no node builtin,
// no npm package, not the rest of this package) and stay a few hundred bytes. The bench prints the
// same build's size (test/bench/bundles.ts).
import { gzipSync } from 'node:zlib'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildClient } from '../../bench/bundles.js'

const root = path.resolve(import.meta.dirname, '../../..')

describe('the client entry, bundled as an app would', () => {
  it('is built from src/client alone and imports nothing at run time', async () => {
    const { metafile } = await buildClient(root)
    expect(Object.keys(metafile.inputs).every((input) => input.startsWith('src/client/'))).toBe(true)
    const outputs = Object.values(metafile.outputs)
    expect(outputs).toHaveLength(1)
    expect(outputs[0]!.imports).toStrictEqual([])
    expect(outputs[0]!.exports).toStrictEqual(['parseTriggerError'])
  })

  it('stays under 1 KB gzipped, so it costs an app a few hundred bytes', async () => {
    const { text } = await buildClient(root)
    expect(gzipSync(text, { level: 9 }).byteLength).toBeLessThan(1024)
  })
})
