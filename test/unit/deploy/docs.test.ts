import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { builtinManifests } from '../../../plugins/registry.js'
import { permissionTable, pluginTable, README_TABLES, withGeneratedTables } from '../../../src/deploy/docs.js'

const readme = fileURLToPath(new URL('../../../README.md', import.meta.url))

describe('the README tables', () => {
  // UPDATE_GENERATED=1 npx vitest run --config test/vitest.config.ts test/unit/deploy/docs.test.ts
  if (process.env.UPDATE_GENERATED === '1') writeFileSync(readme, withGeneratedTables(readFileSync(readme, 'utf8')))
  const text = readFileSync(readme, 'utf8')

  it.each(Object.keys(README_TABLES))('has the %s table generated from the manifests, between its markers', (name) => {
    expect(text).toContain(`<!-- manifest:${name} -->\n${README_TABLES[name]!()}\n<!-- /manifest:${name} -->`)
  })

  it('lists every built-in plugin once, with its summary', () => {
    for (const { name, summary } of Object.values(builtinManifests)) {
      expect(pluginTable().split('\n').filter((line) => line.startsWith(`| [\`${name}\`]`))).toStrictEqual([expect.stringContaining(summary)])
    }
  })

  it('names the plugins that need each permission', () => {
    expect(permissionTable()).toContain('| `ses:SendEmail` |')
    expect(permissionTable()).toMatch(/\| `ses:SendEmail` \|.*\| `custom-sender`, `email-otp`, `welcome-email` \|$/mu)
  })

  it('names the four item actions of the idempotency table, scoped to that table', () => {
    expect(permissionTable()).toContain('| `dynamodb:PutItem`, `dynamodb:GetItem`, `dynamodb:UpdateItem`, `dynamodb:DeleteItem` | the idempotency table only |')
  })
})
