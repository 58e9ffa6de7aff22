// -- errors of the local tools ---------------------------------------------------------------
// What the CLI shows a person: each class carries a message that says what to do next. The CLI
// maps UsageError to exit code 2 and every other error here to exit code 1.

import { CognitoTriggerRouterError } from '../errors.js'

/** The command line is wrong (unknown command, flag or value). The CLI exits with code 2. */
export class UsageError extends CognitoTriggerRouterError {
  /** The command whose `--help` to point at, if any. */
  readonly command: string | undefined
  constructor(message: string, command?: string) {
    super(message)
    this.command = command
  }
}

/** A port asked for explicitly is taken. */
export class PortInUseError extends CognitoTriggerRouterError {
  readonly port: number
  constructor(what: string, port: number, flag: string) {
    super(`${what}: port ${port} on 127.0.0.1 is already in use; stop whatever is listening there, or pass ${flag} 0 for a free port`)
    this.port = port
  }
}

/** The local stack (cognito-local, the endpoint, the legacy store) could not start. */
export class LocalStackError extends CognitoTriggerRouterError {}
