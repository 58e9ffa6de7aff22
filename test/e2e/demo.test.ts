// `npm run demo`, in-process: every step goes as the example configuration promises.
import { describe, expect, it } from 'vitest'
import { runDemo } from '../../src/local/demo.js'
import { registry, STACK_TIMEOUT } from './support/stack.js'

describe('the demo', () => {
  it('walks through sign-up, confirmation, groups, sign-in, refresh, a refusal and a migration, and decodes the ID token', async () => {
    // Prepare
    const lines: string[] = []

    // Act
    const report = await runDemo({ registry, print: (line) => lines.push(line) })

    // Assess
    expect(report.steps.map((step) => [step.title, step.triggers.map((record) => `${record.triggerSource ?? '?'}:${record.outcome}`)])).toStrictEqual([
      ['Sign up ada@trusted.example', ['PreSignUp_SignUp:ok', 'CustomMessage_SignUp:ok', 'PostConfirmation_ConfirmSignUp:ok']],
      ['Sign up bob@example.com, then confirm with code 123456', ['PreSignUp_SignUp:ok', 'CustomMessage_SignUp:ok', 'PostConfirmation_ConfirmSignUp:ok']],
      ['Group membership', []],
      ['Sign in ada@trusted.example', ['PostAuthentication_Authentication:ok', 'TokenGeneration_Authentication:ok']],
      ['Refresh the tokens', ['TokenGeneration_RefreshTokens:ok']],
      ['Sign up mallory@blocked.example', ['PreSignUp_SignUp:rejected']],
      ['Sign in grace@legacy.example, a user only the legacy store knows', ['UserMigration_Authentication:ok', 'PostAuthentication_Authentication:ok', 'TokenGeneration_Authentication:ok']],
    ])
    expect(report.steps[2]!.outcome).toBe('AdminListGroupsForUser(ada@trusted.example) → users\nAdminListGroupsForUser(bob@example.com) → users')
    expect(report.refusal).toBe('UserLambdaValidationException: PreSignUp failed with error [EMAIL_DOMAIN_NOT_ALLOWED] This email domain is not allowed to sign up.')
    expect(report.idToken).toMatchObject({ email: 'ada@trusted.example', app: 'cognito-trigger-router-demo', 'cognito:groups': ['users'] })
    const text = lines.join('\n')
    expect(text).toContain('↳ add-to-group: added the user to groups  groups=["users"]')
    expect(text).toMatch(/cognito:groups {7}\["users"\] {3}← group membership/)
    expect(text).toMatch(/app {18}"cognito-trigger-router-demo" {3}← added by token-claims on TokenGeneration/)
    expect(text).toContain('Done.')
    expect(report.retry).toEqual({ emailsSent: 1, outcomes: ['first-run', 'replayed'], sameReply: true })
  }, STACK_TIMEOUT)
})
