import { describe, expect, it } from 'vitest'
import { builtinPlugins } from '../../plugins/index.js'
import { builtinPluginLoaders } from '../../plugins/loaders.js'

// The Lambda entry loads plugins through builtinPluginLoaders, the local tools and library users
// through builtinPlugins: the two registries must never drift apart.
describe('builtinPluginLoaders', () => {
  it('has exactly the keys of builtinPlugins, in the same order', () => {
    // Prepare
    const expected = Object.keys(builtinPlugins)

    // Act
    const actual = Object.keys(builtinPluginLoaders)

    // Assess
    expect(actual).toStrictEqual(expected)
  })

  it('is frozen, like builtinPlugins', () => {
    // Assess
    expect(Object.isFrozen(builtinPluginLoaders)).toBe(true)
    expect(Object.isFrozen(builtinPlugins)).toBe(true)
  })

  it.each(Object.keys(builtinPlugins))('loads the very factory builtinPlugins has for %s', async (name) => {
    // Prepare
    const loader = builtinPluginLoaders[name]

    // Act
    const factory = await loader?.()

    // Assess
    expect(typeof factory).toBe('function')
    expect(factory).toBe(builtinPlugins[name])
  })
})
