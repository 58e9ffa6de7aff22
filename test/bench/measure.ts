// Per-invocation cost, in this process: time (tinybench, one sample per invocation) and heap
// allocated. Variants run in interleaved rounds whose order rotates, so background load and JIT
// drift hit every variant alike.

import v8 from 'node:v8'
import vm from 'node:vm'
import { Bench } from 'tinybench'

export type Handler = (event: unknown, context: unknown) => Promise<unknown>

export interface Variant {
  readonly key: string
  readonly label: string
  readonly handler: Handler
  readonly events: readonly unknown[]
  /** Milliseconds per invocation, one sample each. */
  readonly samples: number[]
  /** Log lines written while timed. */
  lines: number
}

const rotated = <T>(items: readonly T[], round: number): T[] => items.map((_, i) => items[(i + round) % items.length] as T)

/** Runs every variant `count` times: JIT warm-up before anything is measured. */
export const warmUp = async (variants: readonly Variant[], context: unknown, count: number): Promise<void> => {
  for (const variant of variants) {
    for (let i = 0; i < count; i++) await variant.handler(variant.events[i % variant.events.length], context)
  }
}

/** Times `invocations` invocations of every variant in `rounds` interleaved rounds. */
export const measureTime = async (
  variants: readonly Variant[],
  context: unknown,
  sink: { lines: number },
  invocations: number,
  rounds: number,
  progress: (round: number) => void = () => undefined,
): Promise<void> => {
  const perRound = Math.ceil(invocations / rounds)
  for (let round = 0; round < rounds; round++) {
    for (const variant of rotated(variants, round)) {
      const bench = new Bench({ iterations: perRound, time: 0, warmup: false, retainSamples: true, throws: true })
      let next = round * perRound
      const { events, handler } = variant
      bench.add(variant.key, async () => {
        await handler(events[next++ % events.length], context)
      })
      const lines = sink.lines
      await bench.run()
      const result = bench.tasks[0]?.result
      if (result?.state !== 'completed' || result.latency.samples === undefined) {
        throw new Error(`${variant.label}: benchmark did not complete (${result?.state})`)
      }
      variant.lines += sink.lines - lines
      for (const sample of result.latency.samples) variant.samples.push(sample)
    }
    progress(round + 1)
  }
}

// -- heap allocated -----------------------------------------------------------------------------
// Node 24 has no counter of allocated bytes (v8.getHeapStatistics() has no total_allocated_bytes),
// and a garbage collection inside a window makes a plain heapUsed delta too small. So each window
// starts from a full collection (gc(): node --expose-gc's, or exposed at run time), and v8.GCProfiler
// records every collection inside it: allocated = used at the end - used at the start + what
// each collection freed (used before it - used after it).

let collect: (() => void) | undefined
const fullGc = (): void => {
  if (collect === undefined) {
    const exposed = (globalThis as { gc?: () => void }).gc
    if (exposed === undefined) v8.setFlagsFromString('--expose-gc')
    collect = exposed ?? (vm.runInNewContext('gc') as () => void)
  }
  collect()
}

/** Bytes allocated on the V8 heap while `run` runs, garbage collections included. */
export const allocatedDuring = async (run: () => Promise<void>): Promise<{ bytes: number; collections: number }> => {
  fullGc()
  const profiler = new v8.GCProfiler()
  profiler.start()
  const before = v8.getHeapStatistics().used_heap_size
  await run()
  const after = v8.getHeapStatistics().used_heap_size
  const { statistics } = profiler.stop()!
  const freed = statistics.reduce((sum, gc) => sum + gc.beforeGC.heapStatistics.usedHeapSize - gc.afterGC.heapStatistics.usedHeapSize, 0)
  return { bytes: after - before + freed, collections: statistics.length }
}

/**
 * Bytes allocated per invocation of each variant: `rounds` interleaved windows of `perRound`
 * invocations each; one figure per window.
 */
export const measureAllocation = async (
  variants: readonly Pick<Variant, 'key' | 'handler' | 'events'>[],
  context: unknown,
  perRound: number,
  rounds: number,
): Promise<Map<string, number[]>> => {
  const perInvocation = new Map<string, number[]>(variants.map((variant) => [variant.key, []]))
  for (let round = 0; round < rounds; round++) {
    for (const { key, handler, events } of rotated(variants, round)) {
      const { bytes } = await allocatedDuring(async () => {
        for (let i = 0; i < perRound; i++) await handler(events[i % events.length], context)
      })
      perInvocation.get(key)!.push(bytes / perRound)
    }
  }
  return perInvocation
}
