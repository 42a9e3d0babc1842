// The build the test groups run against: the SDK into dist/ (scripts/build.mjs) and, with --demo, the demo pages'
// scripts into dist/demo/ (demo/build.mjs, as `npm start` builds them). `npm test` builds both once up front and
// runs the groups with MITID_TESTS_PREBUILT=1, which makes this a no-op; a group run alone (`npm run test:e2e`)
// builds here what it needs. A failed build is one line on stderr and a non-zero exit.
import { fileURLToPath } from 'node:url';
import { buildDemo } from '../demo/build.mjs';
import { run } from './run.mjs';

export const PREBUILT_ENV = 'MITID_TESTS_PREBUILT';

const root = fileURLToPath(new URL('..', import.meta.url));

/** @param {{ demo: boolean }} options */
export async function buildForTests({ demo }) {
  await run('node', ['scripts/build.mjs'], { cwd: root });
  if (demo) await buildDemo();
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.env[PREBUILT_ENV] !== '1') {
  try {
    await buildForTests({ demo: process.argv.includes('--demo') });
  } catch (error) {
    console.error(`build failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
