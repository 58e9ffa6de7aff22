// Metrics must cost nothing at cold start when they are off: a router built and invoked without
// the option never resolves @aws-lambda-powertools/metrics (nor Powertools' commons), and one with
// the option does (so the probe can see it). Checked in fresh Node processes, on the router bundled
// as the Lambda bundle bundles it (npm packages left external, so each is a resolvable import).
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../../../', import.meta.url))
// Inside node_modules, so that the bundle's external imports resolve as they do from the package.
const dir = mkdtempSync(path.join(root, 'node_modules', '.metrics-cold-start-'))
const bundle = path.join(dir, 'router.mjs')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const entry = `
import { createRouter } from './src/index.ts'
import { createEvent } from './src/testing/events.ts'
export const run = async (metrics) => {
  const plugin = { name: 'gate', triggers: ['PreSignUp_SignUp'], handler: () => ({ autoConfirmUser: true }) }
  const logger = { debug() {}, info() {}, warn: console.error, error: console.error }
  const router = createRouter({ plugins: [plugin], logger, metrics })
  return router(createEvent('PreSignUp_SignUp'), { awsRequestId: 'cold', getRemainingTimeInMillis: () => 4000 })
}
`

beforeAll(async () => {
  await build({
    stdin: { contents: entry, resolveDir: root, sourcefile: 'probe.ts', loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    packages: 'external',
    outfile: bundle,
    logLevel: 'silent',
  })
}, 60_000)

// Every specifier resolved while the router is imported, built and invoked once; stdout carries
// only the probe's own line (the EMF line goes to stdout too, so the probe prints on stderr).
const resolvedWith = async (metrics: boolean): Promise<{ resolved: string[]; stdout: string }> => {
  const probe = [
    `const resolved = []`,
    `process.getBuiltinModule('node:module').registerHooks({ resolve(specifier, context, next) { resolved.push(specifier); return next(specifier, context) } })`,
    `const { run } = await import(${JSON.stringify(new URL(`file://${bundle}`).href)})`,
    `await run(${metrics})`,
    `console.error('@@resolved@@' + JSON.stringify(resolved))`,
  ].join('\n')
  // Powertools writes nothing in its dev mode or when disabled.
  const env = { ...process.env }
  delete env.POWERTOOLS_DEV
  delete env.POWERTOOLS_METRICS_DISABLED
  const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', probe], { env })
  const line = stderr.split('\n').find((candidate) => candidate.startsWith('@@resolved@@'))
  if (line === undefined) throw new Error(`the probe printed no result:\n${stderr}`)
  return { resolved: JSON.parse(line.slice('@@resolved@@'.length)) as string[], stdout }
}

describe('metrics at cold start', { timeout: 60_000 }, () => {
  it('loads nothing of Powertools metrics when the option is off', async () => {
    const { resolved, stdout } = await resolvedWith(false)

    expect(resolved).toContain('@middy/core')
    expect(stdout).not.toContain('"_aws"')
    expect(resolved.filter((specifier) => specifier.startsWith('@aws-lambda-powertools/'))).toStrictEqual([])
  })

  it('loads Powertools metrics when the option is on, and writes an EMF line', async () => {
    const { resolved, stdout } = await resolvedWith(true)

    expect(resolved).toContain('@aws-lambda-powertools/metrics')
    expect(stdout).toContain('"_aws"')
  })
})
