// Two forms of the browser SDK, plus the relying-party verifier for Node:
//  (a) dist/esm/**: one ES module per source module, bare imports kept, for bundlers (types come from tsc);
//  (b) dist/mitid-login.js: one self-contained, minified module a page loads with a single <script type="module">
//      (its template literals' HTML and CSS minified too).
//      Everything past the user-ID field is a dynamic import and lands in dist/chunks/, named after its module:
//      later-steps (src/later-steps.ts: runner, HTTP transport, the later steps), en, the QR encoder (browser) and
//      webauthn, each fetched only when needed; no bare import is left anywhere in (b).
//  (c) dist/node/verify.js: `mitid-login/verify` for the relying party's back end (jose stays external).
//  (d) mitid-login/testing (docs/testing.md): its browser-safe half in (a), as dist/esm/testing/index.js, sharing
//      the SDK's modules (one TransportError class); its Node half as dist/node/testing.js (the reference broker
//      bundled in, its packages external), with the in-page harness as one classic script beside it
//      (dist/node/testing-harness-page.js) for the Playwright driver to evaluate into a page.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import htmlLiterals from 'rollup-plugin-html-literals';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const external = [...Object.keys(pkg.dependencies ?? {})];
const isExternal = (id) => external.some((name) => id === name || id.startsWith(`${name}/`));

const ts = (options = {}) => esbuild({ target: 'es2022', tsconfig: 'tsconfig.json', ...options });

/** A self-contained, minified element module for a single `<script type="module">`, its dynamic imports as chunks. */
function singleFile(input, dir, entryFileNames) {
  return {
    input,
    preserveEntrySignatures: 'allow-extension',
    plugins: [
      nodeResolve({ browser: true }),
      commonjs(),
      // The HTML and CSS inside the element's html`` and css`` literals, minified (whitespace, comments, quotes).
      // tokens.ts is left as written: its literals are lists of custom properties that a rule interpolates, not
      // style sheets, so the CSS minifier cannot parse them (it would skip them with a warning each build).
      htmlLiterals({ include: ['src/**/*.ts'], exclude: ['src/styles/tokens.ts'], failOnError: true }),
      ts(),
      terser({ ecma: 2020, module: true, format: { comments: false }, compress: { passes: 2 } }),
    ],
    output: {
      // `dir`, not `file`: the dynamic imports (later steps, English, QR encoder, WebAuthn) become separate chunks.
      dir,
      entryFileNames,
      format: 'esm',
      chunkFileNames: 'chunks/[name]-[hash].js',
      // The QR encoder's chunk is named for its job (its module would name it "dist").
      manualChunks: (id) => (id.includes('/node_modules/uqr/') ? 'qr' : undefined),
      sourcemap: true,
    },
  };
}

export default [
  {
    // The whole Danish catalogue is public (`mitid-login/locales/da`) but nothing imports it (the element takes its
    // two parts from src/i18n/parts/): an input of its own. English is emitted as the element's lazy import.
    input: {
      index: 'src/index.ts',
      define: 'src/define.ts',
      'testing/index': 'testing/index.ts',
      'i18n/locales/da': 'src/i18n/locales/da.ts',
      'enrol/index': 'src/enrol/index.ts',
    },
    external: isExternal,
    plugins: [ts()],
    output: {
      dir: 'dist/esm',
      format: 'esm',
      preserveModules: true,
      preserveModulesRoot: 'src',
      entryFileNames: '[name].js',
      sourcemap: true,
    },
  },
  // Lazy chunks import lit and friends from the entry itself, instead of rollup moving them into a shared chunk
  // behind a one-line facade: the page then loads exactly one file before the user-ID field shows.
  singleFile('src/define.ts', 'dist', 'mitid-login.js'),
  // (e) dist/enrol/mitid-enrol.js: `<mitid-enrol>` as one self-contained module of its own (a page that enrols
  // need not load the login element, nor the other way round), with the QR encoder as its lazy chunk.
  singleFile('src/enrol/define.ts', 'dist/enrol', 'mitid-enrol.js'),
  {
    input: 'verify/index.ts',
    external: (id) => isExternal(id) || id.startsWith('node:'),
    plugins: [ts({ target: 'node20' })],
    output: { file: 'dist/node/verify.js', format: 'esm', sourcemap: true },
  },
  {
    input: 'testing/node/index.ts',
    // Every package stays a package (the broker's fastify, otpauth, … are the tester's devDependencies).
    external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0'),
    plugins: [ts({ target: 'node20' })],
    output: { file: 'dist/node/testing.js', format: 'esm', sourcemap: true },
  },
  {
    input: 'testing/harness/page-entry.ts',
    plugins: [ts()],
    output: {
      file: 'dist/node/testing-harness-page.js',
      format: 'iife',
      name: 'mitidHarnessExports',
      footer: 'globalThis.mitidHarness = mitidHarnessExports;\nvoid 0;',
    },
  },
];
