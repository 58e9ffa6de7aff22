// -- plugins/loaders.ts and plugins/index.ts from the manifests ----------------------------------
// Both registries of plugin code are generated from the registered manifests (plugins/manifests.ts),
// so adding a built-in plugin is its folder and one registration line. They are generated rather
// than computed at run time because neither may import the manifests: plugins/loaders.ts is what the
// Lambda entry imports (a disabled plugin's schema must cost the cold start nothing), and
// plugins/index.ts needs each factory as a static import. test/unit/plugins-loaders.test.ts fails
// when either is stale; UPDATE_GENERATED=1 rewrites them. The folder is named as the plugin and
// the factory exported under its name in camel case (factoryName).

import { builtinManifests } from '../../plugins/registry.js'
import { factoryName } from '../manifest.js'

const names = (): string[] => Object.keys(builtinManifests).sort()

const HEADER = `// GENERATED from the plugin manifests (plugins/manifests.ts) by src/deploy/registry-sources.ts; do not edit.
// Rewrite it, with the README tables and config.schema.json, by running with UPDATE_GENERATED=1:
// npx vitest run --config test/vitest.config.ts test/unit/plugins-loaders.test.ts test/unit/deploy`

/** The text of plugins/loaders.ts for the registered manifests. */
export const loadersSource = (): string => `${HEADER}
// The built-in plugins as loaders, keyed like \`builtinPlugins\`: each is a dynamic import, so a
// bundle built from these (the Lambda entry) loads a plugin's code, and its options schema, only
// when its configuration enables it. This file imports no manifest for the same reason.

import type { PluginLoader } from '../src/config.js'

/**
 * Loaders of the built-in plugin factories, for \`loadRouterFromConfig\`.
 *
 * @example
 * \`\`\`ts
 * import { loadRouterFromConfig } from 'cognito-trigger-router'
 * import { builtinPluginLoaders } from 'cognito-trigger-router/plugins/loaders'
 *
 * export const handler = await loadRouterFromConfig({ plugins: { 'add-to-group': { groups: ['users'] } } }, builtinPluginLoaders)
 * \`\`\`
 */
export const builtinPluginLoaders: Readonly<Record<string, PluginLoader>> = Object.freeze({
${names()
  .map((name) => `  '${name}': async () => (await import('./${name}/index.js')).${factoryName(name)},`)
  .join('\n')}
})
`

/** The text of plugins/index.ts for the registered manifests. */
export const pluginsIndexSource = (): string => `${HEADER}
// The built-in plugins: \`import { signupPolicy, builtinPlugins } from 'cognito-trigger-router/plugins'\`.
// Each plugin's public API (its factory, options type, errors and manifest), and \`builtinPlugins\`,
// which maps the name the JSON configuration uses to each factory. Every factory validates its
// options when called, which is cold start.

import type { PluginFactory } from '../src/config.js'
${names()
  .map((name) => `import { ${factoryName(name)} } from './${name}/index.js'`)
  .join('\n')}

${names()
  .map((name) => `export * from './${name}/index.js'`)
  .join('\n')}
export { builtinManifests } from './registry.js'

/**
 * Built-in plugin factories, keyed by the name the JSON configuration uses.
 *
 * @example
 * \`\`\`ts
 * import { createRouterFromConfig } from 'cognito-trigger-router'
 * import { builtinPlugins } from 'cognito-trigger-router/plugins'
 *
 * export const handler = createRouterFromConfig({ plugins: { 'add-to-group': { groups: ['users'] } } }, builtinPlugins)
 * \`\`\`
 */
export const builtinPlugins: Readonly<Record<string, PluginFactory>> = Object.freeze({
${names()
  .map((name) => `  '${name}': ${factoryName(name)},`)
  .join('\n')}
})
`
