/**
 * docs/accessibility.md cites tests as `file` › "test name" (issue 19: every row of the conformance table points
 * at a test that exists). Every cited file must be a test file, and every quoted name must be a test's title in the
 * test sources: `‹target›` and `…` in a quote stand for any text, and a title written as a template literal
 * (`${lang}`) matches whatever the runner puts there. A renamed or removed test fails here, not in an audit.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const doc = readFileSync(path.join(root, 'docs/accessibility.md'), 'utf8');
const testFiles = readdirSync(path.join(root, 'test'), { recursive: true })
  .map(String)
  .filter((file) => file.endsWith('.test.ts') && !file.endsWith('accessibility-doc.test.ts'));
const sources = testFiles.map((file) => readFileSync(path.join(root, 'test', file), 'utf8'));

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every test title in the sources, as a pattern: a template literal's `${…}` matches any text. */
const titles = sources.flatMap((source) =>
  [...source.matchAll(/\b(?:it|test|describe)\(\s*(['"`])((?:(?!\1)[^\\]|\\.)*)\1/g)].map(([, quote, title]) => {
    const text = quote === '`' ? title! : title!.replace(/\\(.)/g, '$1');
    const parts = text.split(/\$\{[^}]*\}/).map((part) => escape(part.replace(/\\`/g, '`')));
    return new RegExp(parts.join('.*'));
  }),
);

/** The quoted names after each ` › ` of the document, with the file named before it. */
function citations(): { file: string; name: string }[] {
  const found: { file: string; name: string }[] = [];
  for (const cell of doc.split(/\||\n/)) {
    const pieces = cell.split(' › ');
    for (let i = 1; i < pieces.length; i += 1) {
      const file = pieces[i - 1]!.match(/`([^`]+)`\s*$/)?.[1] ?? '';
      // The names run until the next file or the end of the citation (`;`).
      const names = pieces[i]!.split(/;|`[^`]+`\s*$/)[0]!;
      for (const [, name] of names.matchAll(/"((?:[^"\\]|\\.)*)"/g))
        found.push({ file, name: name!.replace(/\\"/g, '"') });
    }
  }
  return found;
}

/** The literal stretches of a cited name, between its `‹…›` and `…` wildcards. */
const stretches = (name: string) =>
  name
    .split(/‹[^›]*›|…/)
    .map((part) => part.trim().replace(/^[,;]\s*|[\s,;(]+$/g, ''))
    .filter((part) => part.length >= 4);

describe('docs/accessibility.md cites tests that exist', () => {
  const cited = citations();

  it('cites tests at all', () => {
    assert.ok(cited.length >= 40, `only ${cited.length} citations found: has the format changed?`);
  });

  it('every cited file is a test file', () => {
    const missing = [...new Set(cited.map(({ file }) => file))].filter(
      (file) =>
        !testFiles.some(
          (candidate) =>
            candidate === file.replace(/^test\//, '') || candidate.endsWith(`/${file}`) || candidate === file,
        ),
    );
    assert.deepEqual(missing, []);
  });

  it('every quoted test name is a test title in the sources', () => {
    const missing = cited.flatMap(({ file, name }) =>
      stretches(name)
        .filter((part) => !titles.some((title) => title.test(part)) && !sources.some((source) => source.includes(part)))
        .map((part) => `${file} › "${name}": no test has "${part}"`),
    );
    assert.deepEqual(missing, []);
  });

  it('would notice a renamed test', () => {
    const part = 'a name no test has, as after a rename';
    assert.equal(titles.some((title) => title.test(part)) || sources.some((source) => source.includes(part)), false);
  });
});
