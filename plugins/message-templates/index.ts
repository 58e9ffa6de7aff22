// Message templates shared by custom-messages and custom-sender: templates by occasion and
// locale with `{{code}}`, `{{username}}`, `{{link}}` and `{{attr:…}}` placeholders, their schema,
// their compilation at cold start, and their rendering per event. Not a plugin: it has no manifest.

export * from './render.js'
export * from './templates.js'
