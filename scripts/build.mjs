// npm run build: the bundles (rollup) and the type declarations (tsc), from a clean dist/.
import { rmSync } from 'node:fs';
import { run } from './run.mjs';

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await run('rollup', ['-c', '--silent']);
await run('tsc', ['-p', 'tsconfig.build.json']);
// mitid-login/testing/node bundles the broker (dist/node/testing.js) and declares its own types: tsc also wrote the
// broker's declarations (it follows the imports), which no packed declaration needs and the package does not ship.
rmSync(new URL('../dist/types/server', import.meta.url), { recursive: true, force: true });
