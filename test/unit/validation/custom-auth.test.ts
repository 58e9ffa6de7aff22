import { describe, expect, it } from 'vitest'
import { CHALLENGE_NAMES } from '../../../src/validation/index.js'
import { eventFor, ruleOf, validate } from './fixtures.js'

const session = [{ challengeName: 'SRP_A', challengeResult: true, challengeMetadata: null }]

const define = (response: Record<string, unknown> = { challengeName: null, issueTokens: null, failAuthentication: null }) =>
  eventFor('DefineAuthChallenge_Authentication', { request: { userAttributes: {}, session }, response })

const create = () =>
  eventFor('CreateAuthChallenge_Authentication', {
    request: { userAttributes: {}, challengeName: 'CUSTOM_CHALLENGE', session },
    response: { publicChallengeParameters: null, privateChallengeParameters: null, challengeMetadata: null },
  })

const verify = () =>
  eventFor('VerifyAuthChallengeResponse_Authentication', {
    request: { userAttributes: {}, privateChallengeParameters: { answer: '1' }, challengeAnswer: '1' },
    response: { answerCorrect: null },
  })

describe('DefineAuthChallenge replies', () => {
  it.each([...CHALLENGE_NAMES, null])('accepts challengeName %s', (challengeName) => {
    expect(() => validate(define(), { challengeName })).not.toThrow()
  })

  it.each([['CUSTOM'], ['custom_challenge'], [42], [undefined]])('rejects challengeName %o', (challengeName) => {
    expect(ruleOf(define(), { challengeName })).toBe('defineauth.challenge-name')
  })

  it.each([
    ['issueTokens', true],
    ['issueTokens', null],
    ['failAuthentication', false],
    ['failAuthentication', null],
  ])('accepts %s set to %o', (key, value) => {
    expect(() => validate(define(), { [key]: value })).not.toThrow()
  })

  it.each([
    ['issueTokens', 'true'],
    ['failAuthentication', 0],
  ])('rejects %s set to %o as defineauth.boolean', (key, value) => {
    expect(ruleOf(define(), { [key]: value })).toBe('defineauth.boolean')
  })

  it('rejects issuing tokens and failing authentication at once', () => {
    expect(ruleOf(define(), { issueTokens: true, failAuthentication: true })).toBe('defineauth.exclusive-outcome')
  })

  it('judges the final response when only one of the two changed', () => {
    const event = define({ challengeName: null, issueTokens: null, failAuthentication: true })
    expect(ruleOf(event, { issueTokens: true })).toBe('defineauth.exclusive-outcome')
  })

  it('does not fire the cross-field rule when neither flag changed', () => {
    const event = define({ challengeName: null, issueTokens: true, failAuthentication: true })
    expect(() => validate(event, { challengeName: 'CUSTOM_CHALLENGE' })).not.toThrow()
  })

  it('accepts ending the flow with failAuthentication alone', () => {
    expect(() => validate(define(), { issueTokens: false, failAuthentication: true })).not.toThrow()
  })
})

describe('CreateAuthChallenge replies', () => {
  it.each([
    [
      'string maps and metadata',
      { publicChallengeParameters: { hint: 'email' }, privateChallengeParameters: { answer: '1' }, challengeMetadata: 'C-1' },
    ],
    ['nulls', { publicChallengeParameters: null, privateChallengeParameters: null, challengeMetadata: null }],
    ['empty maps', { publicChallengeParameters: {}, privateChallengeParameters: {} }],
  ])('accepts %s', (_, changed) => {
    expect(() => validate(create(), changed)).not.toThrow()
  })

  it.each([
    ['publicChallengeParameters as an array', { publicChallengeParameters: ['email'] }, 'createauth.parameters'],
    ['a number in privateChallengeParameters', { privateChallengeParameters: { answer: 1234 } }, 'createauth.parameters'],
    ['privateChallengeParameters as a string', { privateChallengeParameters: 'answer=1' }, 'createauth.parameters'],
    ['challengeMetadata as a number', { challengeMetadata: 7 }, 'createauth.challenge-metadata'],
  ])('rejects %s', (_, changed, rule) => {
    expect(ruleOf(create(), changed)).toBe(rule)
  })

  it('points at the map entry that is not a string', () => {
    const event = create()
    expect(() => validate(event, { privateChallengeParameters: { answer: 1234 } })).toThrow(
      'response.privateChallengeParameters["answer"]',
    )
  })
})

describe('VerifyAuthChallengeResponse replies', () => {
  it.each([true, false])('accepts answerCorrect %s', (answerCorrect) => {
    expect(() => validate(verify(), { answerCorrect })).not.toThrow()
  })

  it.each([null, 'true', 1])('rejects answerCorrect %o', (answerCorrect) => {
    expect(ruleOf(verify(), { answerCorrect })).toBe('verifyauth.answer-correct')
  })

  it('never judges the null answerCorrect Cognito sent', () => {
    expect(() => validate(verify(), {})).not.toThrow()
  })
})
