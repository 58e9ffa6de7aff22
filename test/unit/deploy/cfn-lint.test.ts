import { afterEach, describe, expect, it, vi } from 'vitest'
import { CFN_LINT_AVAILABLE, CFN_LINT_TIMEOUT_MS, templateCollector } from './cfn-lint.js'

// A queue with a property SQS does not have: an error.
const BROKEN = { Resources: { Queue: { Type: 'AWS::SQS::Queue', Properties: { VisibilityTimout: 30 } } } }
// A function that states a dependency its Role already implies: a warning (W3005), as CDK writes.
const FUNCTION = (runtime: string) => ({
  Resources: {
    Role: {
      Type: 'AWS::IAM::Role',
      Properties: { AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] } },
    },
    Function: {
      Type: 'AWS::Lambda::Function',
      DependsOn: ['Role'],
      Properties: { Runtime: runtime, Handler: 'index.handler', Role: { 'Fn::GetAtt': ['Role', 'Arn'] }, Code: { ZipFile: 'exports.handler = async (e) => e' } },
    },
  },
})

afterEach(() => {
  vi.restoreAllMocks()
})

describe('the cfn-lint collector', () => {
  // One cfn-lint run: its start-up is most of its cost.
  it.skipIf(!CFN_LINT_AVAILABLE)('fails naming the rule, path and file of each error, and reports each warning once with its count', async () => {
    // Prepare
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const collector = templateCollector()
    for (const template of [BROKEN, FUNCTION('nodejs24.x'), FUNCTION('nodejs22.x')]) collector.add(template)

    // Act
    const linted = collector.lint('broken.test.ts')

    // Assess
    await expect(linted).rejects.toThrowError(/cfn-lint found 1 error\(s\) in the 3 template\(s\) of broken\.test\.ts/)
    await expect(linted).rejects.toThrowError(/E3002 .*'VisibilityTimout' was unexpected.* \(at Resources\.Queue\.Properties\.VisibilityTimout; broken\.test\.ts-1\.template\.json:\d+\)/)
    expect(warn).toHaveBeenCalledTimes(1)
    expect(warn.mock.calls[0]?.[0]).toMatch(/^cfn-lint: 2 warning\(s\) in the 3 template\(s\) of broken\.test\.ts:\n {2}W3005 .*, and in 1 more template\(s\)$/)
  }, CFN_LINT_TIMEOUT_MS)

  it('keeps each distinct template once', () => {
    // Prepare
    const collector = templateCollector()

    // Act
    for (const template of [BROKEN, FUNCTION('nodejs24.x'), structuredClone(BROKEN)]) collector.add(template)

    // Assess
    expect(collector.size).toBe(2)
  })

  it('has nothing to do, and runs nothing, when no template was synthesized', async () => {
    await expect(templateCollector().lint('empty.test.ts')).resolves.toBeUndefined()
  })
})
