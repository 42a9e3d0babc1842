// What `npm pack` puts in the tarball: only what consumers need, every `exports` target, no dangling source maps;
// and publint + @arethetypeswrong/cli (npm run check:package) pass. Needs `npm run build` first.
// attw runs with `--profile esm-only`: the package is ESM only ("type": "module", no `require` condition), so the
// node10 and node16-from-CJS resolutions, which only a `require()` consumer uses, are not judged; Node 20.19+ can
// `require()` it anyway. `./locales/*` is a wildcard attw cannot expand, so da and en are named.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const root = new URL('../../', import.meta.url);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function packedFiles(): string[] {
  const out = execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const [info] = JSON.parse(out) as { files: { path: string }[] }[];
  return info!.files.map((file) => file.path).sort();
}

const files = packedFiles();

// Source maps ship: each carries its sources (`sourcesContent`), so a debugger shows the TypeScript without src/
// in the package, and the bundles' `sourceMappingURL` comments point at a file that is there.
const allowed = [
  /^package\.json$/,
  /^README\.md$/,
  /^LICENSE(\.md)?$/,
  /^CHANGELOG\.md$/,
  /^custom-elements\.json$/,
  /^dist\/mitid-login\.js(\.map)?$/,
  /^dist\/chunks\/[\w-]+\.js(\.map)?$/,
  /^dist\/enrol\/mitid-enrol\.js(\.map)?$/,
  /^dist\/enrol\/chunks\/[\w-]+\.js(\.map)?$/,
  /^dist\/esm\/[\w/.-]+\.js(\.map)?$/,
  /^dist\/node\/verify\.js(\.map)?$/,
  /^dist\/node\/testing(-harness-page)?\.js(\.map)?$/,
  /^dist\/types\/(src|protocol|verify|testing)\/[\w/.-]+\.d\.ts$/,
];

test('npm pack lists only what consumers need', () => {
  const unexpected = files.filter((file) => !allowed.some((pattern) => pattern.test(file)));
  assert.deepEqual(unexpected, []);
  for (const prefix of [
    'src/',
    'server/',
    'protocol/',
    'verify/',
    'test/',
    'demo/',
    'stories/',
    'bench/',
    'scripts/',
    'docs/',
    'dist/demo/',
  ]) {
    assert.ok(!files.some((file) => file.startsWith(prefix)), `${prefix} is packed`);
  }
  // The broker ships only inside mitid-login/testing/node's bundle (dist/node/testing.js), never as its own
  // modules or declarations: the entry's types declare what a test passes (testing/node/broker.ts).
  assert.ok(!files.some((file) => file.startsWith('dist/types/server/')), 'the broker is packed');
  assert.ok(!files.some((file) => file.startsWith('dist/esm/server/')), 'the broker is in the browser modules');
});

test('npm pack contains every file the exports map, main, types and customElements point at', () => {
  const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as Record<string, unknown>;
  const targets = new Set<string>();
  const collect = (value: unknown): void => {
    if (typeof value === 'string') targets.add(value.replace(/^\.\//, ''));
    else if (value && typeof value === 'object') Object.values(value).forEach(collect);
  };
  collect(pkg.exports);
  for (const field of ['main', 'module', 'types', 'customElements']) collect(pkg[field]);
  for (const target of targets) {
    if (target.includes('*')) {
      const [before, after] = target.split('*') as [string, string];
      const matches = files.filter((file) => file.startsWith(before) && file.endsWith(after));
      assert.ok(matches.length >= 2, `${target}: ${matches.length} files`); // da and en at least
    } else {
      assert.ok(files.includes(target), `${target} is not packed`);
    }
  }
  for (const file of [
    'dist/mitid-login.js',
    'dist/node/verify.js',
    'dist/node/testing.js',
    'dist/node/testing-harness-page.js',
    'dist/esm/testing/index.js',
    'dist/types/testing/index.d.ts',
    'dist/types/testing/node/index.d.ts',
    'dist/types/src/index.d.ts',
    'README.md',
    'CHANGELOG.md',
  ]) {
    assert.ok(files.includes(file), `${file} is not packed`);
  }
  assert.ok(
    files.some((file) => file.startsWith('dist/chunks/')),
    'no lazy chunks packed',
  );
});

test('every packed source-map comment points at a packed map', () => {
  for (const file of files.filter((name) => name.endsWith('.js'))) {
    const code = readFileSync(new URL(file, root), 'utf8');
    const match = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(code);
    if (!match) continue;
    const map = new URL(match[1]!, new URL(file, root)).pathname.slice(new URL(root).pathname.length);
    assert.ok(files.includes(map), `${file} points at ${map}, which is not packed`);
  }
});

test('publint and @arethetypeswrong/cli pass (npm run check:package)', () => {
  execFileSync(npm, ['run', '--silent', 'check:package'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
});
