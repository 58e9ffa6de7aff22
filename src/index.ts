// Public API of cognito-trigger-router.

export { createRouter, type CognitoRouter, type PluginRun, type RouterOptions } from './router.js'
export {
  definePlugin,
  validatePlugin,
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
  InvalidReplyError,
  MalformedEventError,
  MergeConflictError,
  MissingSenderPluginError,
  PluginError,
  TriggerRejectedError,
  UserFacingError,
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
export { jsonEqual } from './response.js'
export { childLogger, isLevelEnabled, jsonLogger, levelFromEnv, type Logger, type LoggerLevel, type LogLevel } from './logger.js'
export { assertTriggerEvent, cognitoEnvelope, originalEventOf, type CognitoEnvelope } from './middleware/envelope.js'
export {
  DEFAULT_ERROR_MESSAGE,
  cognitoFailClosed,
  cognitoFailClosedValidateOptions,
  type FailClosedOptions,
} from './middleware/fail-closed.js'
export {
  cognitoDeadline,
  cognitoDeadlineValidateOptions,
  startDeadline,
  type Deadline,
  type DeadlineContext,
  type DeadlineOptions,
} from './middleware/deadline.js'
export { cognitoReplyValidation } from './middleware/reply-validation.js'
export {
  LOGGING_FAILED,
  cognitoLogging,
  cognitoLoggingValidateOptions,
  type CognitoLoggingOptions,
} from './middleware/logging.js'
export {
  DEFAULT_MASK,
  DEFAULT_REDACT_PATHS,
  DEFAULT_SECRET_PATHS,
  resolveRedaction,
  validateRedactionOptions,
  type RedactionOptions,
  type ResolvedRedaction,
} from './redaction/paths.js'
export { collectSecrets } from './redaction/secrets.js'
export { scrub, scrubAttributes, scrubbingLogger, writeScrubbed } from './redaction/scrub.js'
export {
  CHALLENGE_NAMES,
  ID_TOKEN_SCALAR_CLAIMS,
  RESERVED_CLAIMS,
  claimChangeProblem,
  isReservedClaim,
  validateReply,
  type TokenKind,
} from './validation/index.js'
export {
  CONFIG_ENV,
  createRouterFromConfig,
  loadRouterFromConfig,
  resolveConfig,
  type PluginFactory,
  type PluginLoader,
  type RouterConfig,
} from './config.js'
export {
  definePluginManifest,
  factoryName,
  familiesOf,
  MissingPrerequisiteError,
  type ManifestDeployment,
  type PluginManifest,
  type Prerequisite,
} from './manifest.js'
export { codeOnly, describeOptionIssue, extendOptions, flag, hasSend, integerFrom, invalidOption, kindOf, optionPath, parseOptions, recordOptions, strictOptions, type OptionsSchema } from './options.js'
export { routerConfigEntries, routerConfigSchema } from './config-schema.js'
