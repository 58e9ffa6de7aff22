// Cold starts: fresh `node` processes (test/bench/cold-start-child.mjs), one per sample, the
// bundles interleaved (A, B, C, A, B, C, ... with the order rotating each round) so background
// load hits every bundle alike. Each sample gives the wall time from spawn to the child's reply
// line (taken here) and the child's own import and first-event times.

import { spawn } from 'node:child_process'
import path from 'node:path'

export type ChildMode = 'whole' | 'preloaded' | 'sdk'

/** One process to start: which bundle, in which mode, with which extra environment. */
export interface ColdSubject {
  readonly key: string
  readonly label: string
  readonly file: string
  readonly mode: Exclude<ChildMode, 'sdk'>
  readonly env?: Readonly<Record<string, string>>
}

export interface ColdRun {
  /** Spawn to the child's reply line, measured by the parent: Node's start-up included. */
  readonly wallMs: number
  readonly importMs: number
  readonly invokeMs: number
  readonly sinceProcessStartMs: number
  /** CPU time of the whole child up to its reply line, every thread. */
  readonly processCpuMs: number
  /** CPU time of the import and the event alone. */
  readonly importAndEventCpuMs: number
  readonly outcome: string
  /** In `sdk` mode, every module specifier resolved during the import, then during the event. */
  readonly resolvedAtImport: readonly string[]
  readonly resolvedDuringEvent: readonly string[]
}

const MARKER = '@@cold-start@@'
// Variables that would change what a child does: the parent's own Node options, Node's on-disk
// compile cache (a Lambda cold start has none), a Lambda log level (the router runs on its
// defaults), a runtime configuration override.
const CLEARED = ['NODE_OPTIONS', 'NODE_COMPILE_CACHE', 'AWS_LAMBDA_LOG_LEVEL', 'COGNITO_ROUTER_CONFIG', 'COGNITO_ROUTER_CONFIG_FILE']

/** Starts one child and resolves when it has printed its reply line (or rejects when it failed). */
export const coldStart = (
  root: string,
  file: string,
  mode: ChildMode,
  event: unknown,
  env: Readonly<Record<string, string>> = {},
): Promise<ColdRun> => {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env, BENCH_EVENT: JSON.stringify(event) }
  for (const name of CLEARED) if (!(name in env)) delete childEnv[name]
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(process.execPath, [path.join(root, 'test/bench/cold-start-child.mjs'), file, mode], {
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    let result: ColdRun | undefined
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (chunk: string) => {
      if (result !== undefined) return
      const wallMs = performance.now() - started
      stdout += chunk
      const line = stdout.split('\n').find((candidate) => candidate.startsWith(MARKER) && stdout.includes(`${candidate}\n`))
      if (line !== undefined) result = { wallMs, ...(JSON.parse(line.slice(MARKER.length)) as Omit<ColdRun, 'wallMs'>) }
    })
    child.stderr.setEncoding('utf8')
    child.stderr.on('data', (chunk: string) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => {
      if (code === 0 && result !== undefined) resolve(result)
      else reject(new Error(`cold start of ${file} (${mode}) failed with exit code ${code}:\n${stderr.slice(0, 2000)}`))
    })
  })
}

/** `runs` samples of every subject, interleaved; `progress` is told after each round. */
export const interleavedColdStarts = async (
  root: string,
  subjects: readonly ColdSubject[],
  runs: number,
  event: unknown,
  progress: (round: number) => void = () => undefined,
): Promise<Map<string, ColdRun[]>> => {
  const samples = new Map<string, ColdRun[]>(subjects.map((subject) => [subject.key, []]))
  for (let round = 0; round < runs; round++) {
    for (let i = 0; i < subjects.length; i++) {
      const subject = subjects[(i + round) % subjects.length]!
      samples.get(subject.key)!.push(await coldStart(root, subject.file, subject.mode, event, subject.env))
    }
    progress(round + 1)
  }
  return samples
}
