// A real DynamoDB API for tests: dynalite, started by src/local/dynalite.ts (the one copy `npm
// start`, the demo and the bench use too), stopped in vitest's afterAll. dynalite is a
// devDependency, so a test that asks for it fails loudly when it is missing.
import { afterAll, beforeAll } from 'vitest'
import { freePort } from '../../src/local/cognito-local.js'
import { startDynalite as startLocalDynalite, type RunningDynalite } from '../../src/local/dynalite.js'

export { createIdempotencyTable, IDEMPOTENCY_TABLE_LAYOUT, localDynamoDBClient, type RunningDynalite } from '../../src/local/dynalite.js'

/** Starts an in-memory dynalite on 127.0.0.1 on a free port; throws when dynalite is not installed. */
export const startDynalite = async (): Promise<RunningDynalite> => {
  const running = await startLocalDynalite()
  if (running === undefined) throw new Error('dynalite is not installed: run `npm install` (it is a devDependency)')
  return running
}

/** Starts dynalite before the suite's tests and stops it after them; read `endpoint` inside a test. */
export const dynaliteForSuite = (): { readonly endpoint: string } => {
  let running: RunningDynalite | undefined
  beforeAll(async () => {
    running = await startDynalite()
  })
  afterAll(async () => {
    await running?.stop()
  })
  return {
    get endpoint() {
      if (running === undefined) throw new Error('dynalite is not running: read `endpoint` inside a test, not at collection time')
      return running.endpoint
    },
  }
}

/** An endpoint where nothing listens (a port that was free a moment ago): a DynamoDB that cannot be reached. */
export const closedPortEndpoint = async (): Promise<string> => `http://127.0.0.1:${await freePort()}`
