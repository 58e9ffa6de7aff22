// The test kit: `import { createEvent, describePluginContract } from 'cognito-trigger-router/testing'`.

export { checkPluginContract, type ContractOptions, type ContractViolation } from './contract.js'
export { createEvent, type CreateEventOptions } from './events.js'
export { describePluginContract } from './vitest.js'
