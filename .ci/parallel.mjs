#!/usr/bin/env node
// Runs shell commands at the same time, each line of output prefixed with its command's label, and
// exits non-zero when any of them fails (after all have finished, so every error is shown).
// `npm test` runs the lint next to the build's type check: both are single-threaded, and one after
// the other they left a core idle for half a minute.
// Usage: node .ci/parallel.mjs 'label=command' ['label=command' ...]
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'

const jobs = process.argv.slice(2).map((arg) => {
  const at = arg.indexOf('=')
  if (at <= 0) throw new Error(`expected label=command, got "${arg}"`)
  return { label: arg.slice(0, at), command: arg.slice(at + 1) }
})
if (jobs.length === 0) throw new Error('usage: node .ci/parallel.mjs label=command [label=command ...]')
const width = Math.max(...jobs.map(({ label }) => label.length))

const children = []
const run = ({ label, command }) =>
  new Promise((resolve) => {
    const child = spawn(command, { shell: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '0' } })
    children.push(child)
    const prefix = `[${label.padEnd(width)}] `
    for (const [stream, out] of [[child.stdout, process.stdout], [child.stderr, process.stderr]]) {
      createInterface({ input: stream }).on('line', (line) => out.write(`${prefix}${line}\n`))
    }
    child.on('error', (error) => {
      process.stderr.write(`${prefix}could not start: ${error.message}\n`)
      resolve(1)
    })
    child.on('close', (code, signal) => {
      if (code !== 0) process.stderr.write(`${prefix}failed (${signal ?? `exit code ${code}`}): ${command}\n`)
      resolve(code ?? 1)
    })
  })

// Ctrl-C or a kill of `npm test` stops the commands too.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const child of children) child.kill(signal)
    process.exitCode = 1
  })
}

const codes = await Promise.all(jobs.map(run))
process.exitCode = codes.some((code) => code !== 0) ? 1 : 0
