// -- `cognito-trigger-router start` (npm start) ----------------------------------------------
// The local stack in the foreground: progress, the endpoints and ids, a copy-paste walkthrough,
// then one line per invocation until Ctrl-C.

import { jsonLogger } from '../logger.js'
import { parseCommandArgs, portOption, timeoutOption, type Command } from './args.js'
import { CODE, COGNITO_LOCAL_TRIGGERS } from './cognito-local.js'
import { EXAMPLE } from './example.js'
import { formatInvocation, paint } from './format.js'
import { loadConfig } from './router-config.js'
import { untilStopped } from './signals.js'
import { startStack, type Stack } from './stack.js'

const help = `Usage: cognito-trigger-router start [options]

Runs the router against a local Cognito emulator: cognito-local drives every trigger it supports
through a local Lambda endpoint serving the router, with the plugins of the example configuration
(src/local/example-config.json) and a legacy user store for user-migration; when the configuration
has \`idempotency\`, dynalite (DynamoDB on Node, in memory) holds its table. Creates a user pool
and an app client, prints a walkthrough, then one line per invocation. Ctrl-C stops everything and
removes the temporary data folder (a killed run's folder goes on the next start). \`npm start\`
builds the CLI when a source changed, then runs this.

Options:
  --config FILE        Router configuration to use instead of the example; in its strings,
                       {{legacyStoreUrl}} and {{cognitoUrl}} become the local URLs
  --lambda-port N      Port of the Lambda endpoint on 127.0.0.1 (default 0: a free port)
  --cognito-port N     Port of cognito-local on 127.0.0.1 (default 0: a free port)
  --timeout MS         Function timeout of the endpoint (default 4000; Cognito waits 5000)
  --verbose            Also print cognito-local's output and the router's JSON log lines
  -h, --help           Show this help
`

const row = (label: string, value: string): string => `  ${label.padEnd(26)}${value}`

/** The copy-paste walkthrough for the example configuration. */
export const walkthrough = (stack: Pick<Stack, 'cognitoUrl' | 'lambdaUrl' | 'clientId'>, example: boolean): string => {
  const idp = `aws cognito-idp --endpoint-url ${stack.cognitoUrl}`
  const signUp = (email: string, password: string = EXAMPLE.password) => `${idp} sign-up --client-id ${stack.clientId} --username ${email} --password '${password}'`
  const signIn = (email: string, password: string = EXAMPLE.password) =>
    `${idp} initiate-auth --client-id ${stack.clientId} --auth-flow USER_PASSWORD_AUTH --auth-parameters 'USERNAME=${email},PASSWORD=${password}'`
  const lines = [
    `Try it from another terminal (AWS CLI v2; any credentials work; every code is ${CODE}):`,
    '',
    '  export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_REGION=local',
  ]
  if (example) {
    lines.push(
      '',
      '  # a trusted domain: signup-policy confirms the user, add-to-group adds them to "users"',
      `  ${signUp(EXAMPLE.trusted)}`,
      '  # sign in: sign-in-audit records it, token-claims adds claims (decode the IdToken at jwt.io or with base64)',
      `  ${signIn(EXAMPLE.trusted)}`,
      '  # any other domain: confirm with the code',
      `  ${signUp(EXAMPLE.regular)}`,
      `  ${idp} confirm-sign-up --client-id ${stack.clientId} --username ${EXAMPLE.regular} --confirmation-code ${CODE}`,
      '  # a denied domain: signup-policy refuses ("PreSignUp failed with error …")',
      `  ${signUp(EXAMPLE.blocked)}`,
      '  # a user only the legacy store knows: user-migration creates them on first sign-in',
      `  ${signIn(EXAMPLE.legacy.username, EXAMPLE.legacy.password)}`,
    )
  } else {
    lines.push('', `  ${signUp('someone@example.com')}`, `  ${signIn('someone@example.com')}`)
  }
  lines.push(
    '',
    '  # the router alone, on a generated event',
    `  npx cognito-trigger-router event PreSignUp_SignUp --attr email=eve@${EXAMPLE.blocked.split('@')[1]!} > event.json`,
    `  aws lambda invoke --endpoint-url ${stack.lambdaUrl} --function-name PreSignUp --cli-binary-format raw-in-base64-out --payload file://event.json reply.json`,
    '',
    paint('dim', 'cognito-local is not Cognito: it sends V1 token events only (claims reach the ID token only); never invokes'),
    paint('dim', 'PreAuthentication, custom auth or custom senders; only logs errors of PostConfirmation, PostAuthentication and'),
    paint('dim', 'CustomMessage; signs in an unknown user even when user-migration did not migrate them, and gives a migrated'),
    paint('dim', 'user no sub; sends CustomMessage_SignUp to an auto-confirmed user; leaves email_verified false after a code.'),
  )
  return lines.join('\n')
}

const describeStack = (stack: Stack, seconds: string): string =>
  [
    paint('bold', `Ready in ${seconds} s.`),
    '',
    row('cognito-local (Cognito)', stack.cognitoUrl),
    row('Lambda Invoke endpoint', `${stack.lambdaUrl}   (functions: ${COGNITO_LOCAL_TRIGGERS.join(', ')})`),
    row('Legacy user store', stack.legacyStoreUrl),
    row('User pool id', stack.userPoolId),
    row('App client id', stack.clientId),
    row('Groups', stack.groups.length > 0 ? stack.groups.join(', ') : '(none)'),
    row('Plugins', stack.plugins.length > 0 ? stack.plugins.join(', ') : '(none)'),
    row(
      'Idempotency',
      stack.idempotency === undefined
        ? '(off)'
        : `table ${stack.idempotency.tableName} in dynalite (DynamoDB) at ${stack.idempotency.dynamoUrl}: a retried trigger runs a side-effecting plugin once`,
    ),
  ].join('\n')

const run = async (argv: readonly string[]): Promise<number> => {
  const values = parseCommandArgs(
    'start',
    argv,
    {
      config: { type: 'string' },
      'lambda-port': { type: 'string' },
      'cognito-port': { type: 'string' },
      timeout: { type: 'string' },
      verbose: { type: 'boolean', default: false },
    },
    help,
  )
  if (values === undefined) return 0
  const lambdaPort = portOption(values['lambda-port'], '--lambda-port', 'start')
  const cognitoPort = portOption(values['cognito-port'], '--cognito-port', 'start')
  const timeoutMs = timeoutOption(values.timeout, 'start')
  const custom = values.config === undefined ? undefined : loadConfig(values.config)

  console.log(paint('bold', 'cognito-trigger-router: starting a local Cognito stack'))
  const started = performance.now()
  const stack = await startStack({
    ...(custom === undefined ? {} : { config: custom.config, configName: custom.source }),
    lambdaPort,
    cognitoPort,
    timeoutMs,
    onProgress: (line) => console.log(paint('dim', `  · ${line}`)),
    onInvocation: (record) => console.log(formatInvocation(record)),
    ...(values.verbose
      ? { onCognitoOutput: (line: string) => console.log(paint('dim', `  [cognito-local] ${line}`)), logger: jsonLogger({ level: 'DEBUG' }) }
      : {}),
  })
  // Listen before saying "Ctrl-C to stop": a signal that came between the two would meet Node's
  // default action, ending the process without the clean-up.
  const crashed = new AbortController()
  void stack.cognito.exited.then(() => crashed.abort())
  const stopped = untilStopped(crashed.signal)
  console.log(`${describeStack(stack, ((performance.now() - started) / 1000).toFixed(1))}\n\n${walkthrough(stack, custom === undefined)}\n`)
  console.log(paint('bold', 'Invocations (Ctrl-C to stop):'))

  const reason = await stopped
  if (reason === 'aborted') {
    console.error(paint('red', `cognito-local stopped unexpectedly:\n${stack.cognito.output()}`))
  } else {
    console.log('\nStopping…')
  }
  await stack.close()
  console.log(`Stopped; removed ${stack.cognito.dataDir}.`)
  return reason === 'aborted' ? 1 : 0
}

export const startCommand: Command = {
  name: 'start',
  summary: 'Run the router against a local Cognito emulator (cognito-local) with the example plugins',
  help,
  run,
}
