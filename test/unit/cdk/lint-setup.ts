// vitest globalSetup of the `shared` project (test/vitest.config.ts): one folder for every
// template the CDK tests synthesize (fixtures.ts adds to it), linted with cfn-lint once, after the
// last test. A lint error fails the run, naming the rule, the path and the test files.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { templateFolder } from '../deploy/cfn-lint.js'

/** The Region every construct test synthesizes in; cfn-lint checks the templates against it. */
export const REGION = 'eu-west-1'
// AWS::Cognito::UserPoolRegionalConfigurationAttachment, which cfn-lint 1.51's specification lacks.
const SCHEMAS = path.join(import.meta.dirname, 'schemas')

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where fixtures.ts keeps the synthesized templates for the lint. */
    cdkTemplates: string
  }
}

/** The folder of a run's templates, as fixtures.ts and the teardown below use it. */
export const cdkTemplates = (dir: string) => templateFolder(dir, [REGION], SCHEMAS)

export default function setup(project: TestProject): () => Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ctr-cfn-lint-'))
  project.provide('cdkTemplates', dir)
  // cfnLint() stops a cfn-lint that hangs (CFN_LINT_TIMEOUT_MS).
  return () => cdkTemplates(dir).lint()
}
