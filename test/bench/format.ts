// Printing the benchmark: number formats, aligned tables, progress on a terminal.

import type { Spread } from './stats.js'

export const us = (ms: number) => `${(ms * 1000).toFixed(2)} µs`
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
export const ms = (value: number) => `${value.toFixed(1)}`
export const table = (rows: string[][]): string => {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => (row[c] ?? '').length)))
  return rows.map((row) => row.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd()).join('\n')
}
export const spreadCells = (spread: Spread) => [ms(spread.median), `${ms(spread.min)} / ${ms(spread.p25)} / ${ms(spread.p75)} / ${ms(spread.max)}`]
export const say = (line = '') => console.log(line)
// Progress on a terminal only: in a log file the carriage returns would only add clutter.
export const progress = (what: string, total: number) => (done: number) => {
  if (process.stdout.isTTY) process.stdout.write(`  ${what} ${done}/${total}\r${done === total ? '\n' : ''}`)
}
