// The test kit: `import { createEvent, describePluginContract } from 'cognito-trigger-router/testing'`.

export { checkPluginContract, type ContractOptions, type ContractViolation } from './contract.js'
export { createEvent, type CreateEventOptions } from './events.js'
export { describePluginContract } from './vitest.js'
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
