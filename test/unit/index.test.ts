import { describe, expect, it } from 'vitest'
import * as api from '../../src/index.js'

describe('the main entry', () => {
  it.each([
    'createRouter',
    'definePlugin',
    'UserFacingError',
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
    'hasSideEffects',
    'IdempotencyStoreError',
    'IdempotencyKeyError',
    'DEFAULT_KEY_PATHS',
    'DEFAULT_WINDOW_SECONDS',
  ])('exports %s, which a user needs', (name) => {
    expect(api).toHaveProperty(name)
  })

  it.each([
    'startDeadline',
    'writeScrubbed',
    'scrubAttributes',
    'validateReply',
    'validatePlugin',
    'jsonEqual',
    'originalEventOf',
    'arrivedEventOf',
    'assertTriggerEvent',
    'levelFromEnv',
    'LOGGING_FAILED',
    'idempotencyRunner',
    'pluginStores',
  ])('keeps the internal helper %s to itself', (name) => {
    expect(api).not.toHaveProperty(name)
  })
})
