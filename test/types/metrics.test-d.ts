import { describe, expectTypeOf, it } from 'vitest'
import { METRICS, type MetricsOptions, type PluginRun, type RouterOptions } from '../../src/index.js'

describe('the metrics option', () => {
  it('takes true, false or the options object', () => {
    expectTypeOf<true>().toExtend<RouterOptions['metrics']>()
    expectTypeOf<false>().toExtend<RouterOptions['metrics']>()
    expectTypeOf<{ namespace: 'Auth'; service: 'sign-up'; dimensions: { environment: 'prod' } }>().toExtend<MetricsOptions>()
  })

  it('takes dimensions with text values only', () => {
    expectTypeOf<{ dimensions: { environment: 1 } }>().not.toExtend<MetricsOptions>()
    expectTypeOf<'on'>().not.toExtend<RouterOptions['metrics']>()
  })

  it('names its metrics with literal types, for dashboards written in code', () => {
    expectTypeOf(METRICS.deadlineHits.name).toEqualTypeOf<'DeadlineHits'>()
    expectTypeOf(METRICS.duration.unit).toEqualTypeOf<'Milliseconds'>()
  })

  it('marks a deadline hit on a plugin run with an optional literal true', () => {
    expectTypeOf<PluginRun['deadline']>().toEqualTypeOf<true | undefined>()
  })
})
