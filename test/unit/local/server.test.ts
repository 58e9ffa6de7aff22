// The local Lambda endpoint, called the way cognito-local and the AWS CLI call Lambda: through
// @aws-sdk/client-lambda (and plain fetch for what the SDK would refuse to send).
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda'
import type { Context } from 'aws-lambda'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createRouter, definePlugin, UserFacingError } from '../../../src/index.js'
import { PortInUseError } from '../../../src/local/errors.js'
import { functionNameOf, lambdaErrorBody, MAX_PAYLOAD_BYTES, startLocalLambda, type InvocationRecord, type LambdaHandler, type LocalLambda } from '../../../src/local/server.js'
import { createRouterTrace } from '../../../src/local/trace.js'
import { createEvent } from '../../../src/testing/events.js'

const open: LocalLambda[] = []
const clients: LambdaClient[] = []
afterEach(async () => {
  vi.useRealTimers()
  clients.splice(0).forEach((client) => client.destroy())
  await Promise.all(open.splice(0).map((endpoint) => endpoint.close()))
})

const serve = async (handler: LambdaHandler, options: Partial<Parameters<typeof startLocalLambda>[0]> = {}) => {
  const records: InvocationRecord[] = []
  const endpoint = await startLocalLambda({ handler, onInvocation: (record) => records.push(record), ...options })
  open.push(endpoint)
  const client = new LambdaClient({ endpoint: endpoint.url, region: 'local', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 })
  clients.push(client)
  const call = (FunctionName: string, payload: unknown, extra: Partial<ConstructorParameters<typeof InvokeCommand>[0]> = {}) =>
    client.send(new InvokeCommand({ FunctionName, Payload: Buffer.from(JSON.stringify(payload)), ...extra }))
  return { endpoint, records, call }
}

// fetch sends a string body as text/plain, which the endpoint refuses (a web page could send it).
const JSON_TYPE = { 'content-type': 'application/json' }

const json = (payload: Uint8Array | undefined): unknown => JSON.parse(Buffer.from(payload ?? []).toString('utf8'))

describe('startLocalLambda', () => {
  it('answers 200 with the handler\'s result, the request id in the headers, and a Lambda-like context', async () => {
    // Prepare
    let seen: Context | undefined
    const { call, records } = await serve((event, context) => {
      seen = context
      return { echo: event }
    })

    // Act
    const result = await call('PreSignUp', { triggerSource: 'PreSignUp_SignUp' })

    // Assess
    expect(result.StatusCode).toBe(200)
    expect(result.FunctionError).toBeUndefined()
    expect(result.ExecutedVersion).toBe('$LATEST')
    expect(json(result.Payload)).toStrictEqual({ echo: { triggerSource: 'PreSignUp_SignUp' } })
    expect(result.$metadata.requestId).toBe(seen?.awsRequestId)
    expect(seen).toMatchObject({ functionName: 'PreSignUp', invokedFunctionArn: 'arn:aws:lambda:local:000000000000:function:PreSignUp' })
    expect(records).toStrictEqual([
      expect.objectContaining({ seq: 1, requestId: seen?.awsRequestId, functionName: 'PreSignUp', triggerSource: 'PreSignUp_SignUp', outcome: 'ok', plugins: [], notes: [] }),
    ])
  })

  it('counts the remaining time down from the configured timeout', async () => {
    // Prepare: the context's clock (Date) is fake, so the figure does not depend on how long the request took.
    vi.useFakeTimers({ toFake: ['Date'] })
    const { call } = await serve((_event, context) => {
      const atStart = context.getRemainingTimeInMillis()
      vi.advanceTimersByTime(200)
      return [atStart, context.getRemainingTimeInMillis()]
    }, { timeoutMs: 1500 })

    // Act
    const remaining = json((await call('f', {})).Payload) as number[]

    // Assess
    expect(remaining).toStrictEqual([1500, 1300])
  })

  it('answers a rejection as an unhandled function error: 200, X-Amz-Function-Error and { errorType, errorMessage, trace }', async () => {
    // Prepare
    const { call, records } = await serve(() => {
      throw new TypeError('kaboom')
    })

    // Act
    const result = await call('PreSignUp', {})

    // Assess
    expect(result.StatusCode).toBe(200)
    expect(result.FunctionError).toBe('Unhandled')
    const body = json(result.Payload) as { errorType: string; errorMessage: string; trace: string[] }
    expect(body).toMatchObject({ errorType: 'TypeError', errorMessage: 'kaboom' })
    expect(body.trace[0]).toBe('TypeError: kaboom')
    expect(records[0]).toMatchObject({ outcome: 'rejected', errorType: 'TypeError', errorMessage: 'kaboom' })
  })

  it('stops waiting after the timeout, as Lambda does (Sandbox.Timedout)', async () => {
    // Prepare
    const { call } = await serve(() => new Promise(() => undefined), { timeoutMs: 50 })

    // Act
    const result = await call('f', {})

    // Assess
    expect(result.FunctionError).toBe('Unhandled')
    expect(json(result.Payload)).toStrictEqual({
      errorType: 'Sandbox.Timedout',
      errorMessage: `RequestId: ${result.$metadata.requestId!} Error: Task timed out after 0.05 seconds`,
      trace: [],
    })
  })

  // Some code throws strings; Lambda's Node.js runtime reports their type as errorType.
  const notAnError: unknown = 'nope'
  it.each<[string, LambdaHandler, unknown]>([
    ['undefined as null', () => undefined, null],
    ['a thrown string', () => Promise.reject(notAnError), { errorType: 'string', errorMessage: 'nope', trace: [] }],
  ])('serialises %s', async (_name, handler, expected) => {
    // Prepare
    const { call } = await serve(handler)

    // Act
    const result = await call('f', {})

    // Assess
    expect(json(result.Payload)).toStrictEqual(expected)
  })

  it('reports a reply that cannot be serialised as a function error', async () => {
    // Prepare
    const { call } = await serve(() => ({ big: 1n }))

    // Act
    const result = await call('f', {})

    // Assess
    expect(result.FunctionError).toBe('Unhandled')
    expect(json(result.Payload)).toMatchObject({ errorType: 'Error', errorMessage: expect.stringMatching(/^Unable to stringify response body as json: /) })
  })

  it('takes the function name from an ARN or a qualified name', async () => {
    // Prepare
    const names: string[] = []
    const { call } = await serve((_event, context) => void names.push(context.functionName))

    // Act
    await call('arn:aws:lambda:us-east-1:123456789012:function:PreSignUp:live', {})
    await call('PostConfirmation:3', {})

    // Assess
    expect(names).toStrictEqual(['PreSignUp', 'PostConfirmation'])
  })

  it('answers an unknown function name with ResourceNotFoundException when the names are fixed', async () => {
    // Prepare
    const { call } = await serve(() => ({}), { functionNames: ['PreSignUp'] })

    // Act
    const error = await call('Nope', {}).catch((caught: Error) => caught)

    // Assess
    expect(error).toMatchObject({ name: 'ResourceNotFoundException', message: 'Function not found: arn:aws:lambda:local:000000000000:function:Nope' })
  })

  it('answers a body that is not JSON with 400 InvalidRequestContentException', async () => {
    // Prepare
    const { endpoint, records } = await serve(() => ({}))

    // Act
    const response = await fetch(`${endpoint.url}/2015-03-31/functions/f/invocations`, { method: 'POST', headers: JSON_TYPE, body: '{nope' })

    // Assess
    expect(response.status).toBe(400)
    expect(response.headers.get('x-amzn-errortype')).toBe('InvalidRequestContentException')
    expect(await response.json()).toMatchObject({ Type: 'User', message: expect.stringMatching(/^Could not parse request body into json: /) })
    expect(records).toStrictEqual([])
  })

  it('treats an empty body as an empty event', async () => {
    // Prepare
    const { endpoint } = await serve((event) => event)

    // Act
    const response = await fetch(`${endpoint.url}/2015-03-31/functions/f/invocations`, { method: 'POST' })

    // Assess
    expect(await response.json()).toStrictEqual({})
  })

  it.each([
    ['GET', '/2015-03-31/functions/f/invocations'],
    ['POST', '/2015-03-31/functions/f'],
    ['GET', '/'],
  ])('answers %s %s with 404 JSON', async (method, path) => {
    // Prepare
    const { endpoint } = await serve(() => ({}))

    // Act
    const response = await fetch(`${endpoint.url}${path}`, { method })

    // Assess
    expect(response.status).toBe(404)
    expect(response.headers.get('content-type')).toBe('application/json')
    expect(response.headers.get('x-amzn-errortype')).toBe('UnknownOperationException')
    expect(await response.json()).toMatchObject({ Type: 'User', message: expect.stringContaining(path) })
  })

  it('answers a malformed function name with 400 InvalidParameterValueException', async () => {
    // Prepare
    const { endpoint } = await serve(() => ({}))

    // Act
    const response = await fetch(`${endpoint.url}/2015-03-31/functions/%E0%A4%A/invocations`, { method: 'POST', headers: JSON_TYPE, body: '{}' })

    // Assess
    expect(response.status).toBe(400)
    expect(response.headers.get('x-amzn-errortype')).toBe('InvalidParameterValueException')
  })

  it('answers 202 at once for an Event invocation and 204 for a DryRun, and refuses other types', async () => {
    // Prepare
    const ran: string[] = []
    const { call, records } = await serve((_event, context) => void ran.push(context.functionName))

    // Act
    const event = await call('async', {}, { InvocationType: 'Event' })
    const dryRun = await call('dry', {}, { InvocationType: 'DryRun' })
    const other = await call('other', {}, { InvocationType: 'Sideways' as never }).catch((error: Error) => error)
    await vi.waitFor(() => expect(records).toHaveLength(1), { timeout: 10_000 })

    // Assess
    expect([event.StatusCode, dryRun.StatusCode]).toStrictEqual([202, 204])
    expect(other).toMatchObject({ name: 'InvalidParameterValueException' })
    expect(ran).toStrictEqual(['async'])
    expect(records[0]!.invocationType).toBe('Event')
  })

  it('refuses a payload over Lambda\'s 6 MB limit with 413', async () => {
    // Prepare
    const { endpoint } = await serve(() => ({}))

    // Act
    const response = await fetch(`${endpoint.url}/2015-03-31/functions/f/invocations`, { method: 'POST', headers: JSON_TYPE, body: 'x'.repeat(MAX_PAYLOAD_BYTES + 1) })

    // Assess
    expect(response.status).toBe(413)
    expect(response.headers.get('x-amzn-errortype')).toBe('RequestEntityTooLargeException')
  })

  it('lists its invocations after a sequence number, without events or replies', async () => {
    // Prepare
    const { endpoint, call } = await serve(() => ({ secret: 'reply' }))
    await call('a', { password: 'hunter2' })
    await call('b', {})

    // Act
    const all = (await (await fetch(`${endpoint.url}/_local/invocations`)).json()) as { invocations: InvocationRecord[] }
    const newer = (await (await fetch(`${endpoint.url}/_local/invocations?after=1`)).json()) as { invocations: InvocationRecord[] }

    // Assess
    expect(all.invocations.map((record) => record.functionName)).toStrictEqual(['a', 'b'])
    expect(newer.invocations.map((record) => record.functionName)).toStrictEqual(['b'])
    expect(JSON.stringify(all)).not.toMatch(/hunter2|reply/)
    expect(endpoint.invocations).toHaveLength(2)
  })

  it('records which plugins ran and what they logged, from the router\'s own log lines', async () => {
    // Prepare
    const trace = createRouterTrace()
    const refuse = definePlugin({
      name: 'refuse',
      triggers: ['PreSignUp_SignUp'],
      handler: (_event, { logger }) => {
        logger.info('checked the domain', { reason: 'deny' })
        throw new UserFacingError('Not here')
      },
    })
    const { call, records } = await serve(createRouter({ plugins: [refuse], logger: trace.logger }), { trace })

    // Act
    const result = await call('PreSignUp', createEvent('PreSignUp_SignUp'))

    // Assess
    expect(json(result.Payload)).toMatchObject({ errorType: 'TriggerRejectedError', errorMessage: 'Not here' })
    expect(records[0]).toMatchObject({
      triggerSource: 'PreSignUp_SignUp',
      outcome: 'rejected',
      plugins: [{ plugin: 'refuse', outcome: 'failed' }],
      notes: [{ plugin: 'refuse', level: 'info', message: 'checked the domain', details: { reason: 'deny' } }],
      failure: { name: 'UserFacingError', message: 'Not here' },
    })
  })

  it('keeps serving when the invocation callback throws', async () => {
    // Prepare
    const { call } = await serve(() => 'fine', {
      onInvocation: () => {
        throw new Error('printer on fire')
      },
    })

    // Act
    const result = await call('f', {})

    // Assess
    expect(json(result.Payload)).toBe('fine')
  })

  it('keeps the last 500 invocations', async () => {
    // Prepare
    const { endpoint } = await serve(() => null)

    // Act
    for (let i = 0; i < 502; i++) await fetch(`${endpoint.url}/2015-03-31/functions/f/invocations`, { method: 'POST', headers: JSON_TYPE, body: '{}' })

    // Assess
    expect(endpoint.invocations).toHaveLength(500)
    expect(endpoint.invocations[0]!.seq).toBe(3)
  })

  it('says which flag to change when the port is taken', async () => {
    // Prepare
    const { endpoint } = await serve(() => null)

    // Act
    const error = await startLocalLambda({ handler: () => null, port: endpoint.port, portFlag: '--lambda-port' }).catch((caught: Error) => caught)

    // Assess
    expect(error).toBeInstanceOf(PortInUseError)
    expect((error as Error).message).toBe(`Lambda endpoint: port ${endpoint.port} on 127.0.0.1 is already in use; stop whatever is listening there, or pass --lambda-port 0 for a free port`)
  })

  it('closes once however often close() is called, and then refuses connections', async () => {
    // Prepare
    const { endpoint } = await serve(() => null)

    // Act
    await Promise.all([endpoint.close(), endpoint.close()])

    // Assess
    await expect(fetch(`${endpoint.url}/`)).rejects.toThrow()
  })
})

describe('functionNameOf', () => {
  it.each([
    ['PreSignUp', 'PreSignUp'],
    ['PreSignUp:live', 'PreSignUp'],
    ['123456789012:function:PreSignUp', 'PreSignUp'],
    ['arn:aws:lambda:eu-west-1:123456789012:function:PreSignUp', 'PreSignUp'],
    ['arn:aws:lambda:eu-west-1:123456789012:function:PreSignUp:7', 'PreSignUp'],
  ])('reads %s as %s', (raw, name) => {
    // Act and assess
    expect(functionNameOf(raw)).toBe(name)
  })
})

describe('lambdaErrorBody', () => {
  it('describes an Error by name, message and stack lines, and anything else by type', () => {
    // Act and assess
    expect(lambdaErrorBody(new RangeError('out'))).toMatchObject({ errorType: 'RangeError', errorMessage: 'out' })
    expect(lambdaErrorBody(Object.assign(new Error('no stack'), { stack: undefined })).trace).toStrictEqual([''])
    expect(lambdaErrorBody(42)).toStrictEqual({ errorType: 'number', errorMessage: '42', trace: [] })
  })
})
