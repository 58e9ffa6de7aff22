// -- the configuration as one schema -----------------------------------------------------------
// The whole JSON configuration of the Lambda entry, from the router's own options and each
// plugin manifest's options schema. It becomes config.schema.json (src/deploy/json-schema.ts), so
// an editor completes and checks `router-config.json` against the rules the cold start applies.

import * as v from 'valibot'
import type { PluginManifest } from './manifest.js'
import { flag, integerFrom, recordOptions, strictOptions } from './options.js'

const STRING = v.string('must be a string')
const ERROR_MESSAGE = 'must be a string containing "{requestId}", so users can quote a correlation id'

/** The router's own keys of the configuration: the shape of what the middleware check at cold start. */
export const routerConfigEntries = {
  $schema: v.optional(v.pipe(STRING, v.description('The JSON Schema of this file, for editors.'))),
  deadlineMs: v.optional(v.pipe(integerFrom(1, 4999), v.description('The time budget of one invocation; Cognito gives up at 5000 ms.'))),
  errorMessage: v.optional(v.pipe(v.string(ERROR_MESSAGE), v.includes('{requestId}', ERROR_MESSAGE), v.description('What users see when a trigger fails closed.'))),
  logging: v.optional(
    strictOptions({
      logEvents: v.optional(flag()),
      eventLevel: v.optional(v.picklist(['debug', 'info'], 'must be "debug" or "info"')),
      redact: v.optional(strictOptions({ paths: v.optional(v.array(STRING, 'must be an array')), replaceDefaults: v.optional(flag()), mask: v.optional(STRING) })),
    }),
  ),
  // The shape only: the CloudWatch rules on names and the refusal of per-user dimensions are
  // checked at cold start by resolveMetricsOptions (src/metrics/options.ts).
  metrics: v.optional(
    v.pipe(
      v.union(
        [
          v.boolean(),
          strictOptions({
            namespace: v.optional(v.pipe(STRING, v.description('The CloudWatch namespace; default POWERTOOLS_METRICS_NAMESPACE, else CognitoTriggerRouter.'))),
            service: v.optional(v.pipe(STRING, v.description('The service dimension; default POWERTOOLS_SERVICE_NAME, else cognito-trigger-router.'))),
            dimensions: v.optional(
              v.pipe(recordOptions(STRING, STRING, 'must be an object of dimension name to fixed text'), v.description('Extra dimensions with fixed values, never per-user fields.')),
            ),
          }),
        ],
        'must be true, false or an object',
      ),
      v.description('Per-plugin CloudWatch metrics in Embedded Metric Format (README "Metrics"); off unless true or an object.'),
    ),
  ),
  // The shape only: plugin names are checked against the enabled plugins' sideEffects at cold start.
  idempotency: v.optional(
    v.pipe(
      strictOptions({
        tableName: v.pipe(STRING, v.description('The DynamoDB table (partition key "id", TTL on "expiration").')),
        windowSeconds: v.optional(v.pipe(integerFrom(1, 86400), v.description('The replay window in seconds (default 300).'))),
        plugins: v.optional(
          recordOptions(
            STRING,
            strictOptions({
              enabled: v.optional(flag()),
              key: v.optional(v.pipe(v.array(STRING, 'must be an array'), v.description('Event paths the idempotency key is made of.'))),
              windowSeconds: v.optional(v.pipe(integerFrom(1, 86400), v.description('The replay window in seconds (default 300).'))),
            }),
            'must be an object of plugin name to options',
          ),
        ),
      }),
      v.description('Side effects once per Cognito request, whatever Cognito or Lambda retries (README "Retries and side effects").'),
    ),
  ),
}

/**
 * The schema of a whole configuration whose plugins are these manifests: each plugin is `true`,
 * `false` or its options.
 *
 * @example
 * ```ts
 * import * as v from 'valibot'
 * import { routerConfigSchema } from './config-schema.js'
 * import { builtinManifests } from '../plugins/registry.js'
 *
 * v.parse(routerConfigSchema(Object.values(builtinManifests)), { plugins: { 'sign-in-audit': true } })
 * ```
 */
export const routerConfigSchema = (manifests: readonly PluginManifest[]) => routerConfigSchemas(manifests).config

/**
 * The configuration's schema and its `plugins` object's, which the default and every override
 * share (config.schema.json holds it once, as a definition).
 */
export const routerConfigSchemas = (manifests: readonly PluginManifest[]) => {
  // One schema object in every place, so config.schema.json holds it once, as a definition.
  const pluginsObject = v.pipe(
    strictOptions(
      Object.fromEntries(
        manifests.map(({ name, options, summary }) => [
          name,
          v.optional(v.pipe(v.union([v.boolean(), options], 'must be an options object, true or false'), v.description(summary))),
        ]),
      ),
      'must be an object of plugin name to options',
    ),
    v.description(
      'The plugins to enable, by name, with their options (true for the defaults), in this order. In an override, per plugin over ' +
        'the default: a plugin named replaces its default entry (false disables it), the others are kept.',
    ),
  )
  const override = strictOptions({ plugins: v.optional(pluginsObject) }, 'must be an object with "plugins"')
  // The id shapes of Cognito's API (Amazon Cognito API Reference, "CreateUserPool", "CreateUserPoolClient"), checked at cold start too (src/config-variants.ts).
  const clientId = v.pipe(STRING, v.regex(/^[\w+]+$/, 'must be an app client id'), v.maxLength(128, 'must be an app client id'))
  const poolId = v.pipe(STRING, v.regex(/^[\w-]+_[0-9a-zA-Z]+$/, 'must be a user pool id, <region>_<id>'), v.maxLength(55, 'must be a user pool id'))
  const clients = (description: string) => v.pipe(recordOptions(clientId, override, 'must be an object of app client id to override'), v.description(description))
  const config = strictOptions(
    {
      ...routerConfigEntries,
      plugins: pluginsObject,
      pools: v.optional(
        v.pipe(
          recordOptions(
            poolId,
            strictOptions(
              { plugins: v.optional(pluginsObject), clients: v.optional(clients("Overrides for this pool's app clients, over the pool's and the top-level client's.")) },
              'must be an object with "plugins" and "clients"',
            ),
            'must be an object of user pool id to override',
          ),
          v.description('Overrides of the default plugins by user pool id (README "One function for many pools and clients").'),
        ),
      ),
      clients: v.optional(clients("Overrides of the default plugins by app client id, in every pool, over the pool's override.")),
    },
    'must be a JSON object with a "plugins" object',
  )
  return { config, plugins: pluginsObject }
}
