// The validator the metrics tests rely on must itself refuse what the EMF specification refuses.
import { describe, expect, it } from 'vitest'
import { emfProblems } from './emf.js'

const valid = {
  _aws: {
    Timestamp: 1_700_000_000_000,
    CloudWatchMetrics: [{ Namespace: 'N', Dimensions: [['plugin']], Metrics: [{ Name: 'Invocations', Unit: 'Count' }] }],
  },
  plugin: 'gate',
  Invocations: 1,
}

const directive = (change: Record<string, unknown>) => ({ ...valid, _aws: { ...valid._aws, CloudWatchMetrics: [{ ...valid._aws.CloudWatchMetrics[0], ...change }] } })

describe('emfProblems', () => {
  it('accepts a valid document, with an array of values and a storage resolution', () => {
    expect(emfProblems(JSON.stringify(valid))).toStrictEqual([])
    expect(emfProblems(JSON.stringify({ ...directive({ Metrics: [{ Name: 'Invocations', StorageResolution: 1 }] }), Invocations: [1, 2] }))).toStrictEqual([])
  })

  it.each([
    ['text that is not JSON', 'nope', 'the line is not JSON'],
    ['an array', '[]', 'the root is not a JSON object'],
    ['no _aws', JSON.stringify({ plugin: 'gate' }), 'the root has no "_aws" object'],
    ['a timestamp as text', JSON.stringify({ ...valid, _aws: { ...valid._aws, Timestamp: '2026' } }), '_aws.Timestamp is not a number of ms since the epoch'],
    ['an unknown _aws member', JSON.stringify({ ...valid, _aws: { ...valid._aws, Extra: 1 } }), '_aws has a member "Extra"'],
    ['no CloudWatchMetrics array', JSON.stringify({ ...valid, _aws: { Timestamp: 1 } }), '_aws.CloudWatchMetrics is not an array'],
    ['a directive that is not an object', JSON.stringify({ ...valid, _aws: { Timestamp: 1, CloudWatchMetrics: [1] } }), 'is not an object'],
    ['no namespace', JSON.stringify(directive({ Namespace: '' })), 'Namespace is not a string of 1 to 255'],
    ['dimensions that are not an array', JSON.stringify(directive({ Dimensions: {} })), 'Dimensions is not an array'],
    ['a dimension set over 30', JSON.stringify(directive({ Dimensions: [Array.from({ length: 31 }, () => 'plugin')] })), 'is not an array of at most 30 names'],
    ['a dimension name that is not text', JSON.stringify(directive({ Dimensions: [[1]] })), 'holds a name that is not a string'],
    ['a dimension without its member', JSON.stringify(directive({ Dimensions: [['service']] })), 'dimension "service" has no string target member'],
    ['metrics that are not an array', JSON.stringify(directive({ Metrics: {} })), 'Metrics is not an array of at most 100'],
    ['a definition that is not an object', JSON.stringify(directive({ Metrics: ['Invocations'] })), 'Metrics[0] is not an object'],
    ['a definition without a name', JSON.stringify(directive({ Metrics: [{ Unit: 'Count' }] })), 'Name is not a string'],
    ['an unknown unit', JSON.stringify(directive({ Metrics: [{ Name: 'Invocations', Unit: 'Hits' }] })), 'Unit is not a CloudWatch unit'],
    ['a bad storage resolution', JSON.stringify(directive({ Metrics: [{ Name: 'Invocations', StorageResolution: 5 }] })), 'StorageResolution is neither 1 nor 60'],
    ['an unknown definition member', JSON.stringify(directive({ Metrics: [{ Name: 'Invocations', Value: 1 }] })), 'has a member "Value"'],
    ['a metric as text', JSON.stringify({ ...valid, Invocations: '1' }), 'metric "Invocations" has no numeric target member'],
  ])('refuses %s', (_case, line, problem) => {
    expect(emfProblems(line).join('\n')).toContain(problem)
  })
})
