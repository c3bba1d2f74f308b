// Lint: typescript-eslint's recommended rules, React's rules of hooks, type-only imports, and the
// environment read only where it is validated (functions/lib/env.ts, miniapp/src/lib/env.ts).
import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const processEnv = {
  // process.env.TARO_ENV is Taro's build-time constant, replaced in the bundle: not the environment.
  selector: "MemberExpression[object.type='MemberExpression'][object.object.name='process'][object.property.name='env'][property.name!='TARO_ENV']",
  message: 'Read the environment in functions/lib/env.ts (server) or miniapp/src/lib/env.ts (app), where it is validated once.',
}

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', '.data/**', 'tests/artifacts/**', 'miniapp/.swc/**', 'db/migrations/**', 'coverage/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      // Full-width spaces (U+3000) in Chinese copy are deliberate typography.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true, skipJSXText: true, skipComments: true }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      'no-restricted-syntax': ['error', processEnv],
    },
  },
  {
    files: ['miniapp/src/**/*.{ts,tsx}', 'tests/miniapp/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // The app reads the server's route specs as types only (api/contract.ts): a value import would
    // put server code (and its database driver) into the phone's bundle.
    files: ['miniapp/src/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/functions/**', '**/db/**'], allowTypeImports: true, message: 'The app may import server modules as types only.' }] },
      ],
    },
  },
  {
    // Every call goes through the typed client, so its input and output are the route's own.
    files: ['miniapp/src/**/*.{ts,tsx}'],
    ignores: ['miniapp/src/api/contract.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: './request', importNames: ['request'], message: 'Call routes with get()/post() from api/contract.ts.' },
            { name: '@/api/request', importNames: ['request'], message: 'Call routes with get()/post() from api/contract.ts.' },
          ],
        },
      ],
    },
  },
  {
    // Where the environment is the point: its validators, the build and test tooling, the launchers.
    files: [
      'functions/lib/env.ts',
      'miniapp/src/lib/env.ts',
      'miniapp/config/**',
      'scripts/**',
      'tests/**',
      'bench/**',
      'drizzle.config.ts',
      'vitest.config.ts',
      'miniapp/vitest.config.ts',
      'db/client.ts',
      'db/seed/**',
      'api/**',
    ],
    rules: { 'no-restricted-syntax': 'off' },
  },
)
