// scripts/sri.mjs (npm run sri): its hashes are the SHA-384 of the built files, recomputed here on their own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { DOCS_PAGE, docsPage } from '../../scripts/sri.mjs';

const root = new URL('../../', import.meta.url);
const run = (...args: string[]) =>
  execFileSync(process.execPath, ['scripts/sri.mjs', ...args], { cwd: root, encoding: 'utf8' });
const digest = (file: string) =>
  `sha384-${createHash('sha384')
    .update(readFileSync(new URL(`dist/${file}`, root)))
    .digest('base64')}`;

const chunks = (dir: string) =>
  readdirSync(new URL(`dist/${dir}/`, root))
    .filter((file) => file.endsWith('.js'))
    .sort()
    .map((file) => `${dir}/${file}`);

const built = ['mitid-login.js', ...chunks('chunks'), 'enrol/mitid-enrol.js', ...chunks('enrol/chunks')];

test('npm run sri prints the sha384 of dist/mitid-login.js first, then of every chunk, then <mitid-enrol>’s', () => {
  const lines = run().trim().split('\n');
  assert.deepEqual(
    lines,
    built.map((file) => `${digest(file)} dist/${file}`),
  );
  assert.match(lines[0]!, /^sha384-[A-Za-z0-9+/]{64} dist\/mitid-login\.js$/);
});

test('--json and --importmap give the same hashes', () => {
  const json = JSON.parse(run('--json')) as Record<string, string>;
  assert.deepEqual(json, Object.fromEntries(built.map((file) => [file, digest(file)])));
  const map = JSON.parse(run('--importmap', '/mitid')) as { integrity: Record<string, string> };
  assert.deepEqual(map, { integrity: Object.fromEntries(built.map((file) => [`/mitid/${file}`, digest(file)])) });
});

test('docs/quick-start.md shows the command and the form, and hard-codes no hash (every build has new ones)', () => {
  const doc = readFileSync(new URL('docs/quick-start.md', root), 'utf8');
  assert.ok(doc.includes('npm run sri'));
  assert.ok(doc.includes('<script type="module" src="/mitid/mitid-login.js" integrity="sha384-…"></script>'));
  assert.ok(doc.includes('--importmap'));
  assert.doesNotMatch(doc, /sha384-[A-Za-z0-9+/]{64}/);
});

test('docs/sri.md publishes the hashes of this build (the build is reproducible; regenerate: npm run sri -- --docs)', () => {
  const page = readFileSync(DOCS_PAGE, 'utf8');
  assert.equal(page, docsPage(), 'docs/sri.md is stale: run `npm run build && npm run sri -- --docs`');
  assert.ok(page.includes(`| \`dist/mitid-login.js\` | \`${digest('mitid-login.js')}\` |`));
  assert.ok(page.includes(`src="/mitid/enrol/mitid-enrol.js" integrity="${digest('enrol/mitid-enrol.js')}"`));
});
