// Example options for a built-in plugin, taken from where its users take them: the JSON
// configuration examples in plugins/<name>/README.md. New plugins are picked up without
// editing the benchmark; one whose README has no usable example is tried with `{}`.

import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'

export interface ExampleOptions {
  readonly from: string
  readonly options: unknown
}

const JSON_BLOCK = /```jsonc?\s*\n([\s\S]*?)```/g

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** The README examples of `name` (in order), then `{}`. */
export const examplesFor = (name: string, root = process.env.BENCH_ROOT ?? process.cwd()): ExampleOptions[] => {
  const readme = path.join(root, 'plugins', name, 'README.md')
  const examples: ExampleOptions[] = []
  if (existsSync(readme)) {
    for (const [, block] of readFileSync(readme, 'utf8').matchAll(JSON_BLOCK)) {
      let parsed: unknown
      try {
        parsed = JSON.parse(block as string)
      } catch {
        continue
      }
      const options = isObject(parsed) && isObject(parsed.plugins) ? parsed.plugins[name] : undefined
      if (isObject(options)) examples.push({ from: `plugins/${name}/README.md example ${examples.length + 1}`, options })
      else if (options === true) examples.push({ from: `plugins/${name}/README.md (true)`, options: {} })
    }
  }
  examples.push({ from: 'empty options {}', options: {} })
  return examples
}
