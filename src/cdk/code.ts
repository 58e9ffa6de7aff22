// -- the Lambda bundle as a CDK asset ----------------------------------------------------
// `npm run build` writes the function to dist/index.mjs plus dist/chunks/ (code loaded on first
// use). This module ships as dist/src/cdk/code.js, so the bundle is two folders up from it.

import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Code } from 'aws-cdk-lib/aws-lambda'
import { ConfigurationError } from '../errors.js'

/** The folder of the installed package's `index.mjs` (dist/ when this file runs from dist/src/cdk/). */
export const DEFAULT_BUNDLE_DIR = fileURLToPath(new URL('../../', import.meta.url))

/**
 * The router's Lambda code: `index.mjs` and `chunks/` from `dir` (handler `index.handler`), and
 * nothing else from that folder — dist/ also holds the library, the CLI and the zip.
 *
 * @example
 * ```ts
 * new CognitoTriggerRouter(this, 'Router', { userPool, config, code: routerCode('./build/router') })
 * ```
 */
export const routerCode = (dir: string = DEFAULT_BUNDLE_DIR): Code => {
  if (!existsSync(join(dir, 'index.mjs'))) {
    throw new ConfigurationError(
      `no Lambda bundle at ${join(dir, 'index.mjs')}: run "npm run build" in cognito-trigger-router, or pass the "code" prop`,
    )
  }
  return Code.fromAsset(dir, { exclude: ['*', '!index.mjs', '!index.mjs.map', '!chunks', '!chunks/*.mjs'] })
}
