// -- the CLI's commands -------------------------------------------------------------------------
// `npx cognito-trigger-router <command>`: run the router locally against cognito-local, serve it on
// the Lambda Invoke API, generate events and invoke the router on them. Exit codes: 0 success,
// 1 failure (or a refused invocation), 2 a wrong command line.

import packageJson from '../../package.json' with { type: 'json' }
import { CognitoTriggerRouterError } from '../errors.js'
import type { Command } from './args.js'
import { demoCommand } from './demo.js'
import { UsageError } from './errors.js'
import { eventCommand } from './event-command.js'
import { invokeCommand } from './invoke-command.js'
import { serveCommand } from './serve-command.js'
import { startCommand } from './start-command.js'

const COMMANDS: readonly Command[] = [startCommand, demoCommand, serveCommand, eventCommand, invokeCommand]
const NAME = 'cognito-trigger-router'

const help = `Usage: ${NAME} <command> [options]

One AWS Lambda for every Amazon Cognito user pool trigger, run locally.

Commands:
${COMMANDS.map((command) => `  ${command.name.padEnd(8)}${command.summary}`).join('\n')}

Options:
  -h, --help      Show help (also after a command: ${NAME} serve --help)
  -v, --version   Show the version

Exit codes: 0 success, 1 failure or a refused invocation, 2 a wrong command line.
`

/** Runs the CLI on `argv` (without node and the script) and resolves to the exit code. */
export const main = async (argv: readonly string[]): Promise<number> => {
  const [first, ...rest] = argv
  if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
    const command = first === 'help' ? COMMANDS.find((candidate) => candidate.name === rest[0]) : undefined
    process.stdout.write(command?.help ?? help)
    return 0
  }
  if (first === '-v' || first === '--version') {
    process.stdout.write(`${packageJson.version}\n`)
    return 0
  }
  try {
    const command = COMMANDS.find((candidate) => candidate.name === first)
    if (command === undefined) {
      throw new UsageError(first.startsWith('-') ? `unknown option ${first}` : `unknown command "${first}"; commands: ${COMMANDS.map((c) => c.name).join(', ')}`)
    }
    return await command.run(rest)
  } catch (error) {
    if (error instanceof UsageError) {
      const where = error.command === undefined ? `${NAME} --help` : `${NAME} ${error.command} --help`
      process.stderr.write(`${NAME}: ${error.message}\nSee '${where}'.\n`)
      return 2
    }
    if (error instanceof CognitoTriggerRouterError) {
      process.stderr.write(`${NAME}: ${error.message}\n`)
      return 1
    }
    process.stderr.write(`${NAME}: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
    return 1
  }
}
