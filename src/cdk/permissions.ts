// -- IAM statements from permission needs -------------------------------------------------
// Each enabled plugin's needs (src/deploy/plugins.ts) become statements scoped to one pool,
// one identity, one bus, one key. `sns:Publish` to a phone number is the only `*`: direct
// SMS has no resource ARN to name.

import { ArnFormat, Stack, Token } from 'aws-cdk-lib'
import type { IUserPool } from 'aws-cdk-lib/aws-cognito'
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam'
import type { IKey } from 'aws-cdk-lib/aws-kms'
import type { IConstruct } from 'constructs'
import type { PermissionNeed } from '../deploy/plugins.js'

/** Statement ids must be alphanumeric: "add-to-group" → "AddToGroup". */
const baseSidOf = (plugin: string, what: string): string =>
  `${plugin}-${what}`
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('')

const eventBusArn = (scope: IConstruct, bus: string): string =>
  !Token.isUnresolved(bus) && bus.startsWith('arn:')
    ? bus
    : Stack.of(scope).formatArn({ service: 'events', resource: 'event-bus', resourceName: bus, arnFormat: ArnFormat.SLASH_RESOURCE_NAME })

/** What the statements are scoped to. */
export interface StatementScope {
  readonly userPool: IUserPool
  /** The custom sender key; required when a need is `decrypt-codes`. */
  readonly kmsKey?: IKey
  /** Appended to the sids of pool statements, so a second pool's statements keep unique sids. */
  readonly suffix?: string
}

/** Needs that name the pool; the others are granted once, whatever the number of pools. */
export const isPoolScoped = (need: PermissionNeed): boolean => need.kind === 'add-user-to-group' || need.kind === 'decrypt-codes'

/**
 * The statements that grant one pool's permission needs. Statements that name the pool
 * (`add-user-to-group`, `decrypt-codes`) must not sit in a policy the function depends on:
 * the pool already depends on the function through its LambdaConfig.
 */
export const statementsFor = (scope: IConstruct, needs: readonly PermissionNeed[], { userPool, kmsKey, suffix = '' }: StatementScope): PolicyStatement[] => {
  // One plugin may need the same kind twice, with other options in a per-pool or per-client
  // override (e.g. another sender address): the second statement's sid gets a number.
  const seen = new Map<string, number>()
  const sidOf = (plugin: string, what: string): string => {
    const sid = baseSidOf(plugin, what)
    const count = (seen.get(sid) ?? 0) + 1
    seen.set(sid, count)
    return count === 1 ? sid : `${sid}${count}`
  }
  return needs.map((need) => {
    switch (need.kind) {
      case 'add-user-to-group':
        return new PolicyStatement({
          sid: sidOf(need.plugin, `AdminAddUserToGroup${suffix}`),
          effect: Effect.ALLOW,
          actions: ['cognito-idp:AdminAddUserToGroup'],
          resources: [userPool.userPoolArn],
        })
      case 'send-email': {
        const stack = Stack.of(scope)
        const arn = (resource: string, resourceName: string) =>
          stack.formatArn({ service: 'ses', resource, resourceName, arnFormat: ArnFormat.SLASH_RESOURCE_NAME })
        return new PolicyStatement({
          sid: sidOf(need.plugin, 'SesSendEmail'),
          effect: Effect.ALLOW,
          actions: ['ses:SendEmail'],
          resources: [
            ...need.identities.map((identity) => arn('identity', identity)),
            ...(need.configurationSet === undefined ? [] : [arn('configuration-set', need.configurationSet)]),
          ],
        })
      }
      case 'put-events':
        return new PolicyStatement({
          sid: sidOf(need.plugin, 'EventsPutEvents'),
          effect: Effect.ALLOW,
          actions: ['events:PutEvents'],
          resources: [eventBusArn(scope, need.eventBus)],
        })
      case 'publish-sms':
        return new PolicyStatement({
          sid: sidOf(need.plugin, 'SnsPublishSms'),
          effect: Effect.ALLOW,
          actions: ['sns:Publish'],
          resources: ['*'],
        })
      case 'decrypt-codes': {
        if (kmsKey === undefined) throw new Error('decrypt-codes needs the custom sender KMS key')
        return new PolicyStatement({
          sid: sidOf(need.plugin, `KmsDecrypt${suffix}`),
          effect: Effect.ALLOW,
          actions: ['kms:Decrypt'],
          resources: [kmsKey.keyArn],
          // Cognito encrypts each code with the pool id as encryption context (AWS docs: "Custom sender Lambda triggers"), so the
          // function can only decrypt codes of the pools it serves.
          conditions: { StringEquals: { 'kms:EncryptionContext:userpool-id': userPool.userPoolId } },
        })
      }
    }
  })
}

/** The account that owns a pool: parsed from an imported ARN, else the stack's. */
export const accountOf = (userPool: IUserPool): string => userPool.env.account
