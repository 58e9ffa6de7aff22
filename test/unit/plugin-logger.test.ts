import { describe, expect, it, vi } from 'vitest'
import { Invocation } from '../../src/invocation.js'
import { jsonLogger, type Logger } from '../../src/logger.js'
import { PluginLogger } from '../../src/plugin-logger.js'
import { resolveRedaction } from '../../src/redaction/paths.js'
import { createEvent } from '../../src/testing/events.js'
import { lambdaContext } from '../helpers/lambda.js'

const PASSWORD = 'Legacy-Passw0rd!'
const invocation = (): Invocation =>
  new Invocation(createEvent('UserMigration_Authentication', { overrides: { request: { password: PASSWORD } } }), lambdaContext())

describe('a plugin’s logger', () => {
  it.each([
    ['debug', false],
    ['info', true],
    ['error', true],
  ] as const)('answers whether %s is written as the router’s logger does (%s)', (level, expected) => {
    // Prepare
    const logger = new PluginLogger(jsonLogger({ level: 'INFO', sink: () => undefined }), invocation(), 'legacy-login', resolveRedaction())

    // Act
    const enabled = logger.isLevelEnabled(level)

    // Assess
    expect(enabled).toBe(expected)
  })

  it('drops a line below the router logger’s level without collecting the secrets', () => {
    // Prepare
    const state = invocation()
    const secretsNow = vi.spyOn(state, 'secretsNow')
    const lines: string[] = []
    const logger = new PluginLogger(jsonLogger({ level: 'INFO', sink: (line) => lines.push(line) }), state, 'legacy-login', resolveRedaction())

    // Act
    logger.debug(`tried ${PASSWORD}`)

    // Assess
    expect(lines).toStrictEqual([])
    expect(secretsNow).not.toHaveBeenCalled()
  })

  it('scrubs the message and the attributes, and writes the correlation fields and its plugin as given, even detached', () => {
    // Prepare
    const warn = vi.fn()
    const base: Logger = { debug: vi.fn(), info: vi.fn(), warn, error: vi.fn() }
    const { warn: detached } = new PluginLogger(base, invocation(), 'legacy-login', resolveRedaction({ mask: '***' }))

    // Act
    detached(`refused ${PASSWORD}`, { upstream: PASSWORD.toUpperCase() })

    // Assess
    expect(warn.mock.calls).toStrictEqual([
      [
        'refused ***',
        {
          triggerSource: 'UserMigration_Authentication',
          userPoolId: 'us-east-1_EXAMPLE',
          clientId: '1example23456789',
          requestId: 'req-0000-1111',
          plugin: 'legacy-login',
          upstream: '***',
        },
      ],
    ])
  })
})
