// Shared by the router-*.test.ts files: a router with idempotency on a fresh dynalite table, and
// ways to watch the store without timing anything.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { vi } from 'vitest'
import type { Context } from 'aws-lambda'
import { createRouter, type RouterOptions } from '../../../src/router.js'
import type { AnyPlugin } from '../../../src/plugin.js'
import { createIdempotencyTable, localDynamoDBClient } from '../../helpers/dynalite.js'
import { capturingLogger, lambdaContext, settle } from '../../helpers/lambda.js'

// The largest budget the router accepts: what a test waits for is behaviour, never a clock, and
// dynalite on a loaded machine can be slow. The Lambda's own remaining time is larger still.
export const BUDGET_MS = 4999
export const roomyContext = (): Context => lambdaContext({ getRemainingTimeInMillis: () => 60_000 })

// vi.waitUntil gives up after 1 s by default; this limit only ends a test that is truly stuck.
export const UNTIL = { interval: 1, timeout: 60_000 }

/** Counts the DynamoDB commands a client sends, by name (`GetItemCommand`, ...). */
export const countCommands = (client: DynamoDBClient): Map<string, number> => {
  const counts = new Map<string, number>()
  client.middlewareStack.add(
    (next, context) => (args) => {
      counts.set(context.commandName as string, (counts.get(context.commandName as string) ?? 0) + 1)
      return next(args)
    },
    { step: 'initialize', name: 'countCommands' },
  )
  return counts
}

/** A router with idempotency on a new table of `endpoint`; its DynamoDB client talks to dynalite for real. */
export const idempotentRouter = async (
  endpoint: string,
  plugins: readonly AnyPlugin[],
  options: Partial<RouterOptions> & { tableName?: string } = {},
) => {
  const { tableName: givenTable, ...routerOptions } = options
  const tableName = givenTable ?? (await createIdempotencyTable(endpoint))
  const client = localDynamoDBClient(endpoint)
  const commands = countCommands(client)
  const logger = capturingLogger()
  const router = createRouter({
    plugins,
    logger,
    deadlineMs: BUDGET_MS,
    idempotency: { tableName, client },
    ...routerOptions,
  })
  const run = (event: unknown, context: Context = roomyContext()) => settle(router, event, context)
  /** The `idempotency` outcome of `plugin` on each log line that lists plugins, in order. */
  const outcomes = (plugin: string) =>
    logger.lines.flatMap((line) => {
      const runs = line.attributes?.plugins as { plugin: string; idempotency?: string }[] | undefined
      return (runs ?? []).filter((entry) => entry.plugin === plugin).map((entry) => entry.idempotency)
    })
  return { router, run, logger, client, commands, tableName, outcomes }
}

/** Resolves once `count()` reaches `at_least`: the test goes on when something happened, however slowly. */
export const until = (count: () => number, atLeast: number) => vi.waitUntil(() => count() >= atLeast, UNTIL)
