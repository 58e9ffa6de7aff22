import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { builtinPlugins } from '../../plugins/index.js'
import { builtinPluginLoaders } from '../../plugins/loaders.js'
import { builtinManifests } from '../../plugins/registry.js'
import { loadersSource, pluginsIndexSource } from '../../src/deploy/registry-sources.js'

const generated = {
  'plugins/loaders.ts': loadersSource,
  'plugins/index.ts': pluginsIndexSource,
}
const pathOf = (file: string) => fileURLToPath(new URL(`../../${file}`, import.meta.url))
if (process.env.UPDATE_GENERATED === '1') for (const [file, source] of Object.entries(generated)) writeFileSync(pathOf(file), source())

describe('the generated plugin registries', () => {
  it.each(Object.entries(generated))('%s is generated from the manifests (UPDATE_GENERATED=1 rewrites it)', (file, source) => {
    expect(readFileSync(pathOf(file), 'utf8')).toBe(source())
  })

  it.each(Object.keys(builtinManifests))('loads for %s the factory its manifest loads', async (name) => {
    expect(await builtinPluginLoaders[name]?.()).toBe(await builtinManifests[name]!.load())
  })
})

// The Lambda entry loads plugins through builtinPluginLoaders, the local tools and library users
// through builtinPlugins: the two registries must never drift apart.
describe('builtinPluginLoaders', () => {
  it('has exactly the keys of builtinPlugins', () => {
    // Prepare
    const expected = Object.keys(builtinPlugins).sort()

    // Act
    const actual = Object.keys(builtinPluginLoaders).sort()

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
