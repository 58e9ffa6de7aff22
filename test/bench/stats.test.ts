// The arithmetic behind `npm run bench` and its `--check` verdict (no timing is measured here).
import { describe, expect, it } from 'vitest'
import { judge, median, misses, quantile, RATIO_KEYS, spreadOf, TARGETS } from './stats.js'

describe('bench statistics', () => {
  it.each([
    [[3, 1, 2], 0.5, 2],
    [[4, 1, 3, 2], 0.5, 2.5],
    [[10, 20, 30, 40, 50], 0.25, 20],
    [[10, 20], 0.75, 17.5],
    [[7], 0.9, 7],
  ])('the quantile of %j at %d is %d', (values, p, expected) => {
    expect(quantile(values, p)).toBe(expected)
  })

  it('refuses the quantile of an empty sample', () => {
    expect(() => quantile([], 0.5)).toThrow(RangeError)
  })

  it('summarises a sample by its five numbers, whatever the order', () => {
    expect(spreadOf([5, 1, 4, 2, 3])).toEqual({ n: 5, min: 1, p25: 2, median: 3, p75: 4, max: 5 })
    expect(median([5, 1, 4, 2, 3])).toBe(3)
  })
})

describe('bench targets', () => {
  const atTarget = Object.fromEntries(RATIO_KEYS.map((key) => [key, TARGETS[key].target]))

  it('sets a target on exactly the seven ratios reports/bench.json records', () => {
    expect(RATIO_KEYS).toEqual(['onePlugin', 'defaultLogging', 'allPlugins', 'bytesPerInvocation', 'coldWholeProcess', 'coldWholeProcessAll', 'coldPreloaded'])
    expect(Object.keys(TARGETS).sort()).toEqual([...RATIO_KEYS].sort())
  })

  it('passes a ratio equal to its target and reports no miss', () => {
    const verdicts = judge(atTarget)
    expect(verdicts.every((verdict) => verdict.pass)).toBe(true)
    expect(misses(verdicts)).toEqual([])
  })

  it('names the ratio above its target and by how much', () => {
    const verdicts = judge({ ...atTarget, onePlugin: 2.1 })
    expect(misses(verdicts)).toEqual(['onePlugin: 2.100 > 1.4 (missed by 50.0 %)'])
  })

  it.each([
    ['missing', undefined],
    ['not a number', Number.NaN],
  ])('counts a ratio that is %s as a miss, with the reason given', (_, value) => {
    const verdicts = judge({ ...atTarget, coldPreloaded: value }, { coldPreloaded: 'dist/index.mjs is missing' })
    expect(misses(verdicts)).toEqual(['coldPreloaded: not measured (dist/index.mjs is missing); target <= 2'])
  })
})
