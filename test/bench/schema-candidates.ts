// Cold-start cost of the schema libraries considered for plugin options (issue 16):
// `node test/bench/schema-candidates.ts [--runs 25] [--modules <node_modules dir>]`.
//
// Each candidate validates one small options object (a strict object with a list of patterned
// strings and an optional boolean, as add-to-group's are) in a fresh Node process, twice over:
// importing the library from node_modules, and bundled and minified by esbuild as the Lambda entry
// is. Runs are interleaved (A B C A B C …) so a busy machine slows every candidate alike; the
// figures are medians of wall time for the whole process, next to a bare `node` baseline.
// Candidates that are not installed are skipped: the losing ones are not dependencies, so install
// them beside this script first (`npm install --no-save zod typebox`) or point --modules elsewhere.

import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import * as esbuild from 'esbuild'

const { values: args } = parseArgs({
  options: { runs: { type: 'string', default: '25' }, modules: { type: 'string' } },
})
const RUNS = Number(args.runs)
const root = path.resolve(import.meta.dirname, '../..')
const modules = path.resolve(args.modules ?? path.join(root, 'node_modules'))

const OPTIONS = `{ groups: ['users', 'staff'], failOpen: false }`
const GROUP = String.raw`/^[\p{L}\p{M}\p{S}\p{N}\p{P}]{1,128}$/u`

const CANDIDATES: Readonly<Record<string, { readonly package: string; readonly source: string }>> = {
  valibot: {
    package: 'valibot',
    source: `import * as v from 'valibot'
const schema = v.strictObject({ groups: v.array(v.pipe(v.string(), v.regex(${GROUP}, 'must be a group name'))), failOpen: v.optional(v.boolean()) })
const result = v.safeParse(schema, ${OPTIONS})
if (!result.success) throw new Error('invalid')`,
  },
  'zod/mini': {
    package: 'zod',
    source: `import * as z from 'zod/mini'
const schema = z.strictObject({ groups: z.array(z.string().check(z.regex(${GROUP}, 'must be a group name'))), failOpen: z.optional(z.boolean()) })
const result = schema.safeParse(${OPTIONS})
if (!result.success) throw new Error('invalid')`,
  },
  typebox: {
    package: 'typebox',
    source: `import Type from 'typebox'
import Value from 'typebox/value'
const schema = Type.Object({ groups: Type.Array(Type.String({ pattern: '^[\\\\p{L}\\\\p{M}\\\\p{S}\\\\p{N}\\\\p{P}]{1,128}$' })), failOpen: Type.Optional(Type.Boolean()) }, { additionalProperties: false })
if (!Value.Check(schema, ${OPTIONS})) throw new Error('invalid')`,
  },
}

const installed = Object.entries(CANDIDATES).filter(([, { package: name }]) => fs.existsSync(path.join(modules, name, 'package.json')))
const skipped = Object.keys(CANDIDATES).filter((name) => !installed.some(([installedName]) => installedName === name))

// Both forms live next to `modules`, so bare imports resolve there.
const work = fs.mkdtempSync(path.join(path.dirname(modules), '.schema-bench-'))
const version = (name: string) => (JSON.parse(fs.readFileSync(path.join(modules, name, 'package.json'), 'utf8')) as { version: string }).version
const entries: { name: string; file: string; bytes?: number }[] = [{ name: 'node (baseline)', file: path.join(work, 'empty.mjs') }]
fs.writeFileSync(entries[0]!.file, '')
try {
  for (const [name, { source }] of installed) {
    const slug = name.replace(/\W/gu, '-')
    const file = path.join(work, `${slug}.mjs`)
    fs.writeFileSync(file, source)
    const bundled = path.join(work, `${slug}.bundle.mjs`)
    await esbuild.build({ entryPoints: [file], bundle: true, minify: true, format: 'esm', platform: 'node', outfile: bundled, logLevel: 'error' })
    entries.push({ name: `${name} (node_modules)`, file }, { name: `${name} (bundled)`, file: bundled, bytes: fs.statSync(bundled).size })
  }
  const times = new Map(entries.map(({ name }) => [name, [] as number[]]))
  for (let run = 0; run < RUNS; run++) {
    for (const { name, file } of entries) {
      const started = process.hrtime.bigint()
      const child = spawnSync(process.execPath, [file], { cwd: work, encoding: 'utf8' })
      const elapsed = Number(process.hrtime.bigint() - started) / 1e6
      if (child.status !== 0) throw new Error(`${name} failed: ${child.stderr}`)
      times.get(name)!.push(elapsed)
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
  const baseline = median(times.get('node (baseline)')!)
  console.log(`${RUNS} interleaved runs per row, ${os.cpus().length} CPUs, node ${process.version}`)
  console.log(['candidate'.padEnd(28), 'median ms', 'over node', 'bundle bytes'].join('  '))
  for (const { name, bytes } of entries) {
    const value = median(times.get(name)!)
    const pkg = installed.find(([candidate]) => name.startsWith(`${candidate} `))?.[1].package
    const label = pkg === undefined ? name : `${name} ${version(pkg)}`
    console.log([label.padEnd(28), value.toFixed(1).padStart(9), (value - baseline).toFixed(1).padStart(9), String(bytes ?? '').padStart(12)].join('  '))
  }
  if (skipped.length > 0) console.log(`not installed, skipped: ${skipped.join(', ')}`)
} finally {
  fs.rmSync(work, { recursive: true, force: true })
}
