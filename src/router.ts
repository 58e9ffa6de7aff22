// -- router --------------------------------------------------------------------------------
// One Lambda for every trigger slot: dispatch on `event.triggerSource` to the plugins that
// registered for it, in registration order, and merge what they return. The guarantees (echo,
// fail closed, deadline, logging, reply validation) are the steps of the standalone middlewares,
// run here in one explicit order by one middleware and the handler, on one Invocation:
//
//   before   event line -> check the event, copy it for plugins -> start the deadline
//   handler  plugins, each result checked against the deadline as it settles -> merge once
//            -> build the reply once (plain JSON data) -> validate it -> return it
//   after    (only when you added middleware: rebuild and validate what it left) -> reply line
//   onError  error line -> fail closed

import middy, { type MiddlewareObj, type MiddyfiedHandler, type Request } from '@middy/core'
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
import type { IdempotencyOptions } from './idempotency/options.js'
import { lazyIdempotencyRunner } from './idempotency/lazy.js'
import type { IdempotencyOutcome, IdempotencyRunner, IdempotentRun } from './idempotency/run.js'
import { Invocation, invocationOf, type PluginRun, type RunningDeadline } from './invocation.js'
import { cloneJson, isPlainObject, type JsonObject } from './json.js'
import { jsonLogger, loggerProblem, type Logger } from './logger.js'
import { emptyMergeState, mergePatch, type MergeState } from './merge.js'
import { isDeadlineHit } from './metrics/deadline-hit.js'
import { resolveMetricsOptions, type MetricsOptions } from './metrics/options.js'
import { metricsRecorder } from './metrics/recorder.js'
import type { MetricsRecorder } from './metrics/recorder.js'
import { cognitoDeadlineValidateOptions, lambdaRemainingOf, startDeadline } from './middleware/deadline.js'
import { beginEnvelope, buildReply, type CognitoEnvelope } from './middleware/envelope.js'
import { cognitoFailClosedValidateOptions, DEFAULT_ERROR_MESSAGE, failClosedStep } from './middleware/fail-closed.js'
import { loggingSteps, type CognitoLoggingOptions } from './middleware/logging.js'
import { validateInvocationReply } from './middleware/reply-validation.js'
import { validatePlugin, type AnyPlugin, type PluginContext } from './plugin.js'
import { PluginLogger } from './plugin-logger.js'
import { resolveRedaction, type ResolvedRedaction } from './redaction/paths.js'
import { applyPatch, toPatch } from './response.js'

export type { PluginRun } from './invocation.js'

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
  /**
   * Per plugin and triggerSource: invocations, duration, failures, fail-opens and deadline hits, in
   * CloudWatch Embedded Metric Format (README "Metrics"). Off by default; `true` for the defaults.
   */
  metrics?: boolean | MetricsOptions
  /**
   * Run each plugin that declares `sideEffects` at most once per Cognito request, whatever Cognito
   * or Lambda retries: a repeat gets the first run's result. Off by default; see the README's
   * "Retries and side effects".
   */
  idempotency?: IdempotencyOptions
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
  /**
   * Adds your own middleware, typed for any event as in middy; see the README's "Guarantees"
   * for what its hooks see.
   */
  use(middlewares: RouterMiddleware | RouterMiddleware[]): CognitoRouter
  use(middlewares: TypedMiddleware | TypedMiddleware[]): CognitoRouter
}

// Hooks written inline see the event and the reply as `unknown`; a middleware typed for one event
// is accepted too (`never` where middy has `any`).
type RouterMiddleware = MiddlewareObj<unknown, unknown, Error, Context>
type TypedMiddleware = MiddlewareObj<never, never, Error, Context>

const OPTION_KEYS = new Set(['plugins', 'deadlineMs', 'logger', 'logging', 'errorMessage', 'metrics', 'idempotency'])
// Kept free before the Lambda's own timeout, to send the rejection (as cognitoDeadline's default).
const SAFETY_MARGIN_MS = 100

/**
 * Creates the router. The returned handler is ready to export as a Lambda handler and to attach
 * to every trigger slot of a user pool.
 *
 * Middleware you add with `router.use()` runs around the plugins: its `before` hooks see the
 * plugins' copy of the event, and its `after` hooks see `request.response` as the reply Cognito
 * gets, the whole event with its response filled in. Whatever an `after` hook leaves there is
 * echoed and validated again before it is sent; an `onError` hook cannot let a failed invocation
 * through.
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
  // Checked now; the runner's code is imported now but awaited by the first protected run, and
  // nothing of the store is loaded before that run (src/idempotency/lazy.ts).
  const idempotency = lazyIdempotencyRunner(options.idempotency, options.plugins)
  const budgetMs = options.deadlineMs ?? 3000
  cognitoDeadlineValidateOptions({ budgetMs })
  cognitoFailClosedValidateOptions(options.errorMessage === undefined ? {} : { errorMessage: options.errorMessage })
  // One redaction for every step: the invocation collects its secrets once for this path list.
  const redaction = resolveRedaction(options.logging?.redact)
  const logging = loggingSteps({ ...options.logging, logger }, redaction)
  const rejectionOf = failClosedStep(options.errorMessage ?? DEFAULT_ERROR_MESSAGE, redaction)
  const resolvedMetrics = resolveMetricsOptions(options.metrics)
  // Powertools and the writer are imported now, awaited at the end of the first request with runs.
  const metrics = resolvedMetrics && metricsRecorder(resolvedMetrics, logger)

  // The handler receives only the event: it finds its invocation by the copy the before step
  // made, among the invocations in flight. The handler takes its entry out; the end of the request
  // takes out one the handler never reached (a hook answered early, or threw). A Map, not a
  // WeakMap: measured, a WeakMap keyed by a fresh object per invocation made garbage collection
  // several times costlier, as ephemerons must be traced again on every collection.
  const invocations = new Map<object, Invocation>()
  // The usual case, one invocation in flight at a time (a Lambda environment serves one request at
  // a time), is handed over in this slot instead: a Map entry added and taken out per invocation
  // makes the Map grow and shrink its table every time. A second invocation that starts while the
  // slot is taken (concurrent calls in one process) goes through the Map.
  let slotEvent: object | undefined
  let slotInvocation: Invocation | undefined
  // Set once middleware is added: its after hooks may change the reply.
  let extended = false

  const startDeadlineOf = (invocation: Invocation): RunningDeadline => {
    return (invocation.deadline = startDeadline(budgetMs, lambdaRemainingOf(invocation.context), SAFETY_MARGIN_MS))
  }

  const routerBefore = (request: Request): void => {
    const invocation = invocationOf(request)
    logging.eventLine(request, invocation)
    const copy = beginEnvelope(invocation)
    startDeadlineOf(invocation)
    if (slotEvent === undefined) {
      slotEvent = copy
      slotInvocation = invocation
    } else invocations.set(copy, invocation)
    request.event = copy
  }

  const routerAfter = (request: Request): void => {
    const invocation = invocationOf(request)
    invocation.deadline?.stop()
    if (extended) {
      // An after hook may have changed the reply, or replaced it: echo and validate what it left
      // (nothing left there echoes the event unchanged).
      validateInvocationReply(invocation, buildReply(invocation, request.response, undefined))
    }
    request.response = invocation.reply
    logging.replyLine(request, invocation, invocation.reply, 'after', runsOf(invocation))
  }

  const routerOnError = (request: Request): void => {
    const invocation = invocationOf(request)
    invocation.deadline?.stop()
    logging.errorLine(request, invocation, request.error, runsOf(invocation))
    request.error = rejectionOf(invocation, request.error)
    // An onError hook added with use() may have set a response, which middy treats as "handled".
    request.response = undefined
  }

  // The invocation the before step made for `copy`, taken out of the slot or the Map.
  const takeInvocation = (copy: object): Invocation | undefined => {
    if (copy === slotEvent) {
      const taken = slotInvocation
      slotEvent = slotInvocation = undefined
      return taken
    }
    const taken = invocations.get(copy)
    invocations.delete(copy)
    return taken
  }

  const dispatch = dispatcher(table, logger, () => !logging.repliesLogged(), redaction, metrics, idempotency)

  const cognitoRouterHandler = async (event: unknown, context: Context): Promise<JsonObject> => {
    let invocation = takeInvocation(event as object)
    const detached = invocation === undefined
    if (invocation === undefined) {
      // A middleware added with use() replaced the event: the plugins see a copy of that one,
      // and the after step echoes the event as it arrived.
      invocation = new Invocation(event, context)
      beginEnvelope(invocation)
      startDeadlineOf(invocation)
    }
    try {
      const patch = await dispatch(invocation, invocation.event as CognitoEnvelope)
      const reply = buildReply(invocation, patch, undefined)
      validateInvocationReply(invocation, reply)
      // Middleware added with use() gets a copy: what its after hooks do to it cannot reach the
      // event as it arrived, which the after step echoes again.
      return extended ? cloneJson(reply) : reply
    } finally {
      if (detached) invocation.deadline?.stop()
    }
  }

  const core: MiddlewareObj = { before: routerBefore, after: routerAfter, onError: routerOnError }
  // The end of every request, once the reply or the rejection is decided: the metrics of its runs.
  const requestEnd = (request: Request): Promise<void> | undefined => {
    takeInvocation(invocationOf(request).event as object)
    return metrics?.flush()
  }
  // middy's own early timeout is off: the router's deadline already ends the handler before the
  // Lambda's timeout (clamped to its remaining time minus SAFETY_MARGIN_MS) and fails closed,
  // and middy's would cost every invocation a timer, a promise and a race.
  const router = middy<unknown, unknown, Error, Context>(cognitoRouterHandler, { requestEnd, timeoutEarlyInMillis: 0 }).use(core)
  // Every way of adding middleware marks the router extended; each still returns the router.
  for (const method of ['use', 'before', 'after', 'onError'] as const) {
    const add = router[method] as (middleware: unknown) => unknown
    router[method] = ((middleware: unknown) => {
      extended = true
      add(middleware)
      return router
    }) as never
  }
  return router as unknown as CognitoRouter
}

const runsOf = (invocation: Invocation): Record<string, unknown> | undefined =>
  invocation.runs === undefined ? undefined : { plugins: invocation.runs }

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

// The plugins that ran go on the reply line, or on the error line; a line of their own only
// when the reply line is not written, so that a routed invocation logs what a hand-written one does.
// That line and the unknown-source warning are written unscrubbed: besides the correlation fields
// (the line's own, never masked) they hold only plugin names, outcomes and timings, nothing of the
// event, so collecting the event's secrets for them would cost every invocation and change nothing.
const dispatcher =
  (
    table: Table,
    logger: Logger,
    ownLine: () => boolean,
    redaction: ResolvedRedaction,
    metrics: MetricsRecorder | undefined,
    idempotency: IdempotencyRunner | undefined,
  ) =>
  async (invocation: Invocation, event: CognitoEnvelope): Promise<JsonObject> => {
    const source = event.triggerSource
    const trigger = isTriggerSource(source) ? TRIGGERS[source] : undefined
    const plugins = trigger && table.get(trigger.source)
    if (trigger === undefined) {
      // Cognito adds sources over time; an unchanged event means "default behaviour"
      // ("Customizing user pool workflows with Lambda triggers", Amazon Cognito developer guide).
      logger.warn('unknown triggerSource echoed unchanged', { triggerSource: source, requestId: invocation.fields.requestId })
      return {}
    }
    if (plugins === undefined) {
      if (trigger.requiresPlugin) throw new MissingSenderPluginError(source)
      return {}
    }
    const deadline = invocation.deadline as RunningDeadline
    // The first plugin is shown the response as it arrived (the copy it holds is equal); later
    // ones the response so far, each in a copy of its own.
    const incoming = (invocation.arrived as CognitoEnvelope).response
    const runs: PluginRun[] = (invocation.runs = [])
    let state: MergeState = emptyMergeState()
    let failed = true
    try {
      for (const plugin of plugins) {
        const shown = runs.length === 0 ? incoming : applyPatch(incoming, state.patch)
        if (runs.length > 0) event.response = cloneJson(shown)
        const context = new RoutedPluginContext(invocation, plugin.name, logger, redaction)
        const started = performance.now()
        // Made only for a protected run: what idempotency did, for the run's log entry.
        let idempotent: { outcome?: IdempotencyOutcome } | undefined
        try {
          let patch: JsonObject
          if (idempotency?.protects(plugin, trigger.source) === true) {
            // At most once per Cognito request (src/idempotency/run.ts). The run itself is raced, not
            // the plugin inside it: at the deadline the attempt fails closed, and the record is still
            // completed (or deleted) when the plugin settles, so a later retry replays a send that got through.
            idempotent = {}
            patch = await deadline.race(idempotency.run(protectedStep(plugin, invocation, event, context, shown, idempotent)), plugin.name)
          } else {
            let result: unknown = plugin.handler(event as never, context)
            // A synchronous result needs no timer; one that came after the budget still fails, and so
            // does a promise that settles after it (race() asks the clock when it settles).
            if (isThenable(result) || deadline.expired()) {
              result = await deadline.race(Promise.resolve(result), plugin.name)
            }
            patch = patchOf(plugin, result, shown, event)
          }
          state = mergePatch(state, patch, trigger, plugin.name)
          runs.push(pluginRun(plugin.name, started, 'ok', idempotent?.outcome))
        } catch (error) {
          const deadlineHit = isDeadlineHit(error) ? DEADLINE_HIT : undefined
          if (plugin.failOpen === true && !(error instanceof MergeConflictError)) {
            runs.push({ ...pluginRun(plugin.name, started, 'failed-open', idempotent?.outcome), ...deadlineHit })
            context.logger.error('plugin failed; failOpen, so the event is still echoed', { error: summarize(error) })
            continue
          }
          runs.push({ ...pluginRun(plugin.name, started, 'failed', idempotent?.outcome), ...deadlineHit })
          throw error instanceof CognitoTriggerRouterError ? error : new PluginError(plugin.name, error)
        }
      }
      failed = false
    } finally {
      // A failure's runs go on the error line, which is always written.
      if (!failed && ownLine()) logger.info('cognito trigger dispatched', { ...invocation.fields, plugins: runs })
      metrics?.record(trigger.source, runs)
    }
    return state.patch
  }

// One protected run as src/idempotency/run.ts takes it. A function of its own, so that the
// closures it makes (and the scope they hold) are made only for a protected run, not for every
// plugin's run.
const protectedStep = (
  plugin: AnyPlugin,
  invocation: Invocation,
  event: CognitoEnvelope,
  context: RoutedPluginContext,
  shown: unknown,
  idempotent: { outcome?: IdempotencyOutcome },
): IdempotentRun => ({
  plugin,
  event: invocation.arrived,
  deadline: invocation.deadline as RunningDeadline,
  execute: async () => patchOf(plugin, await plugin.handler(event as never, context), shown, event),
  note: (outcome: IdempotencyOutcome) => void (idempotent.outcome = outcome),
  logger: () => context.logger,
})

// What a plugin's result changes in the response, or InvalidReplyError.
const patchOf = (plugin: AnyPlugin, result: unknown, shown: unknown, event: CognitoEnvelope): JsonObject => {
  const outcome = toPatch(result, shown, event.response)
  if (outcome.kind === 'invalid') {
    throw new InvalidReplyError('plugin.result', '', `plugin "${plugin.name}" ${outcome.reason}`)
  }
  return outcome.patch
}

const pluginRun = (plugin: string, started: number, outcome: PluginRun['outcome'], idempotency: IdempotencyOutcome | undefined): PluginRun =>
  idempotency === undefined ? { plugin, ms: elapsed(started), outcome } : { plugin, ms: elapsed(started), outcome, idempotency }

// Getters on the prototype: most plugins use neither the signal nor the logger, and building
// the logger costs several allocations, so it is made on first use.
class RoutedPluginContext implements PluginContext {
  readonly #invocation: Invocation
  readonly #plugin: string
  readonly #base: Logger
  readonly #redaction: ResolvedRedaction
  #logger: PluginLogger | undefined
  constructor(invocation: Invocation, plugin: string, base: Logger, redaction: ResolvedRedaction) {
    this.#invocation = invocation
    this.#plugin = plugin
    this.#base = base
    this.#redaction = redaction
  }
  get lambdaContext(): Context {
    return this.#invocation.context
  }
  get signal(): AbortSignal {
    return (this.#invocation.deadline as RunningDeadline).signal
  }
  get logger(): Logger {
    return (this.#logger ??= new PluginLogger(this.#base, this.#invocation, this.#plugin, this.#redaction))
  }
  get remainingTimeInMillis(): () => number {
    return (this.#invocation.deadline as RunningDeadline).remainingTimeInMillis
  }
}

const DEADLINE_HIT = { deadline: true } as const

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  (typeof value === 'object' || typeof value === 'function') &&
  value !== null &&
  typeof (value as { then?: unknown }).then === 'function'

const elapsed = (started: number): number => Math.round((performance.now() - started) * 100) / 100
