import { globSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
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
    'hasSideEffects',
    'IdempotencyStoreError',
    'IdempotencyKeyError',
    'DEFAULT_KEY_PATHS',
    'DEFAULT_WINDOW_SECONDS',
    // What a third-party plugin's manifest needs.
    'definePluginManifest',
    'MissingPrerequisiteError',
    'parseOptions',
    'strictOptions',
    'recordOptions',
    'invalidOption',
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
    'idempotencyRunner',
    'pluginStores',
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

  // The README's and the JSDoc's examples are copied into apps: each name they import from the
  // package must be one the main entry exports (a value, or a type of src/index.ts or the event
  // types it re-exports).
  it('exports every name the README and the JSDoc examples import from the package', () => {
    const root = fileURLToPath(new URL('../../', import.meta.url))
    const read = (file: string) => readFileSync(`${root}${file}`, 'utf8')
    const exported = new Set(Object.keys(api))
    for (const [, names = ''] of read('src/index.ts').matchAll(/export (?:type )?\{([^}]*)\}/gu)) {
      for (const name of names.split(',')) exported.add(name.replace(/^\s*type\s+/u, '').split(' as ').at(-1)!.trim())
    }
    for (const [, name] of read('src/events.ts').matchAll(/export (?:interface|type) (\w+)/gu)) exported.add(name!)
    const files = globSync(['README.md', 'plugins/*/README.md', 'src/**/*.ts', 'plugins/**/*.ts'], { cwd: root })
    const missing = files.flatMap((file) =>
      [...read(file).matchAll(/import (?:type )?\{([^}]*)\} from 'cognito-trigger-router'/gu)].flatMap(([, names = '']) =>
        names
          .split(',')
          .map((name) => name.replace(/^\s*type\s+/u, '').split(' as ')[0]!.trim())
          .filter((name) => name !== '' && !exported.has(name))
          .map((name) => `${file}: ${name}`),
      ),
    )
    expect(missing).toStrictEqual([])
  })
})
