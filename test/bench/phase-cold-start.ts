// The cold-start half of the benchmark: builds the middy Lambda, starts the interleaved processes
// (cold-start.ts), checks which @aws-sdk/* modules and chunks load, prints the tables and returns
// the coldWholeProcess, coldWholeProcessAll and coldPreloaded ratios.

import fs from 'node:fs'
import path from 'node:path'
import { buildMiddyLambda } from './bundles.js'
import { coldStart, interleavedColdStarts, type ColdRun, type ColdSubject } from './cold-start.js'
import { ms, progress, say, spreadCells, table } from './format.js'
import type { Options } from './options.js'
import { spreadOf, type RatioKey } from './stats.js'
import * as subjects from './subjects.js'

export interface ColdResult {
  readonly ratios: Partial<Record<RatioKey, number>>
  readonly reasons: Partial<Record<RatioKey, string>>
  readonly report: Record<string, unknown>
  readonly middyBundle: string | undefined
}

/**
 * Cold starts of dist/index.mjs (default configuration, and every built-in enabled) against the
 * hand-written middy Lambda: whole process, and after the runtime's modules; prints the tables.
 */
export const coldStarts = async (
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
    // Informational: what turning metrics on costs (Powertools is imported only then).
    { key: 'metrics', label: 'dist/index.mjs, metrics on', file: dist, mode: 'whole', env: { COGNITO_ROUTER_CONFIG: JSON.stringify({ plugins: {}, metrics: true }) } },
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
  const baselineOf: Record<string, string> = { middy: 'middy', dist: 'middy', all: 'middy', metrics: 'middy', middyPre: 'middyPre', distPre: 'middyPre', allPre: 'middyPre' }
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
