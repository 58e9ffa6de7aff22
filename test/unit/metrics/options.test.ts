import { describe, expect, it } from 'vitest'
import { ConfigurationError } from '../../../src/errors.js'
import { MAX_EXTRA_DIMENSIONS, resolveMetricsOptions } from '../../../src/metrics/options.js'
import { createRouter } from '../../../src/router.js'

const NONE = {}

describe('resolveMetricsOptions', () => {
  it.each([
    ['left out', undefined],
    ['false', false],
  ])('turns metrics off when %s', (_case, value) => {
    expect(resolveMetricsOptions(value, NONE)).toBeUndefined()
  })

  it.each([
    ['true', true],
    ['an empty object', {}],
  ])('applies the defaults to %s', (_case, value) => {
    expect(resolveMetricsOptions(value, NONE)).toStrictEqual({ namespace: 'CognitoTriggerRouter', service: 'cognito-trigger-router', dimensions: {} })
  })

  it('takes the namespace and the service from the Powertools variables, and the options over them', () => {
    const env = { POWERTOOLS_METRICS_NAMESPACE: 'FromEnv', POWERTOOLS_SERVICE_NAME: 'env-service' }

    expect(resolveMetricsOptions(true, env)).toMatchObject({ namespace: 'FromEnv', service: 'env-service' })
    expect(resolveMetricsOptions({ namespace: 'Mine', service: 'mine' }, env)).toMatchObject({ namespace: 'Mine', service: 'mine' })
  })

  it('ignores Powertools variables that hold only spaces', () => {
    expect(resolveMetricsOptions(true, { POWERTOOLS_METRICS_NAMESPACE: ' ', POWERTOOLS_SERVICE_NAME: '' })).toMatchObject({
      namespace: 'CognitoTriggerRouter',
      service: 'cognito-trigger-router',
    })
  })

  it('keeps fixed extra dimensions, with names CloudWatch accepts', () => {
    const dimensions = { environment: 'prod', 'team name': 'identity', 'region#1': 'eu-west-1' }

    expect(resolveMetricsOptions({ dimensions }, NONE)?.dimensions).toStrictEqual(dimensions)
  })

  it.each([
    ['a string', 'on', '"metrics" must be true, false or an object, got a string'],
    ['an array', [], '"metrics" must be true, false or an object'],
    ['an unknown key', { namespaces: 'x' }, 'unknown option "metrics.namespaces"; expected namespace, service or dimensions'],
    ['an empty namespace', { namespace: '' }, '"metrics.namespace" must be a CloudWatch namespace'],
    ['a namespace of spaces', { namespace: '   ' }, '"metrics.namespace" must be a CloudWatch namespace'],
    ['a namespace with a character CloudWatch refuses', { namespace: 'Auth!' }, '"metrics.namespace" must be a CloudWatch namespace'],
    ['a namespace over 255 characters', { namespace: 'N'.repeat(256) }, '"metrics.namespace" must be a CloudWatch namespace'],
    ['a namespace reserved for AWS', { namespace: 'AWS/Cognito' }, 'not starting with ":" or "AWS/"'],
    ['a namespace starting with a colon', { namespace: ':Auth' }, 'not starting with ":" or "AWS/"'],
    ['a namespace that is not text', { namespace: 7 }, '"metrics.namespace" must be a CloudWatch namespace'],
    ['an empty service', { service: '' }, '"metrics.service" must be printable ASCII text of 1 to 1024 characters'],
    ['a service that is not ASCII', { service: 'sign-up\u00e9' }, '"metrics.service" must be printable ASCII'],
    ['dimensions that are not an object', { dimensions: ['environment'] }, '"metrics.dimensions" must be an object of name to fixed text'],
    ['a dimension value that is not text', { dimensions: { environment: 1 } }, '"metrics.dimensions.environment" must be printable ASCII text of 1 to 1024'],
    ['a dimension value that is empty', { dimensions: { environment: ' ' } }, '"metrics.dimensions.environment" must be printable ASCII'],
    ['a dimension value over 1024 characters', { dimensions: { environment: 'e'.repeat(1025) } }, '"metrics.dimensions.environment" must be printable ASCII'],
    ['a dimension name starting with a colon', { dimensions: { ':env': 'prod' } }, '"metrics.dimensions.:env": a dimension name must be printable ASCII'],
    ['a dimension name of spaces', { dimensions: { '  ': 'prod' } }, 'a dimension name must be printable ASCII of 1 to 255 characters'],
    ['a dimension name over 255 characters', { dimensions: { ['d'.repeat(256)]: 'prod' } }, 'a dimension name must be printable ASCII of 1 to 255'],
    ['the router\'s own dimension', { dimensions: { plugin: 'x' } }, '"metrics.dimensions.plugin": "plugin" is the router\'s own; pick another name'],
    ['the name of a metric', { dimensions: { Duration: 'x' } }, '"metrics.dimensions.Duration": "Duration" is the router\'s own'],
    ['a user name', { dimensions: { userName: 'x' } }, '"metrics.dimensions.userName": a per-user or per-request field is never a dimension'],
    ['a sub', { dimensions: { sub: 'x' } }, '"metrics.dimensions.sub": a per-user or per-request field'],
    ['a pool id', { dimensions: { user_pool_id: 'x' } }, '"metrics.dimensions.user_pool_id": a per-user or per-request field'],
    ['a custom attribute naming the user', { dimensions: { 'custom:userId': 'x' } }, '"metrics.dimensions.custom:userId": a per-user'],
    ['a request id', { dimensions: { awsRequestId: 'x' } }, '"metrics.dimensions.awsRequestId": a per-user or per-request field'],
    [
      'more dimensions than fit',
      { dimensions: Object.fromEntries(Array.from({ length: MAX_EXTRA_DIMENSIONS + 1 }, (_, i) => [`d${i}`, 'x'])) },
      `"metrics.dimensions" has ${MAX_EXTRA_DIMENSIONS + 1} dimensions; at most ${MAX_EXTRA_DIMENSIONS} fit beside service, triggerSource and plugin`,
    ],
  ])('refuses %s with a ConfigurationError naming the key', (_case, value, message) => {
    const act = () => resolveMetricsOptions(value, NONE)

    expect(act).toThrow(ConfigurationError)
    expect(act).toThrow(message)
  })

  it.each([
    ['POWERTOOLS_METRICS_NAMESPACE', { POWERTOOLS_METRICS_NAMESPACE: 'AWS/Lambda' }, '"POWERTOOLS_METRICS_NAMESPACE" must be a CloudWatch namespace'],
    ['POWERTOOLS_SERVICE_NAME', { POWERTOOLS_SERVICE_NAME: 'caf\u00e9' }, '"POWERTOOLS_SERVICE_NAME" must be printable ASCII'],
  ])('refuses a bad %s, naming the variable', (_case, env, message) => {
    expect(() => resolveMetricsOptions(true, env)).toThrow(message)
  })

  it('allows exactly as many extra dimensions as fit', () => {
    const dimensions = Object.fromEntries(Array.from({ length: MAX_EXTRA_DIMENSIONS }, (_, i) => [`d${i}`, 'x']))

    expect(Object.keys(resolveMetricsOptions({ dimensions }, NONE)?.dimensions ?? {})).toHaveLength(26)
  })
})

describe('createRouter with a bad metrics option', () => {
  it('fails the cold start with a ConfigurationError naming the key', () => {
    const act = () => createRouter({ plugins: [], metrics: { dimensions: { userName: 'x' } } })

    expect(act).toThrow(ConfigurationError)
    expect(act).toThrow('createRouter: "metrics.dimensions.userName"')
  })
})
