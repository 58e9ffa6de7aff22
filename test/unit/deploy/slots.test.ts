import { describe, expect, it } from 'vitest'
import { TRIGGER_FAMILIES, type TriggerFamily } from '../../../src/catalogue.js'
import { buildLambdaConfig, isTokenVersion, SLOTS, slotOf, TOKEN_VERSIONS } from '../../../src/deploy/slots.js'
import { ConfigurationError } from '../../../src/errors.js'

const ARN = 'arn:aws:lambda:eu-west-1:123456789012:function:router'
const KEY = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab'

describe('SLOTS', () => {
  it('lists the 13 LambdaConfig slots of AWS docs: "LambdaConfigType (API Reference)", one per trigger family', () => {
    // Act
    const keys = SLOTS.map((slot) => slot.key)

    // Assess
    expect(keys).toStrictEqual([
      'PreSignUp',
      'PostConfirmation',
      'PreAuthentication',
      'PostAuthentication',
      'DefineAuthChallenge',
      'CreateAuthChallenge',
      'VerifyAuthChallengeResponse',
      'PreTokenGenerationConfig',
      'UserMigration',
      'CustomMessage',
      'CustomEmailSender',
      'CustomSMSSender',
      'InboundFederation',
    ])
    expect(SLOTS.map((slot) => slot.family)).toStrictEqual(Object.keys(TRIGGER_FAMILIES))
  })

  it('never uses the legacy PreTokenGeneration string slot, which pins the pool to V1_0', () => {
    expect(slotOf('TokenGeneration')).toStrictEqual({ family: 'TokenGeneration', key: 'PreTokenGenerationConfig', shape: 'versioned' })
    expect(SLOTS.some((slot) => (slot.key as string) === 'PreTokenGeneration')).toBe(false)
  })
})

describe('buildLambdaConfig', () => {
  const plain = SLOTS.filter((slot) => slot.shape === 'arn').map((slot) => [slot.family, slot.key] as const)

  it.each(plain)('puts the function ARN on the %s slot (%s)', (family, key) => {
    // Act
    const config = buildLambdaConfig(ARN, [family])

    // Assess
    expect(config).toStrictEqual({ [key]: ARN })
  })

  it.each(TOKEN_VERSIONS)('writes PreTokenGenerationConfig with LambdaVersion %s', (tokenVersion) => {
    expect(buildLambdaConfig(ARN, ['TokenGeneration'], { tokenVersion })).toStrictEqual({
      PreTokenGenerationConfig: { LambdaArn: ARN, LambdaVersion: tokenVersion },
    })
  })

  it('defaults pre token generation to V2_0', () => {
    expect(buildLambdaConfig(ARN, ['TokenGeneration']).PreTokenGenerationConfig).toStrictEqual({ LambdaArn: ARN, LambdaVersion: 'V2_0' })
  })

  it.each([
    ['CustomEmailSender', 'CustomEmailSender'],
    ['CustomSMSSender', 'CustomSMSSender'],
  ] as const)('writes %s with V1_0, whatever the token version, and the KMS key', (family, key) => {
    // Act
    const config = buildLambdaConfig(ARN, [family], { tokenVersion: 'V3_0', kmsKeyArn: KEY })

    // Assess
    expect(config).toStrictEqual({ [key]: { LambdaArn: ARN, LambdaVersion: 'V1_0' }, KMSKeyID: KEY })
  })

  it('writes InboundFederation with V1_0, the only version it accepts', () => {
    expect(buildLambdaConfig(ARN, ['InboundFederation'], { tokenVersion: 'V3_0' })).toStrictEqual({
      InboundFederation: { LambdaArn: ARN, LambdaVersion: 'V1_0' },
    })
  })

  it('fills every slot when given every family', () => {
    // Act
    const config = buildLambdaConfig(ARN, Object.keys(TRIGGER_FAMILIES) as TriggerFamily[], { kmsKeyArn: KEY })

    // Assess
    expect(Object.keys(config)).toHaveLength(14)
    expect(config.KMSKeyID).toBe(KEY)
  })

  it('refuses a custom sender slot without a KMS key, which Cognito requires', () => {
    expect(() => buildLambdaConfig(ARN, ['CustomSMSSender'])).toThrowError(ConfigurationError)
    expect(() => buildLambdaConfig(ARN, ['CustomSMSSender'])).toThrowError('custom sender slots need kmsKeyArn')
  })

  it('leaves out KMSKeyID when no sender slot is set, even with a key', () => {
    expect(buildLambdaConfig(ARN, ['PreSignUp'], { kmsKeyArn: KEY })).toStrictEqual({ PreSignUp: ARN })
  })

  it('refuses an unknown token version', () => {
    // @ts-expect-error -- a JavaScript caller or a JSON value
    expect(() => buildLambdaConfig(ARN, ['TokenGeneration'], { tokenVersion: 'V2' })).toThrowError(
      'tokenVersion must be one of V1_0, V2_0, V3_0, got V2',
    )
  })

  it('keeps non-string ARNs such as CloudFormation intrinsics as they are', () => {
    // Prepare
    const arn = { 'Fn::GetAtt': ['Router', 'Arn'] }

    // Act
    const config = buildLambdaConfig(arn, ['PreSignUp', 'TokenGeneration'])

    // Assess
    expect(config).toStrictEqual({ PreSignUp: arn, PreTokenGenerationConfig: { LambdaArn: arn, LambdaVersion: 'V2_0' } })
  })
})

describe('isTokenVersion', () => {
  it.each([
    ['V1_0', true],
    ['V3_0', true],
    ['v2_0', false],
    [2, false],
    [undefined, false],
  ])('%s → %s', (value, expected) => {
    expect(isTokenVersion(value)).toBe(expected)
  })
})
