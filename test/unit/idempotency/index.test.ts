import { describe, expect, it } from 'vitest'
import * as idempotency from '../../../src/idempotency/index.js'
import * as key from '../../../src/idempotency/key.js'
import * as options from '../../../src/idempotency/options.js'

describe('src/idempotency/index.ts', () => {
  it('exports exactly what the key and options modules export', () => {
    expect({ ...idempotency }).toEqual({ ...key, ...options })
  })
})
