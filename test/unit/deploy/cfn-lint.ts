// cfn-lint (https://github.com/aws-cloudformation/cfn-lint) over the templates the deploy tests
// produce: the SAM template, and every template the CDK construct tests synthesize. It checks
// what the tests' own evaluator (./cfn.ts) does not: property names and types against the
// CloudFormation resource specification, deprecated runtimes, IAM policy syntax, the SAM transform.
// It is a Python tool, on the machine image and in CI; where it is not on PATH the lint is skipped
// with a note, and the rest of the tests still run.
//
// Its start-up (loading the resource specification) costs more than a second of CPU, so the CDK
// tests do not lint as they go: each synthesized template goes to one folder for the whole run
// (test/unit/cdk/global-setup.ts), and one cfn-lint run per core lints them all after the last test.

import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { accessSync, appendFileSync, constants, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'

// An executable file named cfn-lint in a PATH folder. Running `cfn-lint --version` would cost each
// process that asks more than a second; a cfn-lint that is there but broken fails the lint loudly.
const onPath = (command: string): boolean =>
  (process.env.PATH ?? '').split(path.delimiter).some((dir) => {
    try {
      accessSync(path.join(dir || '.', command), constants.X_OK)
      return true
    } catch {
      return false
    }
  })

/** Whether `cfn-lint` is on PATH now. */
export const cfnLintOnPath = (): boolean => onPath('cfn-lint')

/** Whether `cfn-lint` was on PATH when this module loaded (for `it.skipIf`). */
export const CFN_LINT_AVAILABLE: boolean = cfnLintOnPath()

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

// The same finding in many templates (most tests synthesize the same function) is listed once;
// `origin` names where the first one's template came from.
const summarize = (matches: readonly CfnLintMatch[], origin: (match: CfnLintMatch) => string = () => ''): string => {
  const byFinding = new Map<string, CfnLintMatch[]>()
  for (const match of matches) {
    const key = `${match.Rule.Id} ${match.Message} ${match.Location.Path?.join('.') ?? ''}`
    byFinding.set(key, [...(byFinding.get(key) ?? []), match])
  }
  return [...byFinding.values()]
    .map(([first, ...more]) => `  ${describeMatch(first as CfnLintMatch)}${origin(first as CfnLintMatch)}${more.length > 0 ? `, and in ${more.length} more template(s)` : ''}`)
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

/** The templates of one lint, with the test files that synthesized each. */
export interface TemplateFolder {
  /** Keeps a template for the lint; the same template twice is kept once, with both labels. `label`: the test file. */
  add(template: unknown, label: string): void
  /** How many distinct templates are kept. */
  readonly size: number
  /**
   * Lints every kept template, in one cfn-lint process per core. Warnings are written to stderr,
   * each once with its count; errors reject, naming the rule, the path and the test files. On
   * success the folder is removed; on errors it is kept for a look.
   */
  lint(): Promise<void>
}

const LABELS = '.labels'

/**
 * A folder of templates to lint together. Test workers `add` to it (several processes may write
 * to the same folder: each template is a file named by its hash), and whoever owns the folder
 * calls `lint()` once all are written.
 * `registrySchemas`: a folder of resource schemas for types cfn-lint's own specification lacks.
 * `linter`: cfnLint, or a stand-in for the folder's own tests.
 */
export const templateFolder = (dir: string, regions?: readonly string[], registrySchemas?: string, linter: typeof cfnLint = cfnLint): TemplateFolder => {
  const templates = () => (existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.template.json')).sort() : [])
  const labelsOf = (name: string): string[] => {
    const file = path.join(dir, name + LABELS)
    return existsSync(file) ? [...new Set(readFileSync(file, 'utf8').split('\n').filter(Boolean))] : []
  }
  const where = (names: readonly string[]): string => {
    const labels = [...new Set(names.flatMap(labelsOf))].sort()
    return labels.length === 0 ? '' : ` (synthesized by ${labels.join(', ')})`
  }
  return {
    add: (template, label) => {
      const text = JSON.stringify(template, null, 1)
      const name = `${createHash('sha256').update(text).digest('hex').slice(0, 16)}.template.json`
      const file = path.join(dir, name)
      mkdirSync(dir, { recursive: true })
      if (!existsSync(file)) {
        // Written whole, then renamed: another worker writing the same template never sees half of it.
        const partial = `${file}.${process.pid}.partial`
        writeFileSync(partial, text)
        renameSync(partial, file)
      }
      appendFileSync(path.join(dir, name + LABELS), `${label}\n`)
    },
    get size() {
      return templates().length
    },
    lint: async () => {
      const names = templates()
      if (names.length === 0) return
      const from = where(names)
      if (!cfnLintOnPath()) {
        console.warn(`cfn-lint is not on PATH: the ${names.length} template(s)${from} were not linted`)
        return
      }
      // Round robin, so each process gets a share of every test file's templates.
      const processes = Math.max(1, Math.min(availableParallelism(), Math.ceil(names.length / 8)))
      const shares = Array.from({ length: processes }, (_, at) => names.filter((_name, index) => index % processes === at))
      const matches = (await Promise.all(shares.map((share) => linter(share.map((name) => path.join(dir, name)), regions, registrySchemas)))).flat()
      const errors = matches.filter((match) => match.Level === 'Error')
      const others = matches.filter((match) => match.Level !== 'Error')
      if (others.length > 0) console.warn(`cfn-lint: ${others.length} warning(s) in the ${names.length} template(s)${from}:\n${summarize(others)}`)
      if (errors.length > 0) {
        const origin = (match: CfnLintMatch) => where([path.basename(match.Filename)])
        throw new Error(`cfn-lint found ${errors.length} error(s) in ${names.length} template(s) (kept in ${dir}):\n${summarize(errors, origin)}`)
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
