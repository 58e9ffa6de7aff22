// -- cognito-trigger-router/cdk -------------------------------------------------------------
// The CDK constructs: the router for a pool (./router.ts) and for a replica Region of a
// replicated pool (./replica.ts). aws-cdk-lib and constructs are peer dependencies.
// The replica extends the router, so the router's module is loaded first.

export * from './router.js'
export { CognitoTriggerRouterReplica, type CognitoTriggerRouterReplicaProps } from './replica.js'
