// -- native passwordless first factors ----------------------------------------------------------
// Choice-based sign-in (the USER_AUTH flow) offers EMAIL_OTP, SMS_OTP and WEB_AUTHN (passkeys)
// as first factors, set by the pool's sign-in policy, on the Essentials plan or higher, for app
// clients with ALLOW_USER_AUTH ("Authentication flows" and "Passkey sign-in", Amazon Cognito
// Developer Guide). They use no custom-auth trigger: PreAuthentication, PostAuthentication, pre
// token generation and the custom senders still run (README, "Passwordless").

import { Stack, type CfnResource } from 'aws-cdk-lib'
import type { PasskeyUserVerification } from 'aws-cdk-lib/aws-cognito'
import { ConfigurationError } from '../errors.js'

/** Native first factors besides the password (`AllowedFirstAuthFactors`). */
export const FIRST_FACTORS = ['EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'] as const
export type FirstFactor = (typeof FIRST_FACTORS)[number]

/** What the construct turns on in the pool it defines. */
export interface PasswordlessOptions {
  /** The first factors to allow besides the password, which Cognito keeps allowed. */
  readonly firstFactors: readonly FirstFactor[]
  /**
   * The domain passkeys are registered for (`WebAuthnRelyingPartyID`); required with `WEB_AUTHN`
   * unless the pool sets it. A passkey only works for the relying party it was registered with,
   * so it is set on purpose rather than left to Cognito's default (the pool's prefix domain); with
   * a custom domain and managed login it must be that domain.
   */
  readonly passkeyRelyingPartyId?: string
  /** @default Cognito's, `preferred` */
  readonly passkeyUserVerification?: PasskeyUserVerification
}

interface PoolSignIn {
  readonly policies?: { signInPolicy?: { allowedFirstAuthFactors?: string[] } } & Record<string, unknown>
  readonly userPoolTier?: string
  readonly webAuthnRelyingPartyId?: string
  readonly webAuthnUserVerification?: string
}

/** Checks the options alone: known factors, no repeats, passkey options only with WEB_AUTHN. */
export const checkPasswordless = (options: PasswordlessOptions): void => {
  const { firstFactors } = options
  if (!Array.isArray(firstFactors) || firstFactors.length === 0) {
    throw new ConfigurationError(`passwordless.firstFactors must list at least one of ${FIRST_FACTORS.join(', ')}`)
  }
  for (const factor of firstFactors) {
    if (!(FIRST_FACTORS as readonly string[]).includes(factor)) {
      throw new ConfigurationError(`passwordless.firstFactors: unknown factor ${JSON.stringify(factor)}, expected ${FIRST_FACTORS.join(', ')} (the password stays allowed)`)
    }
  }
  if (new Set(firstFactors).size !== firstFactors.length) throw new ConfigurationError('passwordless.firstFactors lists a factor twice')
  if (!firstFactors.includes('WEB_AUTHN') && (options.passkeyRelyingPartyId !== undefined || options.passkeyUserVerification !== undefined)) {
    throw new ConfigurationError('passwordless: passkeyRelyingPartyId and passkeyUserVerification only apply with the WEB_AUTHN first factor')
  }
}

/**
 * Writes the sign-in policy (the pool's factors plus `firstFactors`), and the passkey settings,
 * onto a pool this stack defines; fails naming the problem for the Lite plan, or WEB_AUTHN
 * without a relying party ID, or a relying party ID that differs from the pool's own.
 */
export const enablePasswordless = (pool: CfnResource, options: PasswordlessOptions): void => {
  checkPasswordless(options)
  const stack = Stack.of(pool)
  const current = stack.resolve({
    policies: (pool as unknown as PoolSignIn).policies,
    userPoolTier: (pool as unknown as PoolSignIn).userPoolTier,
    webAuthnRelyingPartyId: (pool as unknown as PoolSignIn).webAuthnRelyingPartyId,
    webAuthnUserVerification: (pool as unknown as PoolSignIn).webAuthnUserVerification,
  }) as PoolSignIn
  // The L2 pool's path, as the application names it, rather than its "/Resource".
  const where = pool.node.scope?.node.path ?? pool.node.path
  if (current.userPoolTier === 'LITE') {
    throw new ConfigurationError(
      `passwordless first factors (${options.firstFactors.join(', ')}) need the Essentials or Plus plan, but ${where} is on Lite: set featurePlan: FeaturePlan.ESSENTIALS`,
    )
  }
  if (options.firstFactors.includes('WEB_AUTHN')) {
    const own = current.webAuthnRelyingPartyId
    const given = options.passkeyRelyingPartyId
    if (own === undefined && given === undefined) {
      throw new ConfigurationError(`WEB_AUTHN needs passwordless.passkeyRelyingPartyId (or the pool's passkeyRelyingPartyId): the domain passkeys of ${where} are registered for`)
    }
    if (own !== undefined && given !== undefined && own !== given) {
      throw new ConfigurationError(`passwordless.passkeyRelyingPartyId "${given}" differs from the passkeyRelyingPartyId "${own}" of ${where}: set it in one place`)
    }
    if (given !== undefined) pool.addPropertyOverride('WebAuthnRelyingPartyID', given)
    if (options.passkeyUserVerification !== undefined) pool.addPropertyOverride('WebAuthnUserVerification', options.passkeyUserVerification)
  }
  const factors = current.policies?.signInPolicy?.allowedFirstAuthFactors ?? ['PASSWORD']
  pool.addPropertyOverride('Policies.SignInPolicy.AllowedFirstAuthFactors', [...new Set([...factors, ...options.firstFactors])])
}
