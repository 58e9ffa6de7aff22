// The cold-start baseline: a hand-written middy Lambda with the same two loggers as the router
// (input-output-logger with the router's default redaction paths and mask, error-logger), bundled
// by run.ts exactly like dist/index.mjs (esbuild, minified, ESM, @aws-sdk/* external).

import middy from '@middy/core'
import errorLogger from '@middy/error-logger'
import inputOutputLogger from '@middy/input-output-logger'
import { DEFAULT_MASK, DEFAULT_REDACT_PATHS } from '../../src/redaction/paths.js'

const line = (level: string, message: string, attributes: Record<string, unknown>): void => {
  console.log(JSON.stringify({ level, message, ...attributes }))
}

export const handler = middy(async (event: unknown) => event)
  .use(
    errorLogger({
      logger: (request: { error?: unknown }) => {
        const error = request.error instanceof Error ? request.error : new Error(String(request.error))
        line('ERROR', 'cognito trigger failed', { errorName: error.name, errorMessage: error.message })
      },
    }),
  )
  .use(
    inputOutputLogger({
      logger: (message: unknown) => line('DEBUG', 'cognito trigger', message as Record<string, unknown>),
      omitPaths: [...DEFAULT_REDACT_PATHS],
      mask: DEFAULT_MASK,
      lambdaContext: true,
    }),
  )
