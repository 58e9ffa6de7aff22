// -- `cognito-trigger-router event` ---------------------------------------------------------
// Prints a realistic event for any trigger source (the test kit's createEvent), adjusted from
// the command line, ready for `invoke --event` or `aws lambda invoke --payload`.

import { parseArgs } from 'node:util'
import { isTriggerSource, TRIGGER_SOURCES, type TriggerSource } from '../catalogue.js'
import { isPlainObject, type JsonObject } from '../response.js'
import { createEvent } from '../testing/events.js'
import { parseCommand, type Command } from './args.js'
import { UsageError } from './errors.js'
import { parseValue, setPath, splitAssignment } from './set-path.js'

const help = `Usage: cognito-trigger-router event <triggerSource> [options]
       cognito-trigger-router event --list

Prints a realistic Cognito event for <triggerSource> as JSON (modelled on captured events: string
attribute values, null where Cognito sends null, the response pre-filled as Cognito fills it).

Options:
  --token-version 1|2|3   Pre token generation event version (default 1; ClientCredentials is always 3)
  --attr KEY=VALUE        Set a user attribute (a string, as Cognito sends it); repeatable
  --set PATH=VALUE        Set any field by dotted path, e.g. request.clientMetadata.plan=pro or
                          callerContext.clientId=abc; VALUE is JSON when it parses, else text; repeatable
  --list                  List every trigger source
  -h, --help              Show this help

Examples:
  cognito-trigger-router event PreSignUp_SignUp --attr email=eve@blocked.example > event.json
  cognito-trigger-router event TokenGeneration_Authentication --token-version 2 --set request.scopes='["openid"]'
`

const closest = (source: string): string => {
  const lower = source.toLowerCase()
  const match = TRIGGER_SOURCES.find((candidate) => candidate.toLowerCase() === lower || candidate.toLowerCase().startsWith(lower))
  return match === undefined ? '; run with --list to see them all' : ` (did you mean ${match}?)`
}

/** Builds the event the command prints. */
export const buildEvent = (source: string, options: { tokenVersion?: string; attrs?: readonly string[]; sets?: readonly string[] }): JsonObject => {
  if (!isTriggerSource(source)) throw new UsageError(`unknown trigger source "${source}"${closest(source)}`, 'event')
  let tokenVersion: 1 | 2 | 3 | undefined
  if (options.tokenVersion !== undefined) {
    if (!['1', '2', '3'].includes(options.tokenVersion)) throw new UsageError(`--token-version must be 1, 2 or 3, got "${options.tokenVersion}"`, 'event')
    tokenVersion = Number(options.tokenVersion) as 1 | 2 | 3
  }
  const event = createEvent(source as TriggerSource, { tokenVersion }) as unknown as JsonObject
  const request = event.request as JsonObject
  for (const assignment of options.attrs ?? []) {
    const [name, value] = splitAssignment(assignment, '--attr', 'event')
    if (name === '__proto__' || name === 'constructor' || name === 'prototype') throw new UsageError(`--attr ${name}: not an attribute name`, 'event')
    if (!isPlainObject(request.userAttributes)) request.userAttributes = {}
    ;(request.userAttributes as JsonObject)[name] = value
  }
  for (const assignment of options.sets ?? []) {
    const [path, value] = splitAssignment(assignment, '--set', 'event')
    setPath(event, path, parseValue(value))
  }
  return event
}

const run = async (argv: readonly string[]): Promise<number> => {
  const { values, positionals } = parseCommand('event', () =>
    parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        'token-version': { type: 'string' },
        attr: { type: 'string', multiple: true },
        set: { type: 'string', multiple: true },
        list: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }),
  )
  if (values.help) {
    process.stdout.write(help)
    return 0
  }
  if (values.list) {
    process.stdout.write(`${TRIGGER_SOURCES.join('\n')}\n`)
    return 0
  }
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'give a trigger source, e.g. PreSignUp_SignUp' : `one trigger source only, got ${positionals.length}`, 'event')
  const event = buildEvent(positionals[0]!, { tokenVersion: values['token-version'], attrs: values.attr, sets: values.set })
  process.stdout.write(`${JSON.stringify(event, null, 2)}\n`)
  return 0
}

export const eventCommand: Command = {
  name: 'event',
  summary: 'Print a realistic Cognito trigger event as JSON',
  help,
  run,
}
