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
    const schema = configJsonSchema() as { $defs: { plugins: { properties: Record<string, { description?: string }> } }; properties: Record<string, unknown> }
    const plugins = schema.$defs.plugins
    expect(schema.properties.plugins).toStrictEqual({ $ref: '#/$defs/plugins' })
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

  it('holds the plugins once, for the default and every per-pool or per-client override', () => {
    const text = configJsonSchemaText()
    expect(text.split('"$ref": "#/$defs/plugins"').length - 1).toBe(4)
  })

  it.each([
    ['accepts', { plugins: {}, pools: { 'us-east-1_AbC': { plugins: { 'sign-in-audit': true }, clients: { abc123: { plugins: {} } } } }, clients: { web: {} } }, true],
    ['refuses a malformed pool id in', { plugins: {}, pools: { AbC: {} } }, false],
    ['refuses a malformed client id in', { plugins: {}, clients: { 'web-app': {} } }, false],
    ['refuses an unknown plugin in', { plugins: {}, clients: { web: { plugins: { nope: true } } } }, false],
  ])('%s a configuration with overrides', (_case, config, valid) => {
    expect(v.safeParse(routerConfigSchema(Object.values(builtinManifests)), config).success).toBe(valid)
  })

  it('refuses unknown keys, as the cold start does', () => {
    const schema = configJsonSchema() as { additionalProperties: boolean; required: string[] }
    expect(schema.additionalProperties).toBe(false)
    expect(schema.required).toStrictEqual(['plugins'])
  })
})
