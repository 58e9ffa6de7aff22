// -- plugin API ---------------------------------------------------------------

import type { Context } from 'aws-lambda'
import { expandPattern, TRIGGERS, type ExpandPattern, type TriggerPattern, type TriggerSource } from './catalogue.js'
import { ConfigurationError } from './errors.js'
import type { ResponsePatch, TriggerEvent } from './events.js'
import type { Logger } from './logger.js'
import { describe } from './json.js'

/** What a plugin handler receives besides the event. */
export interface PluginContext {
  /** Aborted when the router's deadline runs out: pass it to every fetch and AWS SDK call. */
  readonly signal: AbortSignal
  /** Structured logger bound to this plugin and invocation; secrets in the event are scrubbed. */
  readonly logger: Logger
  /** The Lambda context of the invocation. */
  readonly lambdaContext: Context
  /** Milliseconds left before the router fails the invocation closed. */
  remainingTimeInMillis(): number
}

/** A patch of `event.response`, nothing (after writing to `event.response`), or the whole event. */
export type PluginResult<E> = ResponsePatch<E> | E | void | undefined | null

type Awaitable<T> = T | Promise<T>

/** The handler of a plugin: its event type follows from the plugin's `triggers`. */
export type PluginHandler<S extends TriggerSource> = (
  event: TriggerEvent<S>,
  context: PluginContext,
) => Awaitable<PluginResult<TriggerEvent<S>>>

type CommittedSource = `PostConfirmation_${string}` | `PostAuthentication_${string}`

/** A plugin as written by its author. */
export interface PluginDefinition<P extends readonly TriggerPattern[]> {
  /** Unique within a router; appears in logs and error messages. */
  readonly name: string
  /** Exact sources (`'PreSignUp_SignUp'`), family wildcards (`'TokenGeneration_*'`) or `'*'`. */
  readonly triggers: P
  readonly handler: PluginHandler<ExpandPattern<P[number]>>
  /**
   * Log errors and still echo the event, instead of failing the operation. Only for triggers
   * whose state Cognito has already committed (PostConfirmation, PostAuthentication:
   * see "Post confirmation Lambda trigger" in the Amazon Cognito developer guide).
   */
  readonly failOpen?: [ExpandPattern<P[number]>] extends [CommittedSource] ? boolean : false
  /**
   * The plugin sends, publishes or changes something outside the reply (an email, an SMS, an
   * event, a group membership): `true` for every trigger it handles, or the patterns of the
   * triggers on which it does (`['CreateAuthChallenge_*']`). With the router's `idempotency`
   * option, such a run happens at most once per Cognito request; plugins without side effects
   * pay nothing. Default false.
   */
  readonly sideEffects?: boolean | readonly TriggerPattern[]
}

/** A registered plugin. Create one with {@link definePlugin}. */
export type Plugin<P extends readonly TriggerPattern[] = readonly TriggerPattern[]> = PluginDefinition<P>

/** A plugin of any triggers, as the router stores it. */
export interface AnyPlugin {
  readonly name: string
  readonly triggers: readonly TriggerPattern[]
  readonly handler: (event: never, context: PluginContext) => unknown
  readonly failOpen?: boolean
  readonly sideEffects?: boolean | readonly TriggerPattern[]
}

/**
 * Defines a plugin. An identity function for type inference: the handler's event type follows
 * from `triggers`, a misspelt trigger is a compile error, and in JavaScript every mistake
 * throws a {@link ConfigurationError} when the module loads.
 *
 * @example
 * ```ts
 * import { definePlugin } from 'cognito-trigger-router'
 *
 * export const autoConfirmStaff = definePlugin({
 *   name: 'auto-confirm-staff',
 *   triggers: ['PreSignUp_SignUp'],
 *   handler: (event) => {
 *     // event is typed as the PreSignUp_SignUp event
 *     if (event.request.userAttributes.email?.endsWith('@example.com')) {
 *       return { autoConfirmUser: true }
 *     }
 *   },
 * })
 * ```
 */
export const definePlugin = <const P extends readonly TriggerPattern[]>(plugin: PluginDefinition<P>): Plugin<P> => {
  validatePlugin(plugin)
  return Object.freeze(plugin)
}

/**
 * Checks one plugin and returns the sources it handles. Every message names the plugin,
 * because a router with many plugins otherwise leaves the reader guessing.
 */
export const validatePlugin = (plugin: unknown, position?: number): readonly TriggerSource[] => {
  const where = position === undefined ? 'plugin' : `plugins[${position}]`
  if (typeof plugin !== 'object' || plugin === null) {
    throw new ConfigurationError(`${where} must be an object made with definePlugin(), got ${describe(plugin)}`)
  }
  const { name, triggers, handler, failOpen, sideEffects, ...rest } = plugin as Record<string, unknown>
  if (typeof name !== 'string' || name.trim() === '') {
    throw new ConfigurationError(`${where} needs a non-empty string "name", got ${describe(name)}`)
  }
  const label = `plugin "${name}"`
  const unknown = Object.keys(rest)
  if (unknown.length > 0) {
    throw new ConfigurationError(`${label} has unknown option(s) ${unknown.map((k) => `"${k}"`).join(', ')}`)
  }
  if (typeof handler !== 'function') {
    throw new ConfigurationError(`${label} has no handler function`)
  }
  if (!Array.isArray(triggers) || triggers.length === 0) {
    throw new ConfigurationError(`${label} needs a non-empty "triggers" array`)
  }
  const sources = new Set<TriggerSource>()
  for (const pattern of triggers) {
    const expanded = expandPattern(pattern)
    if (typeof expanded === 'string') throw new ConfigurationError(`${label}: ${expanded}`)
    for (const source of expanded) sources.add(source)
  }
  if (failOpen !== undefined && typeof failOpen !== 'boolean') {
    throw new ConfigurationError(`${label}: "failOpen" must be a boolean, got ${describe(failOpen)}`)
  }
  if (failOpen === true) {
    const uncommitted = [...sources].filter((source) => !TRIGGERS[source].committed)
    if (uncommitted.length > 0) {
      throw new ConfigurationError(
        `${label}: failOpen is only allowed on PostConfirmation and PostAuthentication triggers, ` +
          `whose state Cognito has already committed; it would let ${uncommitted.join(', ')} through on error`,
      )
    }
  }
  checkSideEffects(sideEffects, sources, label)
  return [...sources]
}

const checkSideEffects = (sideEffects: unknown, sources: ReadonlySet<TriggerSource>, label: string): void => {
  if (sideEffects === undefined || typeof sideEffects === 'boolean') return
  if (!Array.isArray(sideEffects) || sideEffects.length === 0) {
    throw new ConfigurationError(`${label}: "sideEffects" must be a boolean or a non-empty array of trigger patterns, got ${describe(sideEffects)}`)
  }
  for (const pattern of sideEffects) {
    const expanded = expandPattern(pattern)
    if (typeof expanded === 'string') throw new ConfigurationError(`${label}: "sideEffects": ${expanded}`)
    const foreign = expanded.filter((source) => !sources.has(source))
    if (foreign.length > 0) {
      throw new ConfigurationError(`${label}: "sideEffects" names ${foreign.join(', ')}, which the plugin does not handle`)
    }
  }
}

/**
 * Whether `plugin` declares side effects on `source` (see {@link PluginDefinition.sideEffects}).
 *
 * @example
 * ```ts
 * hasSideEffects(emailOtp(options), 'CreateAuthChallenge_Authentication') // true
 * hasSideEffects(emailOtp(options), 'DefineAuthChallenge_Authentication') // false
 * ```
 */
export const hasSideEffects = (plugin: Pick<AnyPlugin, 'sideEffects'>, source: TriggerSource): boolean => {
  const { sideEffects } = plugin
  if (typeof sideEffects !== 'object') return sideEffects === true
  return sideEffects.some((pattern) => {
    const expanded = expandPattern(pattern)
    return typeof expanded !== 'string' && expanded.includes(source)
  })
}
