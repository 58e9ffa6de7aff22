// cfn-lint (https://github.com/aws-cloudformation/cfn-lint) over the templates the deploy tests
// produce: the SAM template, and every template the CDK construct tests synthesize. It checks
// what the tests' own evaluator (./cfn.ts) does not: property names and types against the
// CloudFormation resource specification, deprecated runtimes, IAM policy syntax, the SAM transform.
// It is a Python tool, on the machine image and in CI; where it is not on PATH the lint is skipped
// with a note, and the rest of the tests still run.

import { execFile, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'

/** Whether `cfn-lint` is on PATH (checked once, by running `cfn-lint --version`). */
export const CFN_LINT_AVAILABLE: boolean = spawnSync('cfn-lint', ['--version'], { stdio: 'ignore' }).status === 0

/** No test waits on the machine's speed; this only bounds a hung process (one run lints every template of a file). */
export const CFN_LINT_TIMEOUT_MS = 300_000

/** One finding, as `cfn-lint --format json` reports it. */
export interface CfnLintMatch {
  readonly Filename: string
  readonly Level: 'Error' | 'Warning' | 'Informational'
  readonly Message: string
  readonly Rule: { readonly Id: string }
  readonly Location: { readonly Start: { readonly LineNumber: number }; readonly Path?: readonly (string | number)[] | null }
}

/** A finding as one line: `E3002 message (at Resources.Queue.Properties; a.template.json:12)`. */
export const describeMatch = (match: CfnLintMatch): string =>
  `${match.Rule.Id} ${match.Message} (at ${match.Location.Path ? `${match.Location.Path.join('.')}; ` : ''}` +
  `${path.basename(match.Filename)}:${match.Location.Start.LineNumber})`

// The same finding in many templates (most tests synthesize the same function) is listed once.
const summarize = (matches: readonly CfnLintMatch[]): string => {
  const byFinding = new Map<string, CfnLintMatch[]>()
  for (const match of matches) {
    const key = `${match.Rule.Id} ${match.Message} ${match.Location.Path?.join('.') ?? ''}`
    byFinding.set(key, [...(byFinding.get(key) ?? []), match])
  }
  return [...byFinding.values()]
    .map((same) => `  ${describeMatch(same[0] as CfnLintMatch)}${same.length > 1 ? `, and in ${same.length - 1} more template(s)` : ''}`)
    .join('\n')
}

/**
 * Lints the given template files in one cfn-lint process (its start-up, loading the resource
 * specification, is most of its cost). Resolves with every finding; rejects when cfn-lint could
 * not run or did not answer with JSON.
 */
export const cfnLint = async (
  files: readonly string[],
  regions: readonly string[] = ['us-east-1'],
  registrySchemas?: string,
): Promise<CfnLintMatch[]> => {
  if (files.length === 0) return []
  const schemas = registrySchemas === undefined ? [] : ['--registry-schemas', registrySchemas]
  const args = ['--format', 'json', '--non-zero-exit-code', 'none', '--regions', ...regions, ...schemas, '--', ...files]
  let stdout: string
  try {
    ;({ stdout } = await promisify(execFile)('cfn-lint', args, { maxBuffer: 64 << 20, timeout: CFN_LINT_TIMEOUT_MS }))
  } catch (cause) {
    const { stderr = '' } = cause as { stderr?: string }
    throw new Error(`cfn-lint failed to run on ${files.length} template(s): ${stderr}`, { cause })
  }
  try {
    return JSON.parse(stdout) as CfnLintMatch[]
  } catch (cause) {
    throw new Error(`cfn-lint did not answer with JSON: ${stdout.slice(0, 2000)}`, { cause })
  }
}

/**
 * What a test file needs to lint its templates once: `add` each synthesized template (the same
 * one twice is linted once), then `lint()` in an afterAll writes them to a temporary folder and
 * runs one cfn-lint over all of them. Warnings are written to stderr, errors are thrown.
 * `registrySchemas`: a folder of resource schemas for types cfn-lint's own specification lacks.
 */
export const templateCollector = (regions?: readonly string[], registrySchemas?: string) => {
  const templates = new Map<string, string>()
  return {
    add: (template: unknown): void => {
      const text = JSON.stringify(template, null, 1)
      if (!templates.has(text)) templates.set(text, `${templates.size + 1}.template.json`)
    },
    get size() {
      return templates.size
    },
    /** `label` names the templates' origin in messages (the test file). */
    lint: async (label: string): Promise<void> => {
      if (templates.size === 0) return
      if (!CFN_LINT_AVAILABLE) {
        console.warn(`cfn-lint is not on PATH: the ${templates.size} template(s) synthesized by ${label} were not linted`)
        return
      }
      const prefix = label.replace(/[^A-Za-z0-9.-]+/g, '-')
      const dir = mkdtempSync(path.join(tmpdir(), 'ctr-cfn-lint-'))
      let matches: CfnLintMatch[]
      try {
        const files = [...templates].map(([text, name]) => {
          const file = path.join(dir, `${prefix}-${name}`)
          writeFileSync(file, text)
          return file
        })
        matches = await cfnLint(files, regions, registrySchemas)
      } catch (error) {
        rmSync(dir, { recursive: true, force: true })
        throw error
      }
      const errors = matches.filter((match) => match.Level === 'Error')
      const others = matches.filter((match) => match.Level !== 'Error')
      if (others.length > 0) console.warn(`cfn-lint: ${others.length} warning(s) in the ${templates.size} template(s) of ${label}:\n${summarize(others)}`)
      // The files stay for a look when something is wrong.
      if (errors.length > 0) {
        throw new Error(`cfn-lint found ${errors.length} error(s) in the ${templates.size} template(s) of ${label} (kept in ${dir}):\n${summarize(errors)}`)
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
