// Lint config lives here because ESLint 10 only reads flat config from the project root.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  // .stryker-tmp/ is left behind when a mutation run is interrupted.
  { ignores: ['dist/', 'coverage/', 'node_modules/', '.ci/node/', 'reports/', '.stryker-tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-throw-literal': 'error',
      'prefer-promise-reject-errors': 'error',
    },
  },
)
