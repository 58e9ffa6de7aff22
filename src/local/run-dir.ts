// -- the temporary folder of a local run -------------------------------------------------------
// cognito-local keeps its `.cognito/` data in its cwd: a fresh temporary folder per run, removed
// when the run stops. A run killed with SIGKILL cannot remove it, so each folder holds the pid of
// the process that made it, and the next run removes the folders whose process is gone.

import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

/** The name every run folder starts with. */
export const RUN_DIR_PREFIX = 'cognito-trigger-router-'
/** The file in a run folder holding the owner's pid. */
export const OWNER_FILE = 'owner.pid'

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0) // signal 0: only asks whether the process exists
    return true
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

const ownerOf = (dir: string): number | undefined => {
  try {
    const pid = Number(readFileSync(path.join(dir, OWNER_FILE), 'utf8').trim())
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined
  } catch {
    return undefined
  }
}

/**
 * Removes the run folders under `parent` whose owner process no longer runs; folders without an
 * owner file (another tool's, or one being created) are left alone. Returns the removed paths.
 *
 * @example
 * ```ts
 * removeStaleRunDirs() // ['/tmp/cognito-trigger-router-Xc81Qa'] after a `kill -9` of `npm start`
 * ```
 */
export const removeStaleRunDirs = (parent: string = tmpdir()): string[] => {
  let names: string[]
  try {
    names = readdirSync(parent).filter((name) => name.startsWith(RUN_DIR_PREFIX))
  } catch {
    return []
  }
  const removed: string[] = []
  for (const name of names) {
    const dir = path.join(parent, name)
    const owner = ownerOf(dir)
    if (owner === undefined || isAlive(owner)) continue
    rmSync(dir, { recursive: true, force: true })
    removed.push(dir)
  }
  return removed
}

/**
 * Removes stale run folders, then creates a fresh one under `parent` owned by this process.
 *
 * @example
 * ```ts
 * const dir = createRunDir()
 * // ... run cognito-local with cwd: dir, then
 * rmSync(dir, { recursive: true, force: true })
 * ```
 */
export const createRunDir = (parent: string = tmpdir()): string => {
  removeStaleRunDirs(parent)
  const dir = mkdtempSync(path.join(parent, RUN_DIR_PREFIX))
  writeFileSync(path.join(dir, OWNER_FILE), String(process.pid))
  return dir
}
