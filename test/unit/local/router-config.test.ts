// Where `serve` and `invoke` take their configuration from, as the Lambda entry does.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ConfigurationError } from '../../../src/errors.js'
import { loadConfig, routerFrom } from '../../../src/local/router-config.js'
import { createRouterTrace } from '../../../src/local/trace.js'
import bundled from '../../../src/lambda/config.json' with { type: 'json' }

const dir = mkdtempSync(path.join(tmpdir(), 'ctr-config-test-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('loadConfig', () => {
  it('prefers --config, then COGNITO_ROUTER_CONFIG, then COGNITO_ROUTER_CONFIG_FILE, then the bundled configuration', () => {
    // Prepare
    const file = path.join(dir, 'router.json')
    writeFileSync(file, '{"plugins":{"a":true}}')
    const inline = '{"plugins":{"b":true}}'

    // Act and assess
    expect(loadConfig(file, { COGNITO_ROUTER_CONFIG: inline })).toStrictEqual({ config: { plugins: { a: true } }, source: file })
    expect(loadConfig(undefined, { COGNITO_ROUTER_CONFIG: inline })).toStrictEqual({ config: { plugins: { b: true } }, source: 'COGNITO_ROUTER_CONFIG' })
    expect(loadConfig(undefined, { COGNITO_ROUTER_CONFIG: ' ', COGNITO_ROUTER_CONFIG_FILE: file })).toStrictEqual({
      config: { plugins: { a: true } },
      source: `COGNITO_ROUTER_CONFIG_FILE=${file}`,
    })
    expect(loadConfig(undefined, {})).toStrictEqual({ config: bundled, source: 'the bundled configuration (src/lambda/config.json)' })
  })
})

describe('routerFrom', () => {
  it('names the source of a configuration mistake, and passes other errors through', () => {
    // Prepare
    const trace = createRouterTrace()

    // Act and assess
    expect(() => routerFrom({ config: { plugins: { nope: true } }, source: 'x.json' }, trace, {})).toThrow(
      new ConfigurationError('x.json: configuration: unknown plugin "plugins.nope"; built-in plugins: (none)'),
    )
    expect(() =>
      routerFrom({ config: { plugins: { bad: true } }, source: 'x.json' }, trace, {
        bad: () => {
          throw new ConfigurationError('"groups" must be a list')
        },
      }),
    ).toThrow('x.json: configuration: "plugins.bad": "groups" must be a list')
    expect(typeof routerFrom({ config: { plugins: {} }, source: 'x' }, trace)).toBe('function')
  })
})
