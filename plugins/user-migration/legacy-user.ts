// -- legacy users ----------------------------------------------------------------------------
// What a legacy store answers, and how it becomes Cognito user attributes. A legacy answer is
// untrusted input: it is read through own properties only, only mapped fields are copied, and
// anything unexpected fails the migration instead of creating a half-right user.

import { unicodePattern } from '../../src/unicode-pattern.js'

/** A user as the legacy store knows them. */
export interface LegacyUser {
  /** Legacy fields by name; `attributeMap` says which become Cognito attributes. */
  attributes: Record<string, string>
  /** The legacy system verified the email address: the user gets `email_verified: "true"`. */
  emailVerified?: boolean
  /** The legacy system verified the phone number: the user gets `phone_number_verified: "true"`. */
  phoneVerified?: boolean
  /** The Cognito username to create, when the user signed in with an alias (AWS docs: "Migrate user Lambda trigger"). */
  username?: string
}

/** Where legacy users come from. Resolve `null` for an unknown user or a wrong password; throw when unsure. */
export interface LegacyUserStore {
  authenticate(username: string, password: string, options: { signal: AbortSignal }): Promise<LegacyUser | null>
  lookup(username: string, options: { signal: AbortSignal }): Promise<LegacyUser | null>
}

/** The migration cannot go on: the store failed or answered something unusable. Users see the generic message. */
export class UserMigrationError extends Error {
  override readonly name = 'UserMigrationError'
}

/** The standard (OIDC) attributes a migrated user may get from `attributeMap` (AWS docs: "Migrate user Lambda trigger"). */
export const STANDARD_ATTRIBUTES = [
  'address',
  'birthdate',
  'email',
  'family_name',
  'gender',
  'given_name',
  'locale',
  'middle_name',
  'name',
  'nickname',
  'phone_number',
  'picture',
  'preferred_username',
  'profile',
  'updated_at',
  'website',
  'zoneinfo',
] as const

export type StandardAttribute = (typeof STANDARD_ATTRIBUTES)[number]

/** A Cognito attribute `attributeMap` may write. */
export type AttributeTarget = StandardAttribute | `custom:${string}`

/** Cognito's limit on an attribute value, in characters (AWS docs: "User pool attributes"). */
export const MAX_ATTRIBUTE_LENGTH = 2048

// Custom attribute names are 1 to 20 characters without white space. Printable ASCII but the space
// (0x21 to 0x7e) is all letters, digits, punctuation and symbols: those names need no Unicode
// expression, which costs a cold start (src/unicode-pattern.ts).
const CUSTOM = unicodePattern('^custom:[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]{1,20}$', /^custom:[\x21-\x7e]{1,20}$/)
const USERNAME = unicodePattern('^[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]{1,128}$', /^[\x21-\x7e]{1,128}$/)

const RESERVED: Readonly<Record<string, string>> = {
  sub: 'is assigned by Cognito and cannot be migrated',
  email_verified: 'is set from the legacy user\'s "emailVerified", not mapped',
  phone_number_verified: 'is set from the legacy user\'s "phoneVerified", not mapped',
}

/** Why `target` cannot be an attributeMap target, or undefined when it can. */
export const targetProblem = (target: unknown): string | undefined => {
  if (typeof target !== 'string') return 'must be a string'
  if (Object.hasOwn(RESERVED, target)) return RESERVED[target]
  if ((STANDARD_ATTRIBUTES as readonly string[]).includes(target) || CUSTOM.test(target)) return undefined
  return `must be a standard attribute (${STANDARD_ATTRIBUTES.join(', ')}) or "custom:" and a name of 1 to 20 characters`
}

const own = (value: object, key: string): unknown => (Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined)
const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null && !Array.isArray(value)
const kind = (value: unknown): string => {
  if (value === null || value === undefined) return String(value)
  if (Array.isArray(value)) return 'an array'
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`
}

const flag = (user: object, key: string): boolean => {
  const value = own(user, key)
  if (value === undefined || value === null || typeof value === 'boolean') return value === true
  throw new UserMigrationError(`the legacy user's "${key}" is ${kind(value)}, not a boolean`)
}

/** Checks what a store returned. Messages name fields and types, never values. */
export const toLegacyUser = (value: unknown): LegacyUser => {
  if (!isObject(value)) throw new UserMigrationError(`the legacy store returned ${kind(value)}, not a user object (return null for an unknown user)`)
  const attributes = own(value, 'attributes')
  if (!isObject(attributes)) throw new UserMigrationError(`the legacy user's "attributes" is ${kind(attributes)}, not an object`)
  const username = own(value, 'username')
  if (username !== undefined && username !== null && (typeof username !== 'string' || !USERNAME.test(username))) {
    throw new UserMigrationError('the legacy user\'s "username" must be 1 to 128 characters without white space')
  }
  return {
    attributes: attributes as Record<string, string>,
    emailVerified: flag(value, 'emailVerified'),
    phoneVerified: flag(value, 'phoneVerified'),
    ...(typeof username === 'string' ? { username } : {}),
  }
}

const text = (value: unknown, field: string): string | undefined => {
  if (value === undefined || value === null || value === '') return undefined
  if (typeof value === 'string') return value
  if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') return String(value)
  throw new UserMigrationError(`the legacy field "${field}" is ${kind(value)}, not a string`)
}

/**
 * The Cognito attributes of a legacy user: only mapped fields, read as own properties (a
 * `__proto__` or `constructor` field is never reached), plus the verified flags the store vouches for.
 */
export const cognitoAttributes = (user: LegacyUser, map: ReadonlyMap<string, AttributeTarget>): Record<string, string> => {
  const out: Record<string, string> = {}
  for (const [field, target] of map) {
    const value = text(own(user.attributes, field), field)
    if (value === undefined) continue
    // Fail rather than truncate: a cut email or URL is a wrong value, not a shorter one.
    if (value.length > MAX_ATTRIBUTE_LENGTH && [...value].length > MAX_ATTRIBUTE_LENGTH) {
      throw new UserMigrationError(`the legacy field "${field}" (for "${target}") is longer than ${MAX_ATTRIBUTE_LENGTH} characters`)
    }
    out[target] = value
  }
  if (user.emailVerified === true && out.email !== undefined) out.email_verified = 'true'
  if (user.phoneVerified === true && out.phone_number !== undefined) out.phone_number_verified = 'true'
  return out
}
