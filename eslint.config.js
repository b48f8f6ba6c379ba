import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'dist',
      'data',
      'test-artifacts',
      'tools/neo4j-test-server/target',
      'bench-data',
      'server/generated',
      'web/src/gql',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Domain functions stay small enough to read and test one rule at a time.
    files: ['server/domain/**/*.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 80, skipBlankLines: false, skipComments: false, IIFEs: true }] },
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    // The plugin's recommended set: rules of hooks, exhaustive deps and the React Compiler's checks
    // (refs read or written in render, setState in effects, purity …), as errors.
    rules: Object.fromEntries(Object.keys(reactHooks.configs['recommended-latest'].rules).map((rule) => [rule, 'error'])),
  },
  {
    // UI text lives in web/src/i18n (zh/en tables), never as literal text in JSX (as excalidraw's rule).
    files: ['web/src/**/*.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'JSXText[value=/[A-Za-z\\u3400-\\u9fff]/]',
          message: 'Put UI text in web/src/i18n (zh.ts / en.ts) and render it with t().',
        },
        {
          selector: 'JSXAttribute[name.name=/^(title|placeholder|alt|aria-label)$/] > Literal[value=/[A-Za-z\\u3400-\\u9fff]/]',
          message: 'Put UI text in web/src/i18n (zh.ts / en.ts) and render it with t().',
        },
      ],
    },
  },
  {
    // The web app talks to the server only through the API (and shares shared/model); never server internals.
    files: ['web/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/server/**'], message: 'web/ may not import from server/.' }] }],
    },
  },
);
