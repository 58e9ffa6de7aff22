// Builds everything `npm run build` ships:
//   dist/src/**, dist/plugins/**   the library: per-file ESM + sourcemaps + .d.ts (consumers bundle it themselves)
//   dist/index.mjs                 the Lambda: one minified file, so the deployment is a single upload
//   dist/cognito-trigger-router.zip   that file at the zip root (handler `index.handler`)
//   dist/cli.mjs                   the CLI, when src/cli.ts exists
// Usage: node build.mjs [--config path/to/config.json] [--only lib,lambda,cli] [--check-all]
//   (--check-all: the type check also covers tests and configs, as `npm run typecheck`; `npm test` uses it)
//   (or ROUTER_CONFIG_FILE=path at build time instead of --config)
//   The full build (no --only) starts from an empty dist/ and type-checks everything; it is what
//   `npm run build` and `npm test` run. `--only` builds just the named targets (`lib`: the type
//   check, declarations and library; `lambda`: the Lambda and its zip; `cli`: the CLI) and reuses
//   a target whose outputs are newer than every file under src/ and plugins/, package.json,
//   package-lock.json, tsconfig.json, this file and the bundled configuration. `npm start` and
//   `npm run demo` build only the CLI that way: under a second, and not again until something changed.
import { Buffer } from 'node:buffer'
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { parseArgs } from 'node:util'
import * as esbuild from 'esbuild'
import { zipSync } from 'fflate'

const root = import.meta.dirname
const at = (...parts) => path.join(root, ...parts)
const rel = (file) => path.relative(root, file).split(path.sep).join('/')
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`
const fail = (message) => {
  throw Object.assign(new Error(message), { clean: true })
}

// Source folder -> output folder of the library. src/lambda is the Lambda entry (it builds a router at
// import time from a bundled JSON file), and src/cli.ts is a bin: neither belongs in the importable library.
const LIB = [
  { src: at('src'), out: at('dist/src'), skip: (f) => f.startsWith(at('src/lambda') + path.sep) || f.startsWith(at('src/local') + path.sep) || f === at('src/cli.ts') },
  { src: at('plugins'), out: at('dist/plugins'), skip: () => false },
]
const isSource = (f) => f.endsWith('.ts') && !/\.(d|test|test-d|bench|fuzz)\.ts$/.test(f)
const sourcesOf = ({ src, skip }) =>
  fs.existsSync(src)
    ? fs.readdirSync(src, { recursive: true }).map((f) => path.join(src, f)).filter((f) => isSource(f) && !skip(f)).sort()
    : []
const outputOf = (file) => {
  const lib = LIB.find(({ src }) => file.startsWith(src + path.sep))
  return lib && path.join(lib.out, path.relative(lib.src, file))
}

// The output mirrors the source layout (src/ -> dist/src/, plugins/ -> dist/plugins/), so relative
// imports between the two, such as a plugin's `../../src/index.js`, work unchanged.

// Redirects the Lambda entry's `import bundledConfig from './config.json'` to configFile.
const configPlugin = (configFile) => ({
  name: 'router-config',
  setup(build) {
    build.onResolve({ filter: /^\.\/config\.json$/ }, ({ importer }) =>
      importer.startsWith(at('src/lambda') + path.sep) ? { path: configFile, namespace: 'router-config' } : undefined,
    )
    build.onLoad({ filter: /.*/, namespace: 'router-config' }, () => ({
      contents: fs.readFileSync(configFile, 'utf8'),
      loader: 'json',
    }))
  },
})

// esbuild turns a bundled CommonJS `require()` of a builtin into a shim that throws
// "Dynamic require of ... is not supported" in ESM output; only the files holding that shim get a
// real `require`, made on its first call: loading node:module costs a cold start several ms.
const REQUIRE_BANNER =
  "var __cr;const require=(id)=>(__cr??=process.getBuiltinModule('node:module').createRequire(import.meta.url))(id);"
const bundle = async (options, banner = '') => {
  const shared = { bundle: true, format: 'esm', platform: 'node', target: 'node22', logLevel: 'warning', write: false, keepNames: true }
  const result = await esbuild.build({ ...shared, ...options, banner: { js: banner }, metafile: true })
  let needsRequire = false
  for (const file of result.outputFiles) {
    let text = file.text
    if (text.includes('Dynamic require of')) {
      needsRequire = true
      // After a shebang, which must stay the first line.
      text = text.startsWith('#!') ? text.replace(/^(#!.*\n)/, `$1${REQUIRE_BANNER}\n`) : `${REQUIRE_BANNER}\n${text}`
    }
    fs.mkdirSync(path.dirname(file.path), { recursive: true })
    fs.writeFileSync(file.path, text)
  }
  // Among split outputs the entry need not come first, and every dynamically imported module is an
  // entry point too: the metafile says which output is built from our entry.
  const source = rel(Object.values(options.entryPoints)[0])
  const entry = result.outputFiles.find((file) => result.metafile.outputs[rel(file.path)]?.entryPoint === source)
  const chunks = result.outputFiles.filter((file) => file !== entry)
  return { bytes: fs.statSync(entry.path).size, chunks: chunks.map((file) => file.path), needsRequire }
}

const lines = []
const report = (file, note) => lines.push(`${rel(file).padEnd(34)} ${note}`)

const lambdaEntry = at('src/lambda/index.ts')
const cliEntry = at('src/cli.ts')
const TARGETS = ['lib', 'lambda', 'cli']

// -- reusing an up-to-date target (partial builds only) ------------------------------------------
// Each target leaves a stamp in dist/ naming what it was built from; a partial build skips a target
// whose stamp matches and is newer than every input. A change to node_modules shows in the lockfile.
const INPUT_DIRS = [at('src'), at('plugins')]
const INPUT_FILES = ['build.mjs', 'package.json', 'package-lock.json', 'tsconfig.json'].map((file) => at(file))
const newestInput = (extra) => {
  const files = [...INPUT_FILES, ...extra]
  for (const dir of INPUT_DIRS) {
    if (fs.existsSync(dir)) files.push(...fs.readdirSync(dir, { recursive: true }).map((file) => path.join(dir, file)))
  }
  return Math.max(...files.map((file) => (fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0)))
}
const stampOf = (target) => at(`dist/.stamp-${target}.json`)
const upToDate = (target, outputs, inputs, key) => {
  const stamp = stampOf(target)
  if (!fs.existsSync(stamp) || !outputs.every((file) => fs.existsSync(file))) return false
  if (fs.readFileSync(stamp, 'utf8') !== JSON.stringify(key)) return false
  return fs.statSync(stamp).mtimeMs > newestInput(inputs)
}
const writeStamp = (target, key) => fs.writeFileSync(stampOf(target), JSON.stringify(key))

// -- the type check: TypeScript 7 ----------------------------------------------------------------------
// TypeScript 7's compiler is native and multi-threaded: it checks and declares this project about
// three times faster than TypeScript 5.9's did (the slowest step of `npm test`). It ships no JavaScript
// API yet (that comes with 7.1), so it runs as its `tsc` executable; `typescript` itself is the
// `@typescript/typescript6` compatibility package, for typescript-eslint and other tools that need that
// API ("Running side-by-side with TypeScript 6.0", https://devblogs.microsoft.com/typescript/announcing-typescript-7-0/).
// TypeScript 7 is resolved by its package name, not `node_modules/.bin/tsc`: both packages have a
// `tsc` executable, and which one npm links there is not ours to choose.
const typescript7 = () => {
  const manifest = createRequire(import.meta.url).resolve('typescript-7/package.json')
  return { tsc: path.join(path.dirname(manifest), 'bin', 'tsc'), version: JSON.parse(fs.readFileSync(manifest, 'utf8')).version }
}

// `roots` are checked with tsconfig.json's options (plus everything it includes with `checkAll`)
// and their declarations written under outDir, mirroring the source tree.
async function typeCheck({ roots, checkAll, outDir }) {
  fs.mkdirSync(outDir, { recursive: true })
  const project = path.join(outDir, 'tsconfig.json')
  const relative = (file) => path.relative(outDir, file).split(path.sep).join('/')
  fs.writeFileSync(
    project,
    JSON.stringify({
      extends: relative(at('tsconfig.json')),
      compilerOptions: { noEmit: false, declaration: true, emitDeclarationOnly: true, rootDir: relative(root), outDir: '.' },
      files: roots.map(relative),
      // Without `include` the base configuration's applies: tests, type tests and configs.
      ...(checkAll ? {} : { include: [] }),
    }),
  )
  const { tsc, version } = typescript7()
  const args = [tsc, '-p', project, '--pretty', String(process.stdout.isTTY === true)] // plain in CI logs
  const code = await new Promise((resolve, reject) => {
    spawn(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit'] }).on('error', reject).on('exit', resolve)
  })
  if (code !== 0) fail(`type check failed (TypeScript ${version} exited with ${code}; its errors are above)`)
}

// -- 1. the library: type check, declarations, per-file ESM ----------------------------------------
async function buildLib({ checkAll = false } = {}) {
  // Type check everything we ship and emit declarations for the library, in one run of TypeScript 7's
  // native `tsc` (the `typescript-7` devDependency; see typeCheck above). With --check-all the
  // program also holds every file tsconfig.json includes (tests, type tests, configs): the same
  // check as `npm run typecheck`, so `npm test` parses and checks each file once.
  const libFiles = LIB.flatMap(sourcesOf)
  const types = at('dist/.types')
  try {
    await typeCheck({ roots: [...libFiles, lambdaEntry, ...(fs.existsSync(cliEntry) ? [cliEntry] : [])], checkAll, outDir: types })
    // Declarations are published for the library only: the Lambda, the CLI and (with --check-all)
    // the tests were checked, not shipped.
    for (const file of libFiles) {
      const out = outputOf(file).replace(/\.ts$/, '.d.ts')
      fs.mkdirSync(path.dirname(out), { recursive: true })
      fs.renameSync(path.join(types, path.relative(root, file)).replace(/\.ts$/, '.d.ts'), out)
    }
  } finally {
    fs.rmSync(types, { recursive: true, force: true })
  }

  // The library, one output per input: consumers' bundlers tree-shake and resolve deps themselves.
  for (const lib of LIB) {
    const files = sourcesOf(lib)
    if (files.length === 0) continue
    const result = await esbuild.build({
      entryPoints: files,
      outbase: lib.src,
      outdir: lib.out,
      format: 'esm',
      platform: 'node',
      target: 'node22',
      sourcemap: true, // no keepNames: one file per module, nothing minified or renamed
      logLevel: 'warning',
      write: false,
    })
    let bytes = 0
    for (const file of result.outputFiles) {
      const text = file.text
      fs.mkdirSync(path.dirname(file.path), { recursive: true })
      fs.writeFileSync(file.path, text)
      if (file.path.endsWith('.js')) bytes += Buffer.byteLength(text)
    }
    report(lib.out, `${kb(bytes).padStart(9)} (${files.length} module${files.length === 1 ? '' : 's'}, unbundled, + .d.ts and sourcemaps)`)
  }
}

// -- 2. the Lambda and its zip -------------------------------------------------------------------------
async function buildLambda(configFile) {
  // The nodejs22.x/24.x runtimes ship AWS SDK v3, so bundling it would only add cold-start weight.
  const lambdaOut = at('dist/index.mjs')
  // Split: the entry imports each built-in plugin only when the configuration enables it, and
  // plugins import heavy dependencies (the Encryption SDK for custom senders) on first use; each
  // goes to its own file in dist/chunks/, parsed only when needed, not on every cold start.
  const lambda = await bundle({
    entryPoints: { index: lambdaEntry },
    outdir: at('dist'),
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    splitting: true,
    minify: true,
    external: ['@aws-sdk/*'],
    plugins: [configPlugin(configFile)],
  })
  const requireNote = lambda.needsRequire ? ', createRequire banner where a chunk needs it' : ''
  report(lambdaOut, `${kb(lambda.bytes).padStart(9)} (minified, names kept, @aws-sdk/* external: provided by the Lambda runtime${requireNote})`)
  const chunkBytes = lambda.chunks.reduce((sum, file) => sum + fs.statSync(file).size, 0)
  if (lambda.chunks.length > 0) report(at('dist/chunks'), `${kb(chunkBytes).padStart(9)} (${lambda.chunks.length} chunk(s): the shared core, and each plugin and lazy dependency on its own)`)

  // The zip to upload, built in-process (no `zip` binary on every CI image). Fixed mtime and
  // Unix mode 0644 make it reproducible and readable by the Lambda runtime user.
  const zipOut = at('dist/cognito-trigger-router.zip')
  const entry = (file) => [fs.readFileSync(file), { level: 9, mtime: new Date(2000, 0, 1), os: 3, attrs: 0o100644 << 16 }]
  const zip = zipSync(
    Object.fromEntries([lambdaOut, ...lambda.chunks].map((file) => [path.relative(at('dist'), file).split(path.sep).join('/'), entry(file)])),
  )
  fs.writeFileSync(zipOut, zip)
  report(zipOut, `${kb(zip.byteLength).padStart(9)} (index.mjs and chunks/ at the root; handler index.handler)`)
}

// -- 3. the CLI --------------------------------------------------------------------------------------
async function buildCli() {
  // The CLI ships inside the npm package, whose dependencies npm installs: bundle only our own code.
  const cliOut = at('dist/cli.mjs')
  const hasShebang = fs.readFileSync(cliEntry, 'utf8').startsWith('#!') // esbuild keeps a source shebang
  const cli = await bundle({ entryPoints: [cliEntry], outfile: cliOut, packages: 'external' }, hasShebang ? '' : '#!/usr/bin/env node\n')
  fs.chmodSync(cliOut, 0o755)
  report(cliOut, `${kb(cli.bytes).padStart(9)} (bundled, not minified, dependencies external)`)
}

async function main() {
  // The configuration bundled into the Lambda: --config beats ROUTER_CONFIG_FILE beats the default.
  const { values: args } = parseArgs({ options: { config: { type: 'string' }, only: { type: 'string' }, 'check-all': { type: 'boolean' } } })
  const only = args.only?.split(',').map((target) => target.trim())
  const unknown = only?.filter((target) => !TARGETS.includes(target)) ?? []
  if (only !== undefined && (only.length === 0 || unknown.length > 0)) {
    fail(`--only takes a comma-separated list of ${TARGETS.join(', ')}; got "${args.only}"`)
  }
  const targets = only ?? TARGETS
  const configFile = path.resolve(args.config ?? process.env.ROUTER_CONFIG_FILE ?? at('src/lambda/config.json'))
  if (targets.includes('lambda')) {
    if (!fs.existsSync(configFile)) fail(`configuration file not found: ${configFile}`)
    try {
      JSON.parse(fs.readFileSync(configFile, 'utf8'))
    } catch (error) {
      fail(`configuration file ${configFile} is not valid JSON: ${error.message}`)
    }
    if (!fs.existsSync(lambdaEntry)) fail(`missing Lambda entry ${rel(lambdaEntry)}`)
  }

  // A full build starts from nothing; a partial one replaces only its targets' outputs.
  if (only === undefined) fs.rmSync(at('dist'), { recursive: true, force: true })
  fs.mkdirSync(at('dist'), { recursive: true })
  const plan = {
    lib: { build: () => buildLib({ checkAll: args['check-all'] === true }), outputs: [at('dist/src/index.js')], inputs: [], key: {}, clean: [at('dist/src'), at('dist/plugins')] },
    lambda: {
      build: () => buildLambda(configFile),
      outputs: [at('dist/index.mjs'), at('dist/cognito-trigger-router.zip')],
      inputs: [configFile],
      key: { config: configFile },
      clean: [at('dist/index.mjs'), at('dist/chunks'), at('dist/cognito-trigger-router.zip')],
    },
    cli: { build: buildCli, outputs: [at('dist/cli.mjs')], inputs: [], key: {}, skip: !fs.existsSync(cliEntry) },
  }
  // In this order: the type check (lib) fails a full build before anything is bundled.
  for (const target of TARGETS.filter((name) => targets.includes(name))) {
    const step = plan[target]
    if (step.skip) continue
    if (only !== undefined && upToDate(target, step.outputs, step.inputs, step.key)) {
      for (const file of step.outputs) report(file, '  up to date (newer than every source; not rebuilt)')
      continue
    }
    fs.rmSync(stampOf(target), { force: true })
    for (const file of step.clean ?? []) fs.rmSync(file, { recursive: true, force: true })
    await step.build()
    writeStamp(target, step.key)
  }
  const shown = configFile.startsWith(root + path.sep) ? rel(configFile) : configFile
  console.log(`${lines.join('\n')}${targets.includes('lambda') ? `\nLambda configuration bundled from ${shown}` : ''}`)
}

main().catch((error) => {
  // esbuild has already printed its own errors with file and line; add the one-line verdict.
  const expected = error.clean || error.errors || String(error.code).startsWith('ERR_PARSE_ARGS')
  console.error(`\nbuild failed: ${expected ? error.message : (error.stack ?? error)}`)
  process.exit(1)
})
