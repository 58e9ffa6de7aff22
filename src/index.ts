// Public API of cognito-trigger-router: what a user needs to build a router, write plugins, reuse
// the guarantees in their own middy handlers and load a JSON configuration. Everything else in
// src/ is internal and may change without notice.

export { createRouter, type CognitoRouter, type PluginRun, type RouterOptions } from './router.js'
export {
  definePlugin,
  type AnyPlugin,
  type Plugin,
  type PluginContext,
  type PluginDefinition,
  type PluginHandler,
  type PluginResult,
} from './plugin.js'
export {
  CognitoTriggerRouterError,
  ConfigurationError,
  DeadlineExceededError,
  ERROR_CODE_PATTERN,
  INTERNAL_ERROR_CODE,
  InvalidErrorCodeError,
  InvalidReplyError,
  MalformedEventError,
  MergeConflictError,
  MissingSenderPluginError,
  PluginError,
  TriggerRejectedError,
  UserFacingError,
  type UserFacingErrorOptions,
} from './errors.js'
export {
  TRIGGER_FAMILIES,
  TRIGGER_SOURCES,
  TRIGGERS,
  expandPattern,
  familyOf,
  isTriggerSource,
  type ExpandPattern,
  type FamilyInfo,
  type TriggerFamily,
  type TriggerInfo,
  type TriggerPattern,
  type TriggerSource,
} from './catalogue.js'
export type * from './events.js'
export {
  CHALLENGE_NAMES,
  ID_TOKEN_SCALAR_CLAIMS,
  RESERVED_CLAIMS,
  claimChangeProblem,
  isReservedClaim,
  type TokenKind,
} from './validation/index.js'

// The five guarantees, as middy middlewares for your own handlers.
export { cognitoEnvelope, type CognitoEnvelope } from './middleware/envelope.js'
export {
  DEFAULT_ERROR_MESSAGE,
  cognitoFailClosed,
  cognitoFailClosedValidateOptions,
  type FailClosedOptions,
} from './middleware/fail-closed.js'
export {
  cognitoDeadline,
  cognitoDeadlineValidateOptions,
  type Deadline,
  type DeadlineContext,
  type DeadlineOptions,
} from './middleware/deadline.js'
export { cognitoReplyValidation } from './middleware/reply-validation.js'
export { cognitoLogging, cognitoLoggingValidateOptions, type CognitoLoggingOptions } from './middleware/logging.js'

// Logging and redaction.
export {
  childLogger,
  isLevelEnabled,
  jsonLogger,
  type JsonLogger,
  type JsonLoggerOptions,
  type LineFields,
  type LineRedaction,
  type Logger,
  type LoggerLevel,
  type LogLevel,
} from './logger.js'
export {
  DEFAULT_CONTACT_PATHS,
  DEFAULT_MASK,
  DEFAULT_REDACT_PATHS,
  DEFAULT_SECRET_PATHS,
  resolveRedaction,
  validateRedactionOptions,
  type RedactionOptions,
  type ResolvedRedaction,
} from './redaction/paths.js'
export { collectSecrets } from './redaction/secrets.js'
export { MIN_VARIANT_LENGTH, scrub, scrubberFor, scrubbingLogger, type Scrubber } from './redaction/scrub.js'

// The JSON configuration.
export {
  CONFIG_ENV,
  createRouterFromConfig,
  loadRouterFromConfig,
  resolveConfig,
  type PluginFactory,
  type PluginLoader,
  type PluginsOverride,
  type PoolOverride,
  type RouterConfig,
} from './config.js'

// Metrics (the `metrics` option of createRouter).
export { DEFAULT_METRICS_NAMESPACE, DIMENSIONS as METRIC_DIMENSIONS, METRICS } from './metrics/names.js'
export type { MetricsOptions } from './metrics/options.js'

// Writing a plugin manifest: what a third-party plugin's manifest.ts needs, and no more. Option
// schemas are valibot schemas; these helpers give them the router's error messages
// (`plugins.<name>.<key>: ...`). The built-in plugins' other helpers stay in src/options.ts.
export { definePluginManifest, MissingPrerequisiteError, type ManifestDeployment, type PluginManifest, type Prerequisite } from './manifest.js'
export { invalidOption, parseOptions, recordOptions, strictOptions, type OptionsSchema } from './options.js'

// Idempotency: side effects once, whatever Cognito retries (the router option `idempotency`).
export { hasSideEffects } from './plugin.js'
export { IdempotencyKeyError, IdempotencyStoreError } from './idempotency/errors.js'
export type { IdempotencyOutcome } from './idempotency/run.js'
export { DEFAULT_KEY_PATHS, type IdempotencyKeySource } from './idempotency/paths.js'
export { DEFAULT_WINDOW_SECONDS, type IdempotencyOptions, type IdempotencyPluginOptions } from './idempotency/options.js'
