import { describe, expect, it } from 'vitest'
import * as api from '../../src/index.js'

describe('the main entry', () => {
  it.each([
    'createRouter',
    'definePlugin',
    'UserFacingError',
    'InvalidErrorCodeError',
    'ERROR_CODE_PATTERN',
    'INTERNAL_ERROR_CODE',
    'TriggerRejectedError',
    'DeadlineExceededError',
    'TRIGGERS',
    'cognitoEnvelope',
    'cognitoFailClosed',
    'cognitoDeadline',
    'cognitoLogging',
    'cognitoReplyValidation',
    'cognitoFailClosedValidateOptions',
    'cognitoDeadlineValidateOptions',
    'cognitoLoggingValidateOptions',
    'createRouterFromConfig',
    'loadRouterFromConfig',
    'resolveConfig',
    'jsonLogger',
    'DEFAULT_REDACT_PATHS',
    // What the JSDoc examples of the logging and redaction exports import.
    'DEFAULT_CONTACT_PATHS',
    'DEFAULT_SECRET_PATHS',
    'MIN_VARIANT_LENGTH',
    'collectSecrets',
    'scrub',
    'scrubberFor',
    'scrubbingLogger',
    'childLogger',
    'isLevelEnabled',
    'resolveRedaction',
    'validateRedactionOptions',
  ])('exports %s, which a user needs', (name) => {
    expect(api).toHaveProperty(name)
  })

  it.each([
    'startDeadline',
    'writeScrubbed',
    'scrubAttributes',
    'invocationOf',
    'Invocation',
    'validateReply',
    'validatePlugin',
    'jsonEqual',
    'originalEventOf',
    'arrivedEventOf',
    'assertTriggerEvent',
    'levelFromEnv',
    'LOGGING_FAILED',
  ])('keeps the internal helper %s to itself', (name) => {
    expect(api).not.toHaveProperty(name)
  })
})
