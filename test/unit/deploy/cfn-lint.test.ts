import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { CFN_LINT_AVAILABLE, CFN_LINT_TIMEOUT_MS, cfnLint, cfnLintOnPath, templateFolder } from './cfn-lint.js'

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

const dirs: string[] = []
const folder = (linter?: typeof cfnLint) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ctr-cfn-lint-test-'))
  dirs.push(dir)
  return { dir, templates: templateFolder(dir, undefined, undefined, linter) }
}

afterEach(() => {
  vi.restoreAllMocks()
  vi.unstubAllEnvs()
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('the cfn-lint template folder', () => {
  // One cfn-lint run: its start-up is most of its cost.
  it.skipIf(!CFN_LINT_AVAILABLE)('fails naming the rule, path and test files of each error, reports each warning once with its count, and keeps the folder', async () => {
    // Prepare
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const { dir, templates } = folder()
    templates.add(BROKEN, 'broken.test.ts')
    templates.add(BROKEN, 'also-broken.test.ts')
    templates.add(FUNCTION('nodejs24.x'), 'fine.test.ts')
    templates.add(FUNCTION('nodejs22.x'), 'fine.test.ts')

    // Act
    const linted = templates.lint()

    // Assess
    await expect(linted).rejects.toThrowError(/^cfn-lint found 1 error\(s\) in 3 template\(s\) \(kept in .*\):\n {2}E3002 .*'VisibilityTimout' was unexpected.* \(at Resources\.Queue\.Properties\.VisibilityTimout; [0-9a-f]{16}\.template\.json:\d+\) \(synthesized by also-broken\.test\.ts, broken\.test\.ts\)$/)
    expect(warn).toHaveBeenCalledTimes(1)
    expect(warn.mock.calls[0]?.[0]).toMatch(/^cfn-lint: 2 warning\(s\) in the 3 template\(s\) \(synthesized by also-broken\.test\.ts, broken\.test\.ts, fine\.test\.ts\):\n {2}W3005 .*, and in 1 more template\(s\)$/)
    expect(existsSync(dir)).toBe(true)
  }, CFN_LINT_TIMEOUT_MS)

  // The folder's own logic: whatever lints it, a clean result removes it. (cfn-lint's start-up
  // is most of a lint's cost; the test above runs it for real.)
  it.skipIf(!CFN_LINT_AVAILABLE)('removes the folder when every template passes', async () => {
    // Prepare
    const linted: string[][] = []
    const { dir, templates } = folder(async (files) => {
      linted.push([...files])
      return []
    })
    templates.add(FUNCTION('nodejs24.x'), 'fine.test.ts')

    // Act
    await templates.lint()

    // Assess
    expect(linted).toHaveLength(1)
    expect(linted[0]).toHaveLength(1)
    expect(existsSync(dir)).toBe(false)
  })

  it('keeps each distinct template once, whoever writes it, as one whole file', () => {
    // Prepare
    const { dir, templates } = folder()

    // Act
    for (const template of [BROKEN, FUNCTION('nodejs24.x'), structuredClone(BROKEN)]) templates.add(template, 'a.test.ts')
    templateFolder(dir).add(BROKEN, 'b.test.ts') // another worker, the same folder

    // Assess
    expect(templates.size).toBe(2)
    expect(readdirSync(dir).filter((name) => name.endsWith('.partial'))).toStrictEqual([])
  })

  it('has nothing to do, and runs nothing, when no template was synthesized', async () => {
    await expect(templateFolder(path.join(tmpdir(), 'ctr-cfn-lint-none')).lint()).resolves.toBeUndefined()
  })

  it('says which templates were not linted when cfn-lint is not on PATH', async () => {
    // Prepare
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const { dir, templates } = folder()
    templates.add(BROKEN, 'broken.test.ts')
    vi.stubEnv('PATH', '')

    // Act
    await templates.lint()

    // Assess
    expect(cfnLintOnPath()).toBe(false)
    expect(existsSync(dir)).toBe(true)
    expect(warn).toHaveBeenCalledWith('cfn-lint is not on PATH: the 1 template(s) (synthesized by broken.test.ts) were not linted')
  })
})
