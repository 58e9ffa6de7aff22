// -- CognitoTriggerRouter: the CDK construct -----------------------------------------------
// One function on every slot an enabled plugin needs, one invoke permission per pool, exactly
// the IAM the configuration implies, and the custom sender KMS key when a sender is enabled.
// Exported as `cognito-trigger-router/cdk` (src/cdk/index.ts); aws-cdk-lib and constructs are peer dependencies.

import { Annotations, CfnOutput, CfnResource, Duration, Lazy, RemovalPolicy, SecretValue, Stack, Token } from 'aws-cdk-lib'
import * as cognito from 'aws-cdk-lib/aws-cognito'
import * as iam from 'aws-cdk-lib/aws-iam'
import * as kms from 'aws-cdk-lib/aws-kms'
import * as lambda from 'aws-cdk-lib/aws-lambda'
import * as logs from 'aws-cdk-lib/aws-logs'
import * as ssm from 'aws-cdk-lib/aws-ssm'
import { Construct } from 'constructs'
import { CONFIG_ENV, type PoolOverride, type RouterConfig } from '../config.js'
import { completeConfig, planDeployment, type DeploymentPlan, type SlotSelection } from '../deploy/plan.js'
import { buildLambdaConfig, isTokenVersion, TOKEN_VERSIONS, type LambdaConfig, type TokenVersion } from '../deploy/slots.js'
import { ConfigurationError } from '../errors.js'
import { attachSlots, ownedPoolResource } from './attach.js'
import { requireMultiRegionKey } from './multi-region-key.js'
import { routerCode } from './code.js'
import { acknowledge } from './nag.js'
import { idempotencyStatement, idempotencyTable, type DeployableConfig, type IdempotencyTable } from './idempotency.js'
import { enablePasswordless, type PasswordlessOptions } from './sign-in.js'
import { accountOf, isPoolScoped, statementsFor } from './permissions.js'

export { routerCode, DEFAULT_BUNDLE_DIR } from './code.js'
export type { DeploymentPlan, SlotSelection } from '../deploy/plan.js'
export type { LambdaConfig, TokenVersion } from '../deploy/slots.js'
export type { DeployableConfig, DeployableIdempotency, IdempotencyTable } from './idempotency.js'
export { FIRST_FACTORS, type FirstFactor, type PasswordlessOptions } from './sign-in.js'

/** Node.js runtimes the bundle targets (ESM, Node >= 22). */
export type RouterRuntime = 'nodejs22.x' | 'nodejs24.x'

/** Options of the app client; `ALLOW_USER_AUTH` is always on, so it cannot be switched off here. */
export type RouterAppClientOptions = Omit<cognito.UserPoolClientOptions, 'authFlows'> & {
  readonly authFlows?: Omit<cognito.AuthFlow, 'user'>
}

export interface CognitoTriggerRouterProps {
  /** The pool to serve: defined in this stack (slots attached) or imported (see `lambdaConfig`). */
  readonly userPool: cognito.IUserPool
  /**
   * The JSON configuration, `{ plugins: {...}, deadlineMs?, logging?, errorMessage?, metrics?, idempotency?, pools?, clients? }`
   * (README "One function for many pools and clients"). With `idempotency`, the construct creates the
   * table (or uses `idempotencyTable`), fills in `idempotency.tableName` and grants the function the
   * four item actions on it.
   */
  readonly config: DeployableConfig
  /** @default the package's built bundle, `dist/index.mjs` (see `routerCode`) */
  readonly code?: lambda.Code
  /** @default 'nodejs24.x' when this aws-cdk-lib knows it, else 'nodejs22.x' */
  readonly runtime?: RouterRuntime
  /** Must stay below 5 s: Cognito gives up and retries after 5 s (AWS docs: "Customizing user pool workflows with Lambda triggers"). @default 4 seconds */
  readonly timeout?: Duration
  /** @default 256 */
  readonly memorySize?: number
  /** @default one month */
  readonly logRetention?: logs.RetentionDays
  /** `'enabled'`: slots of enabled plugins only; `'all'`: every slot (see SlotSelection). @default 'enabled' */
  readonly slots?: SlotSelection
  /** `PreTokenGenerationConfig.LambdaVersion` (AWS docs: "Pre token generation Lambda trigger"). V2_0/V3_0 need the Essentials or Plus plan. @default 'V2_0' */
  readonly tokenVersion?: TokenVersion
  /**
   * Key for custom sender codes. @default the key named by custom-sender's `kmsKeyArn`, else a
   * new symmetric key with rotation (only when a custom sender plugin is enabled)
   */
  readonly kmsKey?: kms.IKey
  /**
   * Regions the pool is replicated to (multi-Region replication). With a custom sender enabled,
   * the key Cognito encrypts codes with must then be a multi-Region key, so a replica can decrypt
   * them: the key created here is one (`multiRegion: true`), and a given single-Region key fails
   * synth. Deploy each replica Region with `CognitoTriggerRouterReplica` (`cognito-trigger-router/cdk`).
   * @default none
   */
  readonly replicaRegions?: readonly string[]
  /**
   * Native passwordless first factors (EMAIL_OTP, SMS_OTP, WEB_AUTHN) for choice-based sign-in,
   * written onto the pool's sign-in policy; only for a pool this stack defines. The app client
   * (`appClient`) already allows USER_AUTH. Synth fails on the Lite plan, and for WEB_AUTHN
   * without a relying party ID.
   *
   * @example { firstFactors: ['EMAIL_OTP', 'WEB_AUTHN'], passkeyRelyingPartyId: 'auth.example.com' }
   * @default password only, as the pool defines it
   */
  readonly passwordless?: PasswordlessOptions
  /** Create an app client with ALLOW_USER_AUTH (sign-in right after sign-up), SRP and refresh. @default false */
  readonly appClient?: boolean | RouterAppClientOptions
  /**
   * Put the configuration in COGNITO_ROUTER_CONFIG. Set false when it is bundled into `code`
   * (`node build.mjs --config`), e.g. beyond Lambda's 4 KB of environment variables. @default true
   */
  readonly configInEnvironment?: boolean
  /**
   * Where each run-time prerequisite of the enabled plugins comes from, by environment variable
   * (e.g. user-migration's `http.bearerTokenEnv`): a Secrets Manager secret (optionally one JSON
   * field of it) or an SSM String parameter, resolved by CloudFormation at deployment into the
   * function's environment. Synth fails, naming the variable and the option, when an enabled
   * plugin needs one that is not given here.
   *
   * @example { LEGACY_API_TOKEN: { secretName: 'legacy-api', jsonField: 'token' } }
   */
  readonly prerequisites?: Readonly<Record<string, PrerequisiteSource>>
  /**
   * An existing table for `idempotency` (partition key `id` string, TTL on `expiration`), used
   * instead of creating one; the function gets the same four item actions on it.
   * @default a table created when the configuration has `idempotency`
   */
  readonly idempotencyTable?: IdempotencyTable
  /**
   * What happens to the created idempotency table when it leaves the stack. Its records only live
   * for the replay window, but deleting the table during a deployment would make every
   * side-effecting plugin fail closed until it is back. @default RemovalPolicy.RETAIN
   */
  readonly idempotencyRemovalPolicy?: RemovalPolicy
}

/** Where the deployment takes one environment value a plugin needs at run time. */
export type PrerequisiteSource =
  | { readonly secretName: string; readonly jsonField?: string }
  | { readonly parameterName: string }

const DEFAULT_RUNTIME: RouterRuntime = 'NODEJS_24_X' in lambda.Runtime ? 'nodejs24.x' : 'nodejs22.x'
const ENVIRONMENT_LIMIT_BYTES = 4096

const runtimeOf = (name: RouterRuntime): lambda.Runtime => {
  if (name === 'nodejs22.x') return lambda.Runtime.NODEJS_22_X
  if (name === 'nodejs24.x') {
    const known = (lambda.Runtime as { NODEJS_24_X?: lambda.Runtime }).NODEJS_24_X
    return known ?? new lambda.Runtime('nodejs24.x', lambda.RuntimeFamily.NODEJS, { supportsInlineCode: true })
  }
  throw new ConfigurationError(`runtime must be "nodejs22.x" or "nodejs24.x", got ${String(name)}`)
}

/**
 * One Lambda function attached to every trigger slot its configuration needs.
 *
 * @example
 * ```ts
 * import * as cognito from 'aws-cdk-lib/aws-cognito'
 * import { CognitoTriggerRouter } from 'cognito-trigger-router/cdk'
 *
 * const userPool = new cognito.UserPool(this, 'Users', { featurePlan: cognito.FeaturePlan.ESSENTIALS })
 * const triggers = new CognitoTriggerRouter(this, 'Triggers', {
 *   userPool,
 *   config: {
 *     plugins: {
 *       'signup-policy': { allowDomains: ['example.com'] },
 *       'add-to-group': { groups: ['users'] },
 *       'token-claims': { attributes: { department: 'custom:department' } },
 *     },
 *   },
 *   tokenVersion: 'V2_0',
 *   appClient: true,
 * })
 * // triggers.function, triggers.role, triggers.appClient, triggers.lambdaConfig
 * ```
 */
export class CognitoTriggerRouter extends Construct {
  /** The router function, on every slot of `plan.families`. */
  readonly function: lambda.Function
  /** Its execution role: add what your own code needs with `addToPrincipalPolicy`. */
  readonly role: iam.Role
  /** Where the function logs, with the configured retention. */
  readonly logGroup: logs.LogGroup
  /** The custom sender key, when a custom sender slot is attached. */
  readonly kmsKey?: kms.IKey
  /** The idempotency table (created or given), when the configuration has `idempotency`. */
  readonly idempotencyTable?: IdempotencyTable
  /** The app client, when `appClient` was set. */
  readonly appClient?: cognito.UserPoolClient
  /** Slots and permissions derived from the configuration, the union of every per-pool or per-client variant's plugins. */
  get plan(): DeploymentPlan {
    return this.#plan
  }
  /** The configuration the function receives: token-claims' `version`, custom-sender's `kmsKeyArn` and `idempotency.tableName` filled in. */
  get config(): RouterConfig {
    return this.#config
  }
  /** The `LambdaConfig` to set on a pool; for an imported pool it is also a stack output. */
  readonly lambdaConfig: LambdaConfig<string>
  #plan: DeploymentPlan
  #config: RouterConfig
  // What addUserPool needs to plan again with a pool's configuration.
  readonly #given: CognitoTriggerRouterProps
  #givenConfig: RouterConfig
  readonly #tokenVersion: TokenVersion
  readonly #owned: CfnResource[] = []
  private readonly pools: cognito.IUserPool[] = []
  private policy?: iam.Policy

  constructor(scope: Construct, id: string, props: CognitoTriggerRouterProps) {
    super(scope, id)
    const { timeout = Duration.seconds(4), tokenVersion = 'V2_0', config } = props
    if (timeout.toMilliseconds() >= 5000) {
      throw new ConfigurationError(
        `timeout must be below 5 seconds, got ${timeout.toHumanString()}: Cognito stops waiting after 5 s and retries ` +
          'up to three times, so a slower function repeats its side effects and still fails',
      )
    }
    if (!isTokenVersion(tokenVersion)) {
      throw new ConfigurationError(`tokenVersion must be one of ${TOKEN_VERSIONS.join(', ')}, got ${String(tokenVersion)}`)
    }
    const idempotency = idempotencyTable(this, config, {
      ...(props.idempotencyTable === undefined ? {} : { table: props.idempotencyTable }),
      removalPolicy: props.idempotencyRemovalPolicy ?? RemovalPolicy.RETAIN,
      configInEnvironment: props.configInEnvironment !== false,
    })
    if (idempotency.table !== undefined) this.idempotencyTable = idempotency.table
    this.#given = props
    this.#givenConfig = idempotency.config
    this.#tokenVersion = tokenVersion
    this.#plan = planDeployment(idempotency.config, props.slots === undefined ? {} : { slots: props.slots })
    this.warnAboutConfig(props, timeout, tokenVersion)

    if (this.#plan.customSenders) this.kmsKey = this.senderKey(props)
    if (this.kmsKey !== undefined && (props.replicaRegions ?? []).length > 0) requireMultiRegionKey(this, this.kmsKey, props.replicaRegions ?? [])
    this.#config = this.completed(idempotency.config)

    this.logGroup = new logs.LogGroup(this, 'Logs', { retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH })
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'cognito-trigger-router: logs plus what the enabled plugins need',
    })
    this.logGroup.grantWrite(this.role)
    if (this.idempotencyTable !== undefined && this.plan.idempotency !== undefined) {
      this.role.addToPrincipalPolicy(idempotencyStatement(this.idempotencyTable, this.plan.idempotency))
    }

    this.function = new lambda.Function(this, 'Function', {
      description: 'cognito-trigger-router: one function for every Cognito user pool trigger',
      code: props.code ?? routerCode(),
      handler: 'index.handler',
      runtime: runtimeOf(props.runtime ?? DEFAULT_RUNTIME),
      architecture: lambda.Architecture.ARM_64,
      timeout,
      memorySize: props.memorySize ?? 256,
      role: this.role,
      logGroup: this.logGroup,
      environment: this.environment(props.configInEnvironment !== false, this.prerequisiteEnvironment(props.prerequisites)),
    })
    this.lambdaConfig = this.lambdaConfigFor(this.#plan)
    this.addUserPool(props.userPool)
    if (props.passwordless !== undefined) {
      const owned = ownedPoolResource(this, props.userPool)
      if (owned === undefined) {
        throw new ConfigurationError(
          `passwordless can only be set on a pool this stack defines, and ${props.userPool.node.path} is not: set signInPolicy, ` +
            'passkeyRelyingPartyId and featurePlan where the pool is defined',
        )
      }
      enablePasswordless(owned, props.passwordless)
    }

    if (props.appClient) {
      const options = props.appClient === true ? {} : props.appClient
      this.appClient = new cognito.UserPoolClient(this, 'AppClient', {
        // An API client by default: CDK would otherwise enable the implicit grant with a placeholder callback.
        disableOAuth: options.oAuth === undefined,
        preventUserExistenceErrors: true,
        ...options,
        userPool: props.userPool,
        // Without ALLOW_USER_AUTH, SignUp/ConfirmSignUp return no Session to sign in with.
        authFlows: { userSrp: true, ...options.authFlows, user: true },
      })
    }
  }

  /**
   * Serves one more pool with the same function: one invoke permission for it, its slots (when
   * this stack defines it) and its pool-scoped permissions (group membership, code decryption).
   *
   * `config` is this pool's override of the default plugins, written into the function's
   * configuration under `pools.<pool id>` (README "One function for many pools and clients"); the
   * slots and permissions then cover the plugins of every variant. The pool id must be known at
   * synth, e.g. a pool imported with `UserPool.fromUserPoolId`: the id of a pool this stack
   * creates is only known at deployment, and the function's configuration naming it would make the
   * pool (its LambdaConfig names the function) and the function depend on each other.
   *
   * @example
   * ```ts
   * const partners = cognito.UserPool.fromUserPoolId(this, 'Partners', 'eu-west-1_Partners1')
   * triggers.addUserPool(partners, { plugins: { 'signup-policy': { allowDomains: ['partner.example'] } } })
   * ```
   */
  addUserPool(userPool: cognito.IUserPool, config?: PoolOverride): void {
    if (this.pools.includes(userPool)) throw new ConfigurationError(`${userPool.node.path} is already served by ${this.node.path}`)
    if (config !== undefined) this.addPoolConfig(userPool, config)
    const suffix = this.pools.length === 0 ? '' : String(this.pools.length + 1)
    this.pools.push(userPool)

    // One statement per pool, scoped by SourceArn and SourceAccount (AWS docs: "Using resource-based policies for Lambda", confused deputy prevention), rather than CDK's one per slot.
    this.function.addPermission(`InvokeFromCognito${suffix}`, {
      principal: new iam.ServicePrincipal('cognito-idp.amazonaws.com'),
      action: 'lambda:InvokeFunction',
      sourceArn: userPool.userPoolArn,
      sourceAccount: accountOf(userPool),
    })

    const needs = suffix === '' ? this.#plan.needs : this.#plan.needs.filter(isPoolScoped)
    const statements = statementsFor(this, needs, { userPool, suffix, ...(this.kmsKey === undefined ? {} : { kmsKey: this.kmsKey }) })
    if (statements.length > 0) this.pluginPolicy().addStatements(...statements)

    this.attach(userPool, suffix)
  }

  // Plans again with the pool's override, then extends what the pools served so far have: new
  // slots on each, and the statements of new needs (sids marked with the override's number).
  private addPoolConfig(userPool: cognito.IUserPool, override: PoolOverride): void {
    const id = userPool.userPoolId
    if (Token.isUnresolved(id)) {
      throw new ConfigurationError(
        `addUserPool(${userPool.node.path}, config): the pool id is only known at deployment, and a configuration keyed by it would make ` +
          'the pool and the function depend on each other; import the pool by its id (UserPool.fromUserPoolId) to give it a configuration',
      )
    }
    if (this.#given.configInEnvironment === false) {
      throw new ConfigurationError(
        `addUserPool(${userPool.node.path}, config): the configuration is bundled into the code (configInEnvironment: false); put the override under "pools.${id}" in the bundled configuration`,
      )
    }
    const given = this.#givenConfig
    if (given.pools !== undefined && Object.hasOwn(given.pools, id)) {
      throw new ConfigurationError(`addUserPool(${userPool.node.path}, config): the configuration already has "pools.${id}"; give it in one place`)
    }
    const config: RouterConfig = { ...given, pools: { ...given.pools, [id]: override } }
    const plan = planDeployment(config, this.#given.slots === undefined ? {} : { slots: this.#given.slots })
    if (plan.customSenders && !this.#plan.customSenders) {
      throw new ConfigurationError(
        `addUserPool(${userPool.node.path}, config): a custom sender enabled only for this pool needs the key the construct creates up front; enable it in the construct's configuration`,
      )
    }
    const previous = this.#plan
    const known = new Set(previous.needs.map((need) => JSON.stringify(need)))
    const added = plan.needs.filter((need) => !known.has(JSON.stringify(need)))
    const overrideNumber = Object.keys(config.pools ?? {}).length
    this.#givenConfig = config
    this.#plan = plan
    // The function's environment reads it at synth (see environment()).
    this.#config = this.completed(config)
    this.checkEnvironmentSize()
    const prerequisiteValues = this.prerequisiteEnvironment(this.#given.prerequisites, previous.prerequisites.map(({ env }) => env))
    for (const [name, value] of Object.entries(prerequisiteValues)) this.function.addEnvironment(name, value)

    const slots = this.lambdaConfigFor(plan) as Record<string, unknown>
    const current = this.lambdaConfig as Record<string, unknown>
    for (const [key, value] of Object.entries(slots)) {
      if (key in current) continue
      current[key] = value
      for (const owned of this.#owned) owned.addPropertyOverride(`LambdaConfig.${key}`, value)
    }
    this.pools.forEach((pool, index) => {
      const needs = index === 0 ? added : added.filter(isPoolScoped)
      const suffix = `${index === 0 ? '' : String(index + 1)}Override${overrideNumber}`
      const statements = statementsFor(this, needs, { userPool: pool, suffix, ...(this.kmsKey === undefined ? {} : { kmsKey: this.kmsKey }) })
      if (statements.length > 0) this.pluginPolicy().addStatements(...statements)
    })
  }

  private completed(config: RouterConfig): RouterConfig {
    return completeConfig(config, { tokenVersion: this.#tokenVersion, ...(this.kmsKey === undefined ? {} : { kmsKeyArn: this.kmsKey.keyArn }) })
  }

  private lambdaConfigFor(plan: DeploymentPlan): LambdaConfig<string> {
    return buildLambdaConfig(this.function.functionArn, plan.families, {
      tokenVersion: this.#tokenVersion,
      ...(this.kmsKey === undefined ? {} : { kmsKeyArn: this.kmsKey.keyArn }),
    })
  }

  /**
   * Puts the function on the pool's slots: on the pool resource when this stack defines it, else
   * as a stack output to apply where the pool is defined. `CognitoTriggerRouterReplica` attaches
   * through the replica Region's regional configuration instead.
   */
  protected attach(userPool: cognito.IUserPool, suffix: string): void {
    const owned = ownedPoolResource(this, userPool)
    if (owned !== undefined) {
      this.#owned.push(owned)
      attachSlots(this, owned, this.lambdaConfig)
      this.warnAboutPlan(owned)
      return
    }
    // A key without CDK's hash, so the README can name it: "<construct id>LambdaConfig" (+ pool number).
    const outputKey = `${this.node.id.replace(/[^A-Za-z0-9]/g, '')}LambdaConfig${suffix}`
    new CfnOutput(this, `LambdaConfig${suffix}`, {
      key: outputKey,
      description:
        `LambdaConfig for ${userPool.node.path}, which this stack does not deploy. Set it where the pool is defined, or merge it ` +
        'with updateUserPoolInput(): UpdateUserPool alone resets every setting it is not given.',
      value: Stack.of(this).toJsonString(this.lambdaConfig),
    })
    Annotations.of(this).addWarningV2(
      'cognito-trigger-router:imported-pool',
      `${userPool.node.path} is not defined in this stack, so its trigger slots were not changed: apply the "${outputKey}" output (see the README, "Deploy")`,
    )
  }

  // Statements naming the pool live outside the role's default policy: the function depends on
  // that policy and the pool depends on the function, so naming the pool there is a cycle.
  private pluginPolicy(): iam.Policy {
    if (this.policy === undefined) {
      this.policy = new iam.Policy(this, 'PluginPolicy', { roles: [this.role] })
      if (this.plan.needs.some((need) => need.kind === 'publish-sms')) {
        acknowledge(this.policy, {
          rule: 'AwsSolutions-IAM5',
          finding: 'Resource::*',
          reason: 'sns:Publish straight to a phone number (custom SMS sender) has no resource ARN to scope it to; only the action is granted.',
        })
      }
    }
    return this.policy
  }

  /**
   * The key the custom sender decrypts with: the prop, else the one the configuration names,
   * else a new symmetric key with rotation, multi-Region when the pool has replica Regions (see
   * "Custom sender Lambda trigger" in the Amazon Cognito Developer Guide).
   */
  protected senderKey(props: CognitoTriggerRouterProps): kms.IKey {
    const options = props.config.plugins['custom-sender']
    const configured = typeof options === 'object' && typeof options.kmsKeyArn === 'string' ? options.kmsKeyArn : undefined
    if (props.kmsKey !== undefined) return props.kmsKey
    if (configured !== undefined) return kms.Key.fromKeyArn(this, 'SenderKey', configured)
    return new kms.Key(this, 'SenderKey', {
      description: 'Encrypts the codes Cognito hands to the custom sender trigger',
      enableKeyRotation: true,
      ...((props.replicaRegions ?? []).length > 0 ? { multiRegion: true } : {}),
    })
  }

  // The plugins' run-time prerequisites, each from the secret or parameter `props.prerequisites`
  // names for it, or a failed synth that says which variable and which option need one.
  private prerequisiteEnvironment(given: Readonly<Record<string, PrerequisiteSource>> = {}, present: readonly string[] = []): Record<string, string> {
    const environment: Record<string, string> = {}
    for (const { env, option, plugin, secret } of this.plan.prerequisites) {
      if (present.includes(env)) continue
      const source = Object.hasOwn(given, env) ? given[env] : undefined
      if (source === undefined) {
        throw new ConfigurationError(
          `"plugins.${plugin}.${option}" names the environment variable ${env}, which the function needs at run time: ` +
            `set prerequisites: { ${env}: { secretName: '…' } } (Secrets Manager)${secret ? '' : " or { parameterName: '…' } (SSM)"}`,
        )
      }
      if (secret && !('secretName' in source)) {
        throw new ConfigurationError(`${env} is a credential ("plugins.${plugin}.${option}"): take it from Secrets Manager ({ secretName }), not from a plain SSM parameter`)
      }
      environment[env] =
        'secretName' in source
          ? SecretValue.secretsManager(source.secretName, source.jsonField === undefined ? {} : { jsonField: source.jsonField }).unsafeUnwrap()
          : ssm.StringParameter.valueForStringParameter(this, source.parameterName)
    }
    return environment
  }

  private environment(inline: boolean, prerequisites: Record<string, string>): Record<string, string> {
    if (!inline) return prerequisites
    this.checkEnvironmentSize()
    // Lazy: addUserPool(pool, config) may still add a pool's configuration.
    return { ...prerequisites, [CONFIG_ENV.inline]: Lazy.string({ produce: () => Stack.of(this).toJsonString(this.config) }) }
  }

  private checkEnvironmentSize(): void {
    const size = Buffer.byteLength(JSON.stringify(this.config))
    if (size > ENVIRONMENT_LIMIT_BYTES) {
      throw new ConfigurationError(
        `the configuration is ${size} bytes, more than Lambda's ${ENVIRONMENT_LIMIT_BYTES} bytes of environment variables: ` +
          'bundle it (node build.mjs --config file.json) and set configInEnvironment: false',
      )
    }
  }

  private warnAboutConfig(props: CognitoTriggerRouterProps, timeout: Duration, tokenVersion: TokenVersion): void {
    const warn = (id: string, message: string) => Annotations.of(this).addWarningV2(`cognito-trigger-router:${id}`, message)
    if (props.kmsKey !== undefined && !this.plan.customSenders) warn('unused-key', 'kmsKey is ignored: no custom sender plugin is enabled')
    if (props.idempotencyTable !== undefined && this.plan.idempotency === undefined) {
      warn('unused-table', 'idempotencyTable is ignored: the configuration has no "idempotency"')
    }
    const deadline = props.config.deadlineMs
    if (typeof deadline === 'number' && deadline >= timeout.toMilliseconds()) {
      warn('deadline', `deadlineMs (${deadline}) is not below the function timeout (${timeout.toMilliseconds()} ms); the router will cut it short`)
    }
    if (tokenVersion === 'V1_0' && this.plan.plugins.includes('token-claims')) {
      warn('token-v1', 'tokenVersion V1_0: Cognito ignores access-token claims, scopes and non-string claim values; use V2_0 or V3_0')
    }
  }

  private warnAboutPlan(pool: Construct): void {
    const tier = Stack.of(this).resolve((pool as { userPoolTier?: unknown }).userPoolTier) as unknown
    const version = this.lambdaConfig.PreTokenGenerationConfig
    if (tier === 'LITE' && typeof version === 'object' && version.LambdaVersion !== 'V1_0') {
      Annotations.of(this).addWarningV2(
        'cognito-trigger-router:lite-plan',
        `${pool.node.path} is on the Lite plan, which only allows pre token generation V1_0 (except legacy pools); use FeaturePlan.ESSENTIALS`,
      )
    }
  }
}
