// Proves `sam deploy` works with the template as installed from npm
// (node_modules/cognito-trigger-router/src/deploy/template.yaml): its CodeUri, resolved from where
// the template sits, names a file the package ships. `npm pack --dry-run` lists only files that
// exist, so this needs `npm run build` first (`npm test` runs it).
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { readTemplate } from '../unit/deploy/cfn.js'

const root = fileURLToPath(new URL('../..', import.meta.url))
const TEMPLATE = 'src/deploy/template.yaml'
const PACK_TIMEOUT = 120_000

// As in exports.test.ts: the lowercase npm_* variables of an enclosing `npm test` must not leak.
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_|^INIT_CWD$/.test(key)))

/** The paths `npm pack` would put in the tarball, relative to the package root. */
const packedFiles = async (): Promise<string[]> => {
  const { stdout } = await promisify(execFile)('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, env, maxBuffer: 64 << 20 })
  const [pack] = JSON.parse(stdout) as [{ files: { path: string }[] }]
  return pack.files.map((file) => file.path)
}

describe('the SAM template in the npm package', () => {
  const codeUri = readTemplate(path.join(root, TEMPLATE)).Resources.RouterFunction!.Properties.CodeUri as string
  // Where `sam deploy` looks: relative to the template, inside the installed package.
  const target = path.relative(root, path.resolve(root, path.dirname(TEMPLATE), codeUri)).split(path.sep).join('/')

  beforeAll(() => {
    if (!existsSync(path.join(root, target))) throw new Error(`${target} is missing: run \`npm run build\` first (\`npm test\` does)`)
  })

  it('deploys code from a file the package ships, next to the template', async () => {
    // Act
    const files = await packedFiles()

    // Assess
    expect(target).toBe('dist/cognito-trigger-router.zip')
    expect(files).toContain(TEMPLATE)
    expect(files).toContain(target)
  }, PACK_TIMEOUT)
})
