import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { builtinManifests, builtinPlugins } from '../../plugins/index.js'

const pluginsDir = fileURLToPath(new URL('../../plugins/', import.meta.url))
// A plugin folder is one with a manifest; others (message-templates) are modules plugins share.
const folders = readdirSync(pluginsDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(`${pluginsDir}${entry.name}/manifest.ts`))
  .map((entry) => entry.name)

describe('the built-in plugins', () => {
  it('registers every plugin folder under its folder name, and nothing else', () => {
    expect(Object.keys(builtinManifests).sort()).toStrictEqual([...folders].sort())
  })

  it('exports a factory for every registered manifest, under the manifest name in camel case', () => {
    expect(Object.keys(builtinPlugins).sort()).toStrictEqual(Object.keys(builtinManifests).sort())
  })


  it.each(folders)('%s has a README, tests, and runs the shared plugin contract suite', (name) => {
    expect(existsSync(`${pluginsDir}${name}/README.md`)).toBe(true)
    const tests = `${pluginsDir}${name}/${name}.test.ts`
    expect(existsSync(tests)).toBe(true)
    expect(readFileSync(tests, 'utf8')).toMatch(/describePluginContract\(/)
  })

  it.each(folders)('%s refuses an unknown option at cold start, naming it', (name) => {
    const factory = builtinPlugins[name] as (options: unknown) => unknown
    expect(() => factory({ notAnOption: true })).toThrowError(/notAnOption/)
  })
})
