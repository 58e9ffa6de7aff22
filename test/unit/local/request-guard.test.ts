// refusal: who may call the local endpoint, from the request headers alone.
import type { IncomingHttpHeaders } from 'node:http'
import { describe, expect, it } from 'vitest'
import { INVOKE_CONTENT_TYPES, refusal } from '../../../src/local/request-guard.js'

describe('refusal', () => {
  it.each<[string, IncomingHttpHeaders]>([
    ['127.0.0.1 with a port', { host: '127.0.0.1:3001' }],
    ['127.0.0.1 without a port', { host: '127.0.0.1' }],
    ['localhost in any case', { host: 'LocalHost:80' }],
    ['[::1]', { host: '[::1]:3001' }],
    ['a loopback page origin', { host: '127.0.0.1:3001', origin: 'http://localhost:5173' }],
    ['a loopback https origin', { host: '127.0.0.1:3001', origin: 'https://[::1]:8443' }],
    ['the AWS SDK v3 payload type', { host: 'localhost', 'content-type': 'application/octet-stream' }],
    ['the aws-sdk v2 payload type (cognito-local)', { host: 'localhost', 'content-type': 'binary/octet-stream' }],
    ['JSON with a charset', { host: 'localhost', 'content-type': 'Application/JSON; charset=utf-8' }],
    ['no content type', { host: 'localhost' }],
    ['an empty content type', { host: 'localhost', 'content-type': '' }],
  ])('lets through a request to %s', (_name, headers) => {
    // Act and assess
    expect(refusal(headers, true)).toBeUndefined()
  })

  it.each<[string, IncomingHttpHeaders]>([
    ['no Host header', {}],
    ['a foreign host (DNS rebinding)', { host: 'evil.example:3001' }],
    ['a host that only starts like loopback', { host: '127.0.0.1.evil.example' }],
    ['another loopback address', { host: '127.0.0.2:3001' }],
    ['a Host with a path', { host: '127.0.0.1/x' }],
  ])('refuses a request with %s with 403', (_name, headers) => {
    // Act and assess
    expect(refusal(headers, false)).toStrictEqual({
      status: 403,
      type: 'AccessDeniedException',
      message: 'the local endpoint answers only requests to 127.0.0.1, localhost or [::1] (Host header)',
    })
  })

  it.each([
    ['a foreign page', 'https://evil.example'],
    ['a page named like loopback', 'http://localhost.evil.example'],
    ['a sandboxed frame or file', 'null'],
    ['a loopback origin with a path', 'http://localhost:3000/'],
    ['a non-web scheme', 'file://localhost'],
  ])('refuses a request from %s (Origin %s) with 403', (_name, origin) => {
    // Act and assess
    expect(refusal({ host: '127.0.0.1:3001', origin }, false)).toStrictEqual({
      status: 403,
      type: 'AccessDeniedException',
      message: 'the local endpoint refuses requests from web pages of other origins (Origin header)',
    })
  })

  // What a web page can send without a CORS preflight.
  it.each(['text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/html'])(
    'refuses an invocation body sent as %s with 415, and accepts it on a request without a body',
    (contentType) => {
      // Act
      const invocation = refusal({ host: 'localhost', 'content-type': contentType }, true)
      const other = refusal({ host: 'localhost', 'content-type': contentType }, false)

      // Assess
      expect(invocation).toStrictEqual({
        status: 415,
        type: 'UnsupportedMediaTypeException',
        message: `send the event as JSON with Content-Type ${INVOKE_CONTENT_TYPES.join(', ')} or none, not ${contentType.split(';')[0]!.toLowerCase()}`,
      })
      expect(other).toBeUndefined()
    },
  )
})
