// What `npm pack` puts in the tarball, read from `npm pack --dry-run --json`: the license, every
// file the shipped READMEs link to, so the links work on npmjs.com and in node_modules, and the
// zip the SAM template deploys. Also that the lockfile agrees with package.json, so `npm install`
// in a fresh clone leaves it unchanged. `npm pack --dry-run` lists only files that exist, so this
// needs `npm run build` first (`npm test` runs it).
import { execFile } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { readTemplate } from '../unit/deploy/cfn.js'

const root = fileURLToPath(new URL('../..', import.meta.url))
const packageJson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { license: string; engines: unknown; name: string; version: string }
// As in exports.test.ts: npm_* variables of an enclosing `npm test` must not reach the nested npm.
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_|^INIT_CWD$/.test(key)))

/** The targets of a markdown file's inline and reference links that stay in the package: not URLs, not anchors. */
const relativeLinks = (markdown: string): string[] => {
  const inline = [...markdown.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((match) => match[1]!)
  const reference = [...markdown.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)].map((match) => match[1]!)
  return [...inline, ...reference].filter((target) => !/^([a-z][a-z0-9+.-]*:|#)/i.test(target)).map((target) => target.replace(/[#?].*$/, ''))
}

/** The paths `npm pack` would put in the tarball, relative to the package root; asked of npm once per file. */
let packing: Promise<string[]> | undefined
const packedFiles = (): Promise<string[]> =>
  (packing ??= promisify(execFile)('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, env, maxBuffer: 64 << 20 }).then(({ stdout }) => {
    const [packed] = JSON.parse(stdout.slice(stdout.indexOf('['))) as { files: { path: string }[] }[]
    return packed!.files.map((file) => file.path)
  }))

describe('the tarball', () => {
  let files: string[] = []

  beforeAll(async () => {
    files = await packedFiles()
  }, 60_000)

  it('holds the MIT license that package.json names', () => {
    // Assess
    expect(files).toContain('LICENSE')
    expect(packageJson.license).toBe('MIT')
    expect(readFileSync(path.join(root, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} cognito-trigger-router contributors\n/)
  })

  it('holds every file that a shipped README links to', () => {
    // Prepare
    const readmes = files.filter((file) => /(^|\/)README\.md$/.test(file))

    // Act
    const links = readmes.flatMap((readme) =>
      relativeLinks(readFileSync(path.join(root, readme), 'utf8')).map((target) => ({ readme, target, resolved: path.posix.normalize(path.posix.join(path.posix.dirname(readme), target)) })),
    )

    // Assess: the main README links each plugin's README, and each link lands in the tarball.
    expect(readmes).toContain('README.md')
    expect(links.filter((link) => link.readme === 'README.md').map((link) => link.resolved)).toContain('plugins/signup-policy/README.md')
    expect(links.filter((link) => !files.includes(link.resolved))).toStrictEqual([])
  })
})

// `sam deploy` with the template as installed from npm
// (node_modules/cognito-trigger-router/src/deploy/template.yaml): its CodeUri, resolved from where
// the template sits, must name a file the package ships.
describe('the SAM template in the tarball', () => {
  const TEMPLATE = 'src/deploy/template.yaml'
  const codeUri = readTemplate(path.join(root, TEMPLATE)).Resources.RouterFunction!.Properties.CodeUri as string
  // Where `sam deploy` looks: relative to the template, inside the installed package.
  const target = path.relative(root, path.resolve(root, path.dirname(TEMPLATE), codeUri)).split(path.sep).join('/')
  let files: string[] = []

  beforeAll(async () => {
    if (!existsSync(path.join(root, target))) throw new Error(`${target} is missing: run \`npm run build\` first (\`npm test\` does)`)
    files = await packedFiles()
  }, 60_000)

  it('deploys code from a file the package ships, next to the template', () => {
    // Assess
    expect(target).toBe('dist/cognito-trigger-router.zip')
    expect(files).toContain(TEMPLATE)
    expect(files).toContain(target)
  })
})

describe('relativeLinks', () => {
  it('finds inline, image and reference links that stay in the package, without anchors', () => {
    // Prepare
    const markdown = [
      'See [the plugin](plugins/a/README.md#options), ![logo](docs/logo.png "Logo") and [b](<../b/README.md>).',
      'Not [a URL](https://example.com/x.md), [mail](mailto:a@example.com) or [an anchor](#usage).',
      '[ref]: ./LICENSE',
      '[web]: https://example.com',
    ].join('\n')

    // Act and assess
    expect(relativeLinks(markdown)).toStrictEqual(['plugins/a/README.md', 'docs/logo.png', '../b/README.md', './LICENSE'])
  })
})

describe('package-lock.json', () => {
  it('agrees with package.json at its root, so npm install leaves it unchanged', () => {
    // Prepare
    const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { name: string; version: string; packages: Record<string, { engines?: unknown; name?: string; version?: string }> }

    // Assess
    expect(lock.packages['']).toMatchObject({ name: packageJson.name, version: packageJson.version, engines: packageJson.engines })
  })
})
