import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'storybook-static/',
      'node_modules/',
      'bench/results/',
      'examples/*/dist/',
      'examples/*/dist-offline/',
      'examples/*/.angular/',
      'coverage/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['src/**/*.ts'],
    ...wc.configs['flat/recommended'],
    rules: { ...wc.configs['flat/recommended'].rules, 'no-console': 'error' },
  },
  {
    // The SDK's state machine and transport know nothing of Lit or the DOM (STYLE.md: dependencies point one way).
    files: ['src/flow/**/*.ts', 'src/protocol/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['lit', 'lit/*', '@lit/*', '../steps/*', '../mitid-login*'] }],
    },
  },
  {
    // The broker imports nothing from the SDK but the shared wire contract.
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../src/*', '!../src/protocol', '../../src/*', '!../../src/protocol'],
              message: 'server/ may import only src/protocol/ (the wire contract).',
            },
          ],
        },
      ],
    },
  },
);
