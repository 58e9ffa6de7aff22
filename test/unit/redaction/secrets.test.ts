import { describe, expect, it } from 'vitest'
import { DEFAULT_REDACT_PATHS } from '../../../src/redaction/paths.js'
import { collectSecrets, MIN_SECRET_LENGTH } from '../../../src/redaction/secrets.js'

describe('collectSecrets', () => {
  it('collects the strings at the default paths, whole maps included, once each', () => {
    // Prepare
    const event = {
      userName: 'jane.doe',
      request: {
        password: 'hunter2-plain',
        privateChallengeParameters: { answer: '918273', nested: { deeper: ['token-in-array'] } },
        clientMetadata: { a: 'hunter2-plain', flag: 'true', tiny: 'ab', blank: '      ' },
        userAttributes: { email: 'jane@example.com', sub: 'not-collected-sub' },
      },
    }

    // Act
    const secrets = collectSecrets(event, DEFAULT_REDACT_PATHS)

    // Assess
    expect(secrets.sort()).toEqual(['918273', 'hunter2-plain', 'jane.doe', 'jane@example.com', 'token-in-array'].sort())
  })

  it(`leaves out values shorter than ${MIN_SECRET_LENGTH} characters and the JSON words`, () => {
    // Prepare
    const event = { request: { clientMetadata: { a: 'abc', b: 'abcd', c: 'null', d: 'false', e: ' ab ' } } }

    // Act
    const secrets = collectSecrets(event, DEFAULT_REDACT_PATHS)

    // Assess
    expect(secrets).toEqual(['abcd'])
  })

  it('looks paths of both roots up in the object it is given, since the reply has the event shape', () => {
    // Prepare
    const reply = { response: { privateChallengeParameters: { answer: 'reply-only-secret' } } }

    // Act
    const secrets = collectSecrets(reply, ['response.response.privateChallengeParameters', 'other.root.ignored'])

    // Assess
    expect(secrets).toEqual(['reply-only-secret'])
  })

  it('descends into arrays only through []', () => {
    // Prepare
    const event = { request: { session: [{ challengeMetadata: 'CAPTCHA-1234' }, { challengeMetadata: null }] } }

    // Act
    const withBrackets = collectSecrets(event, ['event.request.session.[].challengeMetadata'])
    const withoutBrackets = collectSecrets(event, ['event.request.session.challengeMetadata'])
    const bracketsOnObject = collectSecrets(event, ['event.request.[].session'])

    // Assess
    expect(withBrackets).toEqual(['CAPTCHA-1234'])
    expect(withoutBrackets).toEqual([])
    expect(bracketsOnObject).toEqual([])
  })

  it.each([
    ['a string', 'hunter2-plain'],
    ['null', null],
    ['an array', ['hunter2-plain']],
    ['a number', 42],
    ['an event whose request is a string', { request: 'hunter2-plain' }],
  ])('finds nothing in %s and does not throw', (_label, event) => {
    // Prepare + Act
    const secrets = collectSecrets(event, DEFAULT_REDACT_PATHS)

    // Assess
    expect(secrets).toEqual([])
  })

  it('survives cycles, throwing getters, revoked proxies and inherited properties', () => {
    // Prepare
    const cyclic: Record<string, unknown> = { value: 'cyclic-secret' }
    cyclic.self = cyclic
    const getter = Object.defineProperty({ fine: 'getter-sibling' }, 'boom', {
      enumerable: true,
      get: () => {
        throw new Error('getter')
      },
    })
    const { proxy, revoke } = Proxy.revocable({}, {})
    revoke()
    const inherited = Object.create({ password: 'inherited-secret' }) as object
    const event = { userName: inherited, request: { password: proxy, clientMetadata: { cyclic, getter } } }

    // Act
    const secrets = collectSecrets(event, DEFAULT_REDACT_PATHS)

    // Assess
    expect(secrets.sort()).toEqual(['cyclic-secret', 'getter-sibling'])
  })

  it('stops at a depth limit instead of exhausting the stack', () => {
    // Prepare
    let deep: unknown = 'too-deep-secret'
    for (let i = 0; i < 100; i++) deep = { deep }
    let shallow: unknown = 'shallow-secret'
    for (let i = 0; i < 10; i++) shallow = { shallow }

    // Act
    const secrets = collectSecrets({ request: { clientMetadata: { deep, shallow } } }, DEFAULT_REDACT_PATHS)

    // Assess
    expect(secrets).toEqual(['shallow-secret'])
  })

  it('reads a path list again when it is not frozen, since its owner may still change it', () => {
    // Prepare
    const paths = ['event.request.password']
    const event = { request: { password: 'hunter2!', challengeAnswer: 'answer-42' } }
    const before = collectSecrets(event, paths)

    // Act
    paths.push('event.request.challengeAnswer')
    const after = collectSecrets(event, paths)

    // Assess
    expect(before).toEqual(['hunter2!'])
    expect(after).toEqual(['hunter2!', 'answer-42'])
  })

  it.each(['S', 't', 'constructor', 'toString', 'list'])('ignores a key named %j that no path names, at any level', (key) => {
    // Prepare
    const event = { [key]: { t: 'not-a-secret' }, request: { [key]: { t: 'not-a-secret' }, password: 'hunter2!' } }

    // Act
    const secrets = collectSecrets(event, ['event.request.password'])

    // Assess
    expect(secrets).toEqual(['hunter2!'])
  })
})
