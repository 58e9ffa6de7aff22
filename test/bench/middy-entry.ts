// The baseline both halves of the benchmark measure: a hand-written middy Lambda with the same two
// loggers as the router (input-output-logger with the router's default redaction paths and mask,
// error-logger), writing JSON lines. subjects.ts builds the per-invocation variant from this
// factory with the plugin's logic as its body; bundles.ts builds the cold-start Lambda from it,
// echoing the event, like dist/index.mjs.

import middy from '@middy/core'
import errorLogger from '@middy/error-logger'
import inputOutputLogger from '@middy/input-output-logger'

/** Paths input-output-logger masks, and the mask: the router's defaults. */
export interface Redaction {
  readonly paths: readonly string[]
  readonly mask: string
}

/** What a careful team writes without the router, around `body`; event and reply lines at `level`. */
export const handWrittenMiddy = <E>(body: (event: E) => Promise<E>, write: (line: string) => void, level: 'DEBUG' | 'INFO', redaction: Redaction) => {
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
        omitPaths: [...redaction.paths],
        mask: redaction.mask,
        lambdaContext: true,
      }),
    )
}
