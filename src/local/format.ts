// -- readable output -------------------------------------------------------------------------
// One line per invocation for a person watching a terminal, plus the notes under it. Colour only
// when the stream is a terminal that wants it (util.styleText checks TTY, NO_COLOR, FORCE_COLOR).

import { styleText } from 'node:util'
import type { PluginRun } from '../router.js'
import type { InvocationRecord } from './server.js'

type Style = Parameters<typeof styleText>[0]

/** `text` in `style` when stdout is a colour terminal, else plain. */
export const paint = (style: Style, text: string): string => styleText(style, text, { stream: process.stdout })

const time = (iso: string): string => iso.slice(11, 23)

// A first run is the ordinary case; any other idempotency outcome (a replay of a retried event,
// a wait for an attempt still running, a store failure) is worth a glance.
const idempotencyText = (run: PluginRun): string =>
  run.idempotency === undefined || run.idempotency === 'first-run' ? '' : paint('dim', ` (${run.idempotency})`)

const runText = (run: PluginRun, refused: boolean): string => `${outcomeOfRun(run, refused)}${idempotencyText(run)}`

const outcomeOfRun = (run: PluginRun, refused: boolean): string => {
  if (run.outcome === 'ok') return run.plugin
  if (run.outcome === 'failed-open') return paint('yellow', `${run.plugin} (failed open)`)
  return paint('red', `${run.plugin} (${refused ? 'refused' : 'failed'})`)
}

/** `signup-policy, add-to-group`, or `(no plugin)`; a plugin that threw a UserFacingError is "refused". */
export const pluginsText = (plugins: readonly PluginRun[], refused = false): string =>
  plugins.length === 0 ? paint('dim', '(no plugin)') : plugins.map((run) => runText(run, refused)).join(', ')

const value = (item: unknown): string => (typeof item === 'string' ? item : JSON.stringify(item) ?? String(item))

/** `message key=value key=value` for a plugin note. */
export const noteText = (message: string, details: Readonly<Record<string, unknown>>): string => {
  const pairs = Object.entries(details).map(([key, item]) => `${key}=${value(item)}`)
  return [message, ...pairs].join('  ')
}

/** The outcome as a person reads it: `ok`, or `rejected: <what Cognito shows after "failed with error">`. */
export const outcomeText = (record: InvocationRecord): string =>
  record.outcome === 'ok' ? paint('green', 'ok') : paint('red', `rejected: ${record.errorMessage ?? record.errorType ?? 'unknown error'}`)

/**
 * The invocation line and, indented under it, what each plugin logged and the internal error
 * behind a generic rejection. `time: false` leaves the clock out (the demo's step lists).
 *
 * ```text
 * 10:15:30.123  PostConfirmation_ConfirmSignUp          add-to-group  ok  14 ms
 *               ↳ add-to-group: added the user to groups  groups=["users"]
 * ```
 */
export const formatInvocation = (record: InvocationRecord, options: { time?: boolean; indent?: string } = {}): string => {
  const source = record.triggerSource ?? `(${record.functionName}: no triggerSource)`
  const clock = options.time === false ? '' : `${paint('dim', time(record.startedAt))}  `
  const lead = options.indent ?? ''
  const head = `${lead}${clock}${source.padEnd(38)}  ${pluginsText(record.plugins, record.failure?.name === 'UserFacingError')}  ${outcomeText(record)}  ${paint('dim', `${record.ms} ms`)}`
  const under = `${lead}${' '.repeat(clock === '' ? 2 : 14)}`
  const notes = record.notes.map((note) => `${under}↳ ${note.plugin}: ${noteText(note.message, note.details)}`)
  const failure = record.failure
  if (failure !== undefined && failure.name !== 'UserFacingError') {
    notes.push(paint('red', `${under}↳ internal error (logged, never shown to the user): ${failure.name}: ${failure.message}`))
  }
  return [head, ...notes].join('\n')
}
