// The benchmark (`npm run bench`; run.ts bundles and starts this file). Every figure comes from
// one run, side by side, and the ones with targets (stats.ts TARGETS) are ratios measured in that run:
//   1. cold start: fresh `node` processes importing dist/index.mjs (as built by build.mjs) against
//      a hand-written middy Lambda built the same way; whole process, and after the modules the
//      Lambda runtime has already loaded; plus whether any @aws-sdk/* module loads early;
//   2. per invocation: bare handler, hand-written middy, the router with one plugin (events at INFO,
//      and default logging), with every built-in enabled, and what each standalone middleware adds;
//   3. heap allocated per invocation;
//   4. minified sizes, the client entry's included (informational, no target);
//   5. what the `idempotency` option adds per invocation against dynalite on loopback, first run and
//      replay apart (informational, no target; phase-idempotency.ts).
// Prints tables and writes reports/bench.json, whose `ratios` holds exactly the keys of
// stats.ts RATIO_KEYS. Options (options.ts):
//   --check            exit 1 when a ratio misses its target (or could not be measured), naming it
//   --quick            small counts for development runs (also BENCH_QUICK=1): figures are indicative only
//   --invocations N    timed invocations per variant (default 100000; quick 5000)
//   --cold N           processes per cold-start subject, interleaved (default 25; quick 5)
// No test asserts any of these figures: they depend on the machine and its load.

import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { clientSizes, coreSizes, splitSizes, type Size } from './bundles.js'
import { kb, say, table } from './format.js'
import { optionsFrom } from './options.js'
import { coldStarts } from './phase-cold-start.js'
import { idempotencyCost } from './phase-idempotency.js'
import { perInvocation } from './phase-per-invocation.js'
import { judge, misses, RATIO_KEYS, TARGETS } from './stats.js'
import * as subjects from './subjects.js'

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
  // Before the AWS clients are stubbed: this phase talks to a real DynamoDB API (dynalite).
  report.idempotency = (await idempotencyCost(options, notes)) ?? null
  report.awsStubs = await subjects.stubAwsClients()
  const invocation = await perInvocation(options, builtins, notes)
  Object.assign(report, invocation.report)

  // -- sizes
  const sizes: Size[] = await coreSizes(root, tmp)
  if (cold.middyBundle !== undefined) sizes.push(...splitSizes(cold.middyBundle, 'middy baseline Lambda', 'the hand-written middy Lambda of the cold start'))
  const dist = path.join(root, 'dist/index.mjs')
  if (fs.existsSync(dist)) sizes.push(...splitSizes(dist, 'dist/index.mjs', 'the Lambda as built by build.mjs: minified ESM, @aws-sdk/* external'))
  sizes.push(...(await clientSizes(root)))
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
