// The client's parser against any message a plugin can write: what the wire format carries comes
// back unchanged, and nothing the parser is given makes it throw.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { TRIGGER_FAMILIES } from '../../src/catalogue.js'
import { parseTriggerError } from '../../src/client/index.js'
import { awsSdkV3 } from '../unit/client/clients.js'

// The count is small here so `npm test` stays fast; `npm run fuzz` runs the same properties longer.
const RUNS = Number(process.env.FUZZ_RUNS ?? 150)
const TIMEOUT = 10_000 + RUNS * 2

const trigger = fc.constantFrom(...Object.values(TRIGGER_FAMILIES).map((family) => family.slot))
const code = fc.stringMatching(/^[A-Z0-9_]{1,40}$/)
// Any text, as the router sends it: trimmed (Cognito's reader trims too). It may hold brackets,
// periods, line breaks and "(reference …)".
const message = fc
  .oneof(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.constantFrom('[a] b', 'v2.1. Update.', '(reference x)', 'line\nbreak', '...'))
  .map((text) => text.trim())

describe('parseTriggerError over any message', () => {
  it(
    'gives back the trigger, the code and the message of `<Trigger> failed with error [<CODE>] <message>.`',
    () => {
      fc.assert(
        fc.property(trigger, code, message, (name, wanted, text) => {
          const info = parseTriggerError(awsSdkV3(`${name} failed with error [${wanted}] ${text}.`))
          expect(info).toMatchObject({ trigger: name, code: wanted, message: text })
        }),
        { numRuns: RUNS },
      )
    },
    TIMEOUT,
  )

  it(
    'gives back the message of a refusal without a code, unless the message itself starts like one',
    () => {
      const uncoded = message.filter((text) => !/^\[[A-Z0-9_]+\](?: |$)/.test(text))
      fc.assert(
        fc.property(trigger, uncoded, (name, text) => {
          expect(parseTriggerError(awsSdkV3(`${name} failed with error ${text}.`))).toMatchObject({ trigger: name, code: undefined, message: text })
        }),
        { numRuns: RUNS },
      )
    },
    TIMEOUT,
  )

  it(
    'never throws, whatever it is given',
    () => {
      fc.assert(
        fc.property(fc.oneof(fc.anything(), fc.string(), fc.record({ name: fc.constant('UserLambdaValidationException'), message: fc.string() })), (value) => {
          expect(() => parseTriggerError(value)).not.toThrow()
        }),
        { numRuns: RUNS },
      )
    },
    TIMEOUT,
  )
})
