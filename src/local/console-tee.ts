// -- router lines from a handler module --------------------------------------------------------
// A module like dist/index.mjs builds its router with the default JSON logger, which writes to the
// console. To show which plugins ran, `serve --handler` reads those lines back: every JSON line
// with a `requestId` feeds the trace, and is only printed in verbose mode. Other output passes.

import { isPlainObject } from '../response.js'
import type { RouterTrace } from './trace.js'

const METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const

const routerLine = (args: readonly unknown[]): Record<string, unknown> | undefined => {
  const [text] = args
  if (args.length !== 1 || typeof text !== 'string' || !text.startsWith('{')) return undefined
  try {
    const line: unknown = JSON.parse(text)
    return isPlainObject(line) && typeof line.message === 'string' && typeof line.requestId === 'string' ? line : undefined
  } catch {
    return undefined
  }
}

/** Routes the router's console lines into `trace`; returns a function that restores the console. */
export const teeRouterLines = (trace: RouterTrace, verbose: boolean): (() => void) => {
  const originals = METHODS.map((method) => [method, console[method]] as const)
  for (const [method, original] of originals) {
    console[method] = (...args: unknown[]) => {
      const line = routerLine(args)
      if (line !== undefined) trace.ingest(line)
      if (line === undefined || verbose) original.apply(console, args)
    }
  }
  return () => {
    for (const [method, original] of originals) console[method] = original
  }
}
