// -- router --------------------------------------------------------------------------------
// One Lambda for every trigger slot: dispatch on `event.triggerSource` to the plugins that
// registered for it, in registration order, and merge what they return. The guarantees
// (echo, fail closed, deadline, logging, reply validation) are middy middleware around it.

import middy, { type MiddyfiedHandler } from '@middy/core'
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
import { childLogger, isLogger, jsonLogger, type Logger } from './logger.js'
import { emptyMergeState, mergePatch, type MergeState } from './merge.js'
import { cognitoDeadline, startDeadline, type Deadline, type DeadlineContext } from './middleware/deadline.js'
import { assertTriggerEvent, cognitoEnvelope } from './middleware/envelope.js'
import { cognitoFailClosed } from './middleware/fail-closed.js'
import { cognitoLogging, type CognitoLoggingOptions } from './middleware/logging.js'
import { cognitoReplyValidation } from './middleware/reply-validation.js'
import { validatePlugin, type AnyPlugin, type PluginContext } from './plugin.js'
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

/** The router: a middy handler, so `.use()` adds your own middleware. */
export type CognitoRouter = MiddyfiedHandler<unknown, unknown, Error, Context>

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
  if (options.logger !== undefined && !isLogger(options.logger)) {
    throw new ConfigurationError('createRouter: "logger" must have debug, info, warn and error methods')
  }
  const logger = options.logger ?? jsonLogger()
  const table = buildTable(options.plugins)

  // Middleware order matters in middy: `onError` and `after` hooks run in reverse. Fail-closed
  // goes first so its onError runs last; validation before the envelope so it sees the echo.
  const redaction = resolveRedaction(options.logging?.redact)

  return middy<unknown, unknown, Error, Context>(dispatcher(table, logger, redaction))
    .use(cognitoFailClosed(options.errorMessage === undefined ? {} : { errorMessage: options.errorMessage }))
    .use(cognitoLogging({ ...options.logging, logger }))
    .use(cognitoReplyValidation())
    .use(cognitoEnvelope())
    .use(cognitoDeadline({ budgetMs: options.deadlineMs ?? 3000, rejectLate: false }))
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

const dispatcher = (table: Table, logger: Logger, redaction: ResolvedRedaction) =>
  async function cognitoRouterDispatch(event: unknown, context: Context): Promise<JsonObject | undefined> {
    // The envelope middleware has checked this already; checking again keeps the core safe
    // even if someone rebuilds the pipeline without it.
    assertTriggerEvent(event)
    const source = event.triggerSource
    const trigger = isTriggerSource(source) ? TRIGGERS[source] : undefined
    const plugins = trigger && table.get(trigger.source)
    if (trigger === undefined) {
      // Cognito adds sources over time; an unchanged event means "default behaviour" (§0 rule 2).
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
    let state: MergeState = emptyMergeState()
    const arrived = collectSecrets(event, redaction.secretPaths)
    const callerContext = isPlainObject(event.callerContext) ? event.callerContext : {}
    const base = {
      triggerSource: source,
      userPoolId: event.userPoolId,
      clientId: callerContext.clientId,
      requestId: context.awsRequestId,
    }
    try {
      for (const plugin of plugins) {
        const shown = applyPatch(incoming, state.patch)
        event.response = cloneJson(shown)
        let pluginLogger: Logger | undefined
        const loggerOf = (): Logger =>
          (pluginLogger ??= scrubbingLogger(
            childLogger(logger, { ...base, plugin: plugin.name }),
            // The secrets as the event arrived (a plugin may delete the password, then log it),
            // and whatever the plugins have written into it since.
            () => [...new Set([...arrived, ...collectSecrets(event, redaction.secretPaths)])],
            redaction.mask,
          ))
        const started = performance.now()
        try {
          let result: unknown = plugin.handler(event as never, pluginContext(deadline, loggerOf, context))
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
    } finally {
      logger.info('cognito trigger dispatched', { ...base, plugins: runs })
    }
    event.response = incoming
    return state.patch
  }

// Getters: most plugins use neither the signal nor the logger, and each costs an allocation.
const pluginContext = (deadline: Deadline, loggerOf: () => Logger, lambdaContext: Context): PluginContext => ({
  get signal() {
    return deadline.signal
  },
  get logger() {
    return loggerOf()
  },
  lambdaContext,
  remainingTimeInMillis: deadline.remainingTimeInMillis,
})

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  (typeof value === 'object' || typeof value === 'function') &&
  value !== null &&
  typeof (value as { then?: unknown }).then === 'function'

const elapsed = (started: number): number => Math.round((performance.now() - started) * 100) / 100
