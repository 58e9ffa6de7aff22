// AWS SDK client mocks (aws-sdk-client-mock) in a test file of the shared project, whose files
// share one module registry per worker: a mock left on a client's prototype would answer for the
// next file's client too.
import { afterAll } from 'vitest'

/** Returns `mock`, restored after the file's last test: `const ses = restoredAfterAll(mockClient(SESv2Client))`. */
export const restoredAfterAll = <M extends { restore(): void }>(mock: M): M => {
  afterAll(() => {
    mock.restore()
  })
  return mock
}
