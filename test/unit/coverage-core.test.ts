// Cases the other unit tests leave out: the rarely taken branches of the core modules. Each pins a
// behaviour a user can reach, so the coverage gate and mutation testing have something to hold.

import { afterEach, describe, expect, it, vi } from 'vitest'
import { expandPattern, isTriggerSource, TRIGGERS } from '../../src/catalogue.js'
import { CONFIG_ENV, createRouterFromConfig, resolveConfig } from '../../src/config.js'
import {
  ConfigurationError,
  DeadlineExceededError,
  InvalidReplyError,
  MergeConflictError,
  MissingSenderPluginError,
  PluginError,
  summarize,
} from '../../src/errors.js'
import { childLogger, isLogger, jsonLogger, levelFromEnv } from '../../src/logger.js'
import { definePlugin, validatePlugin } from '../../src/plugin.js'
import { emptyMergeState, mergePatch, type MergeState } from '../../src/merge.js'
import { applyPatch, describe as describeValue, diff, jsonEqual, setOwn, toPatch } from '../../src/response.js'
import { createEvent } from '../../src/testing/events.js'

describe('summarize', () => {
  it.each([
    ['an Error', new TypeError('bad input'), 'TypeError: bad input'],
    ['a string', 'plain text', 'plain text'],
    ['an object', { code: 7 }, 'non-Error value {"code":7}'],
    ['undefined, which JSON cannot express', undefined, 'non-Error value undefined'],
    ['a BigInt, which JSON.stringify refuses', 10n, 'non-Error value of type bigint'],
  ])('describes %s', (_case, value, expected) => {
    // Act
    const text = summarize(value)

    // Assess
    expect(text).toBe(expected)
  })

  it('puts the summary of a cyclic thrown object into the PluginError message', () => {
    // Prepare
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic

    // Act
    const error = new PluginError('p', cyclic)

    // Assess
    expect(error.message).toBe('plugin "p" failed: non-Error value of type object')
    expect(error.cause).toBe(cyclic)
  })
})

describe('jsonLogger without a sink', () => {
  afterEach(() => {
    vi.restoreAllMocks()
    vi.unstubAllEnvs()
  })

  it.each([
    ['error', 'ERROR', 'error'],
    ['warn', 'WARN', 'warn'],
    ['info', 'INFO', 'log'],
    ['debug', 'DEBUG', 'log'],
  ] as const)('writes %s lines to console.%s', (method, level, consoleMethod) => {
    // Prepare
    const spy = vi.spyOn(console, consoleMethod).mockImplementation(() => undefined)
    const logger = jsonLogger({ level: 'DEBUG', fields: { service: 'auth' } })

    // Act
    logger[method]('hello', { n: 1 })

    // Assess
    expect(spy).toHaveBeenCalledOnce()
    expect(JSON.parse(spy.mock.calls[0]![0] as string)).toStrictEqual({ level, message: 'hello', service: 'auth', n: 1 })
  })

  it('takes its level from the environment when none is given', () => {
    // Prepare
    vi.stubEnv('AWS_LAMBDA_LOG_LEVEL', 'WARN')
    const lines: string[] = []
    const logger = jsonLogger({ sink: (line) => lines.push(line) })

    // Act
    logger.info('dropped')
    logger.warn('kept')

    // Assess
    expect(lines.map((line) => JSON.parse(line).message)).toStrictEqual(['kept'])
  })

  it.each([
    [{ AWS_LAMBDA_LOG_LEVEL: 'trace' }, 'DEBUG'],
    [{ AWS_LAMBDA_LOG_LEVEL: 'FATAL' }, 'ERROR'],
    [{ LOG_LEVEL: 'warn' }, 'WARN'],
    [{ LOG_LEVEL: 'verbose' }, 'INFO'],
    [{ LOG_LEVEL: 'constructor' }, 'INFO'],
    [{}, 'INFO'],
  ])('reads the level %o as %s', (env, expected) => {
    // Act
    const level = levelFromEnv(env)

    // Assess
    expect(level).toBe(expected)
  })

  it('writes nothing below its level and everything at or above it', () => {
    // Prepare
    const lines: string[] = []
    const logger = jsonLogger({ level: 'INFO', sink: (line) => lines.push(line) })

    // Act
    logger.debug('d')
    logger.info('i')
    logger.error('e')

    // Assess
    expect(lines.map((line) => JSON.parse(line).level)).toStrictEqual(['INFO', 'ERROR'])
  })
})

describe('mergePatch, rarely taken paths', () => {
  const trigger = (source: keyof typeof TRIGGERS) => TRIGGERS[source]

  it('keeps the safe value of a restrictive decision whichever plugin set it', () => {
    // Prepare
    const first = mergePatch(emptyMergeState(), { autoConfirmUser: true }, trigger('PreSignUp_SignUp'), 'a')

    // Act
    const later = mergePatch(first, { autoConfirmUser: false }, trigger('PreSignUp_SignUp'), 'b')
    const again = mergePatch(later, { autoConfirmUser: true }, trigger('PreSignUp_SignUp'), 'c')

    // Assess
    expect(later.patch).toStrictEqual({ autoConfirmUser: false })
    expect(again.patch).toStrictEqual({ autoConfirmUser: false })
  })

  it('takes the later value of a restrictive decision when neither is the safe one', () => {
    // Prepare
    const first = mergePatch(emptyMergeState(), { finalUserStatus: 'FORCE_CHANGE_PASSWORD' }, trigger('UserMigration_Authentication'), 'a')

    // Act
    const merged = mergePatch(first, { finalUserStatus: 'CONFIRMED' }, trigger('UserMigration_Authentication'), 'b')

    // Assess
    expect(merged.patch).toStrictEqual({ finalUserStatus: 'CONFIRMED' })
    expect(merged.owners.get('finalUserStatus')).toBe('b')
  })

  it.each([
    ['the same value twice', 'CUSTOM_CHALLENGE', 'CUSTOM_CHALLENGE', 'CUSTOM_CHALLENGE'],
    ['a value then null', 'CUSTOM_CHALLENGE', null, null],
  ])('accepts %s for an exclusive key', (_case, first, second, expected) => {
    // Prepare
    const state = mergePatch(emptyMergeState(), { challengeName: first }, trigger('DefineAuthChallenge_Authentication'), 'a')

    // Act
    const merged = mergePatch(state, { challengeName: second }, trigger('DefineAuthChallenge_Authentication'), 'b')

    // Assess
    expect(merged.patch.challengeName).toBe(expected)
  })

  it('names the earlier plugin as "unknown" when the state does not record it', () => {
    // Prepare
    const state: MergeState = { patch: { challengeName: 'SRP_A' }, owners: new Map() }

    // Act
    const merging = () => mergePatch(state, { challengeName: 'CUSTOM_CHALLENGE' }, trigger('DefineAuthChallenge_Authentication'), 'b')

    // Assess
    expect(merging).toThrowError(new MergeConflictError('challengeName', 'unknown', 'b'))
  })

  it('removes suppressed claims from a nested claim map and leaves untouched sections as they are', () => {
    // Prepare
    const untouched = { claimsToAddOrOverride: { tier: 'gold' } }
    const patch = {
      claimsAndScopeOverrideDetails: {
        idTokenGeneration: untouched,
        accessTokenGeneration: { claimsToAddOrOverride: { a: '1', b: '2' }, claimsToSuppress: ['b'], scopesToAdd: ['x', 'y'], scopesToSuppress: ['y'] },
      },
    }

    // Act
    const merged = mergePatch(emptyMergeState(), patch, trigger('TokenGeneration_Authentication'), 'p').patch

    // Assess
    expect(merged).toStrictEqual({
      claimsAndScopeOverrideDetails: {
        idTokenGeneration: { claimsToAddOrOverride: { tier: 'gold' } },
        accessTokenGeneration: { claimsToAddOrOverride: { a: '1' }, claimsToSuppress: ['b'], scopesToAdd: ['x'], scopesToSuppress: ['y'] },
      },
    })
    expect((merged.claimsAndScopeOverrideDetails as Record<string, unknown>).idTokenGeneration).toBe(untouched)
  })

  it.each([
    ['a string', 'not-a-map'],
    ['a number', 7],
  ])('leaves an added section that is %s for validation to refuse', (_case, added) => {
    // Prepare
    const patch = { claimsOverrideDetails: { claimsToAddOrOverride: added, claimsToSuppress: ['email'] } }

    // Act
    const merged = mergePatch(emptyMergeState(), patch, trigger('TokenGeneration_HostedAuth'), 'p').patch

    // Assess
    expect(merged).toStrictEqual(patch)
  })

  it.each([
    ['no suppression list', { claimsToAddOrOverride: { a: '1' } }],
    ['an empty suppression list', { claimsToAddOrOverride: { a: '1' }, claimsToSuppress: [] }],
    ['nothing added', { claimsToSuppress: ['a'] }],
    ['a suppression list that is not a list', { claimsToAddOrOverride: { a: '1' }, claimsToSuppress: 'a' }],
  ])('changes nothing with %s', (_case, section) => {
    // Prepare
    const patch = { claimsOverrideDetails: section }

    // Act
    const merged = mergePatch(emptyMergeState(), patch, trigger('TokenGeneration_HostedAuth'), 'p').patch

    // Assess
    expect(merged).toStrictEqual(patch)
    expect(merged.claimsOverrideDetails).toBe(section)
  })
})

describe('response patches, rarely taken paths', () => {
  it('diffs a written response against an absent one as if it were empty', () => {
    // Act
    const outcome = toPatch(undefined, null, { autoConfirmUser: true })

    // Assess
    expect(outcome).toStrictEqual({ kind: 'patch', patch: { autoConfirmUser: true } })
  })

  it('leaves out a nested object that only lost keys: a patch cannot delete', () => {
    // Act
    const patch = diff({ a: { keep: 1, gone: 2 }, b: 1 }, { a: { keep: 1 }, b: 2 })

    // Assess
    expect(patch).toStrictEqual({ b: 2 })
  })

  it('keeps a nested change and its path', () => {
    // Act
    const patch = diff({ a: { x: 1, y: 1 } }, { a: { x: 1, y: 2 } })

    // Assess
    expect(patch).toStrictEqual({ a: { y: 2 } })
  })

  it('writes a __proto__ key as data, never as the prototype', () => {
    // Prepare
    const target: Record<string, unknown> = {}

    // Act
    setOwn(target, '__proto__', { polluted: true })
    const patched = applyPatch({}, JSON.parse('{"__proto__":{"polluted":true}}') as Record<string, unknown>)

    // Assess
    expect(Object.getPrototypeOf(target)).toBe(Object.prototype)
    expect(Object.hasOwn(target, '__proto__')).toBe(true)
    expect(Object.hasOwn(patched, '__proto__')).toBe(true)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it.each([
    [null, 'null'],
    [[1], 'an array'],
    ['s', 'a string'],
    [new Date(0), 'a non-plain object'],
    [1, 'a number'],
    [() => 1, 'a function'],
  ])('describes %o as %s', (value, expected) => {
    // Act
    const text = describeValue(value)

    // Assess
    expect(text).toBe(expected)
  })
})

describe('error messages and fields', () => {
  it.each([
    ['a deadline with the plugin that was running', new DeadlineExceededError(50, 'slow'), 'deadline of 50 ms exceeded while plugin "slow" was running'],
    ['a deadline between plugins', new DeadlineExceededError(50), 'deadline of 50 ms exceeded'],
    ['an invalid reply at a path', new InvalidReplyError('r.x', 'a.b', 'is wrong'), 'invalid reply at response.a.b: is wrong [r.x]'],
    ['an invalid reply as a whole', new InvalidReplyError('r.x', '', 'is wrong'), 'invalid reply: is wrong [r.x]'],
    ['a missing sender plugin', new MissingSenderPluginError('CustomSMSSender_SignUp'), 'no plugin handles CustomSMSSender_SignUp: the code would never be delivered'],
    ['a merge conflict', new MergeConflictError('challengeName', 'a', 'b'), 'plugins "a" and "b" set different values for response.challengeName'],
  ])('words %s precisely', (_case, error, message) => {
    // Assess
    expect(error.message).toBe(message)
    expect(error.name).toBe(error.constructor.name)
  })

  it('names both plugins of a merge conflict', () => {
    // Act
    const error = new MergeConflictError('challengeName', 'first', 'second')

    // Assess
    expect(error.plugins).toStrictEqual(['first', 'second'])
  })
})

describe('childLogger and isLogger', () => {
  it.each(['debug', 'info', 'warn', 'error'] as const)('adds its fields to %s lines, under the line’s own attributes', (method) => {
    // Prepare
    const lines: unknown[][] = []
    const parent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, [method]: (...args: unknown[]) => lines.push(args) }
    const child = childLogger(parent, { plugin: 'p', requestId: 'r' })

    // Act
    child[method]('hello', { requestId: 'own' })

    // Assess
    expect(lines).toStrictEqual([['hello', { plugin: 'p', requestId: 'own' }]])
  })

  it.each<[string, unknown]>([
    ['null', null],
    ['a string', 'console'],
    ['an object missing warn', { debug: () => 1, info: () => 1, error: () => 1 }],
    ['an object whose warn is not a function', { debug: () => 1, info: () => 1, warn: 'x', error: () => 1 }],
  ])('refuses %s as a logger', (_case, value) => {
    // Act
    const accepted = isLogger(value)

    // Assess
    expect(accepted).toBe(false)
  })

  it('accepts console as a logger', () => {
    // Act
    const accepted = isLogger(console)

    // Assess
    expect(accepted).toBe(true)
  })

  it('prefers AWS_LAMBDA_LOG_LEVEL over LOG_LEVEL, and reads process.env by default', () => {
    // Prepare
    vi.stubEnv('AWS_LAMBDA_LOG_LEVEL', 'error')
    vi.stubEnv('LOG_LEVEL', 'debug')

    // Act
    const fromProcess = levelFromEnv()
    const fromBoth = levelFromEnv({ AWS_LAMBDA_LOG_LEVEL: 'ERROR', LOG_LEVEL: 'DEBUG' })
    vi.unstubAllEnvs()

    // Assess
    expect(fromProcess).toBe('ERROR')
    expect(fromBoth).toBe('ERROR')
  })
})

describe('plugin validation messages', () => {
  it.each([
    ['not an object, by position', () => validatePlugin(null, 3), 'plugins[3] must be an object made with definePlugin(), got null'],
    ['not an object, alone', () => validatePlugin('p'), 'plugin must be an object made with definePlugin(), got a string'],
    ['a blank name', () => validatePlugin({ name: '   ', triggers: ['*'], handler: () => 1 }, 0), 'plugins[0] needs a non-empty string "name", got a string'],
    ['unknown options', () => validatePlugin({ name: 'p', triggers: ['*'], handler: () => 1, retries: 1, timeout: 2 }), 'plugin "p" has unknown option(s) "retries", "timeout"'],
    [
      'failOpen on gates',
      () => validatePlugin({ name: 'p', triggers: ['PreSignUp_SignUp', 'PreAuthentication_Authentication'], handler: () => 1, failOpen: true }),
      'plugin "p": failOpen is only allowed on PostConfirmation and PostAuthentication triggers, whose state Cognito has already committed; it would let PreSignUp_SignUp, PreAuthentication_Authentication through on error',
    ],
  ])('refuses a plugin that is %s, saying so', (_case, validate, message) => {
    // Assess
    expect(validate).toThrowError(new ConfigurationError(message))
  })

  it('checks a plugin when it is defined, not only when a router is built', () => {
    // Act
    const defining = () => definePlugin({ name: '', triggers: ['PreSignUp_SignUp'], handler: () => undefined })

    // Assess
    expect(defining).toThrowError(ConfigurationError)
  })
})

describe('catalogue guards', () => {
  it.each([
    ['a known source', 'PreSignUp_SignUp', true],
    ['an inherited name', 'toString', false],
    ['a number', 1, false],
  ])('tells whether %s is a trigger source', (_case, value, expected) => {
    // Assess
    expect(isTriggerSource(value)).toBe(expected)
  })

  it('reports an unknown family wildcard as unknown', () => {
    // Act
    const expanded = expandPattern('Bogus_*')

    // Assess
    expect(expanded).toBe('unknown trigger "Bogus_*"; see TRIGGER_SOURCES for the list')
  })

  it('does not treat a family name with two extra characters as a wildcard', () => {
    // Act
    const expanded = expandPattern('PreSignUpXY')

    // Assess
    expect(expanded).toBe('unknown trigger "PreSignUpXY"; see TRIGGER_SOURCES for the list')
  })

  it('does not treat a name merely containing "_*" as a wildcard', () => {
    // Act
    const expanded = expandPattern('PreSignUp_*x')

    // Assess
    expect(expanded).toBe('unknown trigger "PreSignUp_*x"; see TRIGGER_SOURCES for the list')
  })
})

describe('configuration, exact behaviour', () => {
  it.each([
    ['blank inline JSON', { [CONFIG_ENV.inline]: '  ' }],
    ['a blank file name', { [CONFIG_ENV.file]: ' ' }],
  ])('ignores %s and uses the bundled configuration', (_case, env) => {
    // Prepare
    const bundled = { plugins: {} }

    // Act
    const config = resolveConfig(bundled, env)

    // Assess
    expect(config).toBe(bundled)
  })

  it('keeps the cause when the configuration file cannot be read', () => {
    // Act
    const error = (() => {
      try {
        resolveConfig({}, { [CONFIG_ENV.file]: '/nonexistent/router.json' })
      } catch (caught) {
        return caught as Error
      }
    })()

    // Assess
    expect(error?.message).toBe('cannot read COGNITO_ROUTER_CONFIG_FILE=/nonexistent/router.json')
    expect((error?.cause as NodeJS.ErrnoException).code).toBe('ENOENT')
  })

  it('keeps the cause when inline JSON does not parse', () => {
    // Act
    const error = (() => {
      try {
        resolveConfig({}, { [CONFIG_ENV.inline]: '{' })
      } catch (caught) {
        return caught as Error
      }
    })()

    // Assess
    expect(error?.cause).toBeInstanceOf(SyntaxError)
  })

  it('lists every known key when it meets an unknown one', () => {
    // Act
    const building = () => createRouterFromConfig({ plugins: {}, plugin: {} }, {})

    // Assess
    expect(building).toThrowError(
      new ConfigurationError('configuration: unknown key "plugin" (known: $schema, plugins, deadlineMs, logging, errorMessage, metrics, idempotency, pools, clients)'),
    )
  })

  it('accepts every documented key', () => {
    // Act
    const building = () =>
      createRouterFromConfig({ $schema: './schema.json', plugins: {}, deadlineMs: 1000, logging: { eventLevel: 'info' }, errorMessage: 'No ({requestId})' }, {})

    // Assess
    expect(building).not.toThrow()
  })

  it('keeps the factory’s error as the cause', () => {
    // Prepare
    const problem = new ConfigurationError('"x" must be a number')
    const factory = () => {
      throw problem
    }

    // Act
    const error = (() => {
      try {
        createRouterFromConfig({ plugins: { broken: {} } }, { broken: factory })
      } catch (caught) {
        return caught as Error
      }
    })()

    // Assess
    expect(error?.message).toBe('configuration: "plugins.broken": "x" must be a number')
    expect(error?.cause).toBe(problem)
  })
})

describe('response patches, exact semantics', () => {
  it('defines a __proto__ key as a normal, enumerable, writable data property', () => {
    // Prepare
    const target: Record<string, unknown> = {}
    const value = { polluted: true }

    // Act
    setOwn(target, '__proto__', value)

    // Assess
    expect(Object.getOwnPropertyDescriptor(target, '__proto__')).toStrictEqual({ value, writable: true, enumerable: true, configurable: true })
  })

  it('treats a patch that merely has a request object as a patch, not as a whole event', () => {
    // Act
    const outcome = toPatch({ request: {}, autoConfirmUser: true }, {}, undefined)

    // Assess
    expect(outcome).toStrictEqual({ kind: 'patch', patch: { request: {}, autoConfirmUser: true } })
  })

  it.each([
    ['nothing returned and nothing written', undefined, undefined],
    ['null returned and null written', null, null],
  ])('finds no change with %s', (_case, result, mutated) => {
    // Act
    const outcome = toPatch(result, { autoConfirmUser: false }, mutated)

    // Assess
    expect(outcome).toStrictEqual({ kind: 'patch', patch: {} })
  })

  it.each([
    ['event.response written with a string', undefined, 'yes', 'event.response was set to a string, not an object'],
    ['a returned event whose response is a number', { triggerSource: 'PreSignUp_SignUp', request: {}, response: 5 }, undefined, "the returned event's response was set to a number, not an object"],
  ])('explains %s', (_case, result, mutated, reason) => {
    // Act
    const outcome = toPatch(result, {}, mutated)

    // Assess
    expect(outcome).toStrictEqual({ kind: 'invalid', reason })
  })
})

describe('mergePatch, values of different kinds', () => {
  it.each([
    ['a list after a string', 'EMAIL', ['SMS'], 'desiredDeliveryMediums'],
    ['a string after a list', ['SMS'], 'EMAIL', 'desiredDeliveryMediums'],
    ['a map after a string', 'none', { email: 'a@example.com' }, 'userAttributes'],
    ['a string after a map', { email: 'a@example.com' }, 'none', 'userAttributes'],
  ])('lets %s replace the earlier value instead of combining them', (_case, first, second, key) => {
    // Prepare
    const trigger = TRIGGERS.UserMigration_Authentication
    const state = mergePatch(emptyMergeState(), { [key]: first }, trigger, 'a')

    // Act
    const merged = mergePatch(state, { [key]: second }, trigger, 'b')

    // Assess
    expect(merged.patch[key]).toStrictEqual(second)
  })

  it('applies suppression in every section and never changes the patches it was given', () => {
    // Prepare
    const patch = {
      claimsAndScopeOverrideDetails: {
        idTokenGeneration: { claimsToAddOrOverride: { a: '1', b: '2' }, claimsToSuppress: ['a'] },
        accessTokenGeneration: { claimsToAddOrOverride: { c: '3', d: '4' }, claimsToSuppress: ['d'], scopesToAdd: ['x', 'y'], scopesToSuppress: ['x'] },
      },
    }
    const before = structuredClone(patch)

    // Act
    const merged = mergePatch(emptyMergeState(), patch, TRIGGERS.TokenGeneration_Authentication, 'p').patch

    // Assess
    expect(merged).toStrictEqual({
      claimsAndScopeOverrideDetails: {
        idTokenGeneration: { claimsToAddOrOverride: { b: '2' }, claimsToSuppress: ['a'] },
        accessTokenGeneration: { claimsToAddOrOverride: { c: '3' }, claimsToSuppress: ['d'], scopesToAdd: ['y'], scopesToSuppress: ['x'] },
      },
    })
    expect(patch).toStrictEqual(before)
  })

  it('never changes a V1 patch it was given', () => {
    // Prepare
    const patch = { claimsOverrideDetails: { claimsToAddOrOverride: { a: '1', b: '2' }, claimsToSuppress: ['b'] } }
    const before = structuredClone(patch)

    // Act
    const merged = mergePatch(emptyMergeState(), patch, TRIGGERS.TokenGeneration_HostedAuth, 'p').patch

    // Assess
    expect(merged).toStrictEqual({ claimsOverrideDetails: { claimsToAddOrOverride: { a: '1' }, claimsToSuppress: ['b'] } })
    expect(patch).toStrictEqual(before)
  })
})

describe('isLogger and createEvent, last details', () => {
  it('refuses a function even when it carries the four methods', () => {
    // Prepare
    const fn = Object.assign(() => undefined, { debug: () => 1, info: () => 1, warn: () => 1, error: () => 1 })

    // Act
    const accepted = isLogger(fn)

    // Assess
    expect(accepted).toBe(false)
  })

  it('ignores tokenVersion outside pre token generation', () => {
    // Act
    const event = createEvent('PreSignUp_SignUp', { tokenVersion: 2 })

    // Assess
    expect(event.version).toBe('1')
  })
})

describe('jsonEqual', () => {
  it.each<[string, unknown, unknown, boolean]>([
    ['the same primitive', 'a', 'a', true],
    ['different primitives', 1, 2, false],
    ['null and an object', null, {}, false],
    ['an object and null', {}, null, false],
    ['a string and an object', 'x', { x: 1 }, false],
    ['an object and a string', { x: 1 }, 'x', false],
    ['equal lists', [1, { a: [2] }], [1, { a: [2] }], true],
    ['lists of different lengths', [1], [1, 2], false],
    ['lists that differ in one item', [1, 2], [1, 3], false],
    ['lists that differ only in a later item', [1, 2, 3], [1, 2, 4], false],
    ['a list and an object with the same entries', [1], { 0: 1 }, false],
    ['an object and a list with the same entries', { 0: 1 }, [1], false],
    ['equal objects in another key order', { a: 1, b: { c: null } }, { b: { c: null }, a: 1 }, true],
    ['objects with different key counts', { a: 1 }, { a: 1, b: 2 }, false],
    ['objects with the same count and different keys', { a: 1 }, { b: 1 }, false],
    ['objects whose key is present but undefined on one side', { a: undefined }, { b: undefined }, false],
    ['objects that differ deep inside', { a: { b: [1] } }, { a: { b: [2] } }, false],
    ['empty objects', {}, {}, true],
  ])('compares %s', (_case, a, b, expected) => {
    // Act
    const equal = jsonEqual(a, b)

    // Assess
    expect(equal).toBe(expected)
  })
})
