// The temporary folder of a local run: owned by a pid, removed by the next run once that process is gone.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createRunDir, OWNER_FILE, removeStaleRunDirs, RUN_DIR_PREFIX } from '../../../src/local/run-dir.js'

const parents: string[] = []
afterEach(() => parents.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })))
const parent = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ctr-run-dir-test-'))
  parents.push(dir)
  return dir
}

// The pid of a process that has exited: a node child that ran and ended.
const deadPid = (): number => spawnSync(process.execPath, ['-e', '']).pid!

const runDir = (under: string, name: string, owner?: string) => {
  const dir = path.join(under, `${RUN_DIR_PREFIX}${name}`)
  mkdirSync(path.join(dir, '.cognito'), { recursive: true })
  if (owner !== undefined) writeFileSync(path.join(dir, OWNER_FILE), owner)
  return dir
}

describe('createRunDir', () => {
  it('creates a fresh folder owned by this process', () => {
    // Prepare
    const under = parent()

    // Act
    const dir = createRunDir(under)

    // Assess
    expect(path.basename(dir).startsWith(RUN_DIR_PREFIX)).toBe(true)
    expect(readFileSync(path.join(dir, OWNER_FILE), 'utf8')).toBe(String(process.pid))
  })

  it('removes the folder of a killed run first', () => {
    // Prepare
    const under = parent()
    const stale = runDir(under, 'killed', String(deadPid()))

    // Act
    const dir = createRunDir(under)

    // Assess
    expect(existsSync(stale)).toBe(false)
    expect(existsSync(dir)).toBe(true)
  })
})

describe('removeStaleRunDirs', () => {
  it('removes only the run folders whose owner is gone', () => {
    // Prepare
    const under = parent()
    const killed = runDir(under, 'killed', String(deadPid()))
    const running = runDir(under, 'running', String(process.pid))
    const unowned = runDir(under, 'unowned')
    const garbled = runDir(under, 'garbled', 'not a pid')
    const other = path.join(under, 'someone-else')
    mkdirSync(other)
    writeFileSync(path.join(other, OWNER_FILE), String(deadPid()))

    // Act
    const removed = removeStaleRunDirs(under)

    // Assess
    expect(removed).toStrictEqual([killed])
    expect([running, unowned, garbled, other].map(existsSync)).toStrictEqual([true, true, true, true])
  })

  it('keeps a folder whose owner runs as another user (the pid exists)', () => {
    // Prepare: pid 1 always exists; a non-root test cannot signal it (EPERM), root can.
    const under = parent()
    const init = runDir(under, 'init', '1')

    // Act
    removeStaleRunDirs(under)

    // Assess
    expect(existsSync(init)).toBe(true)
  })

  it('finds nothing in a folder that does not exist', () => {
    // Act and assess
    expect(removeStaleRunDirs(path.join(parent(), 'missing'))).toStrictEqual([])
  })
})
