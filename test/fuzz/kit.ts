// Shared generators and checks of the fuzz suite (test/fuzz/*.fuzz.test.ts).
//
// Every case runs a real router with its real logging (event and reply lines at INFO) into a
// capturing logger, on an event built for one triggerSource, with secrets planted where Cognito
// puts them: the migrating user's password, the challenge answer, the sender code and the identity
// provider's tokens. The checks are the router's promises: the reply is the echoed event or a
// fail-closed TriggerRejectedError with a safe message, nothing rejects unhandled, nothing pollutes
// a prototype, and no planted secret reaches a log line or the user.
//
// FUZZ_RUNS sets the cases per property: small in `npm test`, large in `npm run fuzz`; FUZZ_SEED replays a run.

import { isDeepStrictEqual } from 'node:util'
import fc from 'fast-check'
import { afterAll, beforeAll, expect } from 'vitest'
import { TRIGGER_SOURCES, TRIGGERS, type TriggerSource } from '../../src/catalogue.js'
import { TriggerRejectedError, UserFacingError } from '../../src/errors.js'
import type { AnyPlugin, PluginContext } from '../../src/plugin.js'
import { isPlainObject, type JsonObject } from '../../src/response.js'
import { jsonLogger, type Logger } from '../../src/logger.js'
import { createRouter } from '../../src/router.js'
import { createEvent } from '../../src/testing/events.js'
import { capturingLogger, lambdaContext, settle, type CapturedLine } from '../helpers/lambda.js'

export const RUNS = Number(process.env.FUZZ_RUNS ?? 200)
/**
 * `npm test` replays one fixed seed, so CI is deterministic; `npm run fuzz` (FUZZ_RUNS set) draws
 * a new seed each run and fast-check prints it with any counterexample. FUZZ_SEED replays one.
 */
const SEED = process.env.FUZZ_SEED ?? (process.env.FUZZ_RUNS === undefined ? '20261122' : undefined)
export const FC_OPTIONS = { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: Number(SEED) }) }
/** Generous: a loaded CI machine must not turn a long run into a failure. */
export const TIMEOUT_MS = Math.max(60_000, RUNS * 25)
/** Tiny, so a hanging plugin costs a few milliseconds; a slow case simply fails closed. */
export const DEADLINE_MS = 5
export const REQUEST_ID = 'req-0000-1111'
export const GENERIC_MESSAGE = `[INTERNAL_ERROR] We could not complete your request (reference ${REQUEST_ID})`

// -- values ---------------------------------------------------------------------------------------

const HUGE = 100 * 1024

/** A 100 KB string, of ASCII, a two-byte letter or an astral symbol (surrogate pairs). */
export const hugeString = fc
  .tuple(fc.string({ maxLength: 8 }), fc.constantFrom('x', 'ü', '😀', '"\\'))
  .map(([head, unit]) => head + unit.repeat(Math.ceil(HUGE / unit.length)))

/** Text as users and attackers write it: graphemes, lone surrogates, JSON and RegExp syntax, and now and then 100 KB. */
export const text = fc.oneof(
  { weight: 60, arbitrary: fc.string({ unit: 'grapheme', maxLength: 24 }) },
  { weight: 20, arbitrary: fc.string({ unit: 'binary', maxLength: 16 }) },
  { weight: 20, arbitrary: fc.constantFrom('$&', '$1', '\\', '"', '\u2028', '.*', '[REDACTED]', 'null', 'true', '{requestId}', '') },
  // Rare: 100 KB costs milliseconds in every scrub, and a few hundred cases prove the point.
  { weight: 1, arbitrary: hugeString },
)

/** Keys that break naive code: prototype names, the empty key, dots, unicode, 300 characters. */
export const awkwardKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '', 'a.b', '[]', 'x'.repeat(300)),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
)

export const json = fc.jsonValue({ maxDepth: 3 })

/** Sets `key` as an own, enumerable data property, even for `__proto__`. */
export const defineOwn = (target: object, key: string, value: unknown): void => {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
}

/** Objects whose `__proto__` and `constructor` keys are data, the way JSON.parse makes them. */
export const pollutingObject = fc.constantFrom(
  '{"__proto__":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"__proto__":{"__proto__":{"polluted":"yes"}},"prototype":{"polluted":"yes"}}',
  '{"claimsToAddOrOverride":{"__proto__":{"polluted":"yes"}},"scopesToAdd":["__proto__"]}',
).map((source) => JSON.parse(source) as JsonObject)

// -- secrets --------------------------------------------------------------------------------------

export interface Secrets {
  readonly password: string
  readonly answer: string
  readonly code: string
  readonly token: string
}

// The marker keeps a secret from occurring by chance in a log line (or inside the mask), so any
// occurrence found is a leak; the body is hostile text.
const secretOf = (kind: string) =>
  fc
    .oneof(
      { weight: 120, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }) },
      { weight: 40, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }) },
      { weight: 40, arbitrary: fc.constantFrom('p"w\\0rd', '$&$1', '.*+?^${}()|[]', '\u2028\u2029', '</script>', 'a\nb\tc') },
      { weight: 1, arbitrary: hugeString },
    )
    .map((body) => `«${kind}:${body}»`)

export const secrets: fc.Arbitrary<Secrets> = fc.record({
  password: secretOf('password'),
  answer: secretOf('answer'),
  code: secretOf('code'),
  token: secretOf('token'),
})

export const secretList = (planted: Secrets): string[] => [planted.password, planted.answer, planted.code, planted.token]

type Event = JsonObject & { request: JsonObject; response?: unknown }

/**
 * Puts the secrets where Cognito sends them for this source; with `everywhere`, also into every
 * event (a password field on a sign-up event is still a password, and the paths apply to all).
 */
export const plantSecrets = (event: Event, planted: Secrets, everywhere: boolean): void => {
  const { request } = event
  if (everywhere || 'password' in request) request.password = planted.password
  if (everywhere || 'challengeAnswer' in request) {
    request.challengeAnswer = planted.answer
    request.privateChallengeParameters = { answer: planted.answer }
  }
  if (everywhere || typeof request.code === 'string') request.code = planted.code
  if (isPlainObject(request.attributes)) {
    request.attributes.tokenResponse = { access_token: planted.token, id_token: `${planted.token}.id`, token_type: 'Bearer' }
  } else if (everywhere) {
    request.attributes = { tokenResponse: { refresh_token: planted.token } }
  }
}

// -- events ---------------------------------------------------------------------------------------

export const source = fc.constantFrom(...TRIGGER_SOURCES)

const NULLABLE = [
  ['userPoolId'],
  ['region'],
  ['callerContext'],
  ['callerContext', 'clientId'],
  ['response'],
  ['request', 'userAttributes'],
  ['request', 'validationData'],
  ['request', 'clientMetadata'],
  ['request', 'session'],
  ['request', 'userNotFound'],
] as const

const setPath = (event: Event, path: readonly string[], value: unknown): void => {
  let node: unknown = event
  for (const key of path.slice(0, -1)) node = isPlainObject(node) ? node[key] : undefined
  if (isPlainObject(node)) defineOwn(node, path[path.length - 1] as string, value)
}

export interface EventCase {
  readonly source: TriggerSource
  readonly event: Event
  readonly secrets: Secrets
}

/** A realistic event of any source and token version, with secrets, unknown fields, nulls and odd text. */
export const wellFormedEvent: fc.Arbitrary<EventCase> = fc
  .record({
    source,
    tokenVersion: fc.constantFrom(1 as const, 2 as const, 3 as const),
    secrets,
    everywhere: fc.boolean(),
    extras: fc.array(fc.tuple(fc.constantFrom('event', 'request', 'userAttributes', 'response'), awkwardKey, json), { maxLength: 3 }),
    nulls: fc.subarray([...NULLABLE], { maxLength: 2 }),
    attribute: text,
    pollution: fc.option(pollutingObject, { freq: 5 }),
  })
  .map(({ source, tokenVersion, secrets, everywhere, extras, nulls, attribute, pollution }) => {
    const event = createEvent(source, { tokenVersion }) as unknown as Event
    plantSecrets(event, secrets, everywhere)
    if (isPlainObject(event.request.userAttributes)) event.request.userAttributes['custom:note'] = attribute
    for (const [where, key, value] of extras) {
      const target = where === 'event' ? event : where === 'request' ? event.request : where === 'response' ? event.response : event.request.userAttributes
      if (isPlainObject(target)) defineOwn(target, key, value)
    }
    if (pollution !== null) defineOwn(event.request, 'clientMetadata', pollution)
    for (const path of nulls) setPath(event, path, null)
    return { source, event, secrets }
  })

/** A well-formed event broken in one place: a wrong type where the router or Cognito expects another. */
export const malformedEvent: fc.Arbitrary<{ source: TriggerSource; event: unknown; secrets: Secrets }> = fc
  .record({
    base: wellFormedEvent,
    path: fc.constantFrom<readonly string[]>(['triggerSource'], ['request'], ['response'], ['request', 'userAttributes'], ['callerContext'], ['userName'], ['version']),
    value: fc.oneof(json, fc.constantFrom<unknown>(undefined, [], '', 'PreSignUp_Bogus', 'constructor', '__proto__', Object.create(null) as unknown)),
    drop: fc.boolean(),
  })
  .map(({ base, path, value, drop }) => {
    const event = base.event
    if (drop && path.length === 1) delete event[path[0] as string]
    else setPath(event, path, value)
    return { source: base.source, event, secrets: base.secrets }
  })

/** Values that are not events at all. */
export const notAnEvent = fc.oneof(
  json,
  fc.constantFrom<unknown>(undefined, [], '', new Date(0), Object.create(null) as unknown, new Map()),
  fc.record({ triggerSource: json, request: json }),
)

// -- plugins --------------------------------------------------------------------------------------

/** What one plugin does, as data (so fast-check can print and shrink it); see {@link handlerOf}. */
export type Behaviour =
  | { kind: 'nothing' | 'return-event' | 'hang' | 'hang-until-aborted' | 'family-patch' | 'secret-in-response' | 'log-secrets' }
  | { kind: 'return-value'; value: unknown }
  | { kind: 'return-patch'; patch: JsonObject }
  | { kind: 'async-patch'; patch: JsonObject }
  | { kind: 'mutate'; key: string; value: unknown }
  | { kind: 'replace-response'; value: unknown }
  | { kind: 'throw-error'; name: string }
  | { kind: 'throw-user-facing'; message: string; withSecret: boolean }
  | { kind: 'throw'; value: NonErrorValue }
  | { kind: 'reject'; value: NonErrorValue }
  | { kind: 'throw-hostile'; which: 'proxy' | 'throwing-message' | 'cyclic-cause' }

type NonErrorValue = 'secret-string' | 'object-with-secret' | 'null' | 'undefined' | 'number' | 'bigint' | 'symbol' | 'array'

/** Messages a plugin may show users; the router strips the final period and surrounding space. */
export const SAFE_MESSAGES = ['Sign-up refused by policy', 'Please use your company address.', '  Zugang verweigert – ünïcødé …  ', '...'] as const
const answerMessage = (planted: Secrets): string => `Wrong answer ${planted.answer}`
export const shownAs = (message: string): string => message.trim().replace(/\.+$/, '') || GENERIC_MESSAGE

export const behaviour: fc.Arbitrary<Behaviour> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom<Behaviour>({ kind: 'nothing' }, { kind: 'return-event' }, { kind: 'family-patch' }) },
  { weight: 2, arbitrary: json.map<Behaviour>((value) => ({ kind: 'return-value', value })) },
  { weight: 2, arbitrary: fc.oneof(fc.dictionary(awkwardKey, json, { maxKeys: 3 }), pollutingObject).map<Behaviour>((patch) => ({ kind: 'return-patch', patch })) },
  { weight: 1, arbitrary: fc.dictionary(fc.string(), json, { maxKeys: 2 }).map<Behaviour>((patch) => ({ kind: 'async-patch', patch })) },
  { weight: 2, arbitrary: fc.tuple(awkwardKey, json).map<Behaviour>(([key, value]) => ({ kind: 'mutate', key, value })) },
  { weight: 1, arbitrary: fc.oneof(json, fc.constant('secret')).map<Behaviour>((value) => ({ kind: 'replace-response', value })) },
  { weight: 2, arbitrary: fc.constantFrom<Behaviour>({ kind: 'secret-in-response' }, { kind: 'log-secrets' }) },
  { weight: 2, arbitrary: fc.constantFrom('Error', 'TypeError', 'RangeError').map<Behaviour>((name) => ({ kind: 'throw-error', name })) },
  {
    weight: 2,
    arbitrary: fc.record({ message: fc.constantFrom(...SAFE_MESSAGES), withSecret: fc.boolean() }).map<Behaviour>((b) => ({ kind: 'throw-user-facing', ...b })),
  },
  {
    weight: 3,
    arbitrary: fc
      .record({
        kind: fc.constantFrom('throw' as const, 'reject' as const),
        value: fc.constantFrom<NonErrorValue>('secret-string', 'object-with-secret', 'null', 'undefined', 'number', 'bigint', 'symbol', 'array'),
      })
      .map<Behaviour>((b) => b),
  },
  { weight: 1, arbitrary: fc.constantFrom('proxy' as const, 'throwing-message' as const, 'cyclic-cause' as const).map<Behaviour>((which) => ({ kind: 'throw-hostile', which })) },
  { weight: 1, arbitrary: fc.constantFrom<Behaviour>({ kind: 'hang' }, { kind: 'hang-until-aborted' }) },
)

/** A reply a careful plugin could give on this source, so merges and validation see real work. */
const familyPatch = (event: Event, planted: Secrets): JsonObject => {
  const source = event.triggerSource as TriggerSource
  switch (TRIGGERS[source].family) {
    case 'PreSignUp':
      return { autoConfirmUser: true, autoVerifyEmail: false }
    case 'DefineAuthChallenge':
      return { challengeName: 'CUSTOM_CHALLENGE', issueTokens: false, failAuthentication: false }
    case 'CreateAuthChallenge':
      return { publicChallengeParameters: { hint: 'check your email' }, privateChallengeParameters: { answer: planted.answer } }
    case 'VerifyAuthChallengeResponse':
      return { answerCorrect: true }
    case 'TokenGeneration':
      return event.version === '1'
        ? { claimsOverrideDetails: { claimsToAddOrOverride: { 'custom:tier': 'gold' } } }
        : { claimsAndScopeOverrideDetails: { accessTokenGeneration: { claimsToAddOrOverride: { tier: 'gold' } } } }
    case 'UserMigration':
      return { userAttributes: { email: 'jane@example.com', email_verified: 'true' }, finalUserStatus: 'CONFIRMED', messageAction: 'SUPPRESS' }
    case 'CustomMessage':
      return { emailSubject: 'Your code', emailMessage: `Code: ${String(event.request.codeParameter)}`, smsMessage: `Code: ${String(event.request.codeParameter)}` }
    case 'InboundFederation':
      return { userAttributesToMap: { email: 'jane@example.com' } }
    default:
      return {}
  }
}

const nonError = (value: NonErrorValue, planted: Secrets): unknown => {
  switch (value) {
    case 'secret-string':
      return `failed for ${planted.password}`
    case 'object-with-secret':
      return { message: planted.answer, nested: { token: planted.token }, [planted.code]: true }
    case 'null':
      return null
    case 'undefined':
      return undefined
    case 'number':
      return 42
    case 'bigint':
      return 42n
    case 'symbol':
      return Symbol(planted.code)
    case 'array':
      return [planted.password, planted.token]
  }
}

const hostile = (which: 'proxy' | 'throwing-message' | 'cyclic-cause', planted: Secrets): unknown => {
  if (which === 'proxy') {
    return new Proxy(new Error(planted.password), {
      get: () => {
        throw new Error(planted.token)
      },
      getPrototypeOf: () => {
        throw new Error(planted.code)
      },
      has: () => {
        throw new Error(planted.answer)
      },
    })
  }
  if (which === 'throwing-message') {
    const error = new Error('unreadable')
    Object.defineProperty(error, 'message', {
      get: () => {
        throw new Error(planted.password)
      },
    })
    return error
  }
  const first = new Error(`outer ${planted.token}`)
  const second = new Error(`inner ${planted.code}`, { cause: first })
  Object.defineProperty(first, 'cause', { value: second })
  return first
}

type Handler = (event: Event, context: PluginContext) => unknown

/** The plugin handler a {@link Behaviour} describes, for this case's secrets. */
export const handlerOf = (behaviour: Behaviour, planted: Secrets): Handler => {
  switch (behaviour.kind) {
    case 'nothing':
      return () => undefined
    case 'return-event':
      return (event) => event
    case 'family-patch':
      return (event) => familyPatch(event, planted)
    case 'return-value':
      return () => structuredClone(behaviour.value)
    case 'return-patch':
      return () => behaviour.patch
    case 'async-patch':
      return async () => {
        await new Promise((resolve) => setImmediate(resolve))
        return behaviour.patch
      }
    case 'mutate':
      return (event) => {
        defineOwn(event.request, behaviour.key, behaviour.value)
        defineOwn(event, behaviour.key, behaviour.value)
        // A plugin that removes the password, then fails quoting it, must still not leak it.
        delete event.request.password
      }
    case 'replace-response':
      return (event) => {
        event.response = behaviour.value === 'secret' ? planted.password : structuredClone(behaviour.value)
      }
    case 'secret-in-response':
      return (event) => {
        const response = isPlainObject(event.response) ? event.response : (event.response = {})
        response.claimsOverrideDetails = { claimsToAddOrOverride: { leaked: planted.password, [planted.token]: planted.code } }
        response.privateChallengeParameters = { answer: planted.answer }
      }
    case 'log-secrets':
      return (event, context) => {
        context.logger.info(`checking ${planted.password} and ${planted.answer}`, { event, code: planted.code, [planted.token]: { nested: [planted.token] } })
        context.logger.error(JSON.stringify(event))
        context.logger.warn('request', { request: JSON.stringify(event.request) })
        context.logger.debug('plain', { text: `${planted.code}${planted.token}` })
      }
    case 'throw-error':
      return () => {
        const Constructor = { Error, TypeError, RangeError }[behaviour.name] ?? Error
        throw new Constructor(`lookup failed for ${planted.password}`, { cause: new Error(`upstream said ${planted.token}`) })
      }
    case 'throw-user-facing':
      return () => {
        throw new UserFacingError(behaviour.withSecret ? answerMessage(planted) : behaviour.message)
      }
    case 'throw':
      return () => {
        throw nonError(behaviour.value, planted)
      }
    case 'reject':
      return () => Promise.reject(nonError(behaviour.value, planted))
    case 'throw-hostile':
      return () => {
        throw hostile(behaviour.which, planted)
      }
    case 'hang':
      return () => new Promise(() => undefined)
    case 'hang-until-aborted':
      return (_event, context) =>
        new Promise((_resolve, reject) => {
          context.signal.addEventListener('abort', () => reject(new Error('aborted', { cause: context.signal.reason })), { once: true })
        })
  }
}

/** Where a plugin registers: the exact source, its family, everything, or another source entirely. */
export const registration = fc.constantFrom('exact' as const, 'family' as const, 'all' as const, 'elsewhere' as const)

export const pluginsFor = (
  eventSource: TriggerSource,
  behaviours: readonly Behaviour[],
  where: 'exact' | 'family' | 'all' | 'elsewhere',
  failOpen: boolean,
  planted: Secrets,
): AnyPlugin[] => {
  const trigger =
    where === 'exact' ? eventSource : where === 'family' ? `${TRIGGERS[eventSource].family}_*` : where === 'all' ? '*' : eventSource === 'PreSignUp_SignUp' ? 'PostConfirmation_ConfirmSignUp' : 'PreSignUp_SignUp'
  // failOpen is legal only where Cognito has committed the state: a committed source, or its family.
  const mayFailOpen = failOpen && (where === 'exact' || where === 'family') && TRIGGERS[eventSource].committed
  return behaviours.map((b, i) => ({
    name: `fuzz-${i}`,
    triggers: [trigger] as AnyPlugin['triggers'],
    handler: handlerOf(b, planted) as AnyPlugin['handler'],
    ...(mayFailOpen ? { failOpen: true } : {}),
  }))
}

// -- running ------------------------------------------------------------------------------------

/**
 * The two ways a line reaches a log, which redaction treats differently: a logger handed the
 * attributes (Powertools, pino), scrubbed before it gets them; and the router's JSON logger,
 * whose finished line is checked and scrubbed as text.
 */
export type LoggerKind = 'attributes' | 'json-line'
export const loggerKind: fc.Arbitrary<LoggerKind> = fc.constantFrom('attributes', 'json-line')

// The JSON logger's lines as the capturing logger's, each holding its raw text: the text is what
// reaches CloudWatch, so that is what is searched for secrets.
const jsonLines = (): { logger: Logger; lines: () => CapturedLine[] } => {
  const raw: string[] = []
  const logger = jsonLogger({ level: 'DEBUG', sink: (line) => raw.push(line) })
  const lines = () =>
    raw.map((text) => {
      const { level, message } = JSON.parse(text) as { level: string; message: string }
      return { level: level.toLowerCase() as CapturedLine['level'], message, attributes: { line: text } }
    })
  return { logger, lines }
}

/** One invocation of a real router with real logging (event and reply lines at INFO) into a logger of `kind`. */
export const runRouter = async (event: unknown, plugins: readonly AnyPlugin[], kind: LoggerKind = 'attributes') => {
  const capturing = capturingLogger()
  const json = kind === 'json-line' ? jsonLines() : undefined
  const router = createRouter({ plugins, logger: json?.logger ?? capturing, deadlineMs: DEADLINE_MS, logging: { eventLevel: 'info' } })
  const { reply, error } = await settle(router, event, lambdaContext({ awsRequestId: REQUEST_ID }))
  return { reply, error, lines: json?.lines() ?? capturing.lines }
}

/**
 * The hooks every router fuzz suite needs (an unhandled-rejection recorder, and a tally printed
 * once the suite ends) and the properties every routed case must keep.
 */
export const fuzzSuite = (name: string) => {
  const unhandled = unhandledRejections()
  const stats = tally()
  beforeAll(() => unhandled.start())
  afterAll(async () => {
    await settleTicks()
    unhandled.stop()
    console.log(stats.summary(name))
  })

  /** Routes one generated event: the reply echoes or fails closed, nothing leaks, pollutes or goes unhandled. */
  const routeCase = async (generated: { event: unknown; secrets: Secrets }, plugins: readonly AnyPlugin[], kind: LoggerKind) => {
    const { event, secrets } = generated
    const sent = snapshot(event)
    const present = presentSecrets(event, secrets)
    const { reply, error, lines } = await runRouter(event, plugins, kind)
    await settleTicks()
    stats.record(error)
    if (error === undefined) expectEcho(reply, sent)
    else expectFailClosed(error, secrets, present)
    expectNoSecrets(present, lines, error)
    expectLineWritten(lines, error)
    expectNoPollution()
    expect(unhandled.seen).toStrictEqual([])
    return { sent, reply, error, lines }
  }

  return { unhandled, stats, routeCase }
}

/**
 * A deep copy that keeps prototypes (a null-prototype object stays one) and own `__proto__`
 * keys, so the event can be compared after the invocation; structuredClone would change both.
 */
export const snapshot = <T>(value: T): T => {
  if (Array.isArray(value)) return value.map(snapshot) as T
  if (typeof value !== 'object' || value === null) return value
  const copy = Object.create(Object.getPrototypeOf(value) as object | null) as JsonObject
  for (const [key, item] of Object.entries(value)) defineOwn(copy, key, snapshot(item))
  return copy as T
}

// -- checks ---------------------------------------------------------------------------------------

const forms = (secret: string): string[] => {
  const once = JSON.stringify(secret).slice(1, -1)
  return [...new Set([secret, once, JSON.stringify(once).slice(1, -1)])]
}

const stringsOf = (value: unknown, out: string[], depth = 0): void => {
  if (typeof value === 'string') out.push(value)
  else if (Array.isArray(value)) for (const item of value) stringsOf(item, out, depth + 1)
  else if (typeof value === 'object' && value !== null && depth < 64) {
    for (const [key, item] of Object.entries(value)) {
      out.push(key)
      stringsOf(item, out, depth + 1)
    }
  }
}

/**
 * The planted secrets the event still carries as a whole string value. Only those can be
 * protected: a value a plugin makes up is not the event's secret, and a malformed case may have
 * replaced the field that held one.
 */
export const presentSecrets = (event: unknown, planted: Secrets): Partial<Secrets> => {
  const strings: string[] = []
  stringsOf(event, strings)
  const values = new Set(strings)
  return Object.fromEntries(Object.entries(planted).filter(([, secret]) => values.has(secret)))
}

/** Fails naming the secret kind and the line when any form of a planted secret is in a string. */
export const expectNoSecrets = (planted: Partial<Secrets>, lines: readonly CapturedLine[], rejection: Error | undefined): void => {
  const texts: { where: string; text: string }[] = []
  lines.forEach((line, i) => {
    const strings: string[] = [line.message]
    stringsOf(line.attributes, strings)
    for (const text of strings) texts.push({ where: `log line ${i} (${line.message.slice(0, 40)})`, text })
  })
  if (rejection !== undefined) texts.push({ where: 'rejection message', text: rejection.message })
  for (const [kind, secret] of Object.entries(planted)) {
    const variants = forms(secret as string)
    for (const { where, text } of texts) {
      if (variants.some((form) => text.includes(form))) {
        throw new Error(`the planted ${kind} leaked into the ${where}`)
      }
    }
  }
}

/**
 * Nothing is lost: each invocation writes its reply line, or its error line when it failed. A
 * line redaction could not finish would be missing (a secret too large to scrub once was).
 */
export const expectLineWritten = (lines: readonly CapturedLine[], rejection: Error | undefined): void => {
  const expected = rejection === undefined ? 'cognito trigger reply' : 'cognito trigger failed'
  expect(lines.map((line) => line.message)).toContain(expected)
}

/** The reply is the event as sent, with at most `response` changed (and present for sync sources). */
export const expectEcho = (reply: unknown, original: unknown): void => {
  expect(isPlainObject(reply)).toBe(true)
  const echoed = reply as JsonObject
  const sent = original as JsonObject
  // node's deep equality: vitest's would compare an own "constructor" key as a class.
  for (const key of Object.keys(sent)) {
    if (key !== 'response') expect(isDeepStrictEqual(echoed[key], sent[key]), `reply.${key} differs from the event`).toBe(true)
  }
  expect(Object.keys(echoed).filter((key) => key !== 'response' && !Object.hasOwn(sent, key))).toStrictEqual([])
  const source = sent.triggerSource
  if (typeof source === 'string' && source in TRIGGERS && TRIGGERS[source as TriggerSource].invocation === 'sync') {
    expect(isPlainObject(echoed.response)).toBe(true)
  }
}

/**
 * A fail-closed rejection: a TriggerRejectedError with a safe user message or the generic one.
 * A UserFacingError quoting a value that is not in the event (so not the event's secret) is a
 * message the router cannot judge, and passes.
 */
export const expectFailClosed = (error: Error, planted: Secrets, present: Partial<Secrets>): void => {
  expect(error).toBeInstanceOf(TriggerRejectedError)
  const quoting = present.answer === undefined ? [shownAs(answerMessage(planted))] : []
  expect([...SAFE_MESSAGES.map(shownAs), GENERIC_MESSAGE, ...quoting]).toContain(error.message)
  expect(Object.hasOwn(error, 'cause')).toBe(false)
}

const PROTOTYPES = [Object.prototype, Array.prototype, Function.prototype, Error.prototype] as const
const baseline = PROTOTYPES.map((proto) => Reflect.ownKeys(proto))

export const expectNoPollution = (): void => {
  PROTOTYPES.forEach((proto, i) => {
    expect(Reflect.ownKeys(proto)).toStrictEqual(baseline[i])
  })
  expect(({} as JsonObject).polluted).toBeUndefined()
}

/** Records every unhandled rejection while a fuzz file runs. */
export const unhandledRejections = (): { readonly seen: unknown[]; start(): void; stop(): void } => {
  const seen: unknown[] = []
  const record = (reason: unknown) => {
    seen.push(reason)
  }
  return {
    seen,
    start: () => process.on('unhandledRejection', record),
    stop: () => process.off('unhandledRejection', record),
  }
}

/** Lets rejections that nobody handled surface before the case is judged. */
export const settleTicks = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/** Counts outcomes, to show each run exercised both paths. */
export const tally = () => {
  const counts = { cases: 0, echoed: 0, rejected: 0, userFacing: 0 }
  const started = performance.now()
  return {
    counts,
    record(error: Error | undefined) {
      counts.cases += 1
      if (error === undefined) counts.echoed += 1
      else if (error.message === GENERIC_MESSAGE) counts.rejected += 1
      else counts.userFacing += 1
    },
    summary: (name: string) =>
      `fuzz ${name}: ${counts.cases} cases in ${((performance.now() - started) / 1000).toFixed(1)} s ` +
      `(${counts.echoed} echoed, ${counts.rejected} generic rejections, ${counts.userFacing} user-facing rejections)`,
  }
}
