// -- who may call the local endpoint -----------------------------------------------------------
// The endpoint runs the router, whose plugins call AWS with the developer's credentials (say
// `AdminAddUserToGroup`), so a web page the developer has open must not be able to call it:
// - a page's request carries an `Origin` header (browsers send it on every cross-origin POST),
//   while the AWS SDKs, the AWS CLI and cognito-local's aws-sdk v2 client send none;
// - a DNS-rebinding page reaches 127.0.0.1 under its own host name, so the `Host` header names
//   a foreign host;
// - a page can send `text/plain`, `application/x-www-form-urlencoded` and `multipart/form-data`
//   without a CORS preflight (Fetch standard, "CORS-safelisted request-header":
//   https://fetch.spec.whatwg.org/#cors-safelisted-request-header); every other content type
//   needs a preflight, which this endpoint never grants. Only the types the AWS clients send are
//   read as an event.

import type { IncomingHttpHeaders } from 'node:http'

/** Why a request is refused: the HTTP status, the Lambda API error type and a message. */
export interface Refusal {
  readonly status: 403 | 415
  readonly type: 'AccessDeniedException' | 'UnsupportedMediaTypeException'
  readonly message: string
}

const LOOPBACK_HOST = String.raw`(?:127\.0\.0\.1|localhost|\[::1\])(?::\d{1,5})?`
const HOST_HEADER = new RegExp(`^${LOOPBACK_HOST}$`, 'i')
const ORIGIN_HEADER = new RegExp(`^https?://${LOOPBACK_HOST}$`, 'i')

/**
 * The content types an invocation body may have, besides none: `application/json`, and the
 * octet-stream types the AWS SDK for JavaScript v3 (`application/octet-stream`), aws-sdk v2 as
 * cognito-local uses it (`binary/octet-stream`) and the AWS CLI send for the Invoke payload.
 */
export const INVOKE_CONTENT_TYPES: readonly string[] = ['application/json', 'application/octet-stream', 'binary/octet-stream']

/**
 * Why the endpoint refuses a request with these headers, or `undefined` when it may run it:
 * 403 when `Host` is not `127.0.0.1`, `localhost` or `[::1]` (any port) or an `Origin` header
 * names anything but those; for an invocation (`body: true`), 415 when `Content-Type` is set and
 * is not one of {@link INVOKE_CONTENT_TYPES}.
 *
 * @example
 * ```ts
 * refusal({ host: '127.0.0.1:3001' }, true)                             // undefined
 * refusal({ host: '127.0.0.1:3001', origin: 'https://evil.example' }, true) // 403 AccessDeniedException
 * ```
 */
export const refusal = (headers: IncomingHttpHeaders, body: boolean): Refusal | undefined => {
  if (!HOST_HEADER.test(headers.host ?? '')) {
    return { status: 403, type: 'AccessDeniedException', message: 'the local endpoint answers only requests to 127.0.0.1, localhost or [::1] (Host header)' }
  }
  if (headers.origin !== undefined && !ORIGIN_HEADER.test(headers.origin)) {
    return { status: 403, type: 'AccessDeniedException', message: 'the local endpoint refuses requests from web pages of other origins (Origin header)' }
  }
  const contentType = headers['content-type']?.split(';')[0]?.trim().toLowerCase()
  if (body && contentType !== undefined && contentType !== '' && !INVOKE_CONTENT_TYPES.includes(contentType)) {
    return { status: 415, type: 'UnsupportedMediaTypeException', message: `send the event as JSON with Content-Type ${INVOKE_CONTENT_TYPES.join(', ')} or none, not ${contentType}` }
  }
  return undefined
}
