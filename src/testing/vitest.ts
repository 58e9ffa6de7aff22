// The plugin contract as vitest tests: `cognito-trigger-router/testing/vitest`. Its own entry, so
// that `cognito-trigger-router/testing` (the checks themselves) never imports vitest.

import { describe, expect, it } from 'vitest'
import { validatePlugin, type AnyPlugin } from '../plugin.js'
import { checkPluginContract, type ContractOptions } from './contract.js'

/**
 * Registers the plugin contract as vitest tests, one per source the plugin handles: the reply is
 * a valid echo or a fail-closed rejection, a retry behaves the same, no secret of the event
 * reaches a log line or the user, and `event.request` is left alone.
 *
 * @example
 * ```ts
 * import { describePluginContract } from 'cognito-trigger-router/testing/vitest'
 * import { myPlugin } from '../src/my-plugin.js'
 *
 * describePluginContract(myPlugin)
 * ```
 */
export const describePluginContract = (plugin: AnyPlugin, options: ContractOptions = {}): void => {
  describe(`plugin contract: ${plugin.name}`, () => {
    it.each(validatePlugin(plugin))('keeps the contract on %s', async (source) => {
      expect(await checkPluginContract(plugin, { ...options, sources: [source] })).toStrictEqual([])
    })
  })
}
