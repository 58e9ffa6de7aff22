// The example configuration helpers: placeholders, the plugins it needs, the groups it implies.
import { describe, expect, it } from 'vitest'
import { ConfigurationError } from '../../../src/errors.js'
import { assertPluginsAvailable, enabledPlugins, exampleConfig, fillPlaceholders, groupsOf } from '../../../src/local/example.js'

describe('the example configuration', () => {
  it('enables the plugins the walkthrough and the demo rely on, in order', () => {
    // Act and assess
    expect(enabledPlugins(exampleConfig)).toStrictEqual(['signup-policy', 'user-migration', 'add-to-group', 'token-claims', 'sign-in-audit'])
    expect(groupsOf(exampleConfig)).toStrictEqual(['users'])
  })
})

describe('fillPlaceholders', () => {
  it('replaces {{name}} in every string, deep, and leaves everything else', () => {
    // Act
    const filled = fillPlaceholders({ a: ['{{url}}/x', 1, null, { b: 'at {{url}} and {{url}}' }], c: true }, { url: 'http://127.0.0.1:1' })

    // Assess
    expect(filled).toStrictEqual({ a: ['http://127.0.0.1:1/x', 1, null, { b: 'at http://127.0.0.1:1 and http://127.0.0.1:1' }], c: true })
  })

  it('refuses a placeholder it does not know', () => {
    // Act and assess
    expect(() => fillPlaceholders({ a: '{{nope}}' }, { url: 'x' })).toThrow(new ConfigurationError('configuration: unknown placeholder {{nope}}; known: url'))
  })
})

describe('enabledPlugins and groupsOf', () => {
  it('skips disabled plugins and reads nothing from a malformed configuration', () => {
    // Act and assess
    expect(enabledPlugins({ plugins: { a: true, b: false, c: {} } })).toStrictEqual(['a', 'c'])
    expect(enabledPlugins('nope')).toStrictEqual([])
    expect(enabledPlugins({ plugins: [] })).toStrictEqual([])
  })

  it('collects the groups of add-to-group, from groups and rules, once each', () => {
    // Act and assess
    expect(groupsOf({ plugins: { 'add-to-group': { groups: ['users', 7], rules: [{ groups: ['staff', 'users'] }, 'junk', { groups: 'x' }] } } })).toStrictEqual(['users', 'staff'])
    expect(groupsOf({ plugins: { 'add-to-group': true } })).toStrictEqual([])
    expect(groupsOf({ plugins: { 'add-to-group': { groups: ['a'] } } })).toStrictEqual(['a'])
    expect(groupsOf(null)).toStrictEqual([])
  })
})

describe('assertPluginsAvailable', () => {
  it('names every missing plugin and what the registry has', () => {
    // Act and assess
    expect(() => assertPluginsAvailable({ plugins: { a: true, b: true, c: false } }, { x: () => ({}) as never }, 'the example')).toThrow(
      'the example enables "a", "b", which are not in the built-in plugin registry (plugins/index.ts has: x); register them in builtinPlugins, or pass --config with a configuration that uses only those',
    )
    expect(() => assertPluginsAvailable({ plugins: { a: true } }, {}, 'it')).toThrow('it enables "a", which is not in the built-in plugin registry (plugins/index.ts has: none); register it')
    expect(() => assertPluginsAvailable({ plugins: { a: true } }, { a: () => ({}) as never }, 'it')).not.toThrow()
  })
})
