// What the `idempotency` option adds per invocation, against dynalite (src/local/dynalite.ts) on
// loopback: informational, with no target and not among stats.ts RATIO_KEYS, since each invocation
// makes DynamoDB round trips over HTTP whose cost is the local machine's, not Lambda's. Runs before
// the AWS clients are stubbed (subjects.stubAwsClients would answer DynamoDB's calls too).
// Two paths, measured apart: distinct users (a first run: the conditional put, the plugin, the
// update) and the same event again (a replay: the conditional put fails, the stored result returns).

import { createRouter, definePlugin } from '../../src/index.js'
import { createIdempotencyTable, localDynamoDBClient, startDynalite } from '../../src/local/dynalite.js'
import { createEvent } from '../../src/testing/events.js'
import { say, table, us } from './format.js'
import { measureTime, warmUp, type Variant } from './measure.js'
import type { Options } from './options.js'
import { median, quantile } from './stats.js'
import * as subjects from './subjects.js'

const SOURCE = 'PostConfirmation_ConfirmSignUp'

/** Timed invocations per row: each makes DynamoDB round trips, so far fewer than the in-process rows. */
export const idempotencyInvocations = (options: Options): number => Math.min(options.invocations, options.quick ? 500 : 2_000)

const events = (prefix: string, count: number): unknown[] =>
  Array.from({ length: count }, (_, i) =>
    createEvent(SOURCE, { userAttributes: { sub: `${prefix}-${String(i).padStart(12, '0')}`, email: `user${i}@example.com`, email_verified: 'true' } }),
  )

/** Times the router with one side-effecting plugin, with and without idempotency; undefined without dynalite. */
export const idempotencyCost = async (options: Options, notes: string[]): Promise<Record<string, unknown> | undefined> => {
  const dynamo = await startDynalite()
  if (dynamo === undefined) {
    notes.push('idempotency not measured: dynalite is not installed (a devDependency; run `npm install`).')
    return undefined
  }
  const client = localDynamoDBClient(dynamo.endpoint)
  try {
    const tableName = await createIdempotencyTable(dynamo.endpoint, 'bench-idempotency')
    // A side effect that costs nothing, so the rows differ by the idempotency work alone.
    let sideEffects = 0
    const plugin = definePlugin({
      name: 'side-effect',
      triggers: [SOURCE],
      sideEffects: true,
      handler: () => {
        sideEffects += 1
        return undefined
      },
    })
    const router = (idempotent: boolean) =>
      createRouter({ plugins: [plugin], logger: subjects.routerLogger(), ...(idempotent ? { idempotency: { tableName, client } } : {}) }) as unknown as subjects.Handler
    const invocations = idempotencyInvocations(options)
    const warmup = Math.min(options.warmup, 200)
    const replayed = events('replayed', 1)
    const row = (key: string, label: string, handler: subjects.Handler, timed: unknown[], warm: unknown[]) => {
      const variant = (events: unknown[]): Variant => ({ key, label, handler: handler as Variant['handler'], events, samples: [], lines: 0 })
      return { variant: variant(timed), warm: variant(warm) }
    }
    const rows = [
      row('idemOff', '(i0) router + 1 side-effecting plugin, no idempotency', router(false), events('off', invocations), events('off-warm', warmup)),
      // Every timed event is a user the table has not seen: the first-run path each time.
      row('idemFirstRun', '(i1) + idempotency (dynalite), distinct users: first run', router(true), events('first', invocations), events('first-warm', warmup)),
      // The warm-up stores the one event's result; every timed invocation replays it.
      row('idemReplayed', '(i2) + idempotency (dynalite), the same event: replayed', router(true), replayed, replayed),
    ]
    const context = subjects.lambdaContext()
    say(`\nidempotency against dynalite on loopback: ${invocations} timed invocations per variant after ${warmup} warm-up, ${options.rounds} interleaved rounds`)
    await warmUp(
      rows.map((r) => r.warm),
      context,
      warmup,
    )
    const before = sideEffects
    await measureTime(
      rows.map((r) => r.variant),
      context,
      subjects.sink,
      invocations,
      options.rounds,
    )
    // Each timed invocation of (i0) and (i1) runs the plugin; (i2)'s never do.
    const expected = 2 * rows[0]!.variant.samples.length
    if (sideEffects - before !== expected) notes.push(`idempotency: the plugin ran ${sideEffects - before} times while timed, not ${expected}: the replayed row did not only replay.`)

    const baseline = median(rows[0]!.variant.samples)
    const printed = [['variant', 'median', 'p25 / p75', 'p99', 'ratio', 'against']]
    const report: Record<string, unknown>[] = []
    for (const { variant: v } of rows) {
      const m = median(v.samples)
      printed.push([v.label, us(m), `${us(quantile(v.samples, 0.25))} / ${us(quantile(v.samples, 0.75))}`, us(quantile(v.samples, 0.99)), `${(m / baseline).toFixed(3)} ×`, '(i0)'])
      report.push({ key: v.key, label: v.label, samples: v.samples.length, medianMs: m, p99Ms: quantile(v.samples, 0.99), ratioToBaseline: m / baseline })
    }
    say(table(printed))
    return { invocationsPerVariant: invocations, rows: report }
  } finally {
    client.destroy()
    await dynamo.stop()
  }
}
