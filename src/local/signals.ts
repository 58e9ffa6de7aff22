// Ctrl-C and `kill` end a local run cleanly: the first signal starts the clean-up, a second one
// (the handlers are gone by then) ends the process at once.

/** Resolves with the first SIGINT or SIGTERM, or `'aborted'` when `abort` fires first. */
export const untilStopped = (abort?: AbortSignal): Promise<NodeJS.Signals | 'aborted'> =>
  new Promise((resolve) => {
    const done = (reason: NodeJS.Signals | 'aborted') => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      abort?.removeEventListener('abort', aborted)
      resolve(reason)
    }
    const stop = (signal: NodeJS.Signals) => done(signal)
    const aborted = () => done('aborted')
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
    if (abort?.aborted) aborted()
    else abort?.addEventListener('abort', aborted, { once: true })
  })
