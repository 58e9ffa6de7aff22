// -- plugin options ---------------------------------------------------------------------------
// Every plugin describes its options with one valibot schema (see its manifest.ts): the same
// schema checks them at cold start, at synth (src/deploy/plan.ts) and in the CLI, and becomes
// config.schema.json. These helpers turn the schema's first issue into one ConfigurationError that
// names the option path (`rules[0].endsWith`) and what was expected, never the value itself.
// Valibot was chosen for its cold-start cost; test/bench/schema-candidates.ts measures it.

import * as v from 'valibot'
import { ConfigurationError } from './errors.js'

/** A schema of plugin options: its input is whatever JSON (or code) the options come from. */
export type OptionsSchema = v.GenericSchema<unknown, unknown>

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/u

/** A value's type for messages, never the value itself: `a string`, `an array`, `null`. */
export const kindOf = (value: unknown): string => {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  const type = typeof value
  return type === 'object' || type === 'undefined' ? `${type === 'object' ? 'an object' : 'undefined'}` : `a ${type}`
}

type PathItem = { readonly key: unknown }

/** `rules[0].endsWith`, `attributes["custom:team"]`: the option path of a schema issue. */
export const optionPath = (path: readonly PathItem[] | undefined): string =>
  (path ?? []).reduce<string>((text, { key }) => {
    if (typeof key === 'number') return `${text}[${key}]`
    const name = String(key)
    if (!IDENTIFIER.test(name)) return `${text}[${JSON.stringify(name)}]`
    return text === '' ? name : `${text}.${name}`
  }, '')

type Issue = v.BaseIssue<unknown>

const isUnknownKey = (issue: Issue): boolean => issue.type === 'strict_object' && issue.expected === 'never'

// A union reports "none of the branches matched"; when the input took the shape of one branch
// (an object where the union allows `true` or an object), the deeper issue says what is wrong.
// Its path is relative to the union's.
const deepest = (issue: Issue): Issue => {
  const inside = issue.issues?.filter((inner) => (inner.path?.length ?? 0) > 0) ?? []
  const deeper = inside.find(isUnknownKey) ?? inside[0]
  if (deeper === undefined) return issue
  return deepest({ ...deeper, path: [...(issue.path ?? []), ...deeper.path!] } as Issue)
}

/** The message of one schema issue, with its option path (after `prefix`, e.g. `plugins.add-to-group`) in front. */
export const describeOptionIssue = (given: Issue, prefix = ''): string => {
  const issue = deepest(given)
  const inner = optionPath(issue.path)
  const path = prefix === '' || inner === '' ? `${prefix}${inner}` : `${prefix}${inner.startsWith('[') ? '' : '.'}${inner}`
  if (isUnknownKey(issue)) return `unknown option "${path}" (known: ${issue.message})`
  const what = path === '' ? 'options' : `"${path}"`
  const missing = issue.type === 'strict_object' && issue.received === 'undefined' && issue.expected !== 'Object'
  if (missing) return `${what} is required`
  // A picklist's input is often the right type with the wrong value, which the message names.
  const typeIssue = issue.kind === 'schema' && issue.type !== 'picklist'
  const got = typeIssue && !issue.message.includes(', got ') ? `, got ${kindOf(issue.input)}` : ''
  return `${what} ${issue.message}${got}`
}

/**
 * Checks options against their schema and returns its output. Throws a ConfigurationError
 * naming the first wrong option: `"groups[1]" must be a Cognito group name`, or with `prefix`
 * `plugins.add-to-group`, `"plugins.add-to-group.groups[1]" must be a Cognito group name`.
 *
 * @example
 * ```ts
 * import * as v from 'valibot'
 * import { parseOptions, strictOptions } from 'cognito-trigger-router'
 *
 * const schema = strictOptions({ groups: v.array(v.string('must be a string')) })
 * parseOptions(schema, { groups: ['users'] }) // { groups: ['users'] }
 * parseOptions(schema, { group: 'users' })    // throws: unknown option "group" (known: groups)
 * ```
 */
export const parseOptions = <S extends OptionsSchema>(schema: S, options: unknown, prefix = ''): v.InferOutput<S> => {
  const result = v.safeParse(schema, options)
  if (result.success) return result.output
  // A misspelt key explains the "required" issue of the key it was meant to be: report it first.
  const issue = result.issues.find(isUnknownKey) ?? result.issues[0]
  throw new ConfigurationError(describeOptionIssue(issue, prefix))
}

// Valibot's object and record schemas take an array for an object with no keys; options never are.
const objectFirst = (message: string) =>
  v.custom<Record<string, unknown>>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), message)

/**
 * An object of options that refuses unknown keys, the typo a configuration most often has.
 * Messages: `unknown option "rules[0].endWith" (known: …)`, `"rules[0]" must be an object`,
 * `"trusted.domains" is required`.
 *
 * @example
 * ```ts
 * import * as v from 'valibot'
 * import { strictOptions } from 'cognito-trigger-router'
 *
 * const options = strictOptions({ domain: v.string('must be a string'), autoConfirm: v.optional(v.boolean('must be a boolean')) })
 * ```
 */
export const strictOptions = <const E extends v.ObjectEntries>(entries: E, message = 'must be an object') =>
  v.pipe(
    objectFirst(message),
    v.strictObject(entries, (issue) => (issue.expected === 'never' ? Object.keys(entries).join(', ') : message)),
  )

/** The schema of {@link strictOptions}. */
export type StrictOptionsSchema<E extends v.ObjectEntries> = ReturnType<typeof strictOptions<E>>

/**
 * `schema` (made with {@link strictOptions}) with more keys: the options only code can pass (a
 * client, a function) beside the JSON ones a manifest declares. Unknown keys are still refused.
 */
export const extendOptions = <E extends v.ObjectEntries, const X extends v.ObjectEntries>(schema: StrictOptionsSchema<E>, extra: X, message = 'must be an object') =>
  strictOptions({ ...schema.pipe[1].entries, ...extra } as E & X, message)

/**
 * An object of names chosen by the configuration (attributes, locales) to values of one schema.
 *
 * @example
 * ```ts
 * import * as v from 'valibot'
 * import { recordOptions } from 'cognito-trigger-router'
 *
 * // { "en": "Welcome", "fr": "Bienvenue" }
 * const subjects = recordOptions(v.string(), v.string('must be a string'), 'must be an object of locale to subject')
 * ```
 */
export const recordOptions = <K extends v.GenericSchema<string, string>, V extends v.GenericSchema>(key: K, value: V, message: string) =>
  v.pipe(objectFirst(message), v.record(key, value, message))

/** A JSON-configurable boolean. */
export const flag = () => v.boolean('must be a boolean')

/** A value only code can pass (a client, a function): `test` tells it apart; JSON never can. */
export const codeOnly = <T>(test: (value: unknown) => boolean, message: string) =>
  v.custom<T>(test, message)

/** True for an AWS SDK v3 client, or anything else with a `send` method. */
export const hasSend = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && typeof (value as { send?: unknown }).send === 'function'

/** An integer within bounds; the message quotes a wrong number, since a count is never a secret. */
export const integerFrom = (min: number, max: number) => {
  const message = (issue: v.BaseIssue<unknown>) =>
    `must be an integer from ${min} to ${max}, got ${typeof issue.input === 'number' ? String(issue.input) : kindOf(issue.input)}`
  return v.pipe(v.number(message), v.integer(message), v.minValue(min, message), v.maxValue(max, message))
}

/**
 * Throws the ConfigurationError of a rule no schema can state (two options that contradict each
 * other, a template without its placeholder). An expression, so it fits after `??` and `:`.
 *
 * @example
 * ```ts
 * import { invalidOption } from 'cognito-trigger-router'
 *
 * const checkRange = (min: number, max: number) => (min <= max ? { min, max } : invalidOption('"min" must not be above "max"'))
 * ```
 */
export const invalidOption = (message: string): never => {
  throw new ConfigurationError(message)
}
