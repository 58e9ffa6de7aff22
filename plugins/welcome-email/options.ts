// -- welcome-email options ----------------------------------------------------------------------
// Checked at cold start: a sender SES refuses or a template without a fallback would otherwise
// fail the first confirmed user's welcome email, silently (the plugin fails open by default).

import type { SESv2Client } from '@aws-sdk/client-sesv2'
import * as v from 'valibot'
import { ConfigurationError } from '../../src/index.js'
import { codeOnly, extendOptions, hasSend, parseOptions } from '../../src/options.js'
import type { WelcomeEmailOptions } from './index.js'
import { compileTemplates, normalizeLocale } from './template.js'
import { manifest } from './manifest.js'

const codeOptions = extendOptions(
  manifest.options,
  { client: v.optional(codeOnly<SESv2Client>(hasSend, 'must be an SESv2Client')) },
  'must be an object with "from" and "templates"',
)

/** Validates the options of `welcomeEmail`, throwing a ConfigurationError that names the bad option. */
export const resolveOptions = (options: WelcomeEmailOptions | undefined) => {
  const given = parseOptions(codeOptions, options)
  const { from, fallbackLocale = 'default', configurationSetName, requireVerifiedEmail = true, failOpen = true, client } = given
  const templates = compileTemplates(given.templates)
  const fallback = normalizeLocale(fallbackLocale)
  if (!templates.has(fallback)) {
    const problem = given.fallbackLocale === undefined ? '"templates" needs a "default" locale' : '"fallbackLocale" must name a locale of "templates"'
    throw new ConfigurationError(`${problem} (have: ${[...templates.keys()].join(', ')})`)
  }
  return { from, templates, fallback, configurationSetName, requireVerifiedEmail, failOpen, client }
}
