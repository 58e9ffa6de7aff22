import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { builtinManifests } from '../../../plugins/registry.js'
import { routerConfigSchema } from '../../../src/config-schema.js'
import { createRouterFromConfig } from '../../../src/config.js'
import { CONFIG_SCHEMA_FILE, configJsonSchema, configJsonSchemaText } from '../../../src/deploy/json-schema.js'

const root = fileURLToPath(new URL('../../../', import.meta.url))

describe('config.schema.json', () => {
  it('is the schema generated from the manifests (UPDATE_GENERATED=1 rewrites it)', () => {
    if (process.env.UPDATE_GENERATED === '1') writeFileSync(`${root}${CONFIG_SCHEMA_FILE}`, configJsonSchemaText())
    expect(readFileSync(`${root}${CONFIG_SCHEMA_FILE}`, 'utf8')).toBe(configJsonSchemaText())
  })

  it('is shipped in the package under the name the README gives', () => {
    const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { exports: Record<string, unknown>; files: string[] }
    expect(pkg.exports['./config.schema.json']).toBe(`./${CONFIG_SCHEMA_FILE}`)
    expect(pkg.files).toContain(CONFIG_SCHEMA_FILE)
  })

  it('describes every built-in plugin, with its summary, and nothing else', () => {
    const { plugins } = configJsonSchema().properties as { plugins: { properties: Record<string, { description?: string }> } }
    expect(Object.keys(plugins.properties).sort()).toStrictEqual(Object.keys(builtinManifests).sort())
    for (const [name, manifest] of Object.entries(builtinManifests)) expect(plugins.properties[name]?.description).toBe(manifest.summary)
  })

  it('has exactly the top-level keys the cold start accepts', () => {
    let message = ''
    try {
      createRouterFromConfig({ plugins: {}, notAKey: true }, {})
    } catch (error) {
      message = (error as Error).message
    }
    const accepted = /\(known: ([^)]*)\)/u.exec(message)?.[1]?.split(', ') ?? []
    expect(Object.keys(configJsonSchema().properties as object).sort()).toStrictEqual([...accepted].sort())
  })

  it.each(['src/lambda/config.json', 'src/local/example-config.json'])('accepts the shipped configuration %s', (file) => {
    const config: unknown = JSON.parse(readFileSync(`${root}${file}`, 'utf8'))
    expect(v.safeParse(routerConfigSchema(Object.values(builtinManifests)), config).issues).toBeUndefined()
  })

  it('refuses unknown keys, as the cold start does', () => {
    const schema = configJsonSchema() as { additionalProperties: boolean; required: string[] }
    expect(schema.additionalProperties).toBe(false)
    expect(schema.required).toStrictEqual(['plugins'])
  })
})
