// -- plugin contract -------------------------------------------------------------------------
// What every plugin must do, checked the same way for built-in and user plugins: run through a
// real router, the reply is a valid echo or a fail-closed rejection; a retried invocation (Cognito
// retries on timeout) behaves the same; no secret of the event reaches a log line or the user;
// and the plugin leaves `event.request` alone.

import { isDeepStrictEqual } from 'node:util'
import type { Context } from 'aws-lambda'
import { TRIGGERS, type TriggerSource } from '../catalogue.js'
import { TriggerRejectedError } from '../errors.js'
import type { Logger } from '../logger.js'
import { validatePlugin, type AnyPlugin } from '../plugin.js'
import { collectSecrets, DEFAULT_SECRET_PATHS } from '../redaction.js'
import { isPlainObject, type JsonObject } from '../response.js'
import { createRouter } from '../router.js'
import { createEvent } from './events.js'

/** Options of {@link checkPluginContract} and {@link describePluginContract}. */
export interface ContractOptions {
  /** Events to try for a source; default: one realistic event per source the plugin handles. */
  events?: Partial<Record<TriggerSource, readonly JsonObject[]>>
  /** Runs before every invocation, e.g. to reset AWS SDK client mocks. */
  beforeEach?: () => void | Promise<void>
  /** Check only these sources; default: every source the plugin handles. */
  sources?: readonly TriggerSource[]
}

/** One contract violation, with the source and rule it broke. */
export interface ContractViolation {
  readonly source: TriggerSource
  readonly rule: 'echo' | 'retry' | 'secrets' | 'request'
  readonly detail: string
}

// Credentials, not contact data: an email in the user's own ID token is fine, a password in a
// reply field that goes back to the client is not.
const CREDENTIAL_PATHS = [
  'event.request.password',
  'event.request.challengeAnswer',
  'event.request.privateChallengeParameters',
  'event.request.code',
  'event.request.attributes.tokenResponse',
] as const

const context = (): Context =>
  ({
    awsRequestId: 'contract-0000',
    functionName: 'contract',
    getRemainingTimeInMillis: () => 4000,
  }) as Context

const capture = (): Logger & { lines: string[] } => {
  const lines: string[] = []
  const at = (level: string) => (message: string, attributes?: Record<string, unknown>) => {
    lines.push(JSON.stringify({ level, message, attributes }))
  }
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }
}

type Outcome = { reply: unknown } | { rejection: string }

const invoke = async (plugin: AnyPlugin, event: JsonObject, logger: Logger): Promise<Outcome> => {
  const router = createRouter({ plugins: [plugin], logger, logging: { eventLevel: 'info' } })
  try {
    return { reply: await router(structuredClone(event), context()) }
  } catch (error) {
    return { rejection: error instanceof TriggerRejectedError ? error.message : `non-rejection ${String(error)}` }
  }
}


/**
 * Runs the contract against a plugin and returns every violation (empty when it passes).
 *
 * @example
 * ```ts
 * const violations = await checkPluginContract(myPlugin)
 * expect(violations).toStrictEqual([])
 * ```
 */
export const checkPluginContract = async (plugin: AnyPlugin, options: ContractOptions = {}): Promise<ContractViolation[]> => {
  const violations: ContractViolation[] = []
  for (const source of options.sources ?? validatePlugin(plugin)) {
    for (const event of options.events?.[source] ?? [createEvent(source) as unknown as JsonObject]) {
      const fail = (rule: ContractViolation['rule'], detail: string) => violations.push({ source, rule, detail })
      const secrets = collectSecrets(event, DEFAULT_SECRET_PATHS)
      const credentials = collectSecrets(event, CREDENTIAL_PATHS)

      await options.beforeEach?.()
      const logger = capture()
      const first = await invoke(plugin, event, logger)
      if ('reply' in first) {
        const problem = echoProblem(event, first.reply)
        if (problem) fail('echo', problem)
      } else if (first.rejection.startsWith('non-rejection')) {
        fail('echo', `rejected with something other than a TriggerRejectedError: ${first.rejection}`)
      }

      await options.beforeEach?.()
      const second = await invoke(plugin, event, capture())
      if (!isDeepStrictEqual(first, second)) fail('retry', 'a retried invocation (Cognito retries on timeout) gave a different outcome')

      const leaked = secrets.filter((secret) => logger.lines.some((line) => line.includes(secret)) || ('rejection' in first && first.rejection.includes(secret)))
      if (leaked.length > 0) fail('secrets', `${leaked.length} secret value(s) of the event reached a log line or the user`)
      const reply = 'reply' in first && isPlainObject(first.reply) ? JSON.stringify(first.reply.response ?? null) : ''
      if (credentials.some((secret) => reply.includes(secret))) fail('secrets', 'a credential of the event was copied into the response')

      await options.beforeEach?.()
      const copy = structuredClone(event) as JsonObject & { request: JsonObject }
      const before = structuredClone(copy.request)
      try {
        await (plugin.handler as (event: unknown, context: unknown) => unknown)(copy, {
          signal: new AbortController().signal,
          logger: capture(),
          lambdaContext: context(),
          remainingTimeInMillis: () => 3000,
        })
      } catch {
        // Throwing is allowed; the router turns it into a rejection (checked above).
      }
      if (!isDeepStrictEqual(before, copy.request)) fail('request', 'the plugin modified event.request; write to event.response or return a patch')
    }
  }
  return violations
}

const echoProblem = (event: JsonObject, reply: unknown): string | undefined => {
  if (!isPlainObject(reply)) return 'the reply is not an event object'
  for (const key of Object.keys(event)) {
    if (key !== 'response' && !isDeepStrictEqual(event[key], reply[key])) return `the reply changed the envelope field "${key}"`
  }
  const source = event.triggerSource as TriggerSource
  if (TRIGGERS[source].invocation === 'sync' && !isPlainObject(reply.response)) return 'the reply has no response object'
  return undefined
}
