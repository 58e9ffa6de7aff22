// A plugin whose run-time prerequisite is missing fails closed on its own triggers, and only
// there: one function serves every slot of the pool, so sign-up must keep working while the
// deployment is fixed.

import { afterEach, describe, expect, it, vi } from 'vitest'
import { builtinPluginLoaders } from '../../plugins/loaders.js'
import { loadRouterFromConfig } from '../../src/config.js'
import { TriggerRejectedError } from '../../src/errors.js'
import { MissingPrerequisiteError } from '../../src/manifest.js'
import { createEvent } from '../../src/testing/index.js'
import { capturingLogger, settle } from '../helpers/lambda.js'

const CONFIG = {
  plugins: {
    'signup-policy': { denyDomains: ['blocked.example'] },
    'user-migration': { http: { url: 'https://legacy.example.com/migrate', bearerTokenEnv: 'LEGACY_API_TOKEN' } },
  },
}

afterEach(() => {
  vi.unstubAllEnvs()
})

describe('a plugin prerequisite missing at run time', () => {
  it('does not fail the cold start', async () => {
    vi.stubEnv('LEGACY_API_TOKEN', undefined)
    await expect(loadRouterFromConfig(CONFIG, builtinPluginLoaders, { logger: capturingLogger() })).resolves.toBeTypeOf('function')
  })

  it('leaves the other plugins working: a sign-up is judged as usual', async () => {
    // Prepare
    vi.stubEnv('LEGACY_API_TOKEN', undefined)
    const router = await loadRouterFromConfig(CONFIG, builtinPluginLoaders, { logger: capturingLogger() })

    // Act
    const allowed = await settle(router, createEvent('PreSignUp_SignUp', { userAttributes: { email: 'jane@example.com' } }))
    const refused = await settle(router, createEvent('PreSignUp_SignUp', { userAttributes: { email: 'eve@blocked.example' } }))

    // Assess
    expect(allowed.error).toBeUndefined()
    expect(refused.error?.message).toBe('[EMAIL_DOMAIN_NOT_ALLOWED] This email domain is not allowed to sign up')
  })

  it("fails the plugin's own triggers closed, with a log line naming what is missing", async () => {
    // Prepare
    vi.stubEnv('LEGACY_API_TOKEN', undefined)
    const logger = capturingLogger()
    const router = await loadRouterFromConfig(CONFIG, builtinPluginLoaders, { logger })

    // Act
    const { error } = await settle(router, createEvent('UserMigration_Authentication', { overrides: { userName: 'jane', request: { password: 'Legacy-Passw0rd!' } } }))

    // Assess
    expect(error).toBeInstanceOf(TriggerRejectedError)
    expect(logger.text()).toContain(MissingPrerequisiteError.name)
    expect(logger.text()).toContain('the environment variable LEGACY_API_TOKEN, named by \\"http.bearerTokenEnv\\", is not set')
  })
})
