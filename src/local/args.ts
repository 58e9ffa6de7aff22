// -- command-line parsing ----------------------------------------------------------------------
// node:util parseArgs with strict options, its errors turned into UsageError (exit code 2) with
// a pointer to the command's --help.

import { parseArgs, type ParseArgsOptionsConfig } from 'node:util'
import { UsageError } from './errors.js'

/** One subcommand of the CLI. */
export interface Command {
  readonly name: string
  /** One line for the top-level help. */
  readonly summary: string
  /** The full `--help` text. */
  readonly help: string
  /** Runs the command; resolves to the process exit code. */
  run(argv: readonly string[]): Promise<number>
}

/** Runs `parse` (a parseArgs call) and turns its errors into a UsageError for `command`. */
export const parseCommand = <T>(command: string, parse: () => T): T => {
  try {
    return parse()
  } catch (error) {
    const code = (error as { code?: unknown }).code
    if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS')) throw error
    const message = (error as Error).message
    const unknown = /option '([^']+)'/.exec(message)
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && unknown) throw new UsageError(`unknown option ${unknown[1]!}`, command)
    const positional = /argument '([^']*)'/.exec(message)
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL' && positional) throw new UsageError(`unexpected argument "${positional[1]!}"`, command)
    throw new UsageError(message.split('. ')[0]!.replace(/\.$/, ''), command)
  }
}

/** An integer option within bounds, or undefined when absent. */
export const integerOption = (value: string | undefined, flag: string, command: string, min: number, max: number): number | undefined => {
  if (value === undefined) return undefined
  const number = Number(value)
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(number) || number < min || number > max) {
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, got "${value}"`, command)
  }
  return number
}

/** A TCP port option: 0 (a free port) to 65535. */
export const portOption = (value: string | undefined, flag: string, command: string): number | undefined =>
  integerOption(value, flag, command, 0, 65_535)

/** A function timeout option in ms, as Lambda allows (1 s to 15 min); Cognito gives up after 5 s anyway. */
export const timeoutOption = (value: string | undefined, command: string): number | undefined =>
  integerOption(value, '--timeout', command, 1, 900_000)

const HELP = { type: 'boolean', short: 'h', default: false } as const

/**
 * Parses a subcommand's arguments (its own options plus `--help`), strictly, with errors as a
 * UsageError. Returns undefined after printing `help` when `--help` was given.
 */
export const parseCommandArgs = <const O extends ParseArgsOptionsConfig>(command: string, argv: readonly string[], options: O, help: string) => {
  const config = { args: [...argv], options: { ...options, help: HELP } as O & { help: typeof HELP } }
  const { values } = parseCommand(command, () => parseArgs(config))
  if ((values as { help?: boolean }).help === true) {
    process.stdout.write(help)
    return undefined
  }
  return values
}
