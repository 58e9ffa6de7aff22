// The test kit: `import { checkPluginContract, createEvent, invoke } from 'cognito-trigger-router/testing'`.
// Free of any test framework, so jest, node:test and vitest projects can all use it; the vitest
// suite is its own entry, `cognito-trigger-router/testing/vitest`.

export { checkPluginContract, contractTimeoutMs, type ContractOptions, type ContractViolation } from './contract.js'
export { createEvent, type CreateEventOptions } from './events.js'
export {
  createLambdaContext,
  invoke,
  shownToUser,
  slotOf,
  type InvokeOptions,
  type InvokeResult,
  type InvokeTarget,
  type LambdaContextOptions,
} from './invoke.js'
