// -- PreSignUp -----------------------------------------------------------------------
// "Pre sign-up Lambda trigger" (Amazon Cognito developer guide): the three flags are booleans, and auto-verifying a contact attribute the user
// does not have makes Cognito fail the sign-up.

import { typed } from './checks.js'
import { fail, getOwn, type Check, type FamilyRules } from './common.js'

const flag = typed('boolean', 'presignup.boolean')

const hasAttribute = (event: unknown, name: string): boolean => {
  const value = getOwn(getOwn(getOwn(event, 'request'), 'userAttributes'), name)
  return typeof value === 'string' && value.length > 0
}

const verifies =
  (attribute: string, rule: string): Check =>
  (value, path, context) => {
    flag(value, path, context)
    if (value === true && !hasAttribute(context.event, attribute)) {
      const message = `is true but event.request.userAttributes has no ${attribute}; Cognito fails the sign-up`
      fail(rule, path, message)
    }
  }

export const preSignUpRules: FamilyRules = {
  keys: {
    autoConfirmUser: flag,
    autoVerifyEmail: verifies('email', 'presignup.verify-email-attribute'),
    autoVerifyPhone: verifies('phone_number', 'presignup.verify-phone-attribute'),
  },
}
