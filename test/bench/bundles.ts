// The bundles the cold-start half compares and the sizes it prints. The hand-written middy Lambda
// is built "the same way" as dist/index.mjs: these are build.mjs's Lambda options (minified ESM,
// @aws-sdk/* external, split into chunks/, a lazy createRequire banner only where a file needs
// one, keepNames when build.mjs sets it). When build.mjs changes its Lambda options, change them here.

import fs from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import * as esbuild from 'esbuild'
import type { Redaction } from './middy-entry.js'

const shared = { bundle: true, format: 'esm', platform: 'node', target: 'node22', logLevel: 'warning' } as const

// The banner build.mjs puts in a file that esbuild gave a "Dynamic require" shim.
const REQUIRE_BANNER = "var __cr;const require=(id)=>(__cr??=process.getBuiltinModule('node:module').createRequire(import.meta.url))(id);"

/** Whether build.mjs keeps function and class names in the Lambda (so error names survive minifying). */
const buildKeepsNames = (root: string): boolean => /keepNames\s*:\s*true/.test(fs.readFileSync(path.join(root, 'build.mjs'), 'utf8'))

/**
 * Builds the hand-written middy Lambda into `outdir` (`index.mjs` + chunks/): it echoes the
 * event and logs it and the reply through input-output-logger with `redaction`. Returns the entry.
 */
export const buildMiddyLambda = async (root: string, outdir: string, redaction: Redaction): Promise<string> => {
  const entry = path.join(outdir, '..', `${path.basename(outdir)}-entry.ts`)
  const factory = JSON.stringify(path.join(root, 'test/bench/middy-entry.ts'))
  fs.writeFileSync(
    entry,
    `import { handWrittenMiddy } from ${factory}\n` +
      `export const handler = handWrittenMiddy(async (event) => event, (line) => console.log(line), 'DEBUG', ${JSON.stringify(redaction)})\n`,
  )
  const result = await esbuild.build({
    ...shared,
    entryPoints: { index: entry },
    outdir,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    splitting: true,
    minify: true,
    keepNames: buildKeepsNames(root),
    external: ['@aws-sdk/*'],
    write: false,
  })
  for (const file of result.outputFiles) {
    const text = file.text.includes('Dynamic require of') ? `${REQUIRE_BANNER}\n${file.text}` : file.text
    fs.mkdirSync(path.dirname(file.path), { recursive: true })
    fs.writeFileSync(file.path, text)
  }
  return path.join(outdir, 'index.mjs')
}

// -- sizes ----------------------------------------------------------------------------------------

export interface Size {
  readonly what: string
  readonly bytes: number
  readonly gzip: number
  readonly note: string
}

const sizeOfFiles = (files: readonly string[], what: string, note: string): Size => {
  const texts = files.map((file) => fs.readFileSync(file))
  return {
    what,
    bytes: texts.reduce((sum, text) => sum + text.byteLength, 0),
    gzip: texts.reduce((sum, text) => sum + gzipSync(text, { level: 9 }).byteLength, 0),
    note,
  }
}

// Static imports of a minified ESM file (`import{a}from"./x.mjs"`, `import"./x.mjs"`), not `import()`.
const STATIC_IMPORT = /(?:^|[;}\s])import\s*(?:[^"'();]*?from\s*)?"(\.\.?\/[^"]+)"/g

/** The files a split Lambda entry loads at import: itself and every chunk it imports statically, transitively. */
const loadedAtImport = (entry: string): Set<string> => {
  const loaded = new Set<string>()
  const visit = (file: string): void => {
    if (loaded.has(file)) return
    loaded.add(file)
    for (const [, spec] of fs.readFileSync(file, 'utf8').matchAll(STATIC_IMPORT)) visit(path.resolve(path.dirname(file), spec!))
  }
  visit(entry)
  return loaded
}

/** A split Lambda: what its cold start loads (entry + static chunks), then the chunks loaded on demand. */
export const splitSizes = (entry: string, what: string, note: string): Size[] => {
  const atImport = loadedAtImport(entry)
  const dir = path.join(path.dirname(entry), 'chunks')
  const chunks = fs.existsSync(dir) ? fs.readdirSync(dir).map((name) => path.join(dir, name)) : []
  const later = chunks.filter((file) => !atImport.has(file))
  const sizes = [sizeOfFiles([...atImport], what, `${note}; index.mjs + the ${atImport.size - 1} chunk(s) it imports statically`)]
  if (later.length > 0) {
    const laterNote = `${later.length} chunk(s): each plugin, imported at cold start only when enabled, and what plugins import on first use`
    sizes.push(sizeOfFiles(later, '  + the other chunks', laterNote))
  }
  return sizes
}

/** The library core, minified: src/index.ts and what it imports, npm packages external or bundled. */
export const coreSizes = async (root: string, tmp: string): Promise<Size[]> => {
  const entry = path.join(root, 'src/index.ts')
  const coreFile = path.join(tmp, 'core.mjs')
  await esbuild.build({ ...shared, entryPoints: [entry], outfile: coreFile, minify: true, packages: 'external' })
  const withMiddy = path.join(tmp, 'core-with-middy.mjs')
  await esbuild.build({ ...shared, entryPoints: [entry], outfile: withMiddy, minify: true, external: ['@aws-sdk/*'] })
  return [
    sizeOfFiles([coreFile], 'core', 'src/index.ts and every src/ module it imports; minified ESM; all npm packages (@middy/*) external'),
    sizeOfFiles([withMiddy], 'core + middy', 'the same with the @middy/* packages it imports bundled'),
  ]
}

// -- the client entry ---------------------------------------------------------------------------

/**
 * `cognito-trigger-router/client` as an app's bundler ships it: src/client/index.ts and whatever it
 * imports, minified ESM for any platform (`neutral`: a `node:` import fails to resolve).
 */
export const buildClient = async (root: string): Promise<{ text: string; metafile: esbuild.Metafile }> => {
  const result = await esbuild.build({
    entryPoints: [path.join(root, 'src/client/index.ts')],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2020',
    logLevel: 'silent',
    write: false,
    metafile: true,
  })
  return { text: result.outputFiles[0]!.text, metafile: result.metafile }
}

/** The client entry's size: informational, what `parseTriggerError` adds to a browser or app bundle. */
export const clientSizes = async (root: string): Promise<Size[]> => {
  const { text } = await buildClient(root)
  const gzip = gzipSync(text, { level: 9 }).byteLength
  const bytes = new TextEncoder().encode(text).byteLength
  return [{ what: 'client', bytes, gzip, note: `cognito-trigger-router/client (parseTriggerError) as an app bundles it: ${bytes} B minified, ${gzip} B gzipped, no imports` }]
}
