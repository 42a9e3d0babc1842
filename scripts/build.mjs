// npm run build: the bundles (rollup) and the type declarations (tsc), from a clean dist/.
import { rmSync } from 'node:fs';
import { run } from './run.mjs';

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await run('rollup', ['-c', '--silent']);
await run('tsc', ['-p', 'tsconfig.build.json']);
