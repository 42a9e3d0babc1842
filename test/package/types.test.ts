// The shipped types, as a consumer compiles them (after `npm run build`): HTMLElementTagNameMap and typed events
// from `mitid-login`, React 19 JSX from `mitid-login/react`, Vue's GlobalComponents from `mitid-login/vue`.
// login.vue is a Vue template checked by vue-tsc. Each file under types/ has right uses that must compile and `@ts-expect-error` lines that must fail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = new URL('../../', import.meta.url);
const tsc = fileURLToPath(new URL('node_modules/typescript/bin/tsc', root));
const vueTsc = fileURLToPath(new URL('node_modules/vue-tsc/bin/vue-tsc.js', root));

function compile(project: string, ...args: string[]): string {
  const checker = project === 'tsconfig.vue.json' ? vueTsc : tsc;
  try {
    return execFileSync(process.execPath, [checker, '-p', `test/package/types/${project}`, ...args], {
      cwd: root,
      encoding: 'utf8',
    });
  } catch (error) {
    const { stdout } = error as { stdout?: string };
    assert.fail(`tsc -p ${project} failed:\n${stdout ?? String(error)}`);
  }
}

test('tsc over test/package/types (core, React 19 JSX, Vue GlobalComponents) passes, @ts-expect-error lines included', () => {
  compile('tsconfig.json');
});

test('tsc over test/package/types/testing.ts and examples/playwright (mitid-login/testing, mitid-login/testing/node) passes, @ts-expect-error lines included', () => {
  compile('tsconfig.testing.json');
});

test('vue-tsc over a Vue 3 template (login.vue, strictTemplates) passes, @vue-expect-error lines included', () => {
  compile('tsconfig.vue.json');
});

test('`mitid-login` alone loads no React or Vue types (the framework entries are separate)', () => {
  const files = compile('tsconfig.core.json', '--listFiles').split('\n');
  const framework = files.filter((file) => /node_modules\/(@types\/react|vue|@vue)\//.test(file));
  assert.deepEqual(framework, []);
  assert.ok(
    files.some((file) => file.endsWith('dist/types/src/index.d.ts')),
    'the built types were not used',
  );
});
