// -- README tables from the manifests ----------------------------------------------------------
// The plugin table ("Built-in plugins") and the permission table ("What each permission is for")
// are written from the manifests and PERMISSIONS, between `<!-- manifest:… -->` markers;
// test/unit/deploy/docs.test.ts fails when the README drifts (UPDATE_GENERATED=1 rewrites it).

import { builtinManifests } from '../../plugins/registry.js'
import { IDEMPOTENCY_ACTIONS } from './idempotency.js'
import { PERMISSIONS, type PermissionKind } from './needs.js'
import { pluginDeployment } from './plugins.js'

const row = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`
const code = (text: string): string => `\`${text}\``

/** The README's plugin table: name (linking its README), triggers, summary; alphabetical. */
export const pluginTable = (): string => {
  const manifests = Object.values(builtinManifests).sort((a, b) => a.name.localeCompare(b.name))
  return [
    row(['plugin', 'triggers', 'what it does']),
    row(['---', '---', '---']),
    ...manifests.map(({ name, triggers, summary }) =>
      row([`[${code(name)}](plugins/${name}/README.md)`, triggers.map(code).join(', '), summary]),
    ),
  ].join('\n')
}

// Granted whatever the configuration: Cognito's invoke permission and the function's own logs.
const ALWAYS = [
  row([
    '`lambda:InvokeFunction` for `cognito-idp.amazonaws.com` (resource policy)',
    'the function; `SourceArn` = pool, `SourceAccount`',
    'Cognito invoking the function. Without it: `<Trigger> invocation failed due to error AccessDeniedException.`',
    'always, one per pool',
  ]),
  row(['`logs:CreateLogStream`, `logs:PutLogEvents`', "the function's log group", "the router's JSON logs", 'always']),
]

// Granted with the `idempotency` option, from the same list the construct and the template grant.
const IDEMPOTENCY = row([
  IDEMPOTENCY_ACTIONS.map(code).join(', '),
  'the idempotency table only',
  'claiming a request, reading a first attempt\'s record, saving its result, dropping the claim of a failed run',
  'with `idempotency`, for plugins with side effects',
])

/** The README's permission table: each kind of need, and the plugins whose example options need it. */
export const permissionTable = (): string => {
  const users = new Map<PermissionKind, string[]>()
  for (const manifest of Object.values(builtinManifests)) {
    for (const need of pluginDeployment(manifest.name, manifest.example as never).needs) {
      const names = users.get(need.kind) ?? []
      if (!names.includes(manifest.name)) users.set(need.kind, [...names, manifest.name])
    }
  }
  return [
    row(['Permission', 'Resource', 'Why', 'Plugin']),
    row(['---', '---', '---', '---']),
    ...ALWAYS,
    IDEMPOTENCY,
    ...(Object.entries(PERMISSIONS) as [PermissionKind, (typeof PERMISSIONS)[PermissionKind]][]).map(([kind, { actions, resource, why }]) =>
      row([actions.map(code).join(', '), resource, why, (users.get(kind) ?? []).sort().map(code).join(', ')]),
    ),
  ].join('\n')
}

/** The generated tables, by the name of their README marker. */
export const README_TABLES: Readonly<Record<string, () => string>> = { plugins: pluginTable, permissions: permissionTable }

/** `text` with each marked table replaced by its generated version. */
export const withGeneratedTables = (text: string): string =>
  Object.entries(README_TABLES).reduce(
    (current, [name, table]) =>
      current.replace(
        new RegExp(`(<!-- manifest:${name} -->\\n)[\\s\\S]*?(\\n<!-- /manifest:${name} -->)`, 'u'),
        (_match, start: string, end: string) => `${start}${table()}${end}`,
      ),
    text,
  )
