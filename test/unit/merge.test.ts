import { describe, expect, it } from 'vitest'
import { TRIGGERS } from '../../src/catalogue.js'
import { MergeConflictError } from '../../src/errors.js'
import { emptyMergeState, mergePatch } from '../../src/merge.js'

const merge = (source: keyof typeof TRIGGERS, ...patches: Record<string, unknown>[]) =>
  patches.reduce((state, patch, i) => mergePatch(state, patch, TRIGGERS[source], `p${i}`), emptyMergeState()).patch

describe('mergePatch', () => {
  it('lets the later plugin win for plain values', () => {
    expect(merge('CustomMessage_SignUp', { emailSubject: 'a' }, { emailSubject: 'b' })).toStrictEqual({ emailSubject: 'b' })
  })

  it('unions lists without duplicates, comparing values deeply', () => {
    expect(merge('UserMigration_Authentication', { desiredDeliveryMediums: ['EMAIL'] }, { desiredDeliveryMediums: ['SMS', 'EMAIL'] })).toStrictEqual({
      desiredDeliveryMediums: ['EMAIL', 'SMS'],
    })
  })

  it('does not let an unset decision override an explicit restrictive one', () => {
    expect(merge('PreSignUp_SignUp', { autoConfirmUser: false }, { autoVerifyEmail: true })).toStrictEqual({ autoConfirmUser: false, autoVerifyEmail: true })
  })

  it('treats null as "no opinion" for exclusive keys', () => {
    expect(merge('DefineAuthChallenge_Authentication', { challengeName: null }, { challengeName: 'CUSTOM_CHALLENGE' })).toStrictEqual({ challengeName: 'CUSTOM_CHALLENGE' })
  })

  it('throws a MergeConflictError naming both plugins for different exclusive values', () => {
    expect(() => merge('DefineAuthChallenge_Authentication', { challengeName: 'CUSTOM_CHALLENGE' }, { challengeName: 'SRP_A' })).toThrowError(
      new MergeConflictError('challengeName', 'p0', 'p1'),
    )
  })

  it('removes suppressed claims from V1 additions too', () => {
    expect(
      merge('TokenGeneration_HostedAuth', { claimsOverrideDetails: { claimsToAddOrOverride: { a: '1', b: '2' } } }, { claimsOverrideDetails: { claimsToSuppress: ['a'] } }),
    ).toStrictEqual({ claimsOverrideDetails: { claimsToAddOrOverride: { b: '2' }, claimsToSuppress: ['a'] } })
  })

  it('never pollutes prototypes when merging "__proto__" keys', () => {
    const evil = JSON.parse('{"__proto__": {"polluted": true}}')
    merge('InboundFederation_ExternalProvider', { userAttributesToMap: evil }, { userAttributesToMap: evil })
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})
