// Shared by the end-to-end tests: the plugin registry they run with, and small helpers around
// the local stack (src/local/stack.ts) that cognito-local drives.
import { InitiateAuthCommand, SignUpCommand, type AuthenticationResultType } from '@aws-sdk/client-cognito-identity-provider'
import { builtinPlugins } from '../../../plugins/index.js'
import type { PluginFactory } from '../../../src/config.js'
import type { InvocationRecord } from '../../../src/local/server.js'
import type { Stack } from '../../../src/local/stack.js'

/** The built-in plugins, as `npm start` and the Lambda entry use them. */
export const registry: Readonly<Record<string, PluginFactory>> = builtinPlugins

export const PASSWORD = 'Passw0rd!'

/** A stack start is about a second, cognito-local's start-up; leave room for a loaded CI machine. */
export const STACK_TIMEOUT = 30_000

/** The payload of a JWT (cognito-local's tokens are real RS256 JWTs). */
export const claimsOf = (token: string | undefined): Record<string, unknown> =>
  JSON.parse(Buffer.from((token ?? '').split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>

/** Runs `action` and returns the invocations of the endpoint it caused, with its result. */
export const observe = async <T>(stack: Stack, action: () => Promise<T>): Promise<{ result: T; invocations: InvocationRecord[] }> => {
  const before = stack.invocations.at(-1)?.seq ?? 0
  const result = await action()
  return { result, invocations: stack.invocations.filter((record) => record.seq > before) }
}

/** `PreSignUp_SignUp: signup-policy` per invocation, to compare in one assertion. */
export const summary = (invocations: readonly InvocationRecord[]): string[] =>
  invocations.map((record) => `${record.triggerSource ?? '?'}: ${record.plugins.map((run) => `${run.plugin}${run.outcome === 'ok' ? '' : ` (${run.outcome})`}`).join(', ') || '-'} -> ${record.outcome}`)

export const signUp = (stack: Pick<Stack, 'client' | 'clientId'>, email: string, password = PASSWORD) =>
  stack.client.send(new SignUpCommand({ ClientId: stack.clientId, Username: email, Password: password }))

export const signIn = async (stack: Stack, email: string, password = PASSWORD): Promise<AuthenticationResultType> => {
  const result = await stack.client.send(
    new InitiateAuthCommand({ ClientId: stack.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD: password } }),
  )
  return result.AuthenticationResult ?? {}
}

/** The error a promise rejects with (name, message), or a failure if it resolves. */
export const rejection = async (promise: Promise<unknown>): Promise<{ name: string; message: string }> => {
  try {
    await promise
  } catch (error) {
    return { name: (error as Error).name, message: (error as Error).message }
  }
  throw new Error('expected the call to fail, and it succeeded')
}
