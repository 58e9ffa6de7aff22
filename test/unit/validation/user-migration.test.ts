import { describe, expect, it } from 'vitest'
import { errorOf, eventFor, ruleOf, validate } from './fixtures.js'

const NULL_RESPONSE = {
  userAttributes: null,
  finalUserStatus: null,
  messageAction: null,
  desiredDeliveryMediums: null,
  forceAliasCreation: null,
  enableSMSMFA: null,
}

const migration = (response: Record<string, unknown> = NULL_RESPONSE) =>
  eventFor('UserMigration_Authentication', {
    request: { password: 'Legacy-Passw0rd!', validationData: null, userAttributes: null },
    response,
  })

describe('UserMigration replies', () => {
  it('accepts a complete migration', () => {
    const changed = {
      userAttributes: { email: 'jane@example.com', email_verified: 'true', 'custom:tenant': 'acme' },
      finalUserStatus: 'CONFIRMED',
      messageAction: 'SUPPRESS',
      desiredDeliveryMediums: ['EMAIL', 'SMS'],
      forceAliasCreation: false,
      enableSMSMFA: false,
      username: 'jane',
    }
    expect(() => validate(migration(), changed)).not.toThrow()
  })

  it.each(Object.keys({ ...NULL_RESPONSE, username: null }))('accepts %s set to null, as Cognito sends it', (key) => {
    expect(() => validate(migration({}), { [key]: null })).not.toThrow()
  })

  it.each([
    ['finalUserStatus', 'RESET_REQUIRED'],
    ['messageAction', 'RESEND'],
    ['desiredDeliveryMediums', []],
    ['userAttributes', { note: 'x'.repeat(2048) }],
  ])('accepts %s set to %o', (key, value) => {
    expect(() => validate(migration(), { [key]: value })).not.toThrow()
  })

  it.each([
    ['userAttributes as an array', { userAttributes: [] }, 'usermigration.user-attributes'],
    ['a boolean attribute value', { userAttributes: { email_verified: true } }, 'usermigration.user-attributes'],
    ['an attribute value over 2,048 characters', { userAttributes: { note: 'x'.repeat(2049) } }, 'usermigration.attribute-length'],
    ['finalUserStatus FORCE_CHANGE_PASSWORD', { finalUserStatus: 'FORCE_CHANGE_PASSWORD' }, 'usermigration.final-user-status'],
    ['finalUserStatus ""', { finalUserStatus: '' }, 'usermigration.final-user-status'],
    ['messageAction "suppress"', { messageAction: 'suppress' }, 'usermigration.message-action'],
    ['desiredDeliveryMediums as a string', { desiredDeliveryMediums: 'EMAIL' }, 'usermigration.delivery-mediums'],
    ['desiredDeliveryMediums with VOICE', { desiredDeliveryMediums: ['EMAIL', 'VOICE'] }, 'usermigration.delivery-mediums'],
    ['desiredDeliveryMediums with null', { desiredDeliveryMediums: [null] }, 'usermigration.delivery-mediums'],
    ['forceAliasCreation "false"', { forceAliasCreation: 'false' }, 'usermigration.boolean'],
    ['enableSMSMFA 1', { enableSMSMFA: 1 }, 'usermigration.boolean'],
    ['username as a number', { username: 42 }, 'usermigration.username'],
    ['an empty username', { username: '' }, 'usermigration.username'],
  ])('rejects %s', (_, changed, rule) => {
    expect(ruleOf(migration(), changed)).toBe(rule)
  })

  it('names the offending attribute and its length, not its value', () => {
    const error = errorOf(() => validate(migration(), { userAttributes: { note: 'y'.repeat(3000) } }))
    expect(error.path).toBe('userAttributes["note"]')
    expect(error.message).toContain('3000 characters')
    expect(error.message).not.toContain('yyy')
  })

  it('points at the delivery medium that is wrong', () => {
    expect(errorOf(() => validate(migration(), { desiredDeliveryMediums: ['SMS', 'FAX'] })).path).toBe(
      'desiredDeliveryMediums[1]',
    )
  })

  it('never judges the empty strings an emulator pre-filled', () => {
    const event = migration({
      userAttributes: null,
      finalUserStatus: '',
      messageAction: '',
      desiredDeliveryMediums: null,
      forceAliasCreation: '',
      enableSMSMFA: '',
      username: '',
    })
    expect(() => validate(event, { userAttributes: { email: 'jane@example.com' } })).not.toThrow()
  })
})
