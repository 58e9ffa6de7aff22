// -- local Lambda Invoke endpoint ------------------------------------------------------------
// Serves a handler on the AWS Lambda Invoke API (POST /2015-03-31/functions/{name}/invocations)
// on 127.0.0.1, replying as Lambda does, so @aws-sdk/client-lambda, `aws lambda invoke
// --endpoint-url` and cognito-local can call it. Every invocation becomes an InvocationRecord:
// what ran, how it ended, how long it took. Payloads are never recorded: they hold passwords.
// It answers loopback callers only (request-guard.ts says why and how), and answers a malformed
// request with 400, a slow one with 408 and a large one with 413, then keeps serving.

import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import type { Context } from 'aws-lambda'
import type { PluginRun } from '../router.js'
import { createLambdaContext, DEFAULT_TIMEOUT_MS } from '../testing/invoke.js'
import { PortInUseError } from './errors.js'
import { refusal } from './request-guard.js'
import type { PluginNote, RouterTrace, TracedFailure } from './trace.js'

/** Anything Lambda could run: the router, or a handler loaded from a module. */
export type LambdaHandler = (event: unknown, context: Context) => unknown

/** One invocation as the endpoint saw it. */
export interface InvocationRecord {
  /** Increases by one per invocation; `GET /_local/invocations?after=<seq>` lists the newer ones. */
  readonly seq: number
  readonly requestId: string
  readonly functionName: string
  readonly invocationType: 'RequestResponse' | 'Event'
  /** `event.triggerSource`, when the payload has one. */
  readonly triggerSource: string | undefined
  /** ISO 8601 time the invocation started. */
  readonly startedAt: string
  readonly ms: number
  readonly outcome: 'ok' | 'rejected'
  /** For a rejection: what Lambda reports (`errorType`, `errorMessage`), i.e. what Cognito sees. */
  readonly errorType?: string
  readonly errorMessage?: string
  /** The plugins that ran, their notes, and the internal error: from the trace, when one is given. */
  readonly plugins: readonly PluginRun[]
  readonly notes: readonly PluginNote[]
  readonly failure?: TracedFailure
}

/** Options of {@link startLocalLambda}. */
export interface LocalLambdaOptions {
  readonly handler: LambdaHandler
  /** The trace whose logger the handler's router logs to; it tells which plugins ran. */
  readonly trace?: RouterTrace
  /** Default 0: a free port. */
  readonly port?: number
  /** The flag to name when `port` is taken. Default `--port`. */
  readonly portFlag?: string
  /** The function timeout: `getRemainingTimeInMillis()` counts down from it, and Lambda stops waiting after it. Default 4000. */
  readonly timeoutMs?: number
  /** Only these function names exist (others get 404 ResourceNotFoundException). Default: any name. */
  readonly functionNames?: readonly string[]
  /**
   * How long a client may take to send a whole request, headers and body; a slower one gets 408
   * and is disconnected, as a larger one gets 413. Default 10000 (a 6 MB payload over loopback
   * takes milliseconds).
   */
  readonly requestTimeoutMs?: number
  readonly onInvocation?: (record: InvocationRecord) => void
}

/** A running endpoint. */
export interface LocalLambda {
  /** `http://127.0.0.1:<port>`: the `--endpoint-url` / `LambdaClient.endpoint`. */
  readonly url: string
  readonly port: number
  /** The most recent invocations (at most 500), oldest first. */
  readonly invocations: readonly InvocationRecord[]
  /** Stops listening and drops open connections; resolves when closed. Safe to call twice. */
  close(): Promise<void>
}

export const HOST = '127.0.0.1'
/** Lambda's limit for a synchronous request payload. */
export const MAX_PAYLOAD_BYTES = 6 * 1024 * 1024
/** Default of {@link LocalLambdaOptions.requestTimeoutMs}. */
export const REQUEST_TIMEOUT_MS = 10_000
const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations\/?$/
const KEPT = 500

interface LambdaErrorBody {
  errorType: string
  errorMessage: string
  trace: string[]
}

/** The body Lambda returns for an unhandled function error. */
export const lambdaErrorBody = (error: unknown): LambdaErrorBody =>
  error instanceof Error
    ? { errorType: error.name, errorMessage: error.message, trace: (error.stack ?? '').split('\n') }
    : { errorType: typeof error, errorMessage: String(error), trace: [] }

/** `name`, `name:qualifier`, `123456789012:function:name` or a full ARN, to the bare name. */
export const functionNameOf = (raw: string): string => {
  const arn = /^(?:arn:[^:]+:lambda:[^:]*:)?[^:]*:function:([^:]+)(?::[^:]*)?$/.exec(raw)
  return arn?.[1] ?? raw.split(':')[0] ?? raw
}

type Outcome = { ok: true; payload: string } | { ok: false; error: LambdaErrorBody }

const TIMED_OUT = Symbol('timed out')

const run = async (handler: LambdaHandler, event: unknown, context: Context, timeoutMs: number): Promise<Outcome> => {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), timeoutMs)
  })
  try {
    const result = await Promise.race([Promise.resolve().then(() => handler(event, context)), timeout])
    if (result === TIMED_OUT) {
      const seconds = (timeoutMs / 1000).toFixed(2)
      return {
        ok: false,
        error: { errorType: 'Sandbox.Timedout', errorMessage: `RequestId: ${context.awsRequestId} Error: Task timed out after ${seconds} seconds`, trace: [] },
      }
    }
    try {
      // Lambda serialises `undefined` as the JSON literal null.
      return { ok: true, payload: JSON.stringify(result) ?? 'null' }
    } catch (cause) {
      return { ok: false, error: lambdaErrorBody(new Error(`Unable to stringify response body as json: ${(cause as Error).message}`)) }
    }
  } catch (error) {
    return { ok: false, error: lambdaErrorBody(error) }
  } finally {
    clearTimeout(timer)
  }
}

const send = (res: ServerResponse, status: number, headers: Record<string, string>, body?: string): void => {
  if (res.headersSent || res.destroyed) return
  res.writeHead(status, { 'content-type': 'application/json', ...(body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) }), ...headers })
  res.end(body)
}

const errorHeaders = (type: string, requestId: string) => ({ 'x-amzn-errortype': type, 'x-amzn-requestid': requestId, 'x-amz-request-id': requestId })
const errorBody = (message: string): string => JSON.stringify({ Type: 'User', message })

const apiError = (res: ServerResponse, status: number, type: string, message: string, requestId = randomUUID()): void =>
  send(res, status, errorHeaders(type, requestId), errorBody(message))

// What node's HTTP parser reports (its `clientError` event) before a request reaches the listener,
// or a request that took longer than `requestTimeout`: answered as Lambda's API would, then closed.
const CLIENT_ERRORS: Readonly<Record<string, readonly [number, string, string, string]>> = {
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout', 'RequestTimeoutException', 'the request was not received in time'],
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large', 'InvalidRequestContentException', 'the request headers are too large'],
}
const BAD_REQUEST = [400, 'Bad Request', 'InvalidRequestContentException', 'the request is not valid HTTP/1.1'] as const

const answerClientError = (error: NodeJS.ErrnoException, socket: Socket): void => {
  const [status, reason, type, message] = CLIENT_ERRORS[error.code ?? ''] ?? BAD_REQUEST
  // Node's own handler does the same: nothing can be written once a reply has begun, or to a reset socket.
  const started = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true
  if (socket.writable && !started && error.code !== 'ECONNRESET') {
    const body = errorBody(message)
    const headers = Object.entries({ ...errorHeaders(type, randomUUID()), 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), connection: 'close' })
    socket.end(`HTTP/1.1 ${status} ${reason}\r\n${headers.map(([name, value]) => `${name}: ${value}`).join('\r\n')}\r\n\r\n${body}`)
  }
  socket.destroy()
}

const readBody = (req: IncomingMessage): Promise<Buffer | undefined> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= MAX_PAYLOAD_BYTES) chunks.push(chunk)
    })
    req.on('end', () => resolve(size > MAX_PAYLOAD_BYTES ? undefined : Buffer.concat(chunks)))
    req.on('error', reject)
    // A client that disconnects (or is disconnected for being too slow) mid-body ends neither way.
    req.on('close', () => {
      if (!req.complete) reject(new Error('the client disconnected before sending the whole body'))
    })
  })

const triggerSourceOf = (event: unknown): string | undefined => {
  const source = typeof event === 'object' && event !== null ? (event as { triggerSource?: unknown }).triggerSource : undefined
  return typeof source === 'string' ? source : undefined
}

/**
 * Starts the endpoint on 127.0.0.1. A rejected handler gives 200 with `X-Amz-Function-Error:
 * Unhandled` and `{ errorType, errorMessage, trace }`, as Lambda does; a handler still running
 * after `timeoutMs` gives `Sandbox.Timedout`. `X-Amz-Invocation-Type: Event` answers 202 at once,
 * `DryRun` 204.
 *
 * @example
 * ```ts
 * const trace = createRouterTrace()
 * const router = createRouterFromConfig(config, builtinPlugins, { logger: trace.logger })
 * const endpoint = await startLocalLambda({ handler: router, trace, onInvocation: (r) => console.log(formatInvocation(r)) })
 * // new LambdaClient({ endpoint: endpoint.url, region: 'local', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } })
 * await endpoint.close()
 * ```
 */
export const startLocalLambda = async (options: LocalLambdaOptions): Promise<LocalLambda> => {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const invocations: InvocationRecord[] = []
  let seq = 0

  const invoke = async (functionName: string, invocationType: InvocationRecord['invocationType'], event: unknown, requestId: string) => {
    const startedAt = new Date()
    const started = performance.now()
    const outcome = await run(options.handler, event, createLambdaContext({ functionName, requestId, timeoutMs }), timeoutMs)
    const trace = options.trace?.take(requestId) ?? { plugins: [], notes: [] }
    const record: InvocationRecord = {
      seq: ++seq,
      requestId,
      functionName,
      invocationType,
      triggerSource: triggerSourceOf(event),
      startedAt: startedAt.toISOString(),
      ms: Math.round(performance.now() - started),
      outcome: outcome.ok ? 'ok' : 'rejected',
      ...(outcome.ok ? {} : { errorType: outcome.error.errorType, errorMessage: outcome.error.errorMessage }),
      ...trace,
    }
    invocations.push(record)
    if (invocations.length > KEPT) invocations.shift()
    try {
      options.onInvocation?.(record)
    } catch {
      // A printing callback must not break the endpoint.
    }
    return outcome
  }

  const handleInvoke = async (req: IncomingMessage, res: ServerResponse, rawName: string): Promise<void> => {
    const requestId = randomUUID()
    let functionName: string
    try {
      functionName = functionNameOf(decodeURIComponent(rawName))
    } catch {
      return apiError(res, 400, 'InvalidParameterValueException', 'FunctionName is not valid', requestId)
    }
    if (options.functionNames !== undefined && !options.functionNames.includes(functionName)) {
      return apiError(res, 404, 'ResourceNotFoundException', `Function not found: arn:aws:lambda:local:000000000000:function:${functionName}`, requestId)
    }
    const invocationType = req.headers['x-amz-invocation-type'] ?? 'RequestResponse'
    if (invocationType !== 'RequestResponse' && invocationType !== 'Event' && invocationType !== 'DryRun') {
      return apiError(res, 400, 'InvalidParameterValueException', `Unsupported X-Amz-Invocation-Type ${String(invocationType)}: RequestResponse, Event or DryRun`, requestId)
    }
    const body = await readBody(req)
    if (body === undefined) {
      return apiError(res, 413, 'RequestEntityTooLargeException', `Request must be smaller than ${MAX_PAYLOAD_BYTES} bytes for the InvokeFunction operation`, requestId)
    }
    let event: unknown
    try {
      event = body.length === 0 ? {} : JSON.parse(body.toString('utf8'))
    } catch (error) {
      return apiError(res, 400, 'InvalidRequestContentException', `Could not parse request body into json: ${(error as Error).message}`, requestId)
    }
    const headers = { 'x-amzn-requestid': requestId, 'x-amz-request-id': requestId, 'x-amz-executed-version': '$LATEST' }
    if (invocationType === 'DryRun') return send(res, 204, headers)
    if (invocationType === 'Event') {
      send(res, 202, headers)
      await invoke(functionName, 'Event', event, requestId)
      return
    }
    const outcome = await invoke(functionName, 'RequestResponse', event, requestId)
    if (outcome.ok) return send(res, 200, headers, outcome.payload)
    send(res, 200, { ...headers, 'x-amz-function-error': 'Unhandled' }, JSON.stringify(outcome.error))
  }

  const listInvocations = (url: URL, res: ServerResponse): void => {
    const after = Number(url.searchParams.get('after') ?? 0)
    send(res, 200, {}, JSON.stringify({ invocations: invocations.filter((record) => record.seq > after) }))
  }

  const route = (req: IncomingMessage, res: ServerResponse): void => {
    let url: URL
    try {
      url = new URL(req.url ?? '/', 'http://localhost')
    } catch {
      // The client is confused: whatever else it sends on this connection is not worth reading.
      res.setHeader('connection', 'close')
      return apiError(res, 400, 'InvalidRequestContentException', 'the request target is not a valid URL')
    }
    const invokeMatch = INVOKE_PATH.exec(url.pathname)
    const isInvoke = req.method === 'POST' && invokeMatch !== null
    const refused = refusal(req.headers, isInvoke)
    if (refused !== undefined) return apiError(res, refused.status, refused.type, refused.message)
    if (isInvoke) {
      handleInvoke(req, res, invokeMatch[1]!).catch((error: unknown) => {
        apiError(res, 500, 'ServiceException', `local endpoint failed: ${(error as Error).message}`)
      })
      return
    }
    if (req.method === 'GET' && url.pathname === '/_local/invocations') return listInvocations(url, res)
    apiError(res, 404, 'UnknownOperationException', `No Lambda operation at ${req.method ?? ''} ${url.pathname}; invoke with POST /2015-03-31/functions/{FunctionName}/invocations`)
  }

  // Node checks the request deadline every `connectionsCheckingInterval`; a fraction of the limit keeps the cap close to it.
  const requestTimeout = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS
  const server = createServer({ requestTimeout, headersTimeout: requestTimeout, connectionsCheckingInterval: Math.max(10, Math.min(1000, requestTimeout / 4)) }, (req, res) => {
    try {
      route(req, res)
    } catch (error) {
      apiError(res, 500, 'ServiceException', `local endpoint failed: ${(error as Error).message}`)
    }
  })
  server.on('clientError', answerClientError)

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new PortInUseError('Lambda endpoint', options.port ?? 0, options.portFlag ?? '--port') : error)
    })
    server.listen(options.port ?? 0, HOST, () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  let closing: Promise<void> | undefined

  return {
    url: `http://${HOST}:${port}`,
    port,
    invocations,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })),
  }
}
