import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { ConfigurationError } from '../../src/errors.js'
import { definePluginManifest, factoryName, familiesOf, MissingPrerequisiteError } from '../../src/manifest.js'
import {
  codeOnly,
  describeOptionIssue,
  flag,
  hasSend,
  integerFrom,
  invalidOption,
  kindOf,
  optionPath,
  parseOptions,
  recordOptions,
  strictOptions,
} from '../../src/options.js'

const schema = strictOptions({
  name: v.pipe(v.string('must be a string'), v.minLength(1, 'must not be empty')),
  enabled: v.optional(flag()),
  count: v.optional(integerFrom(1, 5)),
  mode: v.optional(v.picklist(['a', 'b'], 'must be "a" or "b"')),
  target: v.optional(v.union([v.literal(true), strictOptions({ bus: v.string('must be a string') })], 'must be true or an object')),
  labels: v.optional(recordOptions(v.string(), v.string('must be a string'), 'must be an object of strings')),
  items: v.optional(v.array(strictOptions({ id: v.string('must be a string') }), 'must be an array')),
  client: v.optional(codeOnly<{ send: () => void }>(hasSend, 'must be an AWS SDK v3 client')),
})

describe('parseOptions', () => {
  it('returns the options when they match the schema', () => {
    const options = { name: 'x', enabled: true, count: 3, labels: { 'custom:team': 'a' }, client: { send: () => undefined } }
    expect(parseOptions(schema, options)).toStrictEqual(options)
  })

  it.each<[string, unknown, string]>([
    ['options that are not an object', 'x', 'options must be an object, got a string'],
    ['an array for options', [], 'options must be an object, got an array'],
    ['null for options', null, 'options must be an object, got null'],
    ['a required option left out', {}, '"name" is required'],
    ['an unknown option, reported before a missing one', { nmae: 'x' }, 'unknown option "nmae" (known: name, enabled, count, mode, target, labels, items, client)'],
    ['a value of the wrong type', { name: 'x', enabled: 'yes' }, '"enabled" must be a boolean, got a string'],
    ['a value that breaks a rule of its type', { name: '' }, '"name" must not be empty'],
    ['a number out of range, quoted', { name: 'x', count: 9 }, '"count" must be an integer from 1 to 5, got 9'],
    ['a number of the wrong type', { name: 'x', count: '3' }, '"count" must be an integer from 1 to 5, got a string'],
    ['a value outside a list, without its type', { name: 'x', mode: 'c' }, '"mode" must be "a" or "b"'],
    ['an object branch of a union, naming the inner key', { name: 'x', target: { bus: 7 } }, '"target.bus" must be a string, got a number'],
    ['an unknown key in a union branch', { name: 'x', target: { bux: 'a' } }, 'unknown option "target.bux" (known: bus)'],
    ['no branch of a union', { name: 'x', target: 'yes' }, '"target" must be true or an object'],
    ['a map key that is not an identifier', { name: 'x', labels: { 'custom:team': 1 } }, '"labels["custom:team"]" must be a string, got a number'],
    ['an array for a map', { name: 'x', labels: [] }, '"labels" must be an object of strings, got an array'],
    ['a list item', { name: 'x', items: [{ id: 'a' }, { id: 2 }] }, '"items[1].id" must be a string, got a number'],
    ['a code-only value JSON cannot give', { name: 'x', client: {} }, '"client" must be an AWS SDK v3 client, got an object'],
  ])('refuses %s, naming the option and what was expected', (_case, options, message) => {
    expect(() => parseOptions(schema, options)).toThrowError(ConfigurationError)
    expect(() => parseOptions(schema, options)).toThrowError(message)
  })

  it.each<[unknown, string]>([
    [{ name: 'x', items: [{ id: 2 }] }, '"plugins.demo.items[0].id" must be a string'],
    ['x', '"plugins.demo" must be an object'],
    [{ name: 'x', extra: 1 }, 'unknown option "plugins.demo.extra"'],
  ])('puts the prefix in front of the path of %j', (options, message) => {
    expect(() => parseOptions(schema, options, 'plugins.demo')).toThrowError(message)
  })

  it('names the inner key when the options themselves are a union', () => {
    const either = v.union([v.literal(true), strictOptions({ bus: v.string('must be a string') })], 'must be true or an object')
    expect(() => parseOptions(either, { bus: 1 })).toThrowError('"bus" must be a string, got a number')
  })

  it('joins a prefix and a path that starts with an index without a dot', () => {
    const [issue] = v.safeParse(v.array(v.string('must be a string')), [1]).issues ?? []
    expect(describeOptionIssue(issue!, 'plugins.demo.list')).toBe('"plugins.demo.list[0]" must be a string, got a number')
  })
})

describe('option helpers', () => {
  it.each<[unknown, string]>([
    [null, 'null'],
    [undefined, 'undefined'],
    [[], 'an array'],
    [{}, 'an object'],
    ['', 'a string'],
    [1, 'a number'],
    [true, 'a boolean'],
    [() => undefined, 'a function'],
  ])('describes %j as %s, never quoting it', (value, kind) => {
    expect(kindOf(value)).toBe(kind)
  })

  it('writes paths with dots for names, brackets for indexes and other keys', () => {
    expect(optionPath([{ key: 'rules' }, { key: 0 }, { key: 'attributeMap' }, { key: 'custom:team' }])).toBe('rules[0].attributeMap["custom:team"]')
    expect(optionPath(undefined)).toBe('')
  })

  it('throws a ConfigurationError from an expression', () => {
    expect(() => invalidOption('"a" and "b" contradict each other')).toThrowError(new ConfigurationError('"a" and "b" contradict each other'))
  })
})

describe('manifests', () => {
  it('freezes a manifest and keeps it as given', () => {
    const manifest = definePluginManifest({
      name: 'demo',
      summary: 'A demo.',
      triggers: ['PreSignUp_SignUp'],
      example: { name: 'x' },
      options: schema,
      load: async () => () => ({ name: 'demo', triggers: ['PreSignUp_SignUp'], handler: () => undefined }),
    })
    expect(Object.isFrozen(manifest)).toBe(true)
    expect(manifest.name).toBe('demo')
  })

  it.each([
    ['add-to-group', 'addToGroup'],
    ['federation-attributes', 'federationAttributes'],
    ['email-otp', 'emailOtp'],
  ])('exports the factory of %s as %s', (name, factory) => {
    expect(factoryName(name)).toBe(factory)
  })

  it('derives the families of trigger patterns, in catalogue order, each once', () => {
    expect(familiesOf(['TokenGeneration_*', 'PreSignUp_SignUp', 'PreSignUp_ExternalProvider'])).toStrictEqual(['PreSignUp', 'TokenGeneration'])
    expect(familiesOf(['*'])).toHaveLength(13)
  })

  it('refuses an unknown trigger pattern', () => {
    expect(() => familiesOf(['PreTokenGeneration_*' as never])).toThrowError('trigger pattern "PreTokenGeneration_*": unknown trigger')
  })

  it.each([
    [true, 'the environment variable TOKEN, named by "http.bearerTokenEnv", is not set; the deployment must provide it (from SSM Parameter Store or Secrets Manager)'],
    [false, 'the environment variable REGION_NAME, named by "region", is not set; the deployment must provide it'],
  ])('names a missing prerequisite (secret: %s) and what provides it', (secret, message) => {
    const prerequisite = secret ? { env: 'TOKEN', option: 'http.bearerTokenEnv', secret } : { env: 'REGION_NAME', option: 'region', secret }
    const error = new MissingPrerequisiteError(prerequisite)
    expect(error).toBeInstanceOf(ConfigurationError)
    expect(error.message).toBe(message)
    expect(error.prerequisite).toBe(prerequisite)
  })
})
