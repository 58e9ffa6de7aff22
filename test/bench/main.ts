// The benchmark (`npm run bench`; run.ts bundles and starts this file). Every figure comes from
// one run, side by side, and the ones with targets (stats.ts TARGETS) are ratios measured in that run:
//   1. cold start: fresh `node` processes importing dist/index.mjs (as built by build.mjs) against
//      a hand-written middy Lambda built the same way; whole process, and after the modules the
//      Lambda runtime has already loaded; plus whether any @aws-sdk/* module loads early;
//   2. per invocation: bare handler, hand-written middy, the router with one plugin (events at INFO,
//      and default logging), with every built-in enabled, and what each standalone middleware adds;
//   3. heap allocated per invocation;
//   4. minified sizes.
// Prints tables and writes reports/bench.json, whose `ratios` holds exactly the keys of
// stats.ts RATIO_KEYS. Options:
//   --check            exit 1 when a ratio misses its target (or could not be measured), naming it
//   --quick            small counts for development runs (also BENCH_QUICK=1): figures are indicative only
//   --invocations N    timed invocations per variant (default 100000; quick 5000)
//   --cold N           processes per cold-start subject, interleaved (default 25; quick 5)
// No test asserts any of these figures: they depend on the machine and its load.

import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { buildMiddyLambda, coreSizes, splitSizes, type Size } from './bundles.js'
import { coldStart, interleavedColdStarts, type ColdRun, type ColdSubject } from './cold-start.js'
import { measureAllocation, measureTime, warmUp, type Variant } from './measure.js'
import { judge, median, misses, quantile, RATIO_KEYS, spreadOf, TARGETS, type RatioKey, type Spread } from './stats.js'
import type { TriggerSource } from '../../src/index.js'
import * as subjects from './subjects.js'

// -- report helpers -------------------------------------------------------------------------------

const us = (ms: number) => `${(ms * 1000).toFixed(2)} µs`
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
const ms = (value: number) => `${value.toFixed(1)}`
const table = (rows: string[][]): string => {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => (row[c] ?? '').length)))
  return rows.map((row) => row.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd()).join('\n')
}
const spreadCells = (spread: Spread) => [ms(spread.median), `${ms(spread.min)} / ${ms(spread.p25)} / ${ms(spread.p75)} / ${ms(spread.max)}`]
const say = (line = '') => console.log(line)
// Progress on a terminal only: in a log file the carriage returns would only add clutter.
const progress = (what: string, total: number) => (done: number) => {
  if (process.stdout.isTTY) process.stdout.write(`  ${what} ${done}/${total}\r${done === total ? '\n' : ''}`)
}

interface Options {
  check: boolean
  quick: boolean
  invocations: number
  coldRuns: number
  warmup: number
  rounds: number
  allocationPerRound: number
  allocationRounds: number
}

const optionsFrom = (argv: string[]): Options => {
  const { values } = parseArgs({
    args: argv,
    options: {
      check: { type: 'boolean', default: false },
      quick: { type: 'boolean', default: false },
      invocations: { type: 'string' },
      cold: { type: 'string' },
    },
  })
  const quick = values.quick || process.env.BENCH_QUICK === '1'
  const count = (value: string | undefined, fallback: number, name: string): number => {
    if (value === undefined) return fallback
    const n = Number(value)
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`--${name} must be a positive integer, got "${value}"`)
    return n
  }
  const invocations = count(values.invocations, quick ? 5_000 : 100_000, 'invocations')
  return {
    check: values.check,
    quick,
    invocations,
    coldRuns: count(values.cold, quick ? 5 : 25, 'cold'),
    warmup: Math.min(quick ? 2_000 : 20_000, invocations),
    rounds: quick ? 4 : 10,
    allocationPerRound: quick ? 500 : 5_000,
    allocationRounds: quick ? 3 : 6,
  }
}

// -- 1. cold start ----------------------------------------------------------------------------------

interface ColdResult {
  readonly ratios: Partial<Record<RatioKey, number>>
  readonly reasons: Partial<Record<RatioKey, string>>
  readonly report: Record<string, unknown>
  readonly middyBundle: string | undefined
}

const coldStarts = async (
  root: string,
  tmp: string,
  options: Options,
  builtins: ReturnType<typeof subjects.constructBuiltins>,
  notes: string[],
): Promise<ColdResult> => {
  const reasons: Partial<Record<RatioKey, string>> = {}
  const dist = path.join(root, 'dist/index.mjs')
  if (!fs.existsSync(dist)) {
    const reason = 'dist/index.mjs is missing: run `node build.mjs` first'
    notes.push(reason)
    return { ratios: {}, reasons: { coldWholeProcess: reason, coldWholeProcessAll: reason, coldPreloaded: reason }, report: {}, middyBundle: undefined }
  }
  const built = fs.statSync(dist).mtimeMs
  const newer = ['src', 'plugins'].flatMap((dir) =>
    fs.readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' }).filter((file) => fs.statSync(path.join(root, dir, file)).mtimeMs > built),
  )
  if (newer.length > 0) notes.push(`dist/index.mjs is older than ${newer.length} source file(s): run \`node build.mjs\` first for current figures.`)

  const middy = await buildMiddyLambda(root, path.join(tmp, 'middy-lambda'), subjects.defaultRedaction)
  // Every built-in the benchmark could construct, with the options it constructed it with, handed
  // to the built Lambda the documented way (README "The Lambda entry and its JSON configuration").
  const constructed = builtins.status.filter((status) => status.constructed)
  const allConfig = path.join(tmp, 'all-plugins.json')
  fs.writeFileSync(allConfig, JSON.stringify({ plugins: Object.fromEntries(constructed.map((status) => [status.name, status.options ?? true])) }))
  const allEnv = { COGNITO_ROUTER_CONFIG_FILE: allConfig }
  if (constructed.length < builtins.status.length) {
    notes.push(`coldWholeProcessAll enables ${constructed.length} of ${builtins.status.length} built-ins: the others could not be constructed (see "built-in plugins").`)
  }

  const cold: ColdSubject[] = [
    { key: 'middy', label: 'hand-written middy bundle (built like dist)', file: middy, mode: 'whole' },
    { key: 'dist', label: 'dist/index.mjs, default configuration', file: dist, mode: 'whole' },
    { key: 'all', label: `dist/index.mjs, ${constructed.length} built-ins enabled`, file: dist, mode: 'whole', env: allEnv },
    { key: 'middyPre', label: 'hand-written middy bundle, runtime modules preloaded', file: middy, mode: 'preloaded' },
    { key: 'distPre', label: 'dist/index.mjs, runtime modules preloaded', file: dist, mode: 'preloaded' },
    { key: 'allPre', label: 'dist/index.mjs + built-ins, runtime modules preloaded', file: dist, mode: 'preloaded', env: allEnv },
  ]
  // A PreAuthentication event: no built-in handles it, so no plugin makes an AWS call.
  const event = subjects.eventFor('PreAuthentication_Authentication', 0)
  say(`cold start: ${options.coldRuns} fresh processes per subject, ${cold.length} subjects interleaved; import + one PreAuthentication_Authentication event`)
  const runs = await interleavedColdStarts(root, cold, options.coldRuns, event, progress('round', options.coldRuns))

  const wall = (key: string) => spreadOf(runs.get(key)!.map((run) => run.wallMs))
  const importAndEvent = (key: string) => spreadOf(runs.get(key)!.map((run) => run.importMs + run.invokeMs))
  const ratios: Partial<Record<RatioKey, number>> = {
    coldWholeProcess: wall('dist').median / wall('middy').median,
    coldWholeProcessAll: wall('all').median / wall('middy').median,
    coldPreloaded: importAndEvent('distPre').median / importAndEvent('middyPre').median,
  }
  const baselineOf: Record<string, string> = { middy: 'middy', dist: 'middy', all: 'middy', middyPre: 'middyPre', distPre: 'middyPre', allPre: 'middyPre' }
  const cpu = (key: string, whole: boolean) => spreadOf(runs.get(key)!.map((run) => (whole ? run.processCpuMs : run.importAndEventCpuMs)))
  const rows = [['subject', 'measure', 'median ms', 'min / p25 / p75 / max', 'ratio', 'against', 'CPU ms', 'CPU ratio', 'outcome']]
  const subjectsReport: Record<string, unknown>[] = []
  for (const subject of cold) {
    const whole = subject.mode === 'whole'
    const spread = whole ? wall(subject.key) : importAndEvent(subject.key)
    const base = baselineOf[subject.key]!
    const baseSpread = whole ? wall(base) : importAndEvent(base)
    const outcomes = [...new Set(runs.get(subject.key)!.map((run) => run.outcome))]
    if (outcomes.some((outcome) => outcome !== 'ok')) notes.push(`${subject.label}: the cold-start event was ${outcomes.join(', ')}`)
    rows.push([
      subject.label,
      whole ? 'spawn to reply' : 'import + event',
      ...spreadCells(spread),
      `${(spread.median / baseSpread.median).toFixed(3)} ×`,
      base,
      ms(cpu(subject.key, whole).median),
      `${(cpu(subject.key, whole).median / cpu(base, whole).median).toFixed(3)} ×`,
      outcomes.join(', '),
    ])
    subjectsReport.push({
      key: subject.key,
      label: subject.label,
      mode: subject.mode,
      measure: whole ? 'wall ms from spawn to the reply line' : 'ms from import to the end of the first event',
      spread,
      cpu: cpu(subject.key, whole),
      cpuRatioToBaseline: cpu(subject.key, whole).median / cpu(base, whole).median,
      importPlusEvent: importAndEvent(subject.key),
      sinceProcessStart: spreadOf(runs.get(subject.key)!.map((run) => run.sinceProcessStartMs)),
      ratioToBaseline: spread.median / baseSpread.median,
      baseline: base,
      runs: runs.get(subject.key),
    })
  }
  say(table(rows))
  say(
    'ratio: median against the middy bundle measured the same way; CPU: user + system time of the child (the whole process,\n' +
      'or the import and the event), which the load of other processes changes least. The targets use the wall-time ratio.',
  )

  // Whether any @aws-sdk/* module loads before a trigger needs it (one extra process each).
  say('\nAWS SDK loading (module hook on @aws-sdk/* specifiers; no AWS call is made)')
  const sdkRows = [['bundle', 'at import', 'during PreAuthentication', 'lazy']]
  const sdk: Record<string, unknown>[] = []
  const chunksLoaded = new Map<string, number>()
  for (const subject of cold.filter((candidate) => candidate.mode === 'whole')) {
    const { resolvedAtImport: atImport, resolvedDuringEvent: afterInvoke }: ColdRun = await coldStart(root, subject.file, 'sdk', event, subject.env)
    const isSdk = (specifier: string) => specifier.startsWith('@aws-sdk/')
    const run = { sdkAtImport: atImport.filter(isSdk), sdkAfterInvoke: afterInvoke.filter(isSdk) }
    chunksLoaded.set(subject.key, new Set([...atImport, ...afterInvoke].filter((specifier) => specifier.includes('chunks/'))).size)
    const lazy = run.sdkAtImport.length === 0 && run.sdkAfterInvoke.length === 0
    const list = (names: readonly string[]) => (names.length === 0 ? 'none' : `${names.length}: ${[...new Set(names)].slice(0, 4).join(', ')}${names.length > 4 ? ', …' : ''}`)
    sdkRows.push([subject.label, list(run.sdkAtImport), list(run.sdkAfterInvoke), subject.key === 'middy' ? '' : lazy ? 'yes' : 'NO'])
    sdk.push({ key: subject.key, atImport: run.sdkAtImport, duringPreAuthentication: run.sdkAfterInvoke, lazy })
  }
  say(table(sdkRows))
  // The every-built-in figure counts only if the built Lambda applied the override: it then loads
  // more chunks, or (whatever the build's layout) fails its cold start on a plugin that does not exist.
  const applied =
    (chunksLoaded.get('all') ?? 0) > (chunksLoaded.get('dist') ?? 0) ||
    (await refusesUnknownPlugin(root, dist, path.join(tmp, 'unknown-plugin.json'), event))
  if (!applied) {
    reasons.coldWholeProcessAll = 'dist/index.mjs ignored COGNITO_ROUTER_CONFIG_FILE (no more chunks loaded, and a configuration naming an unknown plugin started)'
    notes.push(`${reasons.coldWholeProcessAll}: coldWholeProcessAll is not measured.`)
    delete ratios.coldWholeProcessAll
  }
  return { ratios, reasons, report: { runsPerSubject: options.coldRuns, event: 'PreAuthentication_Authentication', subjects: subjectsReport, sdk }, middyBundle: middy }
}

/** Whether `dist` fails its cold start when COGNITO_ROUTER_CONFIG_FILE enables a plugin that does not exist. */
const refusesUnknownPlugin = async (root: string, dist: string, file: string, event: unknown): Promise<boolean> => {
  fs.writeFileSync(file, JSON.stringify({ plugins: { 'no-such-plugin-for-the-benchmark': true } }))
  try {
    await coldStart(root, dist, 'whole', event, { COGNITO_ROUTER_CONFIG_FILE: file })
    return false
  } catch {
    return true
  }
}

// -- 2. and 3. per invocation ---------------------------------------------------------------------

interface Row {
  readonly variant: Variant
  /** The key of the variant this row is divided by. */
  readonly baseline: string
}

const variant = (key: string, label: string, handler: subjects.Handler, events: readonly unknown[]): Variant => ({
  key,
  label,
  handler: handler as Variant['handler'],
  events,
  samples: [],
  lines: 0,
})

const perInvocation = async (
  options: Options,
  builtins: ReturnType<typeof subjects.constructBuiltins>,
  notes: string[],
): Promise<{ ratios: Partial<Record<RatioKey, number>>; reasons: Partial<Record<RatioKey, string>>; report: Record<string, unknown> }> => {
  const reasons: Partial<Record<RatioKey, string>> = {}
  const constructed = builtins.status.filter((status) => status.constructed)
  // The same prepared events for every variant, a separate copy each (middy's handler writes into its event).
  const signUps = subjects.signUpEvents(1024)
  const signIns = subjects.onlyOneEvents(1024)
  const copy = (events: unknown[]) => structuredClone(events)
  const onePlugin = subjects.routerWithOnePlugin()
  const allBuiltins = subjects.routerWithAllBuiltins(builtins.plugins)
  const rows: Row[] = [
    { variant: variant('bare', '(a) bare async handler that echoes', subjects.bare, copy(signUps)), baseline: 'middy' },
    { variant: variant('middy', '(b) hand-written middy + 2 loggers + redaction paths', subjects.handWrittenMiddy(), copy(signUps)), baseline: 'middy' },
    { variant: variant('router1', '(c) router + 1 plugin, event and reply at INFO', onePlugin, copy(signUps)), baseline: 'middy' },
    { variant: variant('router1Default', "(c') the same router, default logging", subjects.routerWithDefaultLogging(), copy(signUps)), baseline: 'middy' },
    { variant: variant('oneOnly', "(d0) (c)'s router on PreAuthentication", onePlugin, copy(signIns)), baseline: 'oneOnly' },
    { variant: variant('allOnly', `(d) + ${constructed.length} built-ins enabled, same events`, allBuiltins, copy(signIns)), baseline: 'oneOnly' },
  ]
  // The one plugin must be the only one to run on (d)'s events, in both routers.
  for (const key of ['oneOnly', 'allOnly']) {
    const row = rows.find((candidate) => candidate.variant.key === key)!
    const ran = await subjects.pluginsRun(row.variant.handler, row.variant.events[0])
    if (ran === undefined) notes.push(`${row.variant.label}: no log line names the plugins that ran, so "only the one plugin runs" is not verified.`)
    else if (ran.join() !== subjects.companyPlugin.name) {
      reasons.allPlugins = `${row.variant.label.trim()} ran ${ran.join(', ') || 'no plugin'} on ${subjects.ONLY_ONE_SOURCE}, not only ${subjects.companyPlugin.name}`
    }
  }
  if (constructed.length === 0) reasons.allPlugins = 'no built-in plugin could be constructed'

  // Informational: the every-built-in router on traffic spread over every source a built-in handles.
  const sources = [...new Set(constructed.flatMap((status) => status.triggers))].sort()
  const kept: TriggerSource[] = []
  const dropped = new Map<string, string[]>()
  for (const source of sources) {
    const outcome = await subjects.outcomeOf(allBuiltins, subjects.eventFor(source, 0))
    if (outcome.ok) kept.push(source)
    else dropped.set(outcome.reason, [...(dropped.get(outcome.reason) ?? []), source])
  }
  if (kept.length > 0) {
    const events = Array.from({ length: 1024 }, (_, i) => subjects.eventFor(kept[i % kept.length]!, i))
    rows.push({ variant: variant('routerMixed', `(d') (d)'s router, mixed traffic over ${kept.length} sources`, allBuiltins, events), baseline: 'middy' })
  }
  if (dropped.size > 0) {
    const groups = [...dropped].map(([reason, left]) => `${left.join(', ')} (${reason})`)
    notes.push(`(d') leaves out the sources whose example event fails with stubbed AWS and HTTP answers: ${groups.join('; ')}`)
  }
  // Informational: what each standalone middleware adds on its own.
  for (const step of subjects.guaranteeLadder()) rows.push({ variant: variant(step.key, step.label, step.handler, copy(signUps)), baseline: 'middy' })

  for (const row of [...rows]) {
    const outcome = await subjects.outcomeOf(row.variant.handler, row.variant.events[0])
    if (outcome.ok) continue
    if (!row.variant.key.startsWith('e-')) throw new Error(`${row.variant.label} does not accept the benchmark event: ${outcome.reason}`)
    rows.splice(rows.indexOf(row), 1)
    notes.push(`${row.variant.label.trim()} not measured: it refuses the benchmark event (${outcome.reason}).`)
  }

  const variants = rows.map((row) => row.variant)
  const context = subjects.lambdaContext()
  say(`\nper invocation: ${options.invocations} timed invocations per variant after ${options.warmup} warm-up, ${options.rounds} interleaved rounds`)
  await warmUp(variants, context, options.warmup)
  await measureTime(variants, context, subjects.sink, options.invocations, options.rounds, progress('round', options.rounds))

  const byKey = new Map(variants.map((v) => [v.key, v]))
  const medianOf = (key: string) => median(byKey.get(key)!.samples)
  const table2 = [['variant', 'median', 'p25 / p75', 'p99', 'lines', 'ratio', 'against']]
  const invocationReport: Record<string, unknown>[] = []
  for (const { variant: v, baseline } of rows) {
    const m = median(v.samples)
    const ratio = m / medianOf(baseline)
    const lines = v.lines / v.samples.length
    table2.push([
      v.label,
      us(m),
      `${us(quantile(v.samples, 0.25))} / ${us(quantile(v.samples, 0.75))}`,
      us(quantile(v.samples, 0.99)),
      lines.toFixed(1),
      v.key === baseline ? '1.000 ×' : `${ratio.toFixed(3)} ×`,
      byKey.get(baseline)!.label.split(' ')[0]!,
    ])
    invocationReport.push({
      key: v.key,
      label: v.label.trim(),
      baseline,
      samples: v.samples.length,
      medianMs: m,
      p25Ms: quantile(v.samples, 0.25),
      p75Ms: quantile(v.samples, 0.75),
      p99Ms: quantile(v.samples, 0.99),
      logLinesPerInvocation: lines,
      ratioToBaseline: ratio,
    })
  }
  say(table(table2))

  // -- heap allocated per invocation, after the timing so its collections do not disturb it
  const allocationKeys = ['middy', 'router1', 'router1Default']
  say(`\nheap allocated per invocation: ${options.allocationRounds} interleaved windows of ${options.allocationPerRound} invocations, collections included`)
  const allocation = await measureAllocation(
    allocationKeys.map((key) => byKey.get(key)!),
    context,
    options.allocationPerRound,
    options.allocationRounds,
  )
  const bytesOf = (key: string) => spreadOf(allocation.get(key)!)
  const allocationRows = [['variant', 'median', 'min / max', 'ratio', 'against']]
  const allocationReport: Record<string, unknown>[] = []
  for (const key of allocationKeys) {
    const spread = bytesOf(key)
    allocationRows.push([byKey.get(key)!.label, kb(spread.median), `${kb(spread.min)} / ${kb(spread.max)}`, `${(spread.median / bytesOf('middy').median).toFixed(3)} ×`, '(b)'])
    allocationReport.push({ key, bytesPerInvocation: spread, ratioToMiddy: spread.median / bytesOf('middy').median })
  }
  say(table(allocationRows))

  const ratios: Partial<Record<RatioKey, number>> = {
    onePlugin: medianOf('router1') / medianOf('middy'),
    defaultLogging: medianOf('router1Default') / medianOf('middy'),
    bytesPerInvocation: bytesOf('router1').median / bytesOf('middy').median,
  }
  if (reasons.allPlugins === undefined) ratios.allPlugins = medianOf('allOnly') / medianOf('oneOnly')
  return { ratios, reasons, report: { invocation: invocationReport, allocation: allocationReport, mixedSources: { measured: kept, dropped: Object.fromEntries(dropped) } } }
}

// -- main ---------------------------------------------------------------------------------------------

/** Runs the benchmark from the repository at `root`, building into `tmp`; returns the exit code. */
export async function main(root: string, tmp: string): Promise<number> {
  const options = optionsFrom(process.argv.slice(2))
  process.env.BENCH_ROOT = root
  process.env.AWS_REGION ??= 'us-east-1'
  // The user-migration README example reads its bearer token from this variable; its HTTP calls are
  // answered in-process (subjects.ts stubs fetch), so the value is never sent anywhere.
  process.env.LEGACY_API_TOKEN ??= 'bench-token'

  const loadAtStart = os.loadavg()
  const report: Record<string, unknown> = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    loadAverageAtStart: loadAtStart,
    quick: options.quick,
    invocationsPerVariant: options.invocations,
    warmupPerVariant: options.warmup,
    coldStartRunsPerSubject: options.coldRuns,
  }
  say(`cognito-trigger-router benchmark (node ${process.version}, ${os.cpus().length} cpus, load ${loadAtStart.map((l) => l.toFixed(2)).join(' ')})`)
  const notes: string[] = []
  if (options.quick) notes.push('quick run: small counts, figures are indicative only.')
  if (options.coldRuns < 25) notes.push(`${options.coldRuns} cold starts per subject (fewer than the 25 the targets are set for).`)
  say()

  const builtins = subjects.constructBuiltins()
  report.builtins = builtins.status
  // Cold starts first, while this process is still small, so spawning costs every child the least.
  const cold = await coldStarts(root, tmp, options, builtins, notes)
  report.coldStart = cold.report
  report.awsStubs = await subjects.stubAwsClients()
  const invocation = await perInvocation(options, builtins, notes)
  Object.assign(report, invocation.report)

  // -- sizes
  const sizes: Size[] = await coreSizes(root, tmp)
  if (cold.middyBundle !== undefined) sizes.push(...splitSizes(cold.middyBundle, 'middy baseline Lambda', 'the hand-written middy Lambda of the cold start'))
  const dist = path.join(root, 'dist/index.mjs')
  if (fs.existsSync(dist)) sizes.push(...splitSizes(dist, 'dist/index.mjs', 'the Lambda as built by build.mjs: minified ESM, @aws-sdk/* external'))
  say('\nbundle sizes (minified)')
  say(table([['bundle', 'bytes', 'gzip', 'what'], ...sizes.map((size) => [size.what, kb(size.bytes), kb(size.gzip), size.note])]))
  report.sizes = sizes

  say('\nbuilt-in plugins')
  say(
    builtins.status.length === 0
      ? '  the registry is empty'
      : builtins.status
          .map((s) => `  ${s.constructed ? '+' : '-'} ${s.name}: ${s.constructed ? `options from ${s.detail}; handles ${s.triggers.join(', ')}` : `not constructed: ${s.detail}`}`)
          .join('\n'),
  )

  // -- the ratios and their targets
  const ratios = { ...cold.ratios, ...invocation.ratios }
  const verdicts = judge(ratios, { ...cold.reasons, ...invocation.reasons })
  report.ratios = Object.fromEntries(RATIO_KEYS.map((key) => [key, ratios[key] ?? null]))
  report.targets = Object.fromEntries(verdicts.map((v) => [v.key, { target: v.target, pass: v.pass, compares: TARGETS[v.key].compares, ...(v.note ? { note: v.note } : {}) }]))
  report.loadAverageAtEnd = os.loadavg()
  report.notes = notes
  say(`\nratios (targets of test/bench/stats.ts; load average ${loadAtStart[0]!.toFixed(2)} at start, ${os.loadavg()[0]!.toFixed(2)} at end)`)
  say(
    table([
      ['ratio', 'value', 'target', '', 'what it compares'],
      ...verdicts.map((v) => [v.key, v.ratio === undefined ? 'n/a' : v.ratio.toFixed(3), `<= ${v.target}`, v.pass ? 'PASS' : 'MISS', TARGETS[v.key].compares]),
    ]),
  )
  for (const note of notes) say(`note: ${note}`)

  fs.mkdirSync(path.join(root, 'reports'), { recursive: true })
  fs.writeFileSync(path.join(root, 'reports/bench.json'), `${JSON.stringify(report, null, 2)}\n`)
  const missed = misses(verdicts)
  say(`\n${missed.length === 0 ? 'every target met' : `targets missed:\n  ${missed.join('\n  ')}`}\nreport written to reports/bench.json`)
  return options.check && missed.length > 0 ? 1 : 0
}
