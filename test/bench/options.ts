// The command-line options of `npm run bench` (see main.ts) and the counts they set.

import { parseArgs } from 'node:util'

/** What one run does: the command-line options with the defaults of a full or a quick run applied. */
export interface Options {
  check: boolean
  quick: boolean
  invocations: number
  coldRuns: number
  warmup: number
  rounds: number
  allocationPerRound: number
  allocationRounds: number
}

export const optionsFrom = (argv: string[]): Options => {
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
