// The cognito-local helpers that need no emulator: its configuration, ports, and finding it.
import { createServer } from 'node:net'
import { describe, expect, it } from 'vitest'
import { checkPortFree, cognitoLocalConfig, COGNITO_LOCAL_TRIGGERS, freePort, resolveCognitoLocal } from '../../../src/local/cognito-local.js'
import { PortInUseError } from '../../../src/local/errors.js'

describe('cognitoLocalConfig', () => {
  it('routes every trigger to a function of its own name, without retries, with a 5 s Lambda timeout and email usernames', () => {
    // Act
    const config = cognitoLocalConfig('http://127.0.0.1:1', 'http://127.0.0.1:2')

    // Assess
    expect(config).toStrictEqual({
      LambdaClient: {
        endpoint: 'http://127.0.0.1:1',
        region: 'local',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        maxRetries: 0,
        httpOptions: { connectTimeout: 1000, timeout: 5000 },
      },
      TriggerFunctions: Object.fromEntries(COGNITO_LOCAL_TRIGGERS.map((trigger) => [trigger, trigger])),
      UserPoolDefaults: { UsernameAttributes: ['email'] },
      TokenConfig: { IssuerDomain: 'http://127.0.0.1:2' },
    })
  })

  it('takes another Lambda timeout and username attributes', () => {
    // Act
    const config = cognitoLocalConfig('x', 'y', { lambdaTimeoutMs: 1500, usernameAttributes: [] })

    // Assess
    expect([config.LambdaClient.httpOptions.timeout, config.UserPoolDefaults.UsernameAttributes]).toStrictEqual([1500, []])
  })
})

describe('ports and the emulator', () => {
  it('finds a free port, and says which flag to change when one is taken', async () => {
    // Prepare
    const port = await freePort()
    const server = createServer()
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))

    // Act
    const taken = await checkPortFree(port, 'cognito-local', '--cognito-port').catch((error: Error) => error)
    server.close()

    // Assess
    expect(port).toBeGreaterThan(0)
    expect(taken).toBeInstanceOf(PortInUseError)
    expect((taken as Error).message).toContain('pass --cognito-port 0 for a free port')
    await expect(checkPortFree(await freePort(), 'x', '--x')).resolves.toBeUndefined()
  })

  it('finds the installed cognito-local start script', () => {
    // Act and assess
    expect(resolveCognitoLocal()).toMatch(/node_modules[/\\]cognito-local[/\\]lib[/\\]bin[/\\]start\.js$/)
  })
})
