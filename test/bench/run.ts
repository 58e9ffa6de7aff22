// `npm run bench` (after `node build.mjs`, so dist/index.mjs is current): `node test/bench/run.ts`.
// Plain Node with type stripping runs this file only: it bundles the harness (main.ts, the
// subjects it measures and the current src/ and plugins/) with esbuild into a temporary directory,
// imports it, and removes the directory afterwards. Options are main.ts's.

import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import * as esbuild from 'esbuild'

const root = path.resolve(import.meta.dirname, '../..')
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ctr-bench-'))
try {
  // Bundles in the temporary directory resolve their npm packages through this link.
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(tmp, 'node_modules'), 'dir')
  const outfile = path.join(tmp, 'main.mjs')
  await esbuild.build({
    entryPoints: [path.join(root, 'test/bench/main.ts')],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    packages: 'external',
    logLevel: 'warning',
  })
  const { main } = (await import(pathToFileURL(outfile).href)) as { main: (root: string, tmp: string) => Promise<number> }
  process.exitCode = await main(root, tmp)
} finally {
  fs.rmSync(tmp, { recursive: true, force: true })
}
