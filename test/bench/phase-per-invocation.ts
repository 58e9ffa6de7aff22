// The per-invocation half of the benchmark, in this process: the variants (a) to (e) on prepared
// events, timed (measure.ts), then their heap allocation.

import type { TriggerSource } from '../../src/index.js'
import { kb, progress, say, table, us } from './format.js'
import { measureAllocation, measureTime, warmUp, type Variant } from './measure.js'
import type { Options } from './options.js'
import { median, quantile, spreadOf, type RatioKey } from './stats.js'
import * as subjects from './subjects.js'

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

/**
 * Time and heap allocation per invocation of every variant, interleaved; prints the tables and
 * returns the onePlugin, defaultLogging, allPlugins and bytesPerInvocation ratios.
 */
export const perInvocation = async (
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
