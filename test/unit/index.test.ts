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
    // What a third-party plugin's manifest needs.
    'definePluginManifest',
    'MissingPrerequisiteError',
    'parseOptions',
    'strictOptions',
    'recordOptions',
    'invalidOption',
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
    // The built-in plugins' option helpers and the deployment's: in src/options.ts, src/manifest.ts, src/config-schema.ts.
    'codeOnly',
    'describeOptionIssue',
    'extendOptions',
    'flag',
    'hasSend',
    'integerFrom',
    'kindOf',
    'optionPath',
    'routerConfigEntries',
    'routerConfigSchema',
    'factoryName',
    'familiesOf',
  ])('keeps the internal helper %s to itself', (name) => {
    expect(api).not.toHaveProperty(name)
  })
})
