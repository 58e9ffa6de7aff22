// -- one invocation ---------------------------------------------------------------------------
// Everything one invocation knows, created once and read by every step: the event as it arrived,
// the copy handlers see, the deadline, the plugins that ran, the reply and the secrets. The router
// holds it in its own hooks; the standalone middlewares share it through `request.internal`,
// middy's per-request store for middlewares (see invocationOf).

import type { Request } from '@middy/core'
import type { Context } from 'aws-lambda'
import { isPlainObject, setOwn, type JsonObject } from './json.js'
import type { IdempotencyOutcome } from './idempotency/run.js'
import { scrubberFor, type Scrubber } from './redaction/scrub.js'
import { collectSecrets } from './redaction/secrets.js'

/** One plugin's part in one invocation, as logged. */
export interface PluginRun {
  readonly plugin: string
  readonly ms: number
  readonly outcome: 'ok' | 'failed' | 'failed-open'
  /** Present, and true, when the run failed because the time budget ran out (a DeadlineExceededError). */
  readonly deadline?: true
  /** With the router's `idempotency` option, for a plugin with side effects: what it did (src/idempotency/run.ts). */
  readonly idempotency?: IdempotencyOutcome
}

/**
 * The fields a reader of the log filters on, taken only when they are strings (a malformed event
 * has none). Every line of the invocation carries them as its own fields: never masked.
 */
export type CorrelationFields = {
  readonly triggerSource: string | undefined
  readonly userPoolId: string | undefined
  readonly clientId: string | undefined
  readonly requestId: string | undefined
}

/** The per-invocation deadline, as the steps use it. */
export interface RunningDeadline {
  readonly signal: AbortSignal
  readonly budgetMs: number
  remainingTimeInMillis(): number
  race<T>(work: Promise<T>, label?: string): Promise<T>
  stop(): void
  expired(): boolean
}

const stringOrUndefined = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined)

/** The state of one invocation. Made once, by the first step that runs, and never replaced. */
export class Invocation {
  /** The event exactly as it arrived. Nothing changes it; the reply echoes it. */
  readonly arrived: unknown
  readonly context: Context
  /** What handlers and plugins see: a copy of the event once the envelope step made one, else the event. */
  event: unknown
  deadline: RunningDeadline | undefined
  /** The plugins that ran, in order; undefined until the router dispatched to plugins. */
  runs: PluginRun[] | undefined
  /** The reply, once built: the event as it arrived, its response merged with what the handler set, as plain JSON data. */
  reply: JsonObject | undefined
  /** The part of the reply's response that differs from the response that arrived: what validation judges. */
  changed: JsonObject | undefined
  #fields: CorrelationFields | undefined
  #secretPaths: readonly string[] | undefined
  #secrets: readonly string[] = []
  #scrubber: Scrubber | undefined
  #scrubbed: readonly string[] = []

  constructor(event: unknown, context: Context) {
    this.arrived = event
    this.event = event
    this.context = context
  }

  /** `triggerSource`, `userPoolId`, `clientId` and `requestId` of the event as it arrived. */
  get fields(): CorrelationFields {
    if (this.#fields === undefined) {
      const event = isPlainObject(this.arrived) ? this.arrived : {}
      const caller = isPlainObject(event.callerContext) ? event.callerContext : {}
      this.#fields = {
        triggerSource: stringOrUndefined(event.triggerSource),
        userPoolId: stringOrUndefined(event.userPoolId),
        clientId: stringOrUndefined(caller.clientId),
        requestId: stringOrUndefined((this.context as { awsRequestId?: unknown } | undefined)?.awsRequestId),
      }
    }
    return this.#fields
  }

  /**
   * The secrets of the event as it arrived, at `paths`: collected once per invocation for a path
   * list (the router has one), so every line and the user message are checked against one set.
   */
  secretsAt(paths: readonly string[]): readonly string[] {
    if (paths !== this.#secretPaths) {
      this.#secrets = collectSecrets(this.arrived, paths)
      this.#secretPaths = paths
    }
    return this.#secrets
  }

  /**
   * The secrets as the event arrived, plus those `current` holds that the event did not (a one-time
   * code a plugin put into `privateChallengeParameters`, a password it wrote into its copy):
   * `current` is the reply once built, else the handler's copy of the event. When the handler had a
   * copy, the event as it arrived is untouched, so only the members of `current` that are not the
   * arrived event's own are searched: for the reply, just its response.
   */
  secretsNow(paths: readonly string[], current: unknown = this.reply ?? this.event): readonly string[] {
    const arrived = this.secretsAt(paths)
    if (!isPlainObject(current)) return arrived
    let scope: JsonObject = current
    if (this.event !== this.arrived && isPlainObject(this.arrived)) {
      scope = {}
      // for...in: no array of keys per line. `current` is plain JSON data (the reply, or a copy).
      for (const key in current) {
        if (Object.hasOwn(current, key) && current[key] !== (Object.hasOwn(this.arrived, key) ? this.arrived[key] : undefined)) {
          setOwn(scope, key, current[key])
        }
      }
    }
    const added = collectSecrets(scope, paths)
    return added.every((secret) => arrived.includes(secret)) ? arrived : [...new Set([...arrived, ...added])]
  }

  /**
   * The scrubber of `secrets` with `mask`, for every line of the invocation and the message its
   * user sees. Built once, on first use, and kept while the secrets are the same (the usual case:
   * what the event arrived with); a secret a plugin added makes a new one that holds it too.
   */
  scrubberOf(secrets: readonly string[], mask: string): Scrubber {
    const last = this.#scrubber
    if (last !== undefined && last.mask === mask && (secrets === this.#scrubbed || sameList(secrets, this.#scrubbed))) return last
    this.#scrubbed = secrets
    return (this.#scrubber = scrubberFor(secrets, mask))
  }
}

const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((item, i) => item === b[i])

/** The key under which the standalone middlewares keep the invocation in `request.internal`. */
export const INVOCATION_KEY = 'cognitoTriggerRouter'

/**
 * The invocation of a middy request, made by the first middleware that asks. Kept in
 * `request.internal`, which middy provides for exactly this: state its middlewares share per request.
 */
export const invocationOf = (request: Request): Invocation => {
  const internal = (request.internal ??= Object.create(null) as Request['internal']) as Record<string, unknown>
  const found = internal[INVOCATION_KEY]
  if (found instanceof Invocation) return found
  const created = new Invocation(request.event, request.context)
  internal[INVOCATION_KEY] = created
  return created
}
