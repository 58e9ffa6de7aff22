import { describe, expect, it } from 'vitest'
import { ERROR_CODE_PATTERN, INTERNAL_ERROR_CODE, InvalidErrorCodeError, UserFacingError } from '../../src/errors.js'

describe('UserFacingError', () => {
  it.each(['EMAIL_DOMAIN_NOT_ALLOWED', 'A', '42', 'TOO_MANY_ATTEMPTS_2'])('keeps the code %j', (code) => {
    // Act
    const error = new UserFacingError('Refused', { code })

    // Assess
    expect(error.code).toBe(code)
    expect(error.message).toBe('Refused')
    expect(error.name).toBe('UserFacingError')
  })

  it('has no code and no cause unless given', () => {
    // Act
    const error = new UserFacingError('Refused')

    // Assess
    expect(error.code).toBeUndefined()
    expect(Object.hasOwn(error, 'cause')).toBe(false)
  })

  it('keeps the cause it was given, beside its code', () => {
    // Prepare
    const cause = new Error('legacy store said no')

    // Act
    const error = new UserFacingError('Refused', { code: 'LEGACY_REFUSED', cause })

    // Assess
    expect(error.cause).toBe(cause)
  })

  it.each([
    ['lower-case letters', 'email_domain', '"email_domain"'],
    ['a space', 'NOT ALLOWED', '"NOT ALLOWED"'],
    ['a hyphen', 'NOT-ALLOWED', '"NOT-ALLOWED"'],
    ['a bracket, which would end the code early', 'X] [Y', '"X] [Y"'],
    ['nothing', '', '""'],
    ['a number', 42, 'a number'],
  ])('refuses a code with %s at construction, naming it', (_case, code, named) => {
    // Act
    const make = () => new UserFacingError('Refused', { code: code as string })

    // Assess
    expect(make).toThrowError(InvalidErrorCodeError)
    expect(make).toThrowError(named)
    try {
      make()
    } catch (error) {
      expect((error as InvalidErrorCodeError).code).toBe(code)
      expect((error as InvalidErrorCodeError).name).toBe('InvalidErrorCodeError')
    }
  })

  it('names the generic message’s code with the pattern every code matches', () => {
    expect(INTERNAL_ERROR_CODE).toMatch(ERROR_CODE_PATTERN)
  })
})
