// The run-time prerequisites of the enabled plugins (user-migration's bearer token) are wired into
// the function's environment from Secrets Manager or SSM, or synth fails naming them.

import { Match } from 'aws-cdk-lib/assertions'
import { beforeAll, describe, expect, it } from 'vitest'
import { ConfigurationError } from '../../../src/errors.js'
import { synth, WARM_UP_MS, warmUp } from './fixtures.js'

const MIGRATION = { 'user-migration': { http: { url: 'https://legacy.example.com/migrate', bearerTokenEnv: 'LEGACY_API_TOKEN' } } }

beforeAll(warmUp, WARM_UP_MS)

const environmentOf = (prerequisites: Parameters<typeof synth>[1]) => {
  const { template } = synth({ plugins: MIGRATION }, prerequisites)
  const [fn] = Object.values(template.findResources('AWS::Lambda::Function')) as { Properties: { Environment: { Variables: Record<string, unknown> } } }[]
  return fn!.Properties.Environment.Variables
}

describe('plugin prerequisites', () => {
  it('fails synth naming the variable and the option when nothing provides it', () => {
    const synthesize = () => synth({ plugins: MIGRATION })
    expect(synthesize).toThrowError(ConfigurationError)
    expect(synthesize).toThrowError('"plugins.user-migration.http.bearerTokenEnv" names the environment variable LEGACY_API_TOKEN, which the function needs at run time')
  })

  it('sets the variable from a Secrets Manager secret, resolved by CloudFormation at deployment', () => {
    const variables = environmentOf({ prerequisites: { LEGACY_API_TOKEN: { secretName: 'legacy-api', jsonField: 'token' } } })
    expect(variables.LEGACY_API_TOKEN).toBe('{{resolve:secretsmanager:legacy-api:SecretString:token::}}')
    expect(variables.COGNITO_ROUTER_CONFIG).toBeDefined()
  })

  it('sets the variable from the whole secret when no JSON field is named', () => {
    expect(environmentOf({ prerequisites: { LEGACY_API_TOKEN: { secretName: 'legacy-api' } } }).LEGACY_API_TOKEN).toBe(
      '{{resolve:secretsmanager:legacy-api:SecretString:::}}',
    )
  })

  it('keeps the prerequisite when the configuration is bundled instead of in the environment', () => {
    const variables = environmentOf({ configInEnvironment: false, prerequisites: { LEGACY_API_TOKEN: { secretName: 'legacy-api' } } })
    expect(Object.keys(variables)).toStrictEqual(['LEGACY_API_TOKEN'])
  })

  it('refuses a plain SSM parameter for a credential', () => {
    expect(() => synth({ plugins: MIGRATION }, { prerequisites: { LEGACY_API_TOKEN: { parameterName: '/legacy/token' } } })).toThrowError(
      'LEGACY_API_TOKEN is a credential ("plugins.user-migration.http.bearerTokenEnv"): take it from Secrets Manager',
    )
  })

  it('needs nothing for a user-migration with its own store in code', () => {
    const { template } = synth({ plugins: { 'user-migration': {} } })
    template.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: Match.objectEquals({ COGNITO_ROUTER_CONFIG: Match.anyValue() }) } })
  })
})
