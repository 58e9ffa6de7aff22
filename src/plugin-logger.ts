// -- a plugin's logger ----------------------------------------------------------------------
// What `context.logger` is inside a routed plugin: the router's logger, with every line scrubbed
// by the invocation's scrubber (the one its own lines and the user message use) and the
// correlation fields and the plugin's name added as the line's own fields, which are never masked.

import type { Invocation } from './invocation.js'
import { isLevelEnabled, type LineFields, type Logger, type LoggerLevel } from './logger.js'
import type { ResolvedRedaction } from './redaction/paths.js'

/**
 * The logger a routed plugin gets. Made on the plugin's first use of `context.logger` (most
 * plugins never log). The secrets are looked up per line, so a line written after the plugin put a
 * secret into its copy of the event (or removed one from it) is scrubbed of it too; the scrubber
 * is the invocation's, rebuilt only when the secrets changed.
 */
export class PluginLogger implements Logger {
  readonly #base: Logger
  readonly #invocation: Invocation
  readonly #redaction: ResolvedRedaction
  readonly #fields: LineFields

  constructor(base: Logger, invocation: Invocation, plugin: string, redaction: ResolvedRedaction) {
    this.#base = base
    this.#invocation = invocation
    this.#redaction = redaction
    this.#fields = { ...invocation.fields, plugin }
  }

  // Own properties, as a JsonLogger's: a plugin may pass a method on detached (`.catch(logger.error)`).
  readonly debug = (message: string, attributes?: Record<string, unknown>): void => this.#write('debug', message, attributes)
  readonly info = (message: string, attributes?: Record<string, unknown>): void => this.#write('info', message, attributes)
  readonly warn = (message: string, attributes?: Record<string, unknown>): void => this.#write('warn', message, attributes)
  readonly error = (message: string, attributes?: Record<string, unknown>): void => this.#write('error', message, attributes)
  /** As the router's logger answers; true when it cannot tell. */
  readonly isLevelEnabled = (level: LoggerLevel): boolean => isLevelEnabled(this.#base, level)

  #write(level: LoggerLevel, message: string, attributes: Record<string, unknown> | undefined): void {
    // A line the logger drops needs no secrets: collecting them is most of a line's cost.
    if (!isLevelEnabled(this.#base, level)) return
    const invocation = this.#invocation
    const scrubber = invocation.scrubberOf(invocation.secretsNow(this.#redaction.secretPaths), this.#redaction.mask)
    // The message is the plugin's text, so it is scrubbed; the level and the fields are the line's own.
    scrubber.write(this.#base, level, scrubber.clean(String(message)), attributes, this.#fields)
  }
}
