// The arithmetic of the benchmark, apart from any measuring: order statistics of a sample, the
// ratios `reports/bench.json` records, their targets (README "Speed and safety, measured") and
// the verdict `npm run bench -- --check` exits on. Pure, so test/bench/stats.test.ts checks it fast.

/** The five-number summary printed for every measured distribution (cold starts, allocation rounds). */
export interface Spread {
  readonly n: number
  readonly min: number
  readonly p25: number
  readonly median: number
  readonly p75: number
  readonly max: number
}

const sorted = (values: readonly number[]): Float64Array => Float64Array.from(values).sort()

/** The `p` quantile (0 to 1) by linear interpolation between the closest ranks. */
export const quantile = (values: readonly number[], p: number): number => {
  if (values.length === 0) throw new RangeError('quantile of an empty sample')
  const s = sorted(values)
  const at = p * (s.length - 1)
  const below = Math.floor(at)
  const above = Math.min(s.length - 1, below + 1)
  return s[below]! + (s[above]! - s[below]!) * (at - below)
}

export const median = (values: readonly number[]): number => quantile(values, 0.5)

export const spreadOf = (values: readonly number[]): Spread => ({
  n: values.length,
  min: quantile(values, 0),
  p25: quantile(values, 0.25),
  median: quantile(values, 0.5),
  p75: quantile(values, 0.75),
  max: quantile(values, 1),
})

/** The keys of `ratios` in reports/bench.json, in the order they are printed. */
export const RATIO_KEYS = [
  'onePlugin',
  'defaultLogging',
  'allPlugins',
  'bytesPerInvocation',
  'coldWholeProcess',
  'coldWholeProcessAll',
  'coldPreloaded',
] as const
export type RatioKey = (typeof RATIO_KEYS)[number]

export interface RatioTarget {
  /** The highest ratio that meets the target. */
  readonly target: number
  /** What is divided by what, printed next to the figure. */
  readonly compares: string
}

/** The project's speed targets (README "Speed and safety, measured"); never tuned to pass. */
export const TARGETS: Readonly<Record<RatioKey, RatioTarget>> = {
  onePlugin: {
    target: 1.4,
    compares: 'median per invocation: router + 1 plugin, event and reply logged at INFO / hand-written middy with the same two loggers and redaction paths',
  },
  defaultLogging: {
    target: 0.8,
    compares: 'median per invocation: the same router with the default logging (event lines at DEBUG, logger at INFO) / hand-written middy',
  },
  allPlugins: {
    target: 1.1,
    compares: "median per invocation on PreAuthentication events only the one plugin handles: router with every built-in + the plugin / onePlugin's router",
  },
  bytesPerInvocation: {
    target: 1.3,
    compares: "heap allocated per invocation: onePlugin's router / hand-written middy",
  },
  coldWholeProcess: {
    target: 1.05,
    compares: 'median wall time from spawn to reply of a fresh node process: dist/index.mjs, default configuration / hand-written middy bundle',
  },
  coldWholeProcessAll: {
    target: 1.2,
    compares: 'the same with every built-in enabled (dist/index.mjs, COGNITO_ROUTER_CONFIG_FILE) / hand-written middy bundle',
  },
  coldPreloaded: {
    target: 2.0,
    compares: "median import + first event after the Lambda runtime's own modules are loaded: dist/index.mjs / hand-written middy bundle",
  },
}

export interface Verdict {
  readonly key: RatioKey
  /** undefined when the run could not measure it (the reason is in `note`). */
  readonly ratio: number | undefined
  readonly target: number
  readonly pass: boolean
  readonly note?: string
}

/**
 * Judges every ratio against its target. A ratio the run could not measure is a miss: `--check`
 * must not pass on figures it never saw.
 */
export const judge = (ratios: Partial<Record<RatioKey, number>>, reasons: Partial<Record<RatioKey, string>> = {}): Verdict[] =>
  RATIO_KEYS.map((key) => {
    const ratio = ratios[key]
    const { target } = TARGETS[key]
    if (ratio === undefined || !Number.isFinite(ratio)) {
      return { key, ratio: undefined, target, pass: false, note: reasons[key] ?? 'not measured' }
    }
    return { key, ratio, target, pass: ratio <= target }
  })

/** One line per missed target, naming it, or [] when every target is met. */
export const misses = (verdicts: readonly Verdict[]): string[] =>
  verdicts
    .filter((verdict) => !verdict.pass)
    .map((verdict) =>
      verdict.ratio === undefined
        ? `${verdict.key}: not measured (${verdict.note ?? 'no figure'}); target <= ${verdict.target}`
        : `${verdict.key}: ${verdict.ratio.toFixed(3)} > ${verdict.target} (missed by ${(((verdict.ratio - verdict.target) / verdict.target) * 100).toFixed(1)} %)`,
    )
