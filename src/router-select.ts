// -- selecting a router by pool and app client ---------------------------------------------------
// A configuration with per-pool or per-client overrides (src/config-variants.ts) is one router per
// variant, built at cold start. This thin layer in front hands each event to the router of its
// `userPoolId` and `callerContext.clientId`: two Map lookups, nothing else per invocation. Each
// router keeps every guarantee (echo, fail closed, deadline, logging) on its own.

import type { Context } from 'aws-lambda'
import { selectVariant, variantsOf, type VariantTable } from './config-variants.js'
import type { CognitoRouter } from './router.js'

type Attach = (middleware: unknown) => unknown

/**
 * One handler over a table of routers. Middleware added with `use()` (or `before`, `after`,
 * `onError`) goes onto every router of the table, so it runs whichever variant an event selects.
 *
 * @example
 * ```ts
 * const router = selectingRouter({ other: { pool: defaultRouter, clients: new Map() }, pools: new Map([['eu-west-1_Abc', { pool: strictRouter, clients: new Map() }]]) })
 * ```
 */
export const selectingRouter = (table: VariantTable<CognitoRouter>): CognitoRouter => {
  const routers = [...new Set(variantsOf(table))]
  const selecting = ((event: unknown, context: Context) => selectVariant(table, event)(event, context)) as unknown as CognitoRouter
  for (const method of ['use', 'before', 'after', 'onError'] as const) {
    selecting[method] = ((middleware: unknown) => {
      for (const router of routers) (router[method] as Attach)(middleware)
      return selecting
    }) as never
  }
  // middy's `handler()` replaces the function a router wraps, which here is the routing itself.
  selecting.handler = (() => {
    throw new TypeError('a router with per-pool or per-client configuration has no single handler to replace')
  }) as never
  return selecting
}
