// -- config.schema.json ------------------------------------------------------------------------
// The JSON Schema of the configuration, generated from the same valibot schemas the cold start,
// the deploy plan and the CLI use. Shipped as `cognito-trigger-router/config.schema.json`;
// test/unit/deploy/json-schema.test.ts fails when the committed file is stale (UPDATE_GENERATED=1
// rewrites it).
// Rules no JSON Schema keyword expresses (a regular expression that must compile, a domain that
// must normalize) are left out here and still checked at cold start and at synth.

import { toJsonSchema } from '@valibot/to-json-schema'
import { builtinManifests } from '../../plugins/registry.js'
import { routerConfigSchemas } from '../config-schema.js'

/** Where the schema is committed, relative to the package root. */
export const CONFIG_SCHEMA_FILE = 'src/config.schema.json'

/** The JSON Schema (draft-07) of a configuration of the built-in plugins. */
export const configJsonSchema = (): Record<string, unknown> => {
  const { config, plugins } = routerConfigSchemas(Object.values(builtinManifests))
  // The plugins object once, referenced by the default and every per-pool or per-client override.
  return {
    ...toJsonSchema(config, { errorMode: 'ignore', definitions: { plugins } }),
  $id: 'https://unpkg.com/cognito-trigger-router/src/config.schema.json',
    title: 'cognito-trigger-router configuration',
  }
}

/** The file's text: the schema, two-space indented, with a final newline. */
export const configJsonSchemaText = (): string => `${JSON.stringify(configJsonSchema(), null, 2)}\n`
