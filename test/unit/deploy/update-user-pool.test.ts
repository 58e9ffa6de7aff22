import type { UserPoolType } from '@aws-sdk/client-cognito-identity-provider'
import { describe, expect, it } from 'vitest'
import { updateUserPoolInput } from '../../../src/deploy/update-user-pool.js'
import { ConfigurationError } from '../../../src/errors.js'

const ROUTER = 'arn:aws:lambda:eu-west-1:123456789012:function:router'
const OTHER = 'arn:aws:lambda:eu-west-1:123456789012:function:legacy-migration'

// A DescribeUserPool answer with read-only fields (Arn, dates, schema, domain…) and settings
// that UpdateUserPool resets when they are left out.
const described = (overrides: Partial<UserPoolType> = {}): UserPoolType => ({
  Id: 'eu-west-1_EXAMPLE',
  Name: 'users',
  Arn: 'arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_EXAMPLE',
  Status: 'Enabled',
  CreationDate: new Date('2026-01-01T00:00:00Z'),
  LastModifiedDate: new Date('2026-02-01T00:00:00Z'),
  EstimatedNumberOfUsers: 12,
  Domain: 'example-auth',
  SchemaAttributes: [{ Name: 'email', AttributeDataType: 'String', Mutable: true, Required: true }],
  UsernameAttributes: ['email'],
  UsernameConfiguration: { CaseSensitive: false },
  Policies: { PasswordPolicy: { MinimumLength: 12, RequireSymbols: true, TemporaryPasswordValidityDays: 3 } },
  DeletionProtection: 'ACTIVE',
  AutoVerifiedAttributes: ['email'],
  MfaConfiguration: 'OPTIONAL',
  EmailConfiguration: { EmailSendingAccount: 'DEVELOPER', SourceArn: 'arn:aws:ses:eu-west-1:123456789012:identity/example.com', From: 'Example <no-reply@example.com>' },
  AdminCreateUserConfig: {
    AllowAdminCreateUserOnly: false,
    UnusedAccountValidityDays: 3,
    InviteMessageTemplate: { EmailSubject: 'Welcome', EmailMessage: 'Your username is {username} and password {####}.' },
  },
  UserPoolTier: 'ESSENTIALS',
  UserPoolTags: { team: 'identity' },
  LambdaConfig: { UserMigration: OTHER },
  ...overrides,
})

describe('updateUserPoolInput', () => {
  it('restates every setting UpdateUserPool would otherwise reset, and no read-only field', () => {
    // Act
    const input = updateUserPoolInput(described(), { PreSignUp: ROUTER })

    // Assess
    expect(input).toStrictEqual({
      UserPoolId: 'eu-west-1_EXAMPLE',
      PoolName: 'users',
      Policies: { PasswordPolicy: { MinimumLength: 12, RequireSymbols: true, TemporaryPasswordValidityDays: 3 } },
      DeletionProtection: 'ACTIVE',
      AutoVerifiedAttributes: ['email'],
      MfaConfiguration: 'OPTIONAL',
      EmailConfiguration: { EmailSendingAccount: 'DEVELOPER', SourceArn: 'arn:aws:ses:eu-west-1:123456789012:identity/example.com', From: 'Example <no-reply@example.com>' },
      // UpdateUserPool refuses the deprecated field next to TemporaryPasswordValidityDays.
      AdminCreateUserConfig: {
        AllowAdminCreateUserOnly: false,
        InviteMessageTemplate: { EmailSubject: 'Welcome', EmailMessage: 'Your username is {username} and password {####}.' },
      },
      UserPoolTier: 'ESSENTIALS',
      UserPoolTags: { team: 'identity' },
      LambdaConfig: { UserMigration: OTHER, PreSignUp: ROUTER },
    })
  })

  it('keeps the deprecated UnusedAccountValidityDays when the password policy does not replace it', () => {
    // Prepare
    const pool = described({ Policies: { PasswordPolicy: { MinimumLength: 8 } } })

    // Act
    const input = updateUserPoolInput(pool, {})

    // Assess
    expect(input.AdminCreateUserConfig?.UnusedAccountValidityDays).toBe(3)
  })

  it('lets the router take over slots another function held, and keeps the slots it does not use', () => {
    // Act
    const input = updateUserPoolInput(described({ LambdaConfig: { UserMigration: OTHER, PostConfirmation: OTHER } }), {
      PostConfirmation: ROUTER,
    })

    // Assess
    expect(input.LambdaConfig).toStrictEqual({ UserMigration: OTHER, PostConfirmation: ROUTER })
  })

  it('drops the legacy PreTokenGeneration string when PreTokenGenerationConfig is set, since the two must agree', () => {
    // Act
    const input = updateUserPoolInput(described({ LambdaConfig: { PreTokenGeneration: OTHER } }), {
      PreTokenGenerationConfig: { LambdaArn: ROUTER, LambdaVersion: 'V2_0' },
    })

    // Assess
    expect(input.LambdaConfig).toStrictEqual({ PreTokenGenerationConfig: { LambdaArn: ROUTER, LambdaVersion: 'V2_0' } })
  })

  it('works for a pool without triggers or optional settings', () => {
    expect(updateUserPoolInput({ Id: 'eu-west-1_BARE' }, { PreSignUp: ROUTER })).toStrictEqual({
      UserPoolId: 'eu-west-1_BARE',
      LambdaConfig: { PreSignUp: ROUTER },
    })
  })

  it('refuses something that is not a DescribeUserPool answer', () => {
    expect(() => updateUserPoolInput({}, {})).toThrowError(ConfigurationError)
    expect(() => updateUserPoolInput({}, {})).toThrowError('needs the "UserPool" of a DescribeUserPool response')
  })
})
