import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';

/** `name/…` at any depth above the importing file: the folder of that name at the repository's root. */
function inside(name) {
  return ['../', '../../', '../../../', '../../../../'].flatMap((up) => [`${up}${name}`, `${up}${name}/*`]);
}

// The browser SDK runs in pages: nothing of the broker, the verifier, the demo or Node.
const SDK_FORBIDS = [
  ...inside('server'),
  ...inside('demo'),
  ...inside('verify'),
  ...inside('examples'),
  ...inside('testing'),
  'node:*',
];

// mitid-login/testing: the SDK's and the wire contract's tests kit, never a part of them, never of the project's tests.
const TESTING_FORBIDS = [...inside('demo'), ...inside('verify'), ...inside('examples'), ...inside('test')];

// What a DOM-free module must not touch.
const DOM_GLOBALS = [
  'document',
  'window',
  'navigator',
  'localStorage',
  'sessionStorage',
  'HTMLElement',
  'customElements',
];

/**
 * A rule that `files` import nothing matching `patterns` (gitignore-style globs, or one regular expression), plus
 * any extra rules. The demo and the examples may import types from anywhere (they type-check against the sources).
 */
function boundary(files, patterns, message, extra = {}) {
  return {
    files,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              ...(patterns instanceof RegExp ? { regex: patterns.source } : { group: patterns }),
              message,
              allowTypeImports: files.some((file) => file.startsWith('demo') || file.startsWith('examples')),
            },
          ],
        },
      ],
      ...extra,
    },
  };
}

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
  // Import boundaries (STYLE.md: dependencies point one way). The wire contract (protocol/) is imported by the
  // element (src/), the broker (server/), the verifier (verify/) and the demo, and imports nothing itself; the
  // broker knows neither the element nor the demo; the demo and the examples use the package's public entries.
  boundary(['protocol/**/*.ts'], /^(?!\.\/)/, 'protocol/ is the wire contract: it imports only its own files.'),
  boundary(
    ['src/**/*.ts'],
    SDK_FORBIDS,
    'src/ (the browser SDK) imports only itself, protocol/ and browser libraries.',
  ),
  // <mitid-enrol> (src/enrol/) and <mitid-login> are separate bundles: neither pulls in the other. The enrol element
  // may share the login element's controllers, steps' QR drawing and styles, never its flow, transport or catalogue.
  boundary(
    [
      'src/*.ts',
      'src/controllers/**/*.ts',
      'src/steps/**/*.ts',
      'src/styles/**/*.ts',
      'src/i18n/**/*.ts',
      'src/frameworks/**/*.ts',
    ],
    [...SDK_FORBIDS, './enrol/*', '../enrol/*'],
    'src/ (the browser SDK) imports only itself, protocol/ and browser libraries. <mitid-login> never imports <mitid-enrol> (src/enrol/).',
  ),
  boundary(
    ['src/enrol/**/*.ts'],
    [
      ...SDK_FORBIDS,
      '../mitid-login',
      '../mitid-login.js',
      '../define*',
      '../index*',
      '../flow/*',
      '../transport/*',
      '../i18n/*',
      '../later-steps*',
    ],
    '<mitid-enrol> (src/enrol/) shares only controllers, styles and the QR drawing with <mitid-login>: never its flow, transport or catalogue.',
  ),
  boundary(
    ['src/flow/**/*.ts', 'src/transport/**/*.ts'],
    [
      ...SDK_FORBIDS,
      'lit',
      'lit/*',
      '@lit/*',
      '../steps/*',
      '../controllers/*',
      '../mitid-login*',
      '../i18n/*',
      '../enrol/*',
    ],
    'The flow machine and the transport know nothing of Lit, the steps or the element.',
    { 'no-restricted-globals': ['error', ...DOM_GLOBALS] },
  ),
  boundary(
    ['testing/**/*.ts'],
    [...TESTING_FORBIDS, ...inside('server'), 'node:*'],
    'testing/ (mitid-login/testing) runs in pages too: it imports only src/, protocol/ and itself; Node parts live in testing/node/.',
  ),
  boundary(
    ['testing/node/**/*.ts'],
    TESTING_FORBIDS,
    'testing/node/ (mitid-login/testing/node) may import src/, protocol/, server/ (the broker fixture) and testing/.',
  ),
  boundary(
    ['server/**/*.ts'],
    [
      ...inside('src'),
      ...inside('demo'),
      ...inside('verify'),
      ...inside('examples'),
      ...inside('test'),
      ...inside('testing'),
    ],
    'server/ (the broker) may import only protocol/ (the wire contract) of the rest of the repository.',
  ),
  boundary(
    ['verify/**/*.ts'],
    [...inside('src'), ...inside('server'), ...inside('demo'), ...inside('examples')],
    'verify/ (mitid-login/verify) may import only protocol/ of the rest of the repository.',
  ),
  boundary(
    ['demo/**/*.ts', 'examples/**/*.{ts,tsx}'],
    [...inside('src'), ...inside('verify')],
    'The demo and the examples use the package by its public entries (mitid-login, mitid-login/verify), as an integrator would; type imports of verify/ are allowed.',
  ),
);
