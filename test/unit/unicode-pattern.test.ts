import { describe, expect, it } from 'vitest'
import * as v from 'valibot'
import { toJsonSchema } from '@valibot/to-json-schema'
import { UnicodePattern, unicodePattern } from '../../src/unicode-pattern.js'

const GROUP_SOURCE = '^[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]{1,8}$'
const group = () => unicodePattern(GROUP_SOURCE, /^[\x21-\x7e]{1,8}$/)
const full = new RegExp(GROUP_SOURCE, 'u')

describe('unicodePattern', () => {
  it.each([
    ['a plain ASCII name', 'staff'],
    ['ASCII punctuation and symbols', 'a+b=c|~'],
    ['an accented name', 'équipe'],
    ['a name in another script', '管理者'],
    ['an emoji (a symbol)', '🚀'],
    ['a space', 'a b'],
    ['a control character', 'a\u0007'],
    ['the empty string', ''],
    ['a name one character too long', 'abcdefghi'],
    ['eight non-ASCII characters, one more than two bytes each', '🚀🚀🚀🚀🚀🚀🚀🚀'],
    ['nine non-ASCII characters', 'ééééééééé'],
  ])('answers %s as the Unicode expression does', (_case, text) => {
    expect(group().test(text)).toBe(full.test(text))
  })

  it('is the Unicode expression to String methods that match', () => {
    // Prepare
    const pattern = group()

    // Assess
    expect('équipe'.match(pattern)?.[0]).toBe('équipe')
    expect('a b'.match(pattern)).toBeNull()
    expect(pattern.exec('管理者')?.index).toBe(0)
  })

  it('shows the Unicode source and flag', () => {
    // Prepare
    const pattern = group()

    // Assess
    expect(pattern).toBeInstanceOf(UnicodePattern)
    expect(pattern).toBeInstanceOf(RegExp)
    expect([pattern.source, pattern.flags, pattern.unicode, String(pattern)]).toStrictEqual([GROUP_SOURCE, 'u', true, `/${GROUP_SOURCE}/u`])
  })

  it('leaves a valibot schema and the JSON Schema made from it (as src/deploy/json-schema.ts makes it) as a plain expression would', () => {
    // Prepare
    const schema = v.pipe(v.string(), v.regex(group(), 'must be a group name'))
    const plain = v.pipe(v.string(), v.regex(full, 'must be a group name'))

    // Assess
    expect(v.safeParse(schema, 'équipe').success).toBe(true)
    expect(v.safeParse(schema, 'a b').issues?.[0]?.message).toBe('must be a group name')
    expect(toJsonSchema(schema, { errorMode: 'ignore' })).toStrictEqual(toJsonSchema(plain, { errorMode: 'ignore' }))
  })

  // The ASCII expressions the plugins pair with their Unicode ones (plugins/add-to-group/schema.ts,
  // plugins/user-migration/legacy-user.ts, plugins/custom-sender/schema.ts, ...) must accept no
  // character the Unicode one refuses.
  it.each([
    ['[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]', /^[\x21-\x7e]$/],
    ['[\\p{L}\\p{M}\\p{N}_.:-]', /^[A-Za-z0-9_.:-]$/],
  ])('pairs %s with an ASCII expression that accepts only characters it accepts', (unicodeClass, ascii) => {
    const unicode = new RegExp(`^${unicodeClass}$`, 'u')
    const accepted = Array.from({ length: 128 }, (_, code) => String.fromCharCode(code)).filter((char) => ascii.test(char))
    expect(accepted.length).toBeGreaterThan(60)
    expect(accepted.filter((char) => !unicode.test(char))).toStrictEqual([])
  })
})
