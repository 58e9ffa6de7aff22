// -- the demo's last step: one welcome email for two deliveries of one event -----------------------
// Cognito calls a synchronous trigger again when it has not answered within 5 s. This step plays
// such a retry: the same PostConfirmation event reaches a router with the `idempotency` option
// twice, and welcome-email sends once. Everything is local and real: dynalite (an implementation of
// the DynamoDB API on Node) on 127.0.0.1 holds the idempotency table, and a small HTTP endpoint
// stands in for SES, counting the SendEmail requests the real SESv2 client makes.
// It runs the router in this process rather than through cognito-local, which cannot be made to
// retry a trigger.

import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { SESv2Client } from '@aws-sdk/client-sesv2'
import { welcomeEmail } from '../../plugins/welcome-email/index.js'
import type { Logger } from '../logger.js'
import { createRouter } from '../router.js'
import { createEvent } from '../testing/events.js'
import { createLambdaContext } from '../testing/invoke.js'
import { createIdempotencyTable, localDynamoDBClient, startDynalite } from './dynalite.js'

/** What the step saw. */
export interface RetryDemoReport {
  /** SendEmail requests SES received. */
  readonly emailsSent: number
  /** welcome-email's `idempotency` outcome, per invocation. */
  readonly outcomes: readonly (string | undefined)[]
  /** Whether both invocations got the same reply. */
  readonly sameReply: boolean
}

const CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' }

const listen = (server: Server): Promise<string> =>
  new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)
    })
  })

const close = (server: Server): Promise<void> =>
  new Promise((resolve) => {
    server.closeAllConnections()
    server.close(() => resolve())
  })

/**
 * Delivers one PostConfirmation event twice to a router with welcome-email and the `idempotency`
 * option, and reports how many emails went out. Undefined when dynalite is not installed.
 */
export const replayWelcomeEmail = async (print: (line: string) => void): Promise<RetryDemoReport | undefined> => {
  // dynalite is a development dependency: present in a checkout, where `npm run demo` runs; an
  // installed package may not have it, and the step is then skipped.
  const database = await startDynalite()
  if (database === undefined) {
    print('   (skipped: dynalite is not installed; run `npm install --no-save dynalite` to see it)')
    return undefined
  }
  const cleanups: (() => Promise<void> | void)[] = [() => database.stop()]
  try {
    let emailsSent = 0
    const ses = createServer((request, response) => {
      request.resume()
      if (request.method === 'POST' && request.url === '/v2/email/outbound-emails') emailsSent += 1
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ MessageId: `local-${emailsSent}` }))
    })
    const sesUrl = await listen(ses)
    cleanups.push(() => close(ses))

    const dynamo = localDynamoDBClient(database.endpoint)
    cleanups.push(() => dynamo.destroy())
    const sesClient = new SESv2Client({ endpoint: sesUrl, region: 'local', credentials: CREDENTIALS, maxAttempts: 1 })
    cleanups.push(() => sesClient.destroy())
    const tableName = await createIdempotencyTable(database.endpoint, 'idempotency')

    const outcomes: (string | undefined)[] = []
    const collect = (_message: string, attributes?: Record<string, unknown>) => {
      const runs = attributes?.plugins as { plugin: string; idempotency?: string }[] | undefined
      for (const run of runs ?? []) if (run.plugin === 'welcome-email') outcomes.push(run.idempotency)
    }
    const logger: Logger = { debug: collect, info: collect, warn: collect, error: collect }
    const router = createRouter({
      plugins: [
        welcomeEmail({
          from: 'hello@example.com',
          templates: { default: { subject: 'Welcome, {{name}}', html: '<p>Welcome, {{name}}!</p>', text: 'Welcome, {{name}}!' } },
          client: sesClient,
        }),
      ],
      logger,
      idempotency: { tableName, client: dynamo },
    })
    const event = createEvent('PostConfirmation_ConfirmSignUp', { userAttributes: { sub: 'local-user', email: 'ada@example.com', email_verified: 'true', name: 'Ada' } })
    const first = await router(structuredClone(event), createLambdaContext())
    print(`   invocation 1 → welcome-email: ${outcomes.at(-1) ?? '(no outcome)'}; emails sent so far: ${emailsSent}`)
    // Cognito's retry: the same event again, as if the first answer had come too late.
    const second = await router(structuredClone(event), createLambdaContext())
    print(`   invocation 2 (the retry) → welcome-email: ${outcomes.at(-1) ?? '(no outcome)'}; emails sent so far: ${emailsSent}`)
    const sameReply = JSON.stringify(first) === JSON.stringify(second)
    print(`   ${emailsSent === 1 ? 'One' : String(emailsSent)} welcome email for two invocations; ${sameReply ? 'the same reply both times' : 'different replies'}.`)
    return { emailsSent, outcomes, sameReply }
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup()
  }
}
