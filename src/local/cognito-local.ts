// -- cognito-local ---------------------------------------------------------------------------
// Runs the cognito-local emulator (a devDependency) as a child process, configured per the
// project's recipe (docs: cognito-local.md): a fresh data folder as its cwd (it keeps
// `.cognito/` there), HOST=127.0.0.1, a free port, CODE=123456, every trigger it can invoke
// routed to our endpoint under the trigger's own name (so its error text matches AWS's),
// no Lambda retries, and a 5 s Lambda timeout like Cognito's.

import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import path from 'node:path'
import { LocalStackError, PortInUseError } from './errors.js'
import { createRunDir } from './run-dir.js'
import { HOST } from './server.js'

/** Every trigger cognito-local invokes, by its config key (CustomEmailSender left out: see below). */
export const COGNITO_LOCAL_TRIGGERS = [
  'PreSignUp',
  'PostConfirmation',
  'PreTokenGeneration',
  'PostAuthentication',
  'CustomMessage',
  'UserMigration',
] as const

/** The code cognito-local uses for every confirmation, reset and MFA code. */
export const CODE = '123456'

/** Options of {@link startCognitoLocal}. */
export interface CognitoLocalOptions {
  /** The Lambda Invoke endpoint every trigger goes to. */
  readonly lambdaUrl: string
  /** Default 0: a free port. */
  readonly port?: number
  readonly portFlag?: string
  /** Lambda calls that take longer fail, like Cognito's own trigger timeout. Default 5000. */
  readonly lambdaTimeoutMs?: number
  /** `UserPoolDefaults.UsernameAttributes`. Default `['email']`. */
  readonly usernameAttributes?: readonly string[]
  /** Every line cognito-local prints (colour codes removed). */
  readonly onOutput?: (line: string) => void
  /** How long to wait for `/health`. Default 20000. */
  readonly startTimeoutMs?: number
}

/** A running cognito-local. */
export interface CognitoLocal {
  /** `http://127.0.0.1:<port>`: the `--endpoint-url` for `aws cognito-idp`. */
  readonly url: string
  readonly port: number
  readonly pid: number
  /** The temporary folder holding `.cognito/`; removed by close(), or by the next run if this process is killed. */
  readonly dataDir: string
  /** The last lines it printed, for error messages. */
  output(): string
  /** Resolves when the process has exited, for whatever reason. */
  readonly exited: Promise<void>
  /** Stops the process (SIGTERM, then SIGKILL after 3 s) and removes the data folder. Safe to call twice. */
  close(): Promise<void>
}

// The child exits when its stdin closes, i.e. when this process ends for any reason, even
// SIGKILL: no orphaned emulator keeps a port.
const WATCHDOG = "process.stdin.on('end',()=>process.exit(0));process.stdin.on('error',()=>process.exit(0));process.stdin.resume();require(process.argv[1])"
const ANSI = new RegExp(String.raw`\u001b\[[0-9;]*m`, 'g')
const TAIL = 60

/** The path of cognito-local's start script, from this package or the current project. */
export const resolveCognitoLocal = (): string => {
  for (const from of [import.meta.url, path.join(process.cwd(), 'package.json')]) {
    try {
      return createRequire(from).resolve('cognito-local/lib/bin/start.js')
    } catch {
      // try the next place
    }
  }
  throw new LocalStackError('cognito-local is not installed; add it with: npm install --save-dev cognito-local@5.3.0')
}

/** A port free on 127.0.0.1 right now (the emulator needs a number before it starts). */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, HOST, () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0))
    })
  })

/** Resolves `port`, or throws PortInUseError when something listens there. */
export const checkPortFree = (port: number, what: string, flag: string): Promise<void> =>
  new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE' ? new PortInUseError(what, port, flag) : error))
    server.listen(port, HOST, () => server.close(() => resolve()))
  })

/** The `.cognito/config.json` of the recipe. */
export const cognitoLocalConfig = (lambdaUrl: string, issuer: string, options: Pick<CognitoLocalOptions, 'lambdaTimeoutMs' | 'usernameAttributes'> = {}) => ({
  LambdaClient: {
    endpoint: lambdaUrl,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    // aws-sdk v2 options: fail at once instead of retrying, and give up like Cognito does.
    maxRetries: 0,
    httpOptions: { connectTimeout: 1000, timeout: options.lambdaTimeoutMs ?? 5000 },
  },
  // cognito-local writes the function name into "<name> failed with error …"; AWS writes the trigger name.
  TriggerFunctions: Object.fromEntries(COGNITO_LOCAL_TRIGGERS.map((trigger) => [trigger, trigger])),
  UserPoolDefaults: { UsernameAttributes: [...(options.usernameAttributes ?? ['email'])] },
  TokenConfig: { IssuerDomain: issuer },
})

const childEnv = (port: number): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, HOST, PORT: String(port), CODE, AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1' }
  // DEBUG (often set for the `debug` package) would turn on full event dumps, passwords included.
  delete env.DEBUG
  for (const key of Object.keys(env)) if (key.startsWith('AWS_ENDPOINT_URL')) delete env[key]
  return env
}

const exited = (child: ChildProcess): boolean => child.exitCode !== null || child.signalCode !== null

const waitForExit = (child: ChildProcess, ms: number): Promise<boolean> =>
  exited(child)
    ? Promise.resolve(true)
    : new Promise((resolve) => {
        const timer = setTimeout(() => resolve(false), ms)
        child.once('exit', () => {
          clearTimeout(timer)
          resolve(true)
        })
      })

/**
 * Starts cognito-local and waits until `/health` answers.
 *
 * @example
 * ```ts
 * const cognito = await startCognitoLocal({ lambdaUrl: endpoint.url })
 * const client = new CognitoIdentityProviderClient({ endpoint: cognito.url, region: 'local', maxAttempts: 1, credentials })
 * await cognito.close()
 * ```
 */
export const startCognitoLocal = async (options: CognitoLocalOptions): Promise<CognitoLocal> => {
  const script = resolveCognitoLocal()
  const flag = options.portFlag ?? '--cognito-port'
  if (options.port !== undefined && options.port !== 0) await checkPortFree(options.port, 'cognito-local', flag)
  const port = options.port !== undefined && options.port !== 0 ? options.port : await freePort()
  const url = `http://${HOST}:${port}`
  const dataDir = createRunDir() // and removes the folders of runs that were killed
  mkdirSync(path.join(dataDir, '.cognito'))
  writeFileSync(path.join(dataDir, '.cognito', 'config.json'), JSON.stringify(cognitoLocalConfig(options.lambdaUrl, url, options), null, 2))

  const lines: string[] = []
  const child = spawn(process.execPath, ['-e', WATCHDOG, script], { cwd: dataDir, env: childEnv(port), stdio: ['pipe', 'pipe', 'pipe'] })
  const collect = (chunk: Buffer) => {
    for (const raw of chunk.toString('utf8').split('\n')) {
      const line = raw.replace(ANSI, '').trimEnd()
      if (line === '') continue
      lines.push(line)
      if (lines.length > TAIL) lines.shift()
      options.onOutput?.(line)
    }
  }
  const exitedPromise = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.stdout?.on('data', collect)
  child.stderr?.on('data', collect)
  const output = () => lines.join('\n')

  let closing: Promise<void> | undefined
  const close = () =>
    (closing ??= (async () => {
      if (!exited(child)) {
        child.kill('SIGTERM')
        if (!(await waitForExit(child, 3000))) {
          child.kill('SIGKILL')
          await waitForExit(child, 1000)
        }
      }
      child.stdin?.destroy()
      rmSync(dataDir, { recursive: true, force: true })
    })())

  const deadline = Date.now() + (options.startTimeoutMs ?? 20_000)
  for (;;) {
    if (exited(child)) {
      await close()
      throw new LocalStackError(`cognito-local exited during start-up (code ${String(child.exitCode ?? child.signalCode)}):\n${output()}`)
    }
    try {
      const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) })
      if (response.ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await close()
      throw new LocalStackError(`cognito-local did not answer on ${url}/health within ${options.startTimeoutMs ?? 20_000} ms:\n${output()}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return { url, port, pid: child.pid ?? -1, dataDir, output, exited: exitedPromise, close }
}
