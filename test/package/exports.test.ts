// Every public entry of the built package imports in plain Node (no DOM, no tsx), by package name through the
// `exports` map (self-reference), as a server-rendered app would. Needs `npm run build` first (npm run test:package
// builds).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const root = new URL('../../', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
  name: string;
  exports: Record<string, unknown>;
};

/** `./react` and `./vue` hold types only (module augmentation, loaded with `import type {}`): no JS to import. */
const typeOnly = (target: unknown) =>
  typeof target === 'object' && target !== null && Object.keys(target).join() === 'types';

/** `./locales/*` expands to every built locale; the JSON subpaths are data, imported with an import attribute. */
function entries(): string[] {
  const names: string[] = [];
  for (const [key, target] of Object.entries(pkg.exports)) {
    if (typeOnly(target)) continue;
    if (key === './locales/*') {
      const locales = readdirSync(new URL('dist/esm/i18n/locales/', root)).filter((file) => file.endsWith('.js'));
      assert.ok(locales.length > 0, 'no built locales');
      for (const file of locales) names.push(`${pkg.name}/locales/${file.slice(0, -'.js'.length)}`);
    } else {
      names.push(key === '.' ? pkg.name : `${pkg.name}/${key.slice(2)}`);
    }
  }
  return names;
}

/** Imports `specifier` in a fresh `node` (no loader), after checking that there is no DOM; returns its export names. */
function importInNode(specifier: string): string[] {
  const json = specifier.endsWith('.json');
  const script = `
    for (const name of ['window', 'document', 'HTMLElement', 'customElements']) {
      if (name in globalThis) throw new Error(name + ' exists before the import');
    }
    const module = await import(${JSON.stringify(specifier)}${json ? ", { with: { type: 'json' } }" : ''});
    console.log(JSON.stringify(Object.keys(module).sort()));
  `;
  const out = execFileSync(process.execPath, ['--input-type=module', '--no-warnings', '-e', script], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return JSON.parse(out.trim().split('\n').at(-1)!) as string[];
}

test('the exports map lists the entries this test knows', () => {
  assert.deepEqual(Object.keys(pkg.exports).sort(), [
    '.',
    './custom-elements.json',
    './define',
    './enrol',
    './locales/*',
    './mitid-enrol.js',
    './mitid-login.js',
    './package.json',
    './react',
    './testing',
    './testing/node',
    './verify',
    './vue',
  ]);
});

for (const specifier of entries()) {
  test(`import '${specifier}' in Node does not throw`, () => {
    const names = importInNode(specifier);
    assert.ok(names.length > 0, `${specifier} exports nothing`);
    if (specifier === 'mitid-login') {
      for (const name of ['MitidLogin', 'TAG_NAME', 'MitidSuccessEvent', 'HttpTransport', 'registerLocale']) {
        assert.ok(names.includes(name), `mitid-login lacks ${name}`);
      }
      assert.ok(!names.includes('verifyAssertion'), 'the browser entry must not carry the server verifier');
      for (const name of ['ScriptedTransport', 'FakeClock', 'LoginHarness'])
        assert.ok(!names.includes(name), `the main entry must not carry the testing kit's ${name}`);
    }
    if (specifier === 'mitid-login/testing') {
      for (const name of [
        'ScriptedTransport',
        'FakeClock',
        'LoginHarness',
        'WORDS',
        'syntheticActor',
        'FakeEnrolBroker',
      ])
        assert.ok(names.includes(name), `mitid-login/testing lacks ${name}`);
      assert.ok(!names.includes('startBroker'), 'the browser-safe half must not carry the broker fixture');
    }
    if (specifier === 'mitid-login/testing/node') {
      for (const name of ['startBroker', 'AppDevice', 'CodeDevice', 'PageHarness', 'testIdentities', 'TEST_USERS'])
        assert.ok(names.includes(name), `mitid-login/testing/node lacks ${name}`);
    }
    if (specifier === 'mitid-login/define' || specifier === 'mitid-login/mitid-login.js') {
      assert.ok(names.includes('MitidLogin') && names.includes('TAG_NAME'), `${specifier}: ${names.join(', ')}`);
    }
    if (specifier === 'mitid-login/verify') {
      for (const name of ['verifyAssertion', 'MemoryReplayStore', 'AssertionError', 'ACR'])
        assert.ok(names.includes(name));
    }
    if (specifier.startsWith('mitid-login/locales/')) {
      assert.deepEqual(names, [specifier.slice('mitid-login/locales/'.length)]);
    }
  });
}

test('the type-only entries are ./react and ./vue, and nothing else lacks JS', () => {
  const keys = Object.entries(pkg.exports)
    .filter(([, target]) => typeOnly(target))
    .map(([key]) => key);
  assert.deepEqual(keys, ['./react', './vue']);
});

test('on the server, the element registers in the custom-element registry Lit’s Node build provides', () => {
  const out = execFileSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `const { MitidLogin } = await import('mitid-login');
       console.log(customElements.get('mitid-login') === MitidLogin, typeof document);`,
    ],
    { cwd: root, encoding: 'utf8' },
  );
  assert.equal(out.trim(), 'true undefined');
});
