// The benchmark's measuring instruments, checked on subjects whose answer is known: no figure of
// speed is asserted, only what the instruments report.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { coldStart } from './cold-start.js'
import { allocatedDuring } from './measure.js'

const root = path.resolve(import.meta.dirname, '../..')
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctr-bench-test-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

const bundle = (name: string, source: string): string => {
  const file = path.join(dir, name)
  fs.writeFileSync(file, source)
  return file
}

describe('the cold-start child', () => {
  const echo = bundle('echo.mjs', "import './helper.mjs'\nexport const handler = async (event) => event\n")
  bundle('helper.mjs', 'export const helper = 1\n')

  it('imports the bundle, handles the event once and reports the times it took', async () => {
    const run = await coldStart(root, echo, 'whole', { triggerSource: 'PreAuthentication_Authentication' })
    expect(run.outcome).toBe('ok')
    expect(run.wallMs).toBeGreaterThan(0)
    expect(run.importMs + run.invokeMs).toBeLessThanOrEqual(run.sinceProcessStartMs)
    expect(run.processCpuMs).toBeGreaterThan(0)
  })

  it('records the modules resolved at import and during the event only when asked to', async () => {
    const lazy = bundle('lazy.mjs', "export const handler = async () => { await import('./helper.mjs') }\n")
    const recorded = await coldStart(root, lazy, 'sdk', {})
    expect(recorded.resolvedAtImport).toEqual([lazy])
    expect(recorded.resolvedDuringEvent).toEqual(['./helper.mjs'])
    const timed = await coldStart(root, echo, 'preloaded', {})
    expect([...timed.resolvedAtImport, ...timed.resolvedDuringEvent]).toEqual([])
  })

  it('reports a rejected event as its outcome, not as a failed start', async () => {
    const refusing = bundle('refusing.mjs', "export const handler = async () => { throw new Error('not this user') }\n")
    expect((await coldStart(root, refusing, 'whole', {})).outcome).toBe('rejected: not this user')
  })

  it('fails with the child error output when the bundle cannot start', async () => {
    const broken = bundle('broken.mjs', "throw new Error('bad configuration at cold start')\n")
    await expect(coldStart(root, broken, 'whole', {})).rejects.toThrow(/exit code 1:[\s\S]*bad configuration at cold start/)
  })
})

describe('the allocation counter', () => {
  it('counts what was allocated, collections inside the window included', async () => {
    const kept: unknown[] = []
    // 20,000 arrays of 126 doubles: 8 bytes an element, unboxed whatever the pointer size, so
    // about 1 KB each with the headers; far more than the young generation holds, so collections
    // run inside the window.
    const { bytes, collections } = await allocatedDuring(async () => {
      for (let i = 0; i < 20_000; i++) kept[i % 8] = new Array<number>(126).fill(i + 0.5)
    })
    expect(collections).toBeGreaterThan(0)
    expect(bytes / 20_000).toBeGreaterThan(1_000)
    expect(bytes / 20_000).toBeLessThan(1_300)
  })
})
