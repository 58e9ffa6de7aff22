// The `cognito-trigger-router` bin (bundled to dist/cli.mjs): runs a command and exits with its
// code. Long-running commands leave handles (child process pipes, SDK sockets) that must not keep
// a finished CLI alive.

import { main } from './local/main.js'

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`cognito-trigger-router: ${String(error)}\n`)
    process.exit(1)
  },
)
