// Runs the built CLI (dist/cli.mjs) as a child process and waits for lines of its output.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = fileURLToPath(new URL('../../..', import.meta.url))
export const CLI = path.join(root, 'dist/cli.mjs')
export const LAMBDA = path.join(root, 'dist/index.mjs')

export interface RunningCli {
  readonly child: ChildProcess
  /** Every line printed so far, stdout and stderr. */
  readonly lines: string[]
  /** The first line matching `pattern`, waiting up to `ms`; fails early if the process exits. */
  waitFor(pattern: RegExp, ms?: number): Promise<RegExpExecArray>
  /** Sends `signal` and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>
}

export const runCli = (args: readonly string[], env: NodeJS.ProcessEnv = {}): RunningCli => {
  if (!existsSync(CLI) || !existsSync(LAMBDA)) throw new Error('dist/cli.mjs or dist/index.mjs is missing: run `npm run build` first (npm test does)')
  const child = spawn(process.execPath, [CLI, ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  const lines: string[] = []
  const collect = (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter((line) => line !== ''))
  child.stdout?.on('data', collect)
  child.stderr?.on('data', collect)
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))

  const waitFor = (pattern: RegExp, ms = 15_000) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const started = Date.now()
      const timer = setInterval(() => {
        const match = lines.map((line) => pattern.exec(line)).find((found) => found !== null)
        if (match) {
          clearInterval(timer)
          resolve(match)
        } else if (child.exitCode !== null || Date.now() - started > ms) {
          clearInterval(timer)
          reject(new Error(`no line matching ${pattern} (exit code ${String(child.exitCode)}):\n${lines.join('\n')}`))
        }
      }, 20)
    })

  const stop = (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode === null) child.kill(signal)
    return exited
  }
  return { child, lines, waitFor, stop }
}
