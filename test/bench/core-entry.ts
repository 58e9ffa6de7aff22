// A router Lambda with no built-in plugin code at all, bundled like dist/index.mjs: the cold-start
// cost of the core alone, to tell it apart from what the bundled built-ins add.

import { createRouter } from '../../src/index.js'

export const handler = createRouter({ plugins: [] })
