// -- describing what was thrown ---------------------------------------------------------------
// Anything can be thrown or rejected: an Error with a throwing getter, a revoked proxy, a BigInt,
// a cyclic cause chain. The error line describes it without ever throwing itself.

// A cause chain longer than this is almost certainly a bug; the line must stay bounded.
const MAX_CAUSES = 16

/** A thrown value as the error line shows it. */
export interface Described {
  name: string
  message: string
  stack?: string
}

// JSON of anything: BigInt and symbols become text, repeated objects a marker, and a throwing
// getter or a revoked proxy a fixed description instead of an exception.
const safeJson = (value: unknown): string => {
  const seen = new WeakSet<object>()
  try {
    return JSON.stringify(value, (_key, item: unknown) => {
      if (typeof item === 'bigint') return `${item}n`
      if (typeof item === 'symbol' || typeof item === 'function') return String(item)
      if (typeof item === 'object' && item !== null) {
        if (seen.has(item)) return '[Circular]'
        seen.add(item)
      }
      return item
    })
  } catch {
    return `[a value of type ${typeof value} that cannot be described]`
  }
}

const textOf = (value: unknown): string =>
  typeof value === 'object' && value !== null ? safeJson(value) : String(value)

const readText = (read: () => unknown): string | undefined => {
  try {
    const value = read()
    return value === undefined ? undefined : textOf(value)
  } catch {
    return '[unreadable]'
  }
}

/** `null`, `array`, or the `typeof` of anything else. */
export const kindOf = (value: unknown): string => {
  if (value === null) return 'null'
  return Array.isArray(value) ? 'array' : typeof value
}

/** Name, message and stack of an Error, or a description of whatever else was thrown; never throws. */
export const describeThrown = (value: unknown): Described => {
  try {
    if (value instanceof Error) {
      const stack = readText(() => value.stack)
      return {
        name: readText(() => value.name) ?? 'Error',
        message: readText(() => value.message) ?? '',
        ...(stack === undefined ? {} : { stack }),
      }
    }
    return { name: `non-Error ${kindOf(value)}`, message: textOf(value) }
  } catch {
    // `instanceof` runs proxy traps, which may throw.
    return { name: 'unknown', message: '[a thrown value that cannot be described]' }
  }
}

const causeOf = (value: unknown): unknown => {
  if (typeof value !== 'object' || value === null) return undefined
  try {
    return 'cause' in value ? value.cause : undefined
  } catch {
    return undefined
  }
}

/** The thrown value, then its cause, its cause's cause...; stops at a repeat (cycle) or a bound. */
export const causeChain = (error: unknown): unknown[] => {
  const chain: unknown[] = [error]
  let current = causeOf(error)
  while (current !== undefined && chain.length < MAX_CAUSES && !chain.includes(current)) {
    chain.push(current)
    current = causeOf(current)
  }
  return chain
}

/** The first `plugin` named along a cause chain (PluginError carries one). */
export const pluginOf = (chain: readonly unknown[]): string | undefined => {
  for (const link of chain) {
    const plugin = readText(() =>
      typeof link === 'object' && link !== null && 'plugin' in link ? link.plugin : undefined,
    )
    if (plugin !== undefined) return plugin
  }
  return undefined
}
