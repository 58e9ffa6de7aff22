import { describe, expect, it } from 'vitest'
import { definePlugin, type AnyPlugin } from '../../../src/plugin.js'
import { checkPluginContract } from '../../../src/testing/contract.js'
import { describePluginContract } from '../../../src/testing/vitest.js'

const wellBehaved = definePlugin({
  name: 'well-behaved',
  triggers: ['PreSignUp_SignUp', 'CreateAuthChallenge_Authentication', 'CustomEmailSender_SignUp'],
  handler: (event) => {
    if (event.triggerSource === 'CreateAuthChallenge_Authentication') {
      return { publicChallengeParameters: { delivery: 'EMAIL' }, privateChallengeParameters: { answer: '123456' }, challengeMetadata: 'OTP' }
    }
    return undefined
  },
})

describePluginContract(wellBehaved)

describe('checkPluginContract', () => {
  it('finds nothing wrong with a well-behaved plugin', async () => {
    expect(await checkPluginContract(wellBehaved)).toStrictEqual([])
  })

  it('accepts a plugin that refuses by throwing: a fail-closed rejection keeps the contract', async () => {
    const refuses = definePlugin({ name: 'refuses', triggers: ['PreSignUp_SignUp'], handler: () => { throw new Error('no') } })
    expect(await checkPluginContract(refuses)).toStrictEqual([])
  })

  it.each<[string, AnyPlugin, string]>([
    [
      'modifies event.request',
      { name: 'meddler', triggers: ['PreSignUp_SignUp'], handler: (event: never) => void ((event as { request: { userAttributes: object } }).request.userAttributes = {}) },
      'request',
    ],
    [
      'behaves differently on a retry',
      (() => {
        let calls = 0
        return { name: 'flaky', triggers: ['PreSignUp_SignUp'], handler: () => ({ autoConfirmUser: calls++ % 2 === 0 }) }
      })(),
      'retry',
    ],
  ])('reports a plugin that %s', async (_case, plugin, rule) => {
    const violations = await checkPluginContract(plugin)
    expect(violations.map((violation) => violation.rule)).toStrictEqual([rule])
  })

  it('reports a credential copied into the response, which goes back to the client', async () => {
    const leaky = definePlugin({
      name: 'leaky',
      triggers: ['UserMigration_Authentication'],
      handler: (event) => ({ userAttributes: { email: 'jane@example.com', 'custom:legacy_pw': event.request.password ?? '' }, finalUserStatus: 'CONFIRMED' }),
    })
    const violations = await checkPluginContract(leaky)
    expect(violations).toStrictEqual([{ source: 'UserMigration_Authentication', rule: 'secrets', detail: 'a credential of the event was copied into the response' }])
  })

  it('checks only the sources it is asked to, with the events it is given', async () => {
    const seen: string[] = []
    const spy = definePlugin({ name: 'spy', triggers: ['PreSignUp_*'], handler: (event) => void seen.push(event.request.userAttributes.email ?? '') })
    await checkPluginContract(spy, {
      sources: ['PreSignUp_SignUp'],
      events: { PreSignUp_SignUp: [{ triggerSource: 'PreSignUp_SignUp', request: { userAttributes: { email: 'given@example.com' } }, response: {} }] },
    })
    expect(new Set(seen)).toStrictEqual(new Set(['given@example.com']))
  })
})
