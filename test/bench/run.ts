// Proof of speed: `node test/bench/run.ts` (npm run bench; build first so dist/index.mjs is current).
// Every figure comes from this one run, side by side, and is reported as a ratio to its baseline:
//   1. per-invocation cost: bare handler, hand-written middy, router + 1 plugin, router + every
//      built-in plugin (AWS SDK clients answered in-process by aws-sdk-client-mock), and what each
//      of the router's middleware adds on its own;
//   2. cold start: fresh Node processes importing dist/index.mjs vs. a hand-written middy bundle built
//      the same way, plus whether any @aws-sdk/* module loads before a trigger needs it;
//   3. minified bundle sizes.
// Prints a table and writes reports/bench.json. Targets are printed as PASS/FAIL and never tuned;
// `--check` exits 1 when one is missed. Options: --invocations N (default 100000), --cold N (default 15).
//
// Plain Node (type stripping, no imports of our TypeScript): the code under test is bundled with
// esbuild into a temporary directory first, so no build step or TypeScript loader is needed.

import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { gzipSync } from 'node:zlib'
import * as esbuild from 'esbuild'
import { Bench } from 'tinybench'

// -- options and places -------------------------------------------------------------------------

const { values: args } = parseArgs({
  options: {
    invocations: { type: 'string', default: '100000' },
    cold: { type: 'string', default: '15' },
    check: { type: 'boolean', default: false },
  },
})
const INVOCATIONS = Number(args.invocations)
const COLD_RUNS = Number(args.cold)
const WARMUP = Math.min(20_000, INVOCATIONS)
const ROUNDS = 10

const root = path.resolve(import.meta.dirname, '../..')
const at = (...parts: string[]) => path.join(root, ...parts)
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ctr-bench-'))
// Bundles in the temp directory resolve their external packages through this link.
fs.symlinkSync(at('node_modules'), path.join(tmp, 'node_modules'), 'dir')
process.env.BENCH_ROOT = root
process.env.AWS_REGION ??= 'us-east-1'
// The user-migration README example reads its bearer token from this variable; its HTTP calls are
// answered in-process (subjects.ts stubs fetch), so the value is never sent anywhere.
process.env.LEGACY_API_TOKEN ??= 'bench-token'

const TARGETS = { onePlugin: 1.1, allPlugins: 1.25, coldStart: 1.15, coreBytes: 25 * 1024 } as const

// -- the subjects ---------------------------------------------------------------------------------

interface Subjects {
  sink: { lines: number; bytes: number }
  BENCH_SOURCE: string
  lambdaContext(): unknown
  signUpEvents(count: number): unknown[]
  bare: Handler
  handWrittenMiddy(): Handler
  routerWithOnePlugin(): Handler
  routerWithDefaultLogging(): Handler
  constructBuiltins(): { plugins: unknown[]; status: BuiltinStatus[] }
  routerWithAllBuiltins(builtins: readonly unknown[]): Handler
  guaranteeLadder(): { key: string; label: string; handler: Handler }[]
  stubAwsClients(): Promise<string[]>
  eventFor(source: string, i: number): unknown
  outcomeOf(handler: Handler, event: unknown): Promise<{ ok: true } | { ok: false; reason: string }>
}
type Handler = (event: unknown, context: unknown) => Promise<unknown>
interface BuiltinStatus {
  name: string
  constructed: boolean
  detail: string
  triggers: string[]
  options?: unknown
}

const shared = { bundle: true, format: 'esm', platform: 'node', target: 'node22', logLevel: 'warning' } as const

const loadSubjects = async (): Promise<Subjects> => {
  const outfile = path.join(tmp, 'subjects.mjs')
  await esbuild.build({ ...shared, entryPoints: [at('test/bench/subjects.ts')], outfile, packages: 'external' })
  return (await import(pathToFileURL(outfile).href)) as Subjects
}

// -- 1. per-invocation cost -------------------------------------------------------------------------

interface Variant {
  key: string
  label: string
  handler: Handler
  events: unknown[]
  samples: number[]
  lines: number
}

const median = (values: number[]): number => {
  const sorted = Float64Array.from(values).sort()
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}
const percentile = (values: number[], p: number): number => {
  const sorted = Float64Array.from(values).sort()
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number
}

/**
 * Warms every variant up, then measures them in ROUNDS interleaved rounds (the order rotates),
 * so background load and JIT drift hit every variant alike. Each sample is one invocation.
 */
const measure = async (variants: Variant[], context: unknown, sink: Subjects['sink']): Promise<void> => {
  for (const variant of variants) {
    for (let i = 0; i < WARMUP; i++) await variant.handler(variant.events[i % variant.events.length], context)
  }
  const perRound = Math.ceil(INVOCATIONS / ROUNDS)
  for (let round = 0; round < ROUNDS; round++) {
    const order = variants.map((_, i) => variants[(i + round) % variants.length] as Variant)
    for (const variant of order) {
      const bench = new Bench({ iterations: perRound, time: 0, warmup: false, retainSamples: true, throws: true })
      let next = round * perRound
      const { events, handler } = variant
      bench.add(variant.key, async () => {
        await handler(events[next++ % events.length], context)
      })
      const lines = sink.lines
      await bench.run()
      const result = bench.tasks[0]?.result
      if (result?.state !== 'completed' || result.latency.samples === undefined) {
        throw new Error(`${variant.label}: benchmark did not complete (${result?.state})`)
      }
      variant.lines += sink.lines - lines
      for (const sample of result.latency.samples) variant.samples.push(sample)
    }
    process.stdout.write(`  round ${round + 1}/${ROUNDS} done\r`)
  }
  process.stdout.write('\n')
}

// -- 2. cold start --------------------------------------------------------------------------------

interface ColdRun {
  importMs: number
  invokeMs: number
  sinceProcessStartMs: number
  outcome: string
  sdkAtImport: string[]
  sdkAfterInvoke: string[]
}

const coldStart = (bundle: string, mode: 'time' | 'sdk', event: unknown): ColdRun => {
  const child = spawnSync(process.execPath, [at('test/bench/cold-start-child.ts'), bundle, mode], {
    encoding: 'utf8',
    // Both bundles write their event and reply lines (the router's are DEBUG lines).
    env: { ...process.env, BENCH_EVENT: JSON.stringify(event), AWS_LAMBDA_LOG_LEVEL: 'DEBUG', NODE_OPTIONS: '' },
    maxBuffer: 64 * 1024 * 1024,
  })
  const marker = child.stdout.split('\n').find((line) => line.startsWith('@@cold-start@@'))
  if (child.status !== 0 || marker === undefined) {
    throw new Error(`cold start of ${bundle} failed (exit ${child.status}):\n${child.stderr.slice(0, 2000)}`)
  }
  return JSON.parse(marker.slice('@@cold-start@@'.length)) as ColdRun
}

// Redirects the Lambda entry's `./config.json` import, as build.mjs does.
const configPlugin = (configFile: string): esbuild.Plugin => ({
  name: 'bench-router-config',
  setup(build) {
    build.onResolve({ filter: /^\.\/config\.json$/ }, ({ importer }) =>
      importer.startsWith(at('src/lambda') + path.sep) ? { path: configFile } : undefined,
    )
  },
})

/**
 * The Lambda build options of build.mjs: minified ESM, the runtime's AWS SDK external, and what
 * plugins import lazily split into chunks/. Returns the entry file (`<outdir>/index.mjs`).
 */
const lambdaBundle = async (entry: string, outdir: string, plugins: esbuild.Plugin[] = []): Promise<string> => {
  const options: esbuild.BuildOptions = {
    ...shared,
    entryPoints: { index: entry },
    outdir,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    splitting: true,
    minify: true,
    external: ['@aws-sdk/*'],
    plugins,
    write: false,
  }
  let outputs = (await esbuild.build(options)).outputFiles ?? []
  if (outputs.some((file) => file.text.includes('Dynamic require of'))) {
    const banner = { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" }
    outputs = (await esbuild.build({ ...options, banner })).outputFiles ?? []
  }
  for (const file of outputs) {
    fs.mkdirSync(path.dirname(file.path), { recursive: true })
    fs.writeFileSync(file.path, file.text)
  }
  return path.join(outdir, 'index.mjs')
}

// -- 3. sizes -------------------------------------------------------------------------------------

interface Size {
  what: string
  bytes: number
  gzip: number
  note: string
}

const sizeOf = (file: string, what: string, note: string): Size => {
  const text = fs.readFileSync(file)
  return { what, bytes: text.byteLength, gzip: gzipSync(text, { level: 9 }).byteLength, note }
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

const sizeOfFiles = (files: readonly string[], what: string, note: string): Size => {
  const texts = files.map((file) => fs.readFileSync(file))
  const bytes = texts.reduce((sum, text) => sum + text.byteLength, 0)
  const gzip = texts.reduce((sum, text) => sum + gzipSync(text, { level: 9 }).byteLength, 0)
  return { what, bytes, gzip, note }
}

/** A split Lambda: what its cold start loads (entry + static chunks), then the chunks loaded on demand. */
const splitSizes = (entry: string, what: string, note: string): Size[] => {
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

// -- report helpers -------------------------------------------------------------------------------

const us = (ms: number) => `${(ms * 1000).toFixed(2)} µs`
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL')
const table = (rows: string[][]): string => {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => (row[c] ?? '').length)))
  return rows.map((row) => row.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd()).join('\n')
}
const missBy = (ratio: number, target: number) => (ratio <= target ? '' : ` (missed by ${(((ratio - target) / target) * 100).toFixed(1)} %)`)

// -- main -----------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const report: Record<string, unknown> = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    loadAverage: os.loadavg(),
    invocationsPerVariant: INVOCATIONS,
    warmupPerVariant: WARMUP,
    coldStartRuns: COLD_RUNS,
  }
  console.log(`cognito-trigger-router benchmark (node ${process.version}, ${os.cpus().length} cpus, load ${os.loadavg()[0]!.toFixed(2)})\n`)

  const subjects = await loadSubjects()
  const stubbed = await subjects.stubAwsClients()
  const builtins = subjects.constructBuiltins()
  const constructed = builtins.status.filter((status) => status.constructed)
  report.awsStubs = stubbed
  report.builtins = builtins.status

  // (a)-(d) on the same prepared sign-up events, a separate copy per variant (middy's handler
  // writes into its event).
  const pool = subjects.signUpEvents(1024)
  const copy = () => structuredClone(pool)
  const variants: Variant[] = [
    { key: 'bare', label: '(a) bare async handler (echo)', handler: subjects.bare, events: copy(), samples: [], lines: 0 },
    { key: 'middy', label: '(b) hand-written middy + 2 loggers', handler: subjects.handWrittenMiddy(), events: copy(), samples: [], lines: 0 },
    { key: 'router1', label: '(c) router + 1 plugin', handler: subjects.routerWithOnePlugin(), events: copy(), samples: [], lines: 0 },
    // Informational: the defaults log one summary line at INFO instead of the event and the reply.
    { key: 'router1Default', label: "(c') router + 1 plugin, default logging", handler: subjects.routerWithDefaultLogging(), events: copy(), samples: [], lines: 0 },
  ]
  const notes: string[] = []
  if (constructed.length === 0) {
    notes.push('(d) not measured: the built-in registry (plugins/index.ts builtinPlugins) is empty or no plugin could be constructed.')
  } else {
    variants.push({
      key: 'routerAll',
      label: `(d) router + ${constructed.length} built-ins + the plugin`,
      handler: subjects.routerWithAllBuiltins(builtins.plugins),
      events: copy(),
      samples: [],
      lines: 0,
    })
    // Informational: the same router on traffic spread over every source a built-in handles.
    const sources = [...new Set(constructed.flatMap((status) => status.triggers))].sort()
    const mixedRouter = subjects.routerWithAllBuiltins(builtins.plugins)
    const kept: string[] = []
    const dropped: string[] = []
    for (const source of sources) {
      const outcome = await subjects.outcomeOf(mixedRouter, subjects.eventFor(source, 0))
      if (outcome.ok) kept.push(source)
      else dropped.push(`${source} ${outcome.reason}`)
    }
    report.mixedSources = { measured: kept, dropped }
    if (kept.length > 0) {
      const events = Array.from({ length: 1024 }, (_, i) => subjects.eventFor(kept[i % kept.length]!, i))
      variants.push({ key: 'routerMixed', label: `(d') router + built-ins, mixed traffic over ${kept.length} sources`, handler: mixedRouter, events, samples: [], lines: 0 })
    }
    if (dropped.length > 0) {
      const byReason = new Map<string, string[]>()
      for (const entry of dropped) {
        const [source, ...reason] = entry.split(' ')
        byReason.set(reason.join(' '), [...(byReason.get(reason.join(' ')) ?? []), source as string])
      }
      const groups = [...byReason].map(([reason, sources]) => `${sources.join(', ')} (${reason})`)
      notes.push(`(d') left out ${dropped.length} source(s) whose example event fails with stubbed AWS and HTTP answers: ${groups.join('; ')}`)
    }
  }
  // (e) informational: what each of the router's guarantees costs on its own.
  for (const step of subjects.guaranteeLadder()) variants.push({ ...step, events: copy(), samples: [], lines: 0 })
  for (const variant of [...variants]) {
    if (variant.key === 'routerMixed') continue
    const outcome = await subjects.outcomeOf(variant.handler, variant.events[0])
    if (outcome.ok) continue
    // A built-in's example options may refuse the benchmark sign-up: say so instead of timing rejections.
    if (variant.key !== 'routerAll') throw new Error(`${variant.label} does not accept the benchmark event: ${outcome.reason}`)
    variants.splice(variants.indexOf(variant), 1)
    notes.push(`(d) not measured: with every built-in enabled the benchmark sign-up is refused (${outcome.reason}).`)
  }

  console.log(`per-invocation cost: ${INVOCATIONS} timed invocations per variant after ${WARMUP} warm-up, ${ROUNDS} interleaved rounds`)
  const context = subjects.lambdaContext()
  await measure(variants, context, subjects.sink)

  const byKey = Object.fromEntries(variants.map((v) => [v.key, v])) as Record<string, Variant>
  const middyMedian = median(byKey.middy!.samples)
  const invocationRows: Record<string, unknown>[] = []
  const rows = [['variant', 'median', 'p99', 'log lines', 'vs middy', 'target']]
  const targets: Record<string, { ratio: number; target: number; pass: boolean }> = {}
  for (const variant of variants) {
    const m = median(variant.samples)
    const ratio = m / middyMedian
    const target = variant.key === 'router1' ? TARGETS.onePlugin : variant.key === 'routerAll' ? TARGETS.allPlugins : undefined
    if (target !== undefined) targets[variant.key] = { ratio, target, pass: ratio <= target }
    const perInvocation = variant.lines / variant.samples.length
    rows.push([
      variant.label,
      us(m),
      us(percentile(variant.samples, 0.99)),
      perInvocation.toFixed(1),
      `${ratio.toFixed(3)} ×`,
      target === undefined ? '' : `≤ ${target} ${verdict(ratio <= target)}${missBy(ratio, target)}`,
    ])
    invocationRows.push({
      key: variant.key,
      label: variant.label,
      samples: variant.samples.length,
      medianMs: m,
      p99Ms: percentile(variant.samples, 0.99),
      logLinesPerInvocation: perInvocation,
      ratioToMiddy: ratio,
      ...(target === undefined ? {} : { target, pass: ratio <= target }),
    })
  }
  console.log(table(rows))
  report.invocation = invocationRows

  // -- cold start
  console.log(`\ncold start: ${COLD_RUNS} fresh processes per bundle, interleaved; import + one PreAuthentication_Authentication event`)
  const middyBundle = await lambdaBundle(at('test/bench/middy-entry.ts'), path.join(tmp, 'middy'))
  const coreBundle = await lambdaBundle(at('test/bench/core-entry.ts'), path.join(tmp, 'core-lambda'))
  const bundles: { key: string; label: string; file: string }[] = [
    { key: 'middy', label: 'hand-written middy bundle', file: middyBundle },
    { key: 'core', label: 'router core Lambda, no built-ins bundled', file: coreBundle },
  ]
  const distLambda = at('dist/index.mjs')
  if (fs.existsSync(distLambda)) {
    bundles.push({ key: 'dist', label: 'dist/index.mjs (as built)', file: distLambda })
    const built = fs.statSync(distLambda).mtimeMs
    const newer = ['src', 'plugins'].flatMap((dir) =>
      fs.readdirSync(at(dir), { recursive: true, encoding: 'utf8' }).filter((file) => fs.statSync(at(dir, file)).mtimeMs > built),
    )
    if (newer.length > 0) notes.push(`dist/index.mjs is older than ${newer.length} source file(s): run \`npm run build\` first for current figures.`)
  } else notes.push('dist/index.mjs is missing: run `npm run build` first; its cold start and size are not measured.')
  let allLambda: string | undefined
  if (constructed.length > 0) {
    const config = { plugins: Object.fromEntries(constructed.map((status) => [status.name, status.options ?? true])) }
    const configFile = path.join(tmp, 'all-plugins.json')
    fs.writeFileSync(configFile, JSON.stringify(config))
    allLambda = await lambdaBundle(at('src/lambda/index.ts'), path.join(tmp, 'all-lambda'), [configPlugin(configFile)])
    bundles.push({ key: 'all', label: `router Lambda, ${constructed.length} built-ins enabled`, file: allLambda })
  }
  const coldEvent = subjects.eventFor('PreAuthentication_Authentication', 0)
  const cold: Record<string, ColdRun[]> = Object.fromEntries(bundles.map((b) => [b.key, []]))
  for (let run = 0; run < COLD_RUNS; run++) {
    for (let i = 0; i < bundles.length; i++) {
      const bundle = bundles[(i + run) % bundles.length]!
      cold[bundle.key]!.push(coldStart(bundle.file, 'time', coldEvent))
    }
  }
  const coldMedian = (key: string, pick: (run: ColdRun) => number) => median(cold[key]!.map(pick))
  const middyCold = coldMedian('middy', (r) => r.importMs + r.invokeMs)
  const coldRows = [['bundle', 'import+invoke', 'import', 'since process start', 'vs middy', 'target', 'outcome']]
  const coldReport: Record<string, unknown>[] = []
  for (const bundle of bundles) {
    const total = coldMedian(bundle.key, (r) => r.importMs + r.invokeMs)
    const ratio = total / middyCold
    const target = bundle.key === 'dist' ? TARGETS.coldStart : undefined
    if (target !== undefined) targets.coldStart = { ratio, target, pass: ratio <= target }
    const sdk = coldStart(bundle.file, 'sdk', coldEvent)
    const outcome = cold[bundle.key]![0]!.outcome
    coldRows.push([
      bundle.label,
      `${total.toFixed(1)} ms`,
      `${coldMedian(bundle.key, (r) => r.importMs).toFixed(1)} ms`,
      `${coldMedian(bundle.key, (r) => r.sinceProcessStartMs).toFixed(1)} ms`,
      `${ratio.toFixed(3)} ×`,
      target === undefined ? '' : `≤ ${target} ${verdict(ratio <= target)}${missBy(ratio, target)}`,
      outcome,
    ])
    coldReport.push({
      key: bundle.key,
      label: bundle.label,
      runs: cold[bundle.key],
      medianImportPlusInvokeMs: total,
      ratioToMiddy: ratio,
      sdkModulesResolvedAtImport: sdk.sdkAtImport,
      sdkModulesResolvedDuringPreAuthentication: sdk.sdkAfterInvoke,
      ...(target === undefined ? {} : { target, pass: ratio <= target }),
    })
  }
  console.log(table(coldRows))
  report.coldStart = coldReport

  console.log('\nAWS SDK loading (module hook on @aws-sdk/* specifiers; no AWS call is made)')
  const sdkRows = [['bundle', 'at import', 'during PreAuthentication', 'lazy']]
  for (const entry of coldReport) {
    const atImport = entry.sdkModulesResolvedAtImport as string[]
    const during = entry.sdkModulesResolvedDuringPreAuthentication as string[]
    const lazy = atImport.length === 0 && during.length === 0
    if (entry.key !== 'middy') targets[`sdkLazy:${entry.key}`] = { ratio: atImport.length + during.length, target: 0, pass: lazy }
    const list = (names: string[]) => (names.length === 0 ? 'none' : `${names.length}: ${[...new Set(names)].slice(0, 4).join(', ')}${names.length > 4 ? ', …' : ''}`)
    sdkRows.push([entry.label as string, list(atImport), list(during), entry.key === 'middy' ? '' : verdict(lazy)])
  }
  console.log(table(sdkRows))

  // -- sizes
  const coreFile = path.join(tmp, 'core.mjs')
  await esbuild.build({ ...shared, entryPoints: [at('src/index.ts')], outfile: coreFile, minify: true, packages: 'external' })
  const coreMiddyFile = path.join(tmp, 'core-with-middy.mjs')
  await esbuild.build({ ...shared, entryPoints: [at('src/index.ts')], outfile: coreMiddyFile, minify: true, external: ['@aws-sdk/*'] })
  const sizes: Size[] = [
    sizeOf(coreFile, 'core', 'src/index.ts and every src/ module it imports; minified ESM; all npm packages (@middy/*) external'),
    sizeOf(coreMiddyFile, 'core + middy', 'the same with @middy/core, input-output-logger, error-logger, @middy/util bundled'),
    sizeOf(middyBundle, 'middy baseline Lambda', 'test/bench/middy-entry.ts; minified ESM; @aws-sdk/* external'),
    sizeOf(coreBundle, 'router core Lambda', 'test/bench/core-entry.ts (createRouter, no built-ins); built like dist/index.mjs'),
  ]
  if (fs.existsSync(distLambda)) {
    sizes.push(...splitSizes(distLambda, 'dist/index.mjs', 'the Lambda as built by build.mjs (no plugin enabled): minified ESM, @aws-sdk/* external'))
  }
  if (allLambda !== undefined) {
    sizes.push(...splitSizes(allLambda, 'router Lambda, all enabled', 'src/lambda/index.ts built like dist/index.mjs with every built-in enabled'))
  }
  const coreSize = sizes[0]!
  targets.coreBytes = { ratio: coreSize.bytes, target: TARGETS.coreBytes, pass: coreSize.bytes <= TARGETS.coreBytes }
  console.log('\nbundle sizes (minified)')
  const sizeRows = [['bundle', 'bytes', 'gzip', 'target', 'what']]
  for (const size of sizes) {
    const isCore = size === coreSize
    sizeRows.push([
      size.what,
      kb(size.bytes),
      kb(size.gzip),
      isCore ? `≤ 25 KB ${verdict(size.bytes <= TARGETS.coreBytes)}${missBy(size.bytes, TARGETS.coreBytes)}` : '',
      size.note,
    ])
  }
  console.log(table(sizeRows))
  report.sizes = sizes

  console.log('\nbuilt-in plugins')
  console.log(
    builtins.status.length === 0
      ? '  the registry is empty'
      : builtins.status.map((s) => `  ${s.constructed ? '+' : '-'} ${s.name}: ${s.constructed ? `options from ${s.detail}; handles ${s.triggers.join(', ')}` : `not constructed: ${s.detail}`}`).join('\n'),
  )
  console.log(`  AWS SDK clients stubbed in-process: ${stubbed.join(', ')}`)
  for (const note of notes) console.log(`note: ${note}`)

  report.targets = targets
  report.notes = notes
  fs.mkdirSync(at('reports'), { recursive: true })
  fs.writeFileSync(at('reports/bench.json'), `${JSON.stringify(report, null, 2)}\n`)
  const missed = Object.entries(targets).filter(([, t]) => !t.pass)
  console.log(`\n${missed.length === 0 ? 'all targets met' : `targets missed: ${missed.map(([key]) => key).join(', ')}`}; report written to reports/bench.json`)
  if (args.check && missed.length > 0) process.exitCode = 1
}

try {
  await main()
} finally {
  fs.rmSync(tmp, { recursive: true, force: true })
}
