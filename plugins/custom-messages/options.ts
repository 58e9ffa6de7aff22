// -- custom-messages options -----------------------------------------------------------------
// Every rule Cognito applies to a CustomMessage reply (AWS docs: "Custom message Lambda trigger") is checked here, once, against the
// templates: a message that would be refused on a user's sign-up must fail the deployment instead.

import { ConfigurationError, TRIGGER_FAMILIES } from '../../src/index.js'
import { parseOptions } from '../../src/options.js'
import { normalizeLocale } from '../message-templates/index.js'
import {
  compileCatalogue,
  type CompiledCatalogue,
  type CompiledTemplate,
  type LocaleTemplates,
  type MessageField,
  type TemplateCheck,
} from '../message-templates/index.js'
import { manifest } from './manifest.js'

/** The occasions of `CustomMessage_<occasion>` trigger sources. */
export const CUSTOM_MESSAGE_OCCASIONS = TRIGGER_FAMILIES.CustomMessage.occasions
export type CustomMessageOccasion = (typeof CUSTOM_MESSAGE_OCCASIONS)[number]

/** Templates by occasion (or `default`, for every occasion without its own key), then by locale. */
export type CustomMessageTemplates = Readonly<Partial<Record<CustomMessageOccasion | 'default', LocaleTemplates>>>

/** Options of `customMessages`. */
export interface CustomMessagesOptions {
  /** Templates by occasion, then locale. */
  readonly templates: CustomMessageTemplates
  /** The locale used when the user's own one has no template. Default `en`. */
  readonly fallbackLocale?: string
  /** The user attribute holding the user's locale. Default `locale`. */
  readonly localeAttribute?: string
  /** `{{attr:…}}` values are cut to this many characters (1–2048). Default 64. */
  readonly attributeMaxLength?: number
}

/** Cognito's limits in characters (AWS docs: "Custom message Lambda trigger", API MessageTemplateType). */
export const LIMITS: Readonly<Record<MessageField, number>> = { emailSubject: 140, emailMessage: 20_000, smsMessage: 140 }

/**
 * What each placeholder counts for when a template is measured at cold start. The values are
 * Cognito's own placeholders (`{####}`, `{username}`, `{##Click Here##}`), which Cognito replaces
 * after the reply, so these leave room for longer ones and for a code it counts after substitution.
 */
export const ALLOWANCE = { code: 16, username: 16, link: 64 } as const

/** An escaped attribute grows at most 6-fold in HTML (`"` → `&quot;`, `{` → `&#123;`). */
export const HTML_GROWTH = 6

export interface ResolvedOptions {
  readonly catalogue: CompiledCatalogue
  readonly fallbackLocale: string
  readonly localeAttribute: string
  readonly attributeMaxLength: number
}

const INVITATION = 'AdminCreateUser'

/** The longest a rendered template can be, counting placeholders at their allowance. */
export const worstLength = (template: CompiledTemplate, field: MessageField, attributeMaxLength: number): number => {
  const perAttribute = field === 'emailMessage' ? attributeMaxLength * HTML_GROWTH : attributeMaxLength
  let total = template.staticLength
  for (const part of template.parts) {
    if ('value' in part) total += ALLOWANCE[part.value]
    else if ('attribute' in part) total += perAttribute
  }
  return total
}

const checker = (configured: ReadonlySet<string>, attributeMaxLength: number): TemplateCheck => (template, { occasion, field, path }) => {
  const fail = (message: string): never => {
    throw new ConfigurationError(`"${path}" ${message}`)
  }
  // `default` stands in for every occasion without its own key.
  const appliesTo = occasion === 'default' ? CUSTOM_MESSAGE_OCCASIONS.filter((o) => !configured.has(o)) : [occasion]
  if (field === 'emailSubject') {
    if (template.uses.size > 0) fail('may only use {{attr:…}} placeholders: Cognito fills in the code, username and link only in message bodies')
    if (template.staticText.trim() === '') fail('is empty; Cognito needs a subject of 1 to 140 characters')
  } else {
    if (!template.uses.has('code')) fail('must contain {{code}}: Cognito refuses a message without the code placeholder (AWS docs: "Custom message Lambda trigger")')
    const invitation = (appliesTo as readonly string[]).includes(INVITATION)
    if (invitation && !template.uses.has('username')) {
      fail(`must contain {{username}}, because it is used for CustomMessage_${INVITATION} (AWS docs: "Custom message Lambda trigger")${occasion === 'default' ? `; add an "${INVITATION}" key` : ''}`)
    }
    const others = appliesTo.filter((o) => o !== INVITATION)
    if (template.uses.has('username') && others.length > 0) {
      fail(`uses {{username}}, which Cognito provides only for ${INVITATION} invitations, yet it is used for ${others.join(', ')}`)
    }
  }
  const worst = worstLength(template, field, attributeMaxLength)
  if (worst > LIMITS[field]) {
    fail(`could be ${worst} characters long, over Cognito's limit of ${LIMITS[field]} (placeholders counted at their allowance; see README)`)
  }
}

/** Validates the options and compiles the templates; every mistake names its option. */
export const resolveOptions = (options: unknown): ResolvedOptions => {
  const given = parseOptions(manifest.options, options)
  const { templates, fallbackLocale = 'en', localeAttribute = 'locale', attributeMaxLength = 64 } = given
  const fallback = normalizeLocale(fallbackLocale)
  if (fallback === undefined) throw new ConfigurationError('"fallbackLocale" must be a locale tag such as "en" or "pt-BR"')
  const configured = new Set(Object.keys(templates))
  const catalogue = compileCatalogue(templates, 'templates', checker(configured, attributeMaxLength))
  // A fallback no block knows is a typo; the default `en` may simply be unused.
  if (given.fallbackLocale !== undefined && ![...catalogue.values()].some((block) => block.has(fallback))) {
    throw new ConfigurationError(`"fallbackLocale" "${fallbackLocale}" has no template in any occasion`)
  }
  return { catalogue, fallbackLocale: fallback, localeAttribute, attributeMaxLength }
}
