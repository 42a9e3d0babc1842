// CHANGELOG.md follows Keep a Changelog and semver, and its newest version is package.json's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const root = new URL('../../', import.meta.url);
const changelog = readFileSync(new URL('CHANGELOG.md', root), 'utf8');
const { version } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { version: string };

test('CHANGELOG.md: an Unreleased section, then versions newest first, the newest being package.json’s', () => {
  const headings = [...changelog.matchAll(/^## (.+)$/gm)].map((match) => match[1]!);
  assert.equal(headings[0], 'Unreleased');
  const versions = headings.slice(1).map((heading) => {
    const match = /^(\d+\.\d+\.\d+(?:-[\w.]+)?) - (unreleased|\d{4}-\d{2}-\d{2})$/.exec(heading);
    assert.ok(match, `not "x.y.z - YYYY-MM-DD" or "x.y.z - unreleased": ${heading}`);
    return match[1]!;
  });
  assert.equal(versions[0], version);
  assert.match(changelog, /keepachangelog\.com/);
  assert.match(changelog, /semver\.org/);
  const kinds = [...changelog.matchAll(/^### (.+)$/gm)].map((match) => match[1]!);
  for (const kind of kinds)
    assert.ok(['Added', 'Changed', 'Deprecated', 'Removed', 'Fixed', 'Security'].includes(kind));
});
