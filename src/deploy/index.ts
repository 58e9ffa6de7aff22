// Public API of `cognito-trigger-router/deploy`: the deployment data shared by the CDK construct,
// the SAM template and scripts. Plain TypeScript, no infrastructure library needed.

export { completeConfig, planDeployment, type DeploymentPlan, type DeploymentValues, type SlotSelection } from './plan.js'
export {
  BUILTIN_PLUGIN_FAMILIES,
  isBuiltinPluginName,
  manifestDeployment,
  PERMISSION_ACTIONS,
  pluginDeployment,
  sendEmailNeed,
  type BuiltinPluginName,
  type PermissionKind,
  type PermissionNeed,
  type PluginDeployment,
} from './plugins.js'
export {
  buildLambdaConfig,
  isTokenVersion,
  SLOTS,
  slotOf,
  TOKEN_VERSIONS,
  type LambdaConfig,
  type SlotInfo,
  type SlotKey,
  type TokenVersion,
  type VersionedLambda,
} from './slots.js'
export { IDEMPOTENCY_ACTIONS, IDEMPOTENCY_TABLE, idempotencyPlan, type IdempotencyPlan } from './idempotency.js'
export { updateUserPoolInput } from './update-user-pool.js'
