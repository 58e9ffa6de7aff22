// The readable invocation lines (no colour: the tests' stdout is not a terminal).
import { describe, expect, it } from 'vitest'
import { formatInvocation, noteText, pluginsText } from '../../../src/local/format.js'
import type { InvocationRecord } from '../../../src/local/server.js'

const record = (overrides: Partial<InvocationRecord> = {}): InvocationRecord => ({
  seq: 1,
  requestId: 'r-1',
  functionName: 'PostConfirmation',
  invocationType: 'RequestResponse',
  triggerSource: 'PostConfirmation_ConfirmSignUp',
  startedAt: '2026-11-22T10:15:30.123Z',
  ms: 14,
  outcome: 'ok',
  plugins: [{ plugin: 'add-to-group', ms: 12.3, outcome: 'ok' }],
  notes: [{ plugin: 'add-to-group', level: 'info', message: 'added the user to groups', details: { groups: ['users'] } }],
  ...overrides,
})

describe('formatInvocation', () => {
  it('prints time, trigger source, plugins, outcome and duration, then what each plugin said', () => {
    // Act and assess
    expect(formatInvocation(record()).split('\n')).toStrictEqual([
      '10:15:30.123  PostConfirmation_ConfirmSignUp          add-to-group  ok  14 ms',
      '              ↳ add-to-group: added the user to groups  groups=["users"]',
    ])
  })

  it('shows a refusal with the message Cognito shows, and the plugin as refused', () => {
    // Act
    const text = formatInvocation(
      record({
        triggerSource: 'PreSignUp_SignUp',
        outcome: 'rejected',
        errorMessage: '[EMAIL_DOMAIN_NOT_ALLOWED] This email domain is not allowed to sign up',
        plugins: [{ plugin: 'signup-policy', ms: 1, outcome: 'failed' }],
        notes: [],
        failure: { name: 'UserFacingError', message: 'This email domain is not allowed to sign up' },
      }),
      { time: false, indent: '  ' },
    )

    // Assess
    expect(text).toBe('  PreSignUp_SignUp                        signup-policy (refused)  rejected: [EMAIL_DOMAIN_NOT_ALLOWED] This email domain is not allowed to sign up  14 ms')
  })

  it('shows the internal error behind a generic rejection, and a timeout by its type', () => {
    // Act
    const internal = formatInvocation(
      record({ outcome: 'rejected', errorMessage: '[INTERNAL_ERROR] We could not complete your request (reference r-1)', plugins: [{ plugin: 'x', ms: 1, outcome: 'failed' }], notes: [], failure: { name: 'PluginError', message: 'plugin "x" failed: Error: db' } }),
      { time: false },
    )
    const timeout = formatInvocation(record({ outcome: 'rejected', errorType: 'Sandbox.Timedout', plugins: [], notes: [], triggerSource: undefined }), { time: false })

    // Assess
    expect(internal.split('\n')).toStrictEqual([
      'PostConfirmation_ConfirmSignUp          x (failed)  rejected: [INTERNAL_ERROR] We could not complete your request (reference r-1)  14 ms',
      '  ↳ internal error (logged, never shown to the user): PluginError: plugin "x" failed: Error: db',
    ])
    expect(timeout).toBe('(PostConfirmation: no triggerSource)    (no plugin)  rejected: Sandbox.Timedout  14 ms')
    expect(formatInvocation(record({ outcome: 'rejected', notes: [] }), { time: false })).toContain('rejected: unknown error')
  })
})

describe('pluginsText and noteText', () => {
  it('marks plugins that failed open, and says when no plugin ran', () => {
    // Act and assess
    expect(pluginsText([{ plugin: 'a', ms: 1, outcome: 'ok' }, { plugin: 'b', ms: 1, outcome: 'failed-open' }])).toBe('a, b (failed open)')
    expect(pluginsText([])).toBe('(no plugin)')
  })

  it.each([
    ['first-run', 'add-to-group'],
    ['replayed', 'add-to-group (replayed)'],
    ['waited', 'add-to-group (waited)'],
    [undefined, 'add-to-group'],
  ] as const)('shows the idempotency outcome %s only when it is not an ordinary run: %s', (idempotency, text) => {
    // Act and assess
    expect(pluginsText([{ plugin: 'add-to-group', ms: 1, outcome: 'ok', ...(idempotency === undefined ? {} : { idempotency }) }])).toBe(text)
  })

  it('prints details as key=value, JSON for anything but text', () => {
    // Act and assess
    expect(noteText('did', { reason: 'deny', count: 2, list: ['a'], nothing: undefined })).toBe('did  reason=deny  count=2  list=["a"]  nothing=undefined')
  })
})
