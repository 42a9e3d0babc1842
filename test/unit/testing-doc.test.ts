/**
 * docs/testing.md shows the Playwright example's files whole; each copy must be the file as it is, so that what a
 * bank copies from the docs is what this project's CI runs (test/examples/playwright.test.ts).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const doc = readFileSync(new URL('../../docs/testing.md', import.meta.url), 'utf8');

describe('docs/testing.md', () => {
  for (const file of ['examples/playwright/login.test.ts', 'examples/playwright/bank.ts']) {
    it(`shows ${file} as it is`, () => {
      const marker = `[${file}](../${file}):\n\n\`\`\`ts\n`;
      const start = doc.indexOf(marker);
      assert.ok(start >= 0, `docs/testing.md introduces ${file} with "${marker.split('\n')[0]}" and a ts block`);
      const from = start + marker.length;
      const shown = doc.slice(from, doc.indexOf('\n```\n', from));
      const actual = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8').replace(/\n$/, '');
      assert.ok(shown === actual, `docs/testing.md's copy of ${file} differs from the file: copy it again`);
    });
  }
});
