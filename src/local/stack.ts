// -- the local stack ---------------------------------------------------------------------------
// cognito-local driving the router through the local Lambda endpoint, with a legacy user store
// for user-migration, a user pool and an app client: what `npm start`, `npm run demo` and the
// end-to-end tests run. The router runs in this process, so the plugins' AWS SDK clients are
// pointed at cognito-local through the environment (AWS SDK v3 reads
// AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER), which is why one process runs one stack at a time.
// When the configuration has `idempotency`, dynalite (src/local/dynalite.ts) holds its table and
// the router's DynamoDB client finds it the same way (AWS_ENDPOINT_URL_DYNAMODB).

import {
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { builtinPlugins } from '../../plugins/index.js'
import { createRouterFromConfig, type PluginFactory } from '../config.js'
import { ConfigurationError } from '../errors.js'
import type { Logger } from '../logger.js'
import { createIdempotencyTable, startDynalite, type RunningDynalite } from './dynalite.js'
import { checkPortFree, freePort, resolveCognitoLocal, startCognitoLocal, type CognitoLocal } from './cognito-local.js'
import { LocalStackError } from './errors.js'
import { assertPluginsAvailable, enabledPlugins, exampleConfig, fillPlaceholders, groupsOf } from './example.js'
import { LEGACY_ACCOUNTS, LEGACY_TOKEN_ENV, startLegacyStore, type LegacyAccount, type LegacyStore } from './legacy-store.js'
import { isPlainObject } from '../response.js'
import { startLocalLambda, type InvocationRecord, type LocalLambda } from './server.js'
import { createRouterTrace } from './trace.js'

/** Options of {@link startStack}. */
export interface StackOptions {
  /** The router configuration; `{{legacyStoreUrl}}` and `{{cognitoUrl}}` are filled in. Default: src/local/example-config.json. */
  readonly config?: unknown
  /** How messages name the configuration. */
  readonly configName?: string
  /** Plugin factories by configuration name. Default: the built-in registry (plugins/index.ts). */
  readonly registry?: Readonly<Record<string, PluginFactory>>
  /** Port of the Lambda endpoint; default 0, a free one. */
  readonly lambdaPort?: number
  /** Port of cognito-local; default 0, a free one. */
  readonly cognitoPort?: number
  /** Function timeout of the endpoint, ms. Default 4000. */
  readonly timeoutMs?: number
  readonly legacyAccounts?: readonly LegacyAccount[]
  readonly onInvocation?: (record: InvocationRecord) => void
  /** Start-up progress, one readable line per step. */
  readonly onProgress?: (line: string) => void
  /** Every line cognito-local prints. */
  readonly onCognitoOutput?: (line: string) => void
  /** Also receives every router log line (a verbose mode). */
  readonly logger?: Logger
  /** Loads dynalite (tests pass one that finds nothing). Default: src/local/dynalite.ts's loader. */
  readonly startDynalite?: () => Promise<RunningDynalite | undefined>
}

/** The idempotency store of a stack whose configuration has `idempotency`. */
export interface StackIdempotency {
  /** dynalite's endpoint (`AWS_ENDPOINT_URL_DYNAMODB` while the stack runs). */
  readonly dynamoUrl: string
  readonly tableName: string
}

/** A running stack. */
export interface Stack {
  readonly cognitoUrl: string
  readonly lambdaUrl: string
  readonly legacyStoreUrl: string
  readonly region: 'local'
  readonly userPoolId: string
  readonly clientId: string
  /** The plugins the configuration enables, in order. */
  readonly plugins: readonly string[]
  /** The groups created for add-to-group. */
  readonly groups: readonly string[]
  /** A client for cognito-local (no retries, dummy credentials). */
  readonly client: CognitoIdentityProviderClient
  /** Every invocation of the endpoint so far (the last 500). */
  readonly invocations: readonly InvocationRecord[]
  readonly cognito: CognitoLocal
  readonly legacyStore: LegacyStore
  /** dynalite and the table, when the configuration has `idempotency` and dynalite is installed. */
  readonly idempotency: StackIdempotency | undefined
  /** Stops everything, removes the temporary folder and restores the environment. Safe to call twice. */
  close(): Promise<void>
}

export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const

/** A Cognito client for cognito-local: one attempt, since it answers unsupported calls with a retryable 500. */
export const localCognitoClient = (endpoint: string): CognitoIdentityProviderClient =>
  new CognitoIdentityProviderClient({ endpoint, region: 'local', credentials: LOCAL_CREDENTIALS, maxAttempts: 1 })

const SDK_ENV = ['AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER', 'AWS_ENDPOINT_URL_DYNAMODB', 'AWS_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', LEGACY_TOKEN_ENV] as const

const setEnvironment = (values: Partial<Record<(typeof SDK_ENV)[number], string>>): (() => void) => {
  const saved = Object.fromEntries(SDK_ENV.map((key) => [key, process.env[key]]))
  for (const key of SDK_ENV) {
    const value = values[key]
    if (value === undefined) delete process.env[key]
    else process.env[key] = value
  }
  return () => {
    for (const key of SDK_ENV) {
      if (saved[key] === undefined) delete process.env[key]
      else process.env[key] = saved[key]
    }
  }
}

let running = false

// The configuration's `idempotency` needs a DynamoDB table: dynalite on 127.0.0.1 holds it. Without
// dynalite (a devDependency), the stack runs without idempotency and says so in one line.
const startIdempotencyStore = async (
  config: unknown,
  start: () => Promise<RunningDynalite | undefined>,
  progress: (line: string) => void,
  cleanups: (() => Promise<void> | void)[],
): Promise<{ config: unknown; idempotency: StackIdempotency | undefined }> => {
  if (!isPlainObject(config) || config.idempotency === undefined) return { config, idempotency: undefined }
  const { idempotency: options, ...withoutIdempotency } = config
  // A malformed option is left to the router, whose ConfigurationError names the key.
  const tableName = isPlainObject(options) && typeof options.tableName === 'string' ? options.tableName : undefined
  if (tableName === undefined) return { config, idempotency: undefined }
  const dynamo = await start()
  if (dynamo === undefined) {
    progress('dynalite is not installed: running without idempotency (`npm install --no-save dynalite` to have it)')
    return { config: withoutIdempotency, idempotency: undefined }
  }
  cleanups.push(() => dynamo.stop())
  progress(`creating the idempotency table "${tableName}" in dynalite (DynamoDB)`)
  await createIdempotencyTable(dynamo.endpoint, tableName)
  return { config, idempotency: { dynamoUrl: dynamo.endpoint, tableName } }
}

/**
 * Starts the legacy store, the Lambda endpoint serving the router, and cognito-local; creates a
 * user pool (email as username), an app client (USER_PASSWORD_AUTH and refresh) and the groups
 * add-to-group needs. Whatever fails, everything already started is stopped again.
 *
 * @example
 * ```ts
 * const stack = await startStack({ onProgress: console.log })
 * await stack.client.send(new SignUpCommand({ ClientId: stack.clientId, Username: 'ada@trusted.example', Password: 'Passw0rd!' }))
 * await stack.close()
 * ```
 */
export const startStack = async (options: StackOptions = {}): Promise<Stack> => {
  const progress = options.onProgress ?? (() => undefined)
  const config = options.config ?? exampleConfig
  const configName = options.configName ?? 'the example configuration (src/local/example-config.json)'
  const registry = options.registry ?? builtinPlugins
  assertPluginsAvailable(config, registry, configName)
  resolveCognitoLocal()
  if (running) throw new LocalStackError('a local stack is already running in this process; close it first (the plugins read cognito-local\'s address from the environment)')
  running = true

  const cleanups: (() => Promise<void> | void)[] = [() => void (running = false)]
  let closing: Promise<void> | undefined
  const close = () =>
    (closing ??= (async () => {
      for (const cleanup of cleanups.reverse()) await cleanup()
    })())

  try {
    if (options.cognitoPort !== undefined && options.cognitoPort !== 0) await checkPortFree(options.cognitoPort, 'cognito-local', '--cognito-port')
    const cognitoPort = options.cognitoPort || (await freePort())
    const cognitoUrl = `http://127.0.0.1:${cognitoPort}`

    progress('starting the legacy user store (for user-migration)')
    const legacyStore = await startLegacyStore(options.legacyAccounts ?? LEGACY_ACCOUNTS)
    cleanups.push(() => legacyStore.close())

    const { config: routerConfig, idempotency } = await startIdempotencyStore(config, options.startDynalite ?? startDynalite, progress, cleanups)

    cleanups.push(
      setEnvironment({
        AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: cognitoUrl,
        ...(idempotency === undefined ? {} : { AWS_ENDPOINT_URL_DYNAMODB: idempotency.dynamoUrl }),
        AWS_REGION: 'local',
        AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
        [LEGACY_TOKEN_ENV]: legacyStore.token,
      }),
    )

    const plugins = enabledPlugins(routerConfig)
    progress(`building the router: ${plugins.length > 0 ? plugins.join(', ') : 'no plugins'}`)
    const filled = fillPlaceholders(routerConfig, { legacyStoreUrl: legacyStore.url, cognitoUrl })
    const trace = createRouterTrace(options.logger)
    let router
    try {
      router = createRouterFromConfig(filled, registry, { logger: trace.logger })
    } catch (error) {
      if (error instanceof ConfigurationError) throw new ConfigurationError(`${configName}: ${error.message}`, { cause: error })
      throw error
    }

    progress('starting the local Lambda endpoint')
    const lambda: LocalLambda = await startLocalLambda({
      handler: router,
      trace,
      port: options.lambdaPort ?? 0,
      portFlag: '--lambda-port',
      timeoutMs: options.timeoutMs,
      onInvocation: options.onInvocation,
    })
    cleanups.push(() => lambda.close())

    progress('starting cognito-local')
    const cognito = await startCognitoLocal({ lambdaUrl: lambda.url, port: cognitoPort, onOutput: options.onCognitoOutput })
    cleanups.push(() => cognito.close())

    const client = localCognitoClient(cognito.url)
    cleanups.push(() => client.destroy())
    progress('creating a user pool, an app client and groups')
    const pool = await client.send(
      new CreateUserPoolCommand({
        PoolName: 'cognito-trigger-router-local',
        UsernameAttributes: ['email'],
        AutoVerifiedAttributes: ['email'],
        Schema: [{ Name: 'legacy_id', AttributeDataType: 'String', Mutable: true }],
      }),
    )
    const userPoolId = pool.UserPool?.Id
    if (userPoolId === undefined) throw new LocalStackError('cognito-local created a user pool without an id')
    const app = await client.send(
      new CreateUserPoolClientCommand({
        UserPoolId: userPoolId,
        ClientName: 'local-app',
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      }),
    )
    const clientId = app.UserPoolClient?.ClientId
    if (clientId === undefined) throw new LocalStackError('cognito-local created an app client without an id')
    const groups = groupsOf(filled)
    for (const group of groups) await client.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: group }))

    return {
      cognitoUrl: cognito.url,
      lambdaUrl: lambda.url,
      legacyStoreUrl: legacyStore.url,
      region: 'local',
      userPoolId,
      clientId,
      plugins,
      groups,
      client,
      invocations: lambda.invocations,
      cognito,
      legacyStore,
      idempotency,
      close,
    }
  } catch (error) {
    await close()
    throw error
  }
}
