// The EMF lines Powertools writes, for the tests of one file: Powertools writes them with a Console
// of its own over process.stdout, and writes nothing in its dev mode or when disabled.
import { afterEach, beforeEach, vi, type MockInstance } from 'vitest'

const POWERTOOLS_ENV = ['POWERTOOLS_DEV', 'POWERTOOLS_METRICS_DISABLED', 'POWERTOOLS_METRICS_NAMESPACE', 'POWERTOOLS_SERVICE_NAME']

/** Captures stdout around every test of the calling file, with Powertools' variables unset; returns a reader of its EMF lines. */
export const captureEmfLines = (): (() => string[]) => {
  let write: MockInstance<typeof process.stdout.write> | undefined
  beforeEach(() => {
    for (const name of POWERTOOLS_ENV) vi.stubEnv(name, undefined)
    write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true)
  })
  afterEach(() => {
    vi.restoreAllMocks()
    vi.unstubAllEnvs()
  })
  return () => (write?.mock.calls ?? []).flatMap(([chunk]) => String(chunk).split('\n')).filter((line) => line.includes('"_aws"'))
}
