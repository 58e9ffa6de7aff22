// -- router --------------------------------------------------------------------------------
// One Lambda for every trigger slot: dispatch on `event.triggerSource` to the plugins that
// registered for it, in registration order, and merge what they return. The guarantees
// (echo, fail closed, deadline, logging, reply validation) are middy middleware around it.

import middy, { type MiddlewareObj, type MiddyfiedHandler } from '@middy/core'
import type { Context } from 'aws-lambda'
import { isTriggerSource, TRIGGERS, type TriggerSource } from './catalogue.js'
import {
  CognitoTriggerRouterError,
  ConfigurationError,
  InvalidReplyError,
  MergeConflictError,
  MissingSenderPluginError,
  PluginError,
  summarize,
} from './errors.js'
import { childLogger, isLevelEnabled, jsonLogger, loggerProblem, type Logger } from './logger.js'
import { emptyMergeState, mergePatch, type MergeState } from './merge.js'
import { cognitoDeadline, startDeadline, type Deadline, type DeadlineContext } from './middleware/deadline.js'
import { arrivedEventOf, assertTriggerEvent, cognitoEnvelope } from './middleware/envelope.js'
import { cognitoFailClosed } from './middleware/fail-closed.js'
import { cognitoLogging, type CognitoLoggingOptions } from './middleware/logging.js'
import { cognitoReplyValidation } from './middleware/reply-validation.js'
import { validatePlugin, type AnyPlugin, type PluginContext } from './plugin.js'
import type { Request } from '@middy/core'
import { resolveRedaction, type ResolvedRedaction } from './redaction/paths.js'
import { collectSecrets } from './redaction/secrets.js'
import { scrubbingLogger } from './redaction/scrub.js'
import { applyPatch, cloneJson, isPlainObject, toPatch, type JsonObject } from './response.js'

/** Options of {@link createRouter}. Every mistake throws a ConfigurationError at cold start. */
export interface RouterOptions {
  /** Plugins made with `definePlugin`, run in this order when several handle one source. */
  plugins: readonly AnyPlugin[]
  /** Time budget per invocation in ms, below Cognito's 5000 and clamped to the Lambda's remaining time. Default 3000. */
  deadlineMs?: number
  /** Where log lines go. Default: JSON lines on stdout/stderr, level from AWS_LAMBDA_LOG_LEVEL or LOG_LEVEL. */
  logger?: Logger
  /** Event/reply logging and redaction; see `cognitoLogging`. `logger` here is ignored in favour of the router's. */
  logging?: Omit<CognitoLoggingOptions, 'logger'>
  /** Generic message for internal errors; must contain `{requestId}`. */
  errorMessage?: string
}

/**
 * The router: a middy handler, so `.use()` adds your own middleware. Called with an event, it
 * resolves to a value of that event's type: the reply is the event with its `response` filled in.
 *
 * @example
 * ```ts
 * const reply = await router(createEvent('PreSignUp_SignUp'), context)
 * reply.response.autoConfirmUser // boolean, no cast
 * ```
 */
export interface CognitoRouter extends Omit<MiddyfiedHandler<unknown, unknown, Error, Context>, 'use'> {
  <E>(event: E, context: Context): Promise<E>
  /** Adds your own middleware; see the README's "Guarantees" for what its hooks see. */
  use(middlewares: MiddlewareObj<unknown, unknown, Error, Context> | MiddlewareObj<unknown, unknown, Error, Context>[]): CognitoRouter
}

/** One plugin's part in one invocation, as logged. */
export interface PluginRun {
  readonly plugin: string
  readonly ms: number
  readonly outcome: 'ok' | 'failed' | 'failed-open'
}

const OPTION_KEYS = new Set(['plugins', 'deadlineMs', 'logger', 'logging', 'errorMessage'])

/**
 * Creates the router. The returned handler is ready to export as a Lambda handler and to attach
 * to every trigger slot of a user pool.
 *
 * @example
 * ```ts
 * import { createRouter, definePlugin, UserFacingError } from 'cognito-trigger-router'
 *
 * const onlyCompanyEmails = definePlugin({
 *   name: 'only-company-emails',
 *   triggers: ['PreSignUp_*'],
 *   handler: (event) => {
 *     if (!event.request.userAttributes.email?.endsWith('@example.com')) {
 *       throw new UserFacingError('Please sign up with your company email address')
 *     }
 *   },
 * })
 *
 * export const handler = createRouter({ plugins: [onlyCompanyEmails] })
 * ```
 */
export const createRouter = (options: RouterOptions): CognitoRouter => {
  if (!isPlainObject(options)) throw new ConfigurationError('createRouter needs an options object with "plugins"')
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.has(key)) throw new ConfigurationError(`createRouter: unknown option "${key}"`)
  }
  const problem = options.logger === undefined ? undefined : loggerProblem(options.logger)
  if (problem !== undefined) throw new ConfigurationError(`createRouter: "logger" ${problem}`)
  const logger = options.logger ?? jsonLogger()
  const table = buildTable(options.plugins)

  // Middleware order matters in middy: `onError` and `after` hooks run in reverse. Fail-closed
  // goes first so its onError runs last; validation before the envelope so it sees the echo.
  const redaction = resolveRedaction(options.logging?.redact)
  const { logEvents = true, eventLevel = 'debug', annotate } = options.logging ?? {}
  // The plugins that ran go on the reply line, or on the error line; a line of their own only
  // when the reply line is not written, so that a routed invocation logs what a hand-written one does.
  const replyLogged = (): boolean => logEvents && isLevelEnabled(logger, eventLevel)
  const withRuns = (request: Request): Record<string, unknown> | undefined => {
    const runs = isPlainObject(request.event) ? runsOf(request.event) : undefined
    const extra = annotate?.(request)
    return runs === undefined ? extra : { plugins: runs, ...extra }
  }

  const router = middy<unknown, unknown, Error, Context>(dispatcher(table, logger, redaction, replyLogged))
    .use(
      cognitoFailClosed({
        ...(options.errorMessage === undefined ? {} : { errorMessage: options.errorMessage }),
        ...(options.logging?.redact === undefined ? {} : { redact: options.logging.redact }),
      }),
    )
    .use(cognitoLogging({ ...options.logging, logger, annotate: withRuns }))
    .use(cognitoReplyValidation())
    .use(cognitoEnvelope())
    .use(cognitoDeadline({ budgetMs: options.deadlineMs ?? 3000, rejectLate: false }))
  return router as CognitoRouter
}

type Table = ReadonlyMap<TriggerSource, readonly AnyPlugin[]>

const buildTable = (plugins: unknown): Table => {
  if (!Array.isArray(plugins)) throw new ConfigurationError('createRouter: "plugins" must be an array of plugins')
  const table = new Map<TriggerSource, AnyPlugin[]>()
  const names = new Map<string, number>()
  plugins.forEach((plugin: AnyPlugin, position) => {
    const sources = validatePlugin(plugin, position)
    const first = names.get(plugin.name)
    if (first !== undefined) {
      throw new ConfigurationError(`plugin "${plugin.name}" is registered twice (plugins[${first}] and plugins[${position}])`)
    }
    names.set(plugin.name, position)
    for (const source of sources) table.set(source, [...(table.get(source) ?? []), plugin])
  })
  return table
}

// The runs of one invocation, on the handler's copy of the event, for the logging middleware's
// reply and error lines. Non-enumerable under a symbol: nothing serializes or copies it.
const RUNS = Symbol('cognito-trigger-router.runs')
const runsOf = (event: object): readonly PluginRun[] | undefined => (event as { [RUNS]?: PluginRun[] })[RUNS]

const dispatcher = (table: Table, logger: Logger, redaction: ResolvedRedaction, replyLogged: () => boolean) =>
  async function cognitoRouterDispatch(event: unknown, context: Context): Promise<JsonObject | undefined> {
    // The envelope middleware has checked this already; checking again keeps the core safe
    // even if someone rebuilds the pipeline without it.
    assertTriggerEvent(event)
    const source = event.triggerSource
    const trigger = isTriggerSource(source) ? TRIGGERS[source] : undefined
    const plugins = trigger && table.get(trigger.source)
    if (trigger === undefined) {
      // Cognito adds sources over time; an unchanged event means "default behaviour"
      // ("Customizing user pool workflows with Lambda triggers", Amazon Cognito developer guide).
      logger.warn('unknown triggerSource echoed unchanged', { triggerSource: source, requestId: context.awsRequestId })
      return undefined
    }
    if (plugins === undefined) {
      if (trigger.requiresPlugin) throw new MissingSenderPluginError(source)
      return undefined
    }
    const deadline = (context as Partial<DeadlineContext>).cognitoDeadline ?? startDeadline(3000)
    const incoming = event.response
    const runs: PluginRun[] = []
    Reflect.defineProperty(event, RUNS, { value: runs, configurable: true })
    let state: MergeState = emptyMergeState()
    // Plugin loggers scrub the secrets the event arrived with (a plugin may delete the password,
    // then log it). The envelope kept that event untouched, so they are collected only when a
    // plugin logs; without the envelope, the event is all there is, so they are collected now.
    const arrivedEvent = arrivedEventOf(event)
    let arrived = arrivedEvent === undefined ? collectSecrets(event, redaction.secretPaths) : undefined
    const secretsNow = (): string[] => {
      arrived ??= collectSecrets(arrivedEvent, redaction.secretPaths)
      return [...new Set([...arrived, ...collectSecrets(event, redaction.secretPaths)])]
    }
    let base: JsonObject | undefined
    const baseOf = (): JsonObject => {
      const callerContext = isPlainObject(event.callerContext) ? event.callerContext : {}
      return (base ??= { triggerSource: source, userPoolId: event.userPoolId, clientId: callerContext.clientId, requestId: context.awsRequestId })
    }
    let failed = true
    try {
      for (const plugin of plugins) {
        const shown = applyPatch(incoming, state.patch)
        event.response = cloneJson(shown)
        let pluginLogger: Logger | undefined
        const loggerOf = (): Logger =>
          (pluginLogger ??= scrubbingLogger(childLogger(logger, { ...baseOf(), plugin: plugin.name }), secretsNow, redaction.mask))
        const started = performance.now()
        try {
          let result: unknown = plugin.handler(event as never, new RoutedPluginContext(deadline, loggerOf, context))
          // A synchronous result needs no timer; one that came after the budget still fails.
          if (isThenable(result) || deadline.remainingTimeInMillis() === 0) {
            result = await deadline.race(Promise.resolve(result), plugin.name)
          }
          const outcome = toPatch(result, shown, event.response)
          if (outcome.kind === 'invalid') {
            throw new InvalidReplyError('plugin.result', '', `plugin "${plugin.name}" ${outcome.reason}`)
          }
          state = mergePatch(state, outcome.patch, trigger, plugin.name)
          runs.push({ plugin: plugin.name, ms: elapsed(started), outcome: 'ok' })
        } catch (error) {
          if (plugin.failOpen === true && !(error instanceof MergeConflictError)) {
            runs.push({ plugin: plugin.name, ms: elapsed(started), outcome: 'failed-open' })
            loggerOf().error('plugin failed; failOpen, so the event is still echoed', { error: summarize(error) })
            continue
          }
          runs.push({ plugin: plugin.name, ms: elapsed(started), outcome: 'failed' })
          throw error instanceof CognitoTriggerRouterError ? error : new PluginError(plugin.name, error)
        }
      }
      failed = false
    } finally {
      // A failure's runs go on the error line, which is always written.
      if (!failed && !replyLogged()) logger.info('cognito trigger dispatched', { ...baseOf(), plugins: runs })
    }
    event.response = incoming
    return state.patch
  }

// Getters on the prototype: most plugins use neither the signal nor the logger, and building
// either costs an allocation (the logger, several).
class RoutedPluginContext implements PluginContext {
  readonly #deadline: Deadline
  readonly #loggerOf: () => Logger
  readonly lambdaContext: Context
  constructor(deadline: Deadline, loggerOf: () => Logger, lambdaContext: Context) {
    this.#deadline = deadline
    this.#loggerOf = loggerOf
    this.lambdaContext = lambdaContext
  }
  get signal(): AbortSignal {
    return this.#deadline.signal
  }
  get logger(): Logger {
    return this.#loggerOf()
  }
  get remainingTimeInMillis(): () => number {
    return this.#deadline.remainingTimeInMillis
  }
}

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  (typeof value === 'object' || typeof value === 'function') &&
  value !== null &&
  typeof (value as { then?: unknown }).then === 'function'

const elapsed = (started: number): number => Math.round((performance.now() - started) * 100) / 100
