// Builds everything `npm run build` ships:
//   dist/src/**, dist/plugins/**   the library: per-file ESM + sourcemaps + .d.ts (consumers bundle it themselves)
//   dist/index.mjs                 the Lambda: one minified file, so the deployment is a single upload
//   dist/cognito-trigger-router.zip   that file at the zip root (handler `index.handler`)
//   dist/cli.mjs                   the CLI, when src/cli.ts exists
// Usage: node build.mjs [--config path/to/config.json]   (or ROUTER_CONFIG_FILE=path at build time)
import { Buffer } from 'node:buffer'
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import * as esbuild from 'esbuild'
import { zipSync } from 'fflate'
import ts from 'typescript'

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
  const shared = { bundle: true, format: 'esm', platform: 'node', target: 'node22', logLevel: 'warning', write: false }
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

async function main() {
  // The configuration bundled into the Lambda: --config beats ROUTER_CONFIG_FILE beats the default.
  const { values: args } = parseArgs({ options: { config: { type: 'string' } } })
  const configFile = path.resolve(args.config ?? process.env.ROUTER_CONFIG_FILE ?? at('src/lambda/config.json'))
  if (!fs.existsSync(configFile)) fail(`configuration file not found: ${configFile}`)
  try {
    JSON.parse(fs.readFileSync(configFile, 'utf8'))
  } catch (error) {
    fail(`configuration file ${configFile} is not valid JSON: ${error.message}`)
  }
  const lambdaEntry = at('src/lambda/index.ts')
  const cliEntry = at('src/cli.ts')
  if (!fs.existsSync(lambdaEntry)) fail(`missing Lambda entry ${rel(lambdaEntry)}`)
  fs.rmSync(at('dist'), { recursive: true, force: true })

  // 1. Type check everything we ship and emit declarations for the library. One program
  //    with tsconfig.json's options, so no second tsconfig is needed.
  const libFiles = LIB.flatMap(sourcesOf)
  const { config } = ts.readConfigFile(at('tsconfig.json'), ts.sys.readFile)
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, root)
  const roots = [...libFiles, lambdaEntry, ...(fs.existsSync(cliEntry) ? [cliEntry] : [])]
  const program = ts.createProgram(roots, {
    ...options,
    noEmit: false,
    declaration: true,
    emitDeclarationOnly: true,
    outDir: at('dist/.types'), // never written: writeFile below maps each file next to its JS
  })
  const emitted = program.emit(undefined, (_name, text, _bom, _onError, sources) => {
    const source = sources?.[0]?.fileName
    const out = source && outputOf(path.resolve(source))
    if (!out || !libFiles.includes(path.resolve(source))) return // Lambda/CLI: checked, not published
    const dts = out.replace(/\.ts$/, '.d.ts')
    fs.mkdirSync(path.dirname(dts), { recursive: true })
    fs.writeFileSync(dts, text)
  })
  const diagnostics = ts.sortAndDeduplicateDiagnostics([...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics])
  if (diagnostics.length > 0) {
    const host = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => '\n' }
    const format = process.stderr.isTTY ? ts.formatDiagnosticsWithColorAndContext : ts.formatDiagnostics // plain in CI logs
    console.error(format(diagnostics, host))
    fail(`type check failed with ${diagnostics.length} error(s)`)
  }

  // 2. The library, one output per input: consumers' bundlers tree-shake and resolve deps themselves.
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
      sourcemap: true,
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

  // 3. The Lambda. The nodejs22.x/24.x runtimes ship AWS SDK v3, so bundling it would only add cold-start weight.
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
  report(lambdaOut, `${kb(lambda.bytes).padStart(9)} (minified, @aws-sdk/* external: provided by the Lambda runtime${requireNote})`)
  const chunkBytes = lambda.chunks.reduce((sum, file) => sum + fs.statSync(file).size, 0)
  if (lambda.chunks.length > 0) report(at('dist/chunks'), `${kb(chunkBytes).padStart(9)} (${lambda.chunks.length} chunk(s): the shared core, and each plugin and lazy dependency on its own)`)

  // 4. The zip to upload, built in-process (no `zip` binary on every CI image). Fixed mtime and
  //    Unix mode 0644 make it reproducible and readable by the Lambda runtime user.
  const zipOut = at('dist/cognito-trigger-router.zip')
  const entry = (file) => [fs.readFileSync(file), { level: 9, mtime: new Date(2000, 0, 1), os: 3, attrs: 0o100644 << 16 }]
  const zip = zipSync(
    Object.fromEntries([lambdaOut, ...lambda.chunks].map((file) => [path.relative(at('dist'), file).split(path.sep).join('/'), entry(file)])),
  )
  fs.writeFileSync(zipOut, zip)
  report(zipOut, `${kb(zip.byteLength).padStart(9)} (index.mjs and chunks/ at the root; handler index.handler)`)

  // 5. The CLI ships inside the npm package, whose dependencies npm installs: bundle only our own code.
  if (fs.existsSync(cliEntry)) {
    const cliOut = at('dist/cli.mjs')
    const hasShebang = fs.readFileSync(cliEntry, 'utf8').startsWith('#!') // esbuild keeps a source shebang
    const cli = await bundle({ entryPoints: [cliEntry], outfile: cliOut, packages: 'external' }, hasShebang ? '' : '#!/usr/bin/env node\n')
    fs.chmodSync(cliOut, 0o755)
    report(cliOut, `${kb(cli.bytes).padStart(9)} (bundled, not minified, dependencies external)`)
  }
  const shown = configFile.startsWith(root + path.sep) ? rel(configFile) : configFile
  console.log(`${lines.join('\n')}\nLambda configuration bundled from ${shown}`)
}

main().catch((error) => {
  // esbuild has already printed its own errors with file and line; add the one-line verdict.
  const expected = error.clean || error.errors || String(error.code).startsWith('ERR_PARSE_ARGS')
  console.error(`\nbuild failed: ${expected ? error.message : (error.stack ?? error)}`)
  process.exit(1)
})
