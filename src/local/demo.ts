// -- `cognito-trigger-router demo` (npm run demo) --------------------------------------------
// A guided tour against the local stack: sign-up (auto-confirmed, and confirmed with the code),
// groups, sign-in, refresh, a refused sign-up, a migrated legacy user, and the ID token with the
// claims the plugins added, then a retried PostConfirmation that sends one welcome email (the
// idempotency option, ./idempotency-demo.ts). Each step lists the triggers that fired and what
// each plugin did, read from the endpoint's invocation records.

import { randomBytes } from 'node:crypto'
import {
  AdminListGroupsForUserCommand,
  ConfirmSignUpCommand,
  InitiateAuthCommand,
  SignUpCommand,
  type AuthenticationResultType,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider'
import type { PluginFactory } from '../config.js'
import { parseCommandArgs, type Command } from './args.js'
import { CODE } from './cognito-local.js'
import { UsageError } from './errors.js'
import { EXAMPLE } from './example.js'
import { formatInvocation, paint } from './format.js'
import { replayWelcomeEmail, type RetryDemoReport } from './idempotency-demo.js'
import type { InvocationRecord } from './server.js'
import { localCognitoClient, startStack, type Stack } from './stack.js'

/** A stack to run against: the one `npm start` prints, or one the demo starts. */
export interface DemoTarget {
  readonly cognitoUrl: string
  readonly lambdaUrl: string
  readonly userPoolId: string
  readonly clientId: string
}

/** Options of {@link runDemo}. */
export interface DemoOptions {
  readonly print?: (line: string) => void
  /** Run against this stack; default: start one with the example configuration. */
  readonly target?: DemoTarget
  /** For the stack the demo starts: plugin factories by name. Default: the built-in registry. */
  readonly registry?: Readonly<Record<string, PluginFactory>>
}

/** What the demo saw, for tests. */
export interface DemoReport {
  readonly steps: readonly { readonly title: string; readonly triggers: readonly InvocationRecord[]; readonly outcome: string }[]
  readonly idToken: Readonly<Record<string, unknown>>
  readonly refusal: string
  /** The retry step (undefined when dynalite is not installed). */
  readonly retry: RetryDemoReport | undefined
}

// Claims cognito-local (and Cognito) put in every ID token; everything else came from a plugin or an attribute.
const STANDARD_CLAIMS = new Set([
  'sub', 'email', 'email_verified', 'phone_number', 'phone_number_verified', 'cognito:username', 'aud', 'iss', 'exp', 'iat',
  'auth_time', 'jti', 'event_id', 'token_use', 'origin_jti', 'name',
])

/** The payload of a JWT, base64url-decoded; the signature is not checked (cognito-local signs with a public test key). */
export const decodeJwtPayload = (token: string): Record<string, unknown> => {
  const payload = token.split('.')[1]
  if (payload === undefined) throw new Error('not a JWT: no payload segment')
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>
}

const errorText = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error))

const fetchInvocations = async (lambdaUrl: string, after: number): Promise<InvocationRecord[]> => {
  const response = await fetch(`${lambdaUrl}/_local/invocations?after=${after}`, { signal: AbortSignal.timeout(3000) })
  if (!response.ok) throw new Error(`${lambdaUrl} did not list its invocations (HTTP ${response.status}); is it a cognito-trigger-router endpoint?`)
  return ((await response.json()) as { invocations: InvocationRecord[] }).invocations
}

const claimNote = (claim: string, tokenPlugins: readonly string[]): string | undefined => {
  if (STANDARD_CLAIMS.has(claim)) return undefined
  if (claim === 'cognito:groups') return 'group membership: add-to-group added the user to these groups'
  if (claim.startsWith('custom:')) return 'a custom attribute (here set by user-migration)'
  return `added by ${tokenPlugins.length > 0 ? tokenPlugins.join(', ') : 'a plugin'} on TokenGeneration`
}

/** The decoded ID token, one claim per line, with the claims the plugins added highlighted. */
export const formatIdToken = (claims: Readonly<Record<string, unknown>>, tokenPlugins: readonly string[]): string =>
  Object.entries(claims)
    .map(([claim, value]) => {
      const note = claimNote(claim, tokenPlugins)
      const line = `     ${claim.padEnd(20)} ${JSON.stringify(value)}`
      return note === undefined ? paint('dim', line) : `${paint('green', line)}   ← ${note}`
    })
    .join('\n')

/**
 * Runs the demo and returns what it saw. Throws when a step does not go as the example
 * configuration promises (a missing plugin, a changed option).
 */
export const runDemo = async (options: DemoOptions = {}): Promise<DemoReport> => {
  const print = options.print ?? ((line: string) => console.log(line))
  let stack: Stack | undefined
  if (options.target === undefined) {
    print(paint('bold', 'Starting a local stack (cognito-local + the router on a local Lambda endpoint)…'))
    stack = await startStack({ ...(options.registry === undefined ? {} : { registry: options.registry }), onProgress: (line) => print(paint('dim', `  · ${line}`)) })
  }
  const target: DemoTarget = options.target ?? stack!
  const client: CognitoIdentityProviderClient = stack?.client ?? localCognitoClient(target.cognitoUrl)
  // Against a stack that already ran the demo, the same addresses would already exist.
  const tag = options.target === undefined ? '' : `+${randomBytes(3).toString('hex')}`
  const address = (email: string) => email.replace('@', `${tag}@`)
  const steps: DemoReport['steps'][number][] = []
  let seen = (await fetchInvocations(target.lambdaUrl, 0)).reduce((max, record) => Math.max(max, record.seq), 0)

  const step = async (title: string, explanation: string, action: () => Promise<string>): Promise<string> => {
    print(`\n${paint('bold', `── ${steps.length + 1}. ${title} `.padEnd(96, '─'))}`)
    print(paint('dim', `   ${explanation}`))
    const outcome = await action()
    const triggers = await fetchInvocations(target.lambdaUrl, seen)
    seen = triggers.reduce((max, record) => Math.max(max, record.seq), seen)
    print(`\n   ${outcome.split('\n').join('\n   ')}`)
    print(triggers.length === 0 ? paint('dim', '\n   (no trigger fired)') : `\n   Triggers that fired:\n${triggers.map((record) => formatInvocation(record, { time: false, indent: '     ' })).join('\n')}`)
    steps.push({ title, triggers, outcome })
    return outcome
  }

  const password = EXAMPLE.password
  const trusted = address(EXAMPLE.trusted)
  const regular = address(EXAMPLE.regular)
  const blocked = address(EXAMPLE.blocked)
  const legacy = EXAMPLE.legacy
  const signIn = async (username: string, secret: string): Promise<AuthenticationResultType> => {
    const result = await client.send(
      new InitiateAuthCommand({ ClientId: target.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD: secret } }),
    )
    if (result.AuthenticationResult?.IdToken === undefined) throw new Error(`signing in ${username} returned no tokens (challenge ${result.ChallengeName ?? 'none'})`)
    return result.AuthenticationResult
  }

  try {
    const subs: Record<string, string> = {}
    await step(`Sign up ${trusted}`, 'signup-policy trusts trusted.example: the user is confirmed without a code, and add-to-group adds them to "users".', async () => {
      const result = await client.send(new SignUpCommand({ ClientId: target.clientId, Username: trusted, Password: password }))
      subs[trusted] = result.UserSub ?? trusted
      if (result.UserConfirmed !== true) throw new Error(`${trusted} was not auto-confirmed: is signup-policy enabled with trusted.example?`)
      return `SignUp → UserConfirmed: ${String(result.UserConfirmed)}`
    })
    await step(`Sign up ${regular}, then confirm with code ${CODE}`, 'Any other domain needs the confirmation code (cognito-local uses 123456 for every code).', async () => {
      const result = await client.send(new SignUpCommand({ ClientId: target.clientId, Username: regular, Password: password }))
      subs[regular] = result.UserSub ?? regular
      await client.send(new ConfirmSignUpCommand({ ClientId: target.clientId, Username: regular, ConfirmationCode: CODE }))
      return `SignUp → UserConfirmed: ${String(result.UserConfirmed)}\nConfirmSignUp(${CODE}) → confirmed`
    })
    await step('Group membership', 'add-to-group ran on PostConfirmation_ConfirmSignUp and called AdminAddUserToGroup on cognito-local.', async () => {
      const lines: string[] = []
      for (const email of [trusted, regular]) {
        // cognito-local matches the literal username here, not an email alias, so ask by sub.
        const groups = await client.send(new AdminListGroupsForUserCommand({ UserPoolId: target.userPoolId, Username: subs[email] }))
        lines.push(`AdminListGroupsForUser(${email}) → ${(groups.Groups ?? []).map((group) => group.GroupName).join(', ') || '(none)'}`)
      }
      return lines.join('\n')
    })
    let tokens: AuthenticationResultType = {}
    await step(`Sign in ${trusted}`, 'USER_PASSWORD_AUTH: sign-in-audit writes an audit record, token-claims adds claims to the ID token.', async () => {
      tokens = await signIn(trusted, password)
      return 'InitiateAuth → IdToken, AccessToken and RefreshToken'
    })
    await step('Refresh the tokens', 'REFRESH_TOKEN_AUTH: only TokenGeneration fires, so the claims are added again.', async () => {
      const result = await client.send(
        new InitiateAuthCommand({ ClientId: target.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken ?? '' } }),
      )
      tokens = { ...tokens, ...result.AuthenticationResult }
      return 'InitiateAuth(REFRESH_TOKEN_AUTH) → new IdToken and AccessToken'
    })
    let refusal = ''
    await step(`Sign up ${blocked}`, 'signup-policy denies blocked.example; Cognito shows the plugin\'s message to the user.', async () => {
      try {
        await client.send(new SignUpCommand({ ClientId: target.clientId, Username: blocked, Password: password }))
      } catch (error) {
        refusal = errorText(error)
        return `SignUp → ${paint('red', refusal)}`
      }
      throw new Error(`${blocked} was allowed to sign up: is signup-policy enabled with denyDomains blocked.example?`)
    })
    let legacyTokens: AuthenticationResultType = {}
    await step(`Sign in ${legacy.username}, a user only the legacy store knows`, 'user-migration asks the legacy store, which vouches for the password; Cognito creates the user and signs them in.', async () => {
      legacyTokens = await signIn(legacy.username, legacy.password)
      return 'InitiateAuth → tokens for the migrated user'
    })
    if (!steps.at(-1)!.triggers.some((record) => record.triggerSource === 'UserMigration_Authentication')) {
      print(paint('dim', `   (no UserMigration: an earlier run against this stack already migrated ${legacy.username}, so Cognito knows them)`))
    }

    const tokenPlugins = [...new Set(steps.flatMap((entry) => entry.triggers).filter((record) => record.triggerSource?.startsWith('TokenGeneration_')).flatMap((record) => record.plugins.map((run) => run.plugin)))]
    const idToken = decodeJwtPayload(tokens.IdToken ?? '')
    print(`\n${paint('bold', `── ${steps.length + 1}. The ID tokens, decoded `.padEnd(96, '─'))}`)
    print(paint('dim', '   Highlighted: claims that are not Cognito\'s own. (cognito-local applies V1 claimsOverrideDetails to the ID token only.)'))
    print(`\n   ${trusted}:\n${formatIdToken(idToken, tokenPlugins)}`)
    print(`\n   ${legacy.username} (migrated):\n${formatIdToken(decodeJwtPayload(legacyTokens.IdToken ?? ''), tokenPlugins)}`)
    print(`\n${paint('bold', `── ${steps.length + 2}. A retried PostConfirmation, with the idempotency option `.padEnd(96, '─'))}`)
    print(paint('dim', '   Cognito calls a trigger again when it has not answered within 5 s. The same event, delivered twice to a router with'))
    print(paint('dim', '   welcome-email and `idempotency` (a DynamoDB table on dynalite, SES stood in for locally), sends one email.\n'))
    const retry = await replayWelcomeEmail(print)
    print(`\n${paint('bold', 'Done.')} Steps 1 to ${steps.length} went through the router on the local Lambda endpoint.`)
    return { steps, idToken, refusal, retry }
  } finally {
    if (stack === undefined) client.destroy()
    await stack?.close()
  }
}

const help = `Usage: cognito-trigger-router demo [options]

Walks through the example configuration against a local stack it starts (or one already running
from \`npm start\`, given its endpoints and ids): sign-up auto-confirmed by signup-policy, sign-up
confirmed with code ${CODE}, group membership from add-to-group, sign-in with sign-in-audit,
refresh, a sign-up refused by signup-policy, a legacy user migrated by user-migration, the
decoded ID token with the claims the plugins added, and a PostConfirmation delivered twice to a
router with the idempotency option (dynalite, when installed) that sends one welcome email.
\`npm run demo\` builds the CLI when a source changed, then runs this.

Options:
  --cognito-url URL     cognito-local of a running stack      \\
  --lambda-url URL      its Lambda endpoint                    | all four, or none
  --user-pool-id ID     its user pool                          | (then the demo starts its own stack)
  --client-id ID        its app client                        /
  -h, --help            Show this help
`

const run = async (argv: readonly string[]): Promise<number> => {
  const values = parseCommandArgs(
    'demo',
    argv,
    {
      'cognito-url': { type: 'string' },
      'lambda-url': { type: 'string' },
      'user-pool-id': { type: 'string' },
      'client-id': { type: 'string' },
    },
    help,
  )
  if (values === undefined) return 0
  const given = [values['cognito-url'], values['lambda-url'], values['user-pool-id'], values['client-id']]
  let target: DemoTarget | undefined
  if (given.some((value) => value !== undefined)) {
    const [cognitoUrl, lambdaUrl, userPoolId, clientId] = given
    if (cognitoUrl === undefined || lambdaUrl === undefined || userPoolId === undefined || clientId === undefined) {
      throw new UsageError('give all of --cognito-url, --lambda-url, --user-pool-id and --client-id, or none', 'demo')
    }
    target = { cognitoUrl, lambdaUrl, userPoolId, clientId }
  }
  try {
    await runDemo(target === undefined ? {} : { target })
    return 0
  } catch (error) {
    console.error(paint('red', `\nThe demo stopped: ${errorText(error)}`))
    return 1
  }
}

export const demoCommand: Command = {
  name: 'demo',
  summary: 'Walk through sign-up, sign-in, refresh, a refused sign-up and a migrated user, showing each plugin at work',
  help,
  run,
}
