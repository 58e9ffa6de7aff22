// Where a test that writes thousands of files puts them. On these machines the system's temporary
// folder is on an ext4 disk mounted with `discard`: installing the packed package (7,500 files)
// cost 7 s of kernel time there and under 3 s in /dev/shm, a memory file system. Elsewhere (no
// /dev/shm, as on macOS) it is the system's temporary folder.
import { accessSync, constants, statSync } from 'node:fs'
import { tmpdir } from 'node:os'

const SHM = '/dev/shm'

const usable = (dir: string): boolean => {
  try {
    accessSync(dir, constants.W_OK)
    return statSync(dir).isDirectory()
  } catch {
    return false
  }
}

/** A folder for many small temporary files: /dev/shm when it is a writable folder, else os.tmpdir(). */
export const manyFilesTempDir = (): string => (usable(SHM) ? SHM : tmpdir())
