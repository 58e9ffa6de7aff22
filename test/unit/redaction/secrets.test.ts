import { describe, expect, it } from 'vitest'
import { DEFAULT_CONTACT_PATHS, DEFAULT_REDACT_PATHS, DEFAULT_SECRET_PATHS, resolveRedaction } from '../../../src/redaction/paths.js'
import { collectSecrets, MIN_SECRET_LENGTH } from '../../../src/redaction/secrets.js'

describe('collectSecrets', () => {
  it('collects the strings at the default paths, whole maps included, once each', () => {
    // Prepare
    const event = {
      userName: 'jane.doe@example.org',
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
    expect(secrets.sort()).toEqual(['918273', 'hunter2-plain', 'jane.doe@example.org', 'jane@example.com', 'token-in-array'].sort())
  })

  it(`leaves out values shorter than ${MIN_SECRET_LENGTH} characters and the JSON words`, () => {
    // Prepare
    const event = { request: { privateChallengeParameters: { a: 'abc', b: 'abcd', c: 'null', d: 'false', e: ' ab ' } } }

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
    const event = { request: { password: proxy, challengeAnswer: inherited, privateChallengeParameters: { cyclic, getter } } }

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
    const secrets = collectSecrets({ request: { privateChallengeParameters: { deep, shallow } } }, DEFAULT_REDACT_PATHS)

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

describe('collectSecrets, contact data at the contact paths', () => {
  const migration = (userName: string) => ({ triggerSource: 'UserMigration_Authentication', userName, request: { password: 'Legacy-Passw0rd!' } })

  it.each([
    ['an email address', 'Jane.Doe+promo@example.co.uk', ['Jane.Doe+promo@example.co.uk']],
    ['an international address', 'jürgen@bücher.example', ['jürgen@bücher.example']],
    ['a phone number', '+15555550100', ['+15555550100']],
    ['a phone number written with spaces and hyphens', '+1 555-555-0100', ['+1 555-555-0100', '+15555550100']],
  ])('collects the UserMigration userName when the user typed %s', (_case, userName, expected) => {
    // Act
    const secrets = collectSecrets(migration(userName), DEFAULT_SECRET_PATHS)

    // Assess
    expect(secrets.filter((secret) => secret !== 'Legacy-Passw0rd!')).toStrictEqual(expected)
  })

  it.each([
    ['a sub', 'a1b2c3d4-5678-90ab-cdef-1234567890ab'],
    ['a preferred username', 'jane_doe'],
    ['a federated username', 'Google_1234567890'],
    ['an @-handle without a domain', 'jane@home'],
    ['a number without a leading +', '5555550100'],
  ])('leaves a userName that is %s to path masking', (_case, userName) => {
    // Act
    const secrets = collectSecrets(migration(userName), DEFAULT_SECRET_PATHS)

    // Assess
    expect(secrets).toStrictEqual(['Legacy-Passw0rd!'])
  })

  it('collects the addresses and numbers of an InboundFederation event’s claims, nested JSON included, and nothing else of them', () => {
    // Prepare: values are strings, some of them JSON (the shapes of the Inbound federation Lambda trigger)
    const event = {
      triggerSource: 'InboundFederation_ExternalProvider',
      userName: 'Google_1234567890',
      request: {
        providerName: 'Google',
        providerType: 'OIDC',
        attributes: {
          idToken: { sub: '1234567890', aud: 'client-id-123', email: 'jane@example.com', email_verified: 'true', name: 'Jane Doe' },
          userInfo: {
            phone_number: '+15555550100',
            address: JSON.stringify({ formatted: 'Main St 1', contact: 'office@example.org' }),
            identities: '[{"userId":"1234567890","mail":"alias@example.net"}]',
          },
          samlResponse: {
            'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress': 'jane.saml@example.com',
            'http://schemas.microsoft.com/ws/2008/06/identity/claims/mobilephone': '(555) 555-0199',
            'http://schemas.xmlsoap.org/claims/Group': 'admins',
          },
          tokenResponse: { access_token: 'eyJ-access-token', token_type: 'Bearer' },
        },
      },
      response: { userAttributesToMap: { email: 'mapped@example.com', given_name: 'Jane' } },
    }

    // Act
    const secrets = collectSecrets(event, DEFAULT_SECRET_PATHS)

    // Assess: the tokens whole (their path is a secret path), the claims only as contact data
    expect(secrets.sort()).toStrictEqual(
      [
        'jane@example.com',
        '+15555550100',
        'office@example.org',
        'alias@example.net',
        'jane.saml@example.com',
        '(555) 555-0199',
        'eyJ-access-token',
        'Bearer',
        'mapped@example.com',
      ].sort(),
    )
  })

  it('finds the addresses and numbers inside free text, and only there', () => {
    // Prepare
    const event = { request: { clientMetadata: { note: 'write to <jane@example.com>, or call +44 20 7946 0958.', locale: 'en-US' } } }

    // Act
    const secrets = collectSecrets(event, DEFAULT_SECRET_PATHS)

    // Assess
    expect(secrets).toStrictEqual(['jane@example.com', '+44 20 7946 0958', '+442079460958'])
  })

  it('scans a hostile claim of 200 KB in linear time, without a backtracking blow-up', () => {
    // Prepare: runs of what an address and a number are made of, never completed
    const claim = `@${'a'.repeat(100_000)}${'+1-'.repeat(30_000)}`
    const event = { request: { attributes: { idToken: { claim } } } }

    // Act
    const secrets = collectSecrets(event, DEFAULT_SECRET_PATHS)

    // Assess
    expect(secrets).toStrictEqual([])
  })

  it('collects a path below a contact path whole, and a contact path given with replaceDefaults for its contact data only', () => {
    // Prepare
    const event = { userName: 'jane_doe', request: { attributes: { idToken: { name: 'Jane Doe', email: 'jane@example.com' } } } }
    const below = resolveRedaction({ paths: ['event.request.attributes.idToken.name'] })
    const only = resolveRedaction({ paths: ['event.userName'], replaceDefaults: true })

    // Act
    const secrets = [collectSecrets(event, below.secretPaths), collectSecrets(event, only.secretPaths)]

    // Assess
    expect(secrets).toStrictEqual([['jane@example.com', 'Jane Doe'], []])
    expect(DEFAULT_CONTACT_PATHS).toContain('event.userName')
  })

  it('collects the addresses and numbers in the claims of a signed JWT, the token itself whole where its path is a secret path', () => {
    // Prepare
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
    const idToken = `${part({ alg: 'RS256' })}.${part({ sub: '123', email: 'jwt@example.com', phone_number: '+15555550123' })}.c2lnbmF0dXJl`
    const unsigned = `${part({ alg: 'none' })}.bm90LWpzb24.`
    const event = { request: { attributes: { tokenResponse: { id_token: idToken, other: unsigned }, userInfo: { raw: idToken, short: 'eyJ.x' } } } }

    // Act
    const secrets = collectSecrets(event, DEFAULT_SECRET_PATHS)

    // Assess
    expect(secrets.sort()).toStrictEqual([idToken, unsigned, 'jwt@example.com', '+15555550123'].sort())
  })
})
