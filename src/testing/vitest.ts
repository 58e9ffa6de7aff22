// The plugin contract as vitest tests: `cognito-trigger-router/testing/vitest`. Its own entry, so
// that `cognito-trigger-router/testing` (the checks themselves) never imports vitest.

import { describe, expect, it } from 'vitest'
import { validatePlugin, type AnyPlugin } from '../plugin.js'
import { checkPluginContract, contractTimeoutMs, type ContractOptions } from './contract.js'

/**
 * Registers the plugin contract as vitest tests, one per source the plugin handles (or per source
 * in `options.sources`): the reply is a valid echo or a fail-closed rejection, a retry behaves the
 * same, no secret of the event reaches a log line or the user, `event.request` is left alone, and
 * the plugin stops when its deadline aborts `context.signal`. Each test has its own timeout, from
 * the deadline and the number of events (see `contractTimeoutMs`), so a plugin that hangs fails
 * with a `deadline` violation naming the problem, not with vitest's 5 s test timeout.
 *
 * @example
 * ```ts
 * import { describePluginContract } from 'cognito-trigger-router/testing/vitest'
 * import { myPlugin } from '../src/my-plugin.js'
 *
 * describePluginContract(myPlugin)
 * describePluginContract(mySlowPlugin, { deadlineMs: 4500 }) // the deadline it runs with in production
 * ```
 */
export const describePluginContract = (plugin: AnyPlugin, options: ContractOptions = {}): void => {
  // Sources that are not an array are refused by checkPluginContract, in every test.
  const sources = Array.isArray(options.sources) && options.sources.length > 0 ? options.sources : validatePlugin(plugin)
  describe(`plugin contract: ${plugin.name}`, () => {
    for (const source of sources) {
      it(`keeps the contract on ${source}`, async () => {
        const violations = await checkPluginContract(plugin, { ...options, sources: [source] })
        // The failure's message names every broken rule, as well as the diff does.
        expect(violations, violations.map(({ rule, detail }) => `${rule}: ${detail}`).join('; ')).toStrictEqual([])
      }, contractTimeoutMs(options, source))
    }
  })
}
