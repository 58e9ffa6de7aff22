import {
  InvalidLambdaResponseException,
  NotAuthorizedException,
  UnexpectedLambdaException,
  UserLambdaValidationException,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider'
import { describe, expect, it } from 'vitest'
import { TRIGGER_FAMILIES } from '../../../src/catalogue.js'
import { parseTriggerError, type TriggerErrorInfo } from '../../../src/client/index.js'
import { AmplifyAuthError, awsSdkV3, CLIENTS } from './clients.js'

const $metadata = { httpStatusCode: 400 }
const REQUEST_ID = '0f3c1f1e-7a51-4c2b-9a0e-3d1b5c6e7f80'

// Every trigger whose error reaches the client: all but the custom senders, which Cognito invokes
// asynchronously (AWS Developer Guide, "Custom sender Lambda triggers").
const TRIGGERS = Object.values(TRIGGER_FAMILIES)
  .filter((family) => family.invocation === 'sync')
  .map((family) => family.slot)

// The three forms the router produces, as Cognito returns them for `trigger`.
const FORMS = [
  {
    form: 'a UserFacingError with a code',
    text: (trigger: string) => `${trigger} failed with error [EMAIL_DOMAIN_NOT_ALLOWED] Please sign up with your company email address.`,
    expected: { code: 'EMAIL_DOMAIN_NOT_ALLOWED', message: 'Please sign up with your company email address', requestId: undefined },
  },
  {
    form: 'a UserFacingError without a code',
    text: (trigger: string) => `${trigger} failed with error Sign-ups are closed.`,
    expected: { code: undefined, message: 'Sign-ups are closed', requestId: undefined },
  },
  {
    form: 'the generic message',
    text: (trigger: string) => `${trigger} failed with error [INTERNAL_ERROR] We could not complete your request (reference ${REQUEST_ID}).`,
    expected: { code: 'INTERNAL_ERROR', message: `We could not complete your request (reference ${REQUEST_ID})`, requestId: REQUEST_ID },
  },
]

describe.each(Object.entries(CLIENTS))('parseTriggerError, given what %s throws', (_client, errorFor) => {
  const cases = TRIGGERS.flatMap((trigger) => FORMS.map(({ form, text, expected }) => ({ trigger, form, error: errorFor(text(trigger)), expected })))

  it.each(cases)('reads $form from $trigger', ({ trigger, error, expected }) => {
    expect(parseTriggerError(error)).toStrictEqual({ trigger, ...expected })
  })

  it('returns undefined for a message of another form', () => {
    expect(parseTriggerError(errorFor('PreSignUp invocation failed due to error AccessDeniedException.'))).toBeUndefined()
  })
})

describe('parseTriggerError, given the message text', () => {
  it.each<[string, string, Omit<TriggerErrorInfo, 'trigger'>]>([
    [
      'keeps brackets inside the message',
      'PreSignUp failed with error [EMAIL_DOMAIN_NOT_ALLOWED] Use an address at [corp.example].',
      { code: 'EMAIL_DOMAIN_NOT_ALLOWED', message: 'Use an address at [corp.example]', requestId: undefined },
    ],
    [
      'reads no code from brackets that do not hold one',
      'PreSignUp failed with error [a-z] letters only.',
      { code: undefined, message: '[a-z] letters only', requestId: undefined },
    ],
    [
      'reads no code from a bracket not followed by a space',
      'PreSignUp failed with error [BETA]testers only.',
      { code: undefined, message: '[BETA]testers only', requestId: undefined },
    ],
    [
      'keeps periods inside the message and removes only the one Cognito appends',
      'PreSignUp failed with error [APP_TOO_OLD] Version 2.1 is required. Please update..',
      { code: 'APP_TOO_OLD', message: 'Version 2.1 is required. Please update.', requestId: undefined },
    ],
    [
      'reads a code with an empty message',
      'PreSignUp failed with error [SIGN_UPS_CLOSED].',
      { code: 'SIGN_UPS_CLOSED', message: '', requestId: undefined },
    ],
    ['reads a message without the final period', 'PreSignUp failed with error Closed', { code: undefined, message: 'Closed', requestId: undefined }],
    ['reads a code alone without the final period', 'PreSignUp failed with error [CLOSED]', { code: 'CLOSED', message: '', requestId: undefined }],
    [
      'reads a message over several lines',
      'PreSignUp failed with error [NOT_INVITED] No invitation found.\nAsk your administrator.',
      { code: 'NOT_INVITED', message: 'No invitation found.\nAsk your administrator', requestId: undefined },
    ],
    [
      'reads the reference of the generic message from before codes existed',
      `PreSignUp failed with error We could not complete your request (reference ${REQUEST_ID}).`,
      { code: undefined, message: `We could not complete your request (reference ${REQUEST_ID})`, requestId: REQUEST_ID },
    ],
    [
      'reads no request id from a customised generic message that does not say "(reference <id>)"',
      'PreSignUp failed with error [INTERNAL_ERROR] Sign-up is unavailable (ref 42).',
      { code: 'INTERNAL_ERROR', message: 'Sign-up is unavailable (ref 42)', requestId: undefined },
    ],
    [
      "reads a function that crashed outside the router (Lambda's own message)",
      'DefineAuthChallenge failed with error RequestId: 9fdb5cfa-5ec1-47bf-bc07-8adc3b4bebf6 Error: Runtime exited with error: exit status 129.',
      { code: undefined, message: 'RequestId: 9fdb5cfa-5ec1-47bf-bc07-8adc3b4bebf6 Error: Runtime exited with error: exit status 129', requestId: undefined },
    ],
  ])('%s', (_what, text, expected) => {
    const trigger = text.slice(0, text.indexOf(' '))
    expect(parseTriggerError(awsSdkV3(text))).toStrictEqual({ trigger, ...expected })
    expect(parseTriggerError(text)).toStrictEqual({ trigger, ...expected })
  })

  it("reads managed login's redirect as amplify-js issue #14063 shows it", () => {
    const url = new URL('http://localhost:3000/signup?error_description=PreSignUp+failed+with+error+User+already+exists..+&state=lymVl&error=invalid_request')
    expect(parseTriggerError(url.searchParams.get('error_description'))).toStrictEqual({
      trigger: 'PreSignUp',
      code: undefined,
      message: 'User already exists.',
      requestId: undefined,
    })
  })
})

describe('parseTriggerError, given a wrapped error', () => {
  const refusal = awsSdkV3('PreAuthentication failed with error [ACCOUNT_LOCKED] Your account is locked.')
  const expected = { trigger: 'PreAuthentication', code: 'ACCOUNT_LOCKED', message: 'Your account is locked', requestId: undefined }

  it.each([
    ["an Amplify error's underlyingError", new AmplifyAuthError({ name: 'SignInException', message: 'Sign in failed', underlyingError: refusal })],
    ["an app's Error with the refusal as its cause", new Error('Could not sign in', { cause: refusal })],
  ])('reads the refusal kept as %s', (_what, wrapper) => {
    expect(parseTriggerError(wrapper)).toStrictEqual(expected)
  })

  it('looks one level deep only', () => {
    expect(parseTriggerError(new Error('outer', { cause: new Error('inner', { cause: refusal }) }))).toBeUndefined()
  })

  it('stops at an error that is its own cause', () => {
    const loop: Error & { cause?: unknown } = new Error('loop')
    loop.cause = loop
    expect(parseTriggerError(loop)).toBeUndefined()
  })
})

describe('parseTriggerError, given anything else', () => {
  const TRIGGER_TEXT = 'PreSignUp failed with error Sign-ups are closed.'

  it.each<[string, unknown]>([
    // What Cognito returns when it could not invoke the function or use its reply (AWS re:Post
    // Knowledge Center, "cognito-lambda-trigger-errors" and "cognito-migration-lambda-trigger-errors").
    ['Cognito could not invoke the function', new UnexpectedLambdaException({ message: 'PreSignUp invocation failed due to error AccessDeniedException.', $metadata })],
    [
      'the function timed out',
      new UnexpectedLambdaException({ message: 'PostAuthentication invocation failed due to error Socket timeout while invoking Lambda function.', $metadata }),
    ],
    ['the reply was not an event', new InvalidLambdaResponseException({ message: 'Invalid lambda function output : Invalid JSON', $metadata })],
    ['the user migration failed', new UserNotFoundException({ message: 'Exception migrating user in app client 3n4b5urk1ft4fl3mg5e62d9ado', $metadata })],
    ['a wrong password', new NotAuthorizedException({ message: 'Incorrect username or password.', $metadata })],
    ['the trigger form under another exception name', new NotAuthorizedException({ message: TRIGGER_TEXT, $metadata })],
    ['the trigger form in a plain Error', new Error(TRIGGER_TEXT)],
    // cognito-local names the function, not the trigger, unless configured otherwise (src/local/cognito-local.ts).
    ['a function name that is not a trigger name', new UserLambdaValidationException({ message: 'cognito-triggers failed with error Closed.', $metadata })],
    ["cognito-local's function error without a message", new UserLambdaValidationException({ message: 'Unhandled', $metadata })],
    ['text before the trigger name', new UserLambdaValidationException({ message: `Sign-up: ${TRIGGER_TEXT}`, $metadata })],
    ["cognito-local's transport error", { name: 'UnexpectedLambdaExceptionException', message: 'Unexpected error when invoking lambda' }],
    ['a network failure', new TypeError('Failed to fetch')],
    ['an Amplify error for an unknown failure', new AmplifyAuthError({ name: 'Unknown', message: 'An unknown error has occurred.', underlyingError: new TypeError('Failed to fetch') })],
    ['the right name with a message that is not a string', { name: 'UserLambdaValidationException', message: 42 }],
    ['a string of another form', 'Network error'],
    ['null', null],
    ['undefined', undefined],
    ['a number', 42],
    ['an empty object', {}],
    ['an array', [TRIGGER_TEXT]],
  ])('returns undefined for %s', (_what, error) => {
    expect(parseTriggerError(error)).toBeUndefined()
  })
})
