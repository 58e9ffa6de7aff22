// vitest globalSetup of the `shared` project (test/vitest.config.ts): one folder for what the CDK
// tests write during a run. fixtures.ts puts every synthesized template in its `templates/`
// folder, linted with cfn-lint once, after the last test (a lint error fails the run, naming the
// rule, the path and the test files), and every app's cloud assembly in its `assemblies/`
// folder, removed after the run: CDK's default, a new temporary folder per app, left about 180
// folders in the system's temporary folder per run.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
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
    /** The run's folder for the CDK tests (see above). */
    cdkRun: string
  }
}

/** The folder of a run's templates, as fixtures.ts and the teardown below use it. */
export const cdkTemplates = (run: string) => templateFolder(path.join(run, 'templates'), [REGION], SCHEMAS)

/** A new folder for one app's cloud assembly. */
export const assemblyFolder = (run: string): string => {
  const assemblies = path.join(run, 'assemblies')
  mkdirSync(assemblies, { recursive: true })
  return mkdtempSync(path.join(assemblies, 'cdk.out-'))
}

export default function setup(project: TestProject): () => Promise<void> {
  const run = mkdtempSync(path.join(tmpdir(), 'ctr-cdk-run-'))
  project.provide('cdkRun', run)
  return async () => {
    rmSync(path.join(run, 'assemblies'), { recursive: true, force: true })
    // cfnLint() stops a cfn-lint that hangs (CFN_LINT_TIMEOUT_MS). The templates stay when it finds errors.
    await cdkTemplates(run).lint()
    rmSync(run, { recursive: true, force: true })
  }
}
