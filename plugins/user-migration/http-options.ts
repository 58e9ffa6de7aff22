// -- legacy HTTP store options ------------------------------------------------------------------
// The `http` option of user-migration, and the options of `legacyHttpStore`: one schema for both.

import * as v from 'valibot'
import { integerFrom, strictOptions } from '../../src/options.js'

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/
const ENV_MESSAGE = 'must be the name of an environment variable, such as "LEGACY_API_TOKEN"'
const URL_MESSAGE = 'must be an absolute URL such as "https://legacy.example.com/migrate"'

/** The options of the legacy HTTP store as the JSON configuration gives them. */
export const httpStoreJsonOptions = strictOptions(
  {
    url: v.string(URL_MESSAGE),
    timeoutMs: v.optional(integerFrom(50, 4500)),
    bearerTokenEnv: v.pipe(v.string(ENV_MESSAGE), v.regex(ENV_NAME, ENV_MESSAGE)),
  },
  'must be an object with "url" and "bearerTokenEnv"',
)
