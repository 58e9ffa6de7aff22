// The local endpoint against requests it must not trust: malformed, slow, cross-site or for a
// foreign host, sent as raw bytes over node:net to a real server on 127.0.0.1. After each one it
// still serves the AWS SDK.
import { connect } from 'node:net'
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda'
import { afterEach, describe, expect, it } from 'vitest'
import { startLocalLambda, type InvocationRecord, type LocalLambda } from '../../../src/local/server.js'

const open: LocalLambda[] = []
const clients: LambdaClient[] = []
afterEach(async () => {
  clients.splice(0).forEach((client) => client.destroy())
  await Promise.all(open.splice(0).map((endpoint) => endpoint.close()))
})

const serve = async (options: { requestTimeoutMs?: number } = {}) => {
  const records: InvocationRecord[] = []
  const endpoint = await startLocalLambda({ handler: (event) => ({ echo: event }), onInvocation: (record) => records.push(record), ...options })
  open.push(endpoint)
  const client = new LambdaClient({ endpoint: endpoint.url, region: 'local', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 })
  clients.push(client)
  const stillServes = async () => {
    const result = await client.send(new InvokeCommand({ FunctionName: 'f', Payload: Buffer.from('{"n":1}') }))
    return JSON.parse(Buffer.from(result.Payload ?? []).toString('utf8')) as unknown
  }
  return { endpoint, records, stillServes }
}

interface RawResponse {
  readonly status: number | undefined
  readonly headers: string
  readonly body: string
}

/**
 * Opens a connection, lets `talk` write to it, and resolves once the server has closed it, with
 * what it answered. Only a server that closes the connection lets this resolve.
 */
const exchange = (port: number, talk: (write: (text: string) => boolean) => void): Promise<RawResponse> =>
  new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    let received = ''
    socket.setEncoding('utf8')
    socket.on('data', (chunk: string) => (received += chunk))
    socket.on('error', () => undefined) // a write after the server hung up; 'close' follows
    socket.on('close', () => {
      const [head = '', body = ''] = received.split('\r\n\r\n')
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3}) /.exec(head)?.[1]) || undefined, headers: head.toLowerCase(), body })
    })
    socket.on('connect', () => talk((text) => !socket.destroyed && socket.write(text)))
  })

const send = (port: number, request: string) => exchange(port, (write) => write(request))

const invocation = (headers: string, body = '{}') =>
  `POST /2015-03-31/functions/f/invocations HTTP/1.1\r\n${headers}Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`

describe('the local endpoint, given requests it must not trust', () => {
  it.each([
    ['a request target that is not a URL', 'GET http://[ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', 400],
    ['an unknown method', 'FETCH / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', 400],
    ['a line that is not HTTP', 'hello there\r\n\r\n', 400],
    ['a Content-Length that is not a number', 'POST /2015-03-31/functions/f/invocations HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: many\r\n\r\n', 400],
    ['a header without a colon', 'GET / HTTP/1.1\r\nHost 127.0.0.1\r\n\r\n', 400],
    ['headers larger than node accepts', `GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
    ['a body that is not JSON', invocation('Host: 127.0.0.1\r\nContent-Type: application/json\r\n', '{nope'), 400],
  ])('answers %s with %s as JSON, closes, and keeps serving', async (_name, request, status) => {
    // Prepare
    const { endpoint, records, stillServes } = await serve()

    // Act
    const response = await send(endpoint.port, request)

    // Assess
    expect(response.status).toBe(status)
    expect(response.headers).toContain('content-type: application/json')
    expect(JSON.parse(response.body)).toMatchObject({ Type: 'User', message: expect.any(String) })
    expect(records).toStrictEqual([])
    expect(await stillServes()).toStrictEqual({ echo: { n: 1 } })
  })

  it.each([
    ['a web page of another origin', 'Host: 127.0.0.1\r\nOrigin: https://evil.example\r\nContent-Type: application/json\r\n', 403, 'AccessDeniedException'],
    ['a page in a sandboxed frame', 'Host: 127.0.0.1\r\nOrigin: null\r\n', 403, 'AccessDeniedException'],
    ['a foreign Host (DNS rebinding)', 'Host: rebind.evil.example:3001\r\nContent-Type: application/json\r\n', 403, 'AccessDeniedException'],
    ['a text/plain body (a form or fetch without preflight)', 'Host: 127.0.0.1\r\nContent-Type: text/plain\r\n', 415, 'UnsupportedMediaTypeException'],
    ['a form body', 'Host: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n', 415, 'UnsupportedMediaTypeException'],
  ])('refuses an invocation from %s with %s without running the handler', async (_name, headers, status, type) => {
    // Prepare
    const { endpoint, records, stillServes } = await serve()

    // Act
    const response = await send(endpoint.port, invocation(headers, '{"triggerSource":"PreSignUp_SignUp"}'))

    // Assess
    expect(response.status).toBe(status)
    expect(response.headers).toContain(`x-amzn-errortype: ${type.toLowerCase()}`)
    expect(records).toStrictEqual([])
    expect(await stillServes()).toStrictEqual({ echo: { n: 1 } })
  })

  it.each([
    ['from a loopback page', 'Host: localhost:3001\r\nOrigin: http://localhost:5173\r\nContent-Type: application/json\r\n'],
    ['to [::1], as the aws-sdk v2 client of cognito-local sends it', 'Host: [::1]:3001\r\nContent-Type: binary/octet-stream\r\n'],
    ['without a content type', 'Host: 127.0.0.1:3001\r\n'],
  ])('runs an invocation %s', async (_name, headers) => {
    // Prepare
    const { endpoint, records } = await serve()

    // Act
    const response = await send(endpoint.port, invocation(headers, '{"a":1}'))

    // Assess
    expect(response.status).toBe(200)
    expect(JSON.parse(response.body)).toStrictEqual({ echo: { a: 1 } })
    expect(records).toHaveLength(1)
  })

  it('refuses a listing of its invocations to a foreign page', async () => {
    // Prepare
    const { endpoint } = await serve()

    // Act
    const response = await send(endpoint.port, 'GET /_local/invocations HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: https://evil.example\r\nConnection: close\r\n\r\n')

    // Assess
    expect(response.status).toBe(403)
  })

  it('answers a body sent too slowly with 408 and closes the connection, as it answers a large one with 413', async () => {
    // Prepare: a limit small enough that the test does not wait long; the body never completes.
    const { endpoint, records, stillServes } = await serve({ requestTimeoutMs: 200 })
    let timer: NodeJS.Timeout | undefined

    // Act: one byte at a time, until the server hangs up.
    const response = await exchange(endpoint.port, (write) => {
      write('POST /2015-03-31/functions/f/invocations HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n')
      timer = setInterval(() => {
        if (!write('{')) clearInterval(timer)
      }, 20)
    })
    clearInterval(timer)

    // Assess
    expect(response.status).toBe(408)
    expect(response.headers).toContain('x-amzn-errortype: requesttimeoutexception')
    expect(response.headers).toContain('connection: close')
    expect(records).toStrictEqual([])
    expect(await stillServes()).toStrictEqual({ echo: { n: 1 } })
  }, 20_000)

  it('answers headers sent too slowly with 408 and closes the connection', async () => {
    // Prepare
    const { endpoint } = await serve({ requestTimeoutMs: 200 })
    let timer: NodeJS.Timeout | undefined

    // Act: a header line that never ends.
    const response = await exchange(endpoint.port, (write) => {
      write('GET /_local/invocations HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ')
      timer = setInterval(() => {
        if (!write('a')) clearInterval(timer)
      }, 20)
    })
    clearInterval(timer)

    // Assess
    expect(response.status).toBe(408)
  }, 20_000)
})
