// The baseline both halves of the benchmark measure: a hand-written middy Lambda with the same two
// loggers as the router (input-output-logger with the router's default redaction paths and mask,
// error-logger), writing JSON lines. run.ts bundles this file like dist/index.mjs (esbuild,
// minified, ESM, @aws-sdk/* external) for the cold start; subjects.ts builds the per-invocation
// variant from the same factory, with the plugin's logic as its body.

import middy from '@middy/core'
import errorLogger from '@middy/error-logger'
import inputOutputLogger from '@middy/input-output-logger'
import { DEFAULT_MASK, DEFAULT_REDACT_PATHS } from '../../src/redaction/paths.js'

/** What a careful team writes without the router, around `body`; event and reply lines at `level`. */
export const handWrittenMiddy = <E>(body: (event: E) => Promise<E>, write: (line: string) => void, level: 'DEBUG' | 'INFO') => {
  const line = (lineLevel: string, message: string, attributes: Record<string, unknown>): void =>
    write(JSON.stringify({ level: lineLevel, message, ...attributes }))
  return middy(body)
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
        logger: (message: unknown) => line(level, 'cognito trigger', message as Record<string, unknown>),
        omitPaths: [...DEFAULT_REDACT_PATHS],
        mask: DEFAULT_MASK,
        lambdaContext: true,
      }),
    )
}

// The cold-start Lambda: it echoes the event, logging as the router does at DEBUG.
export const handler = handWrittenMiddy(async (event: unknown) => event, (line) => console.log(line), 'DEBUG')
