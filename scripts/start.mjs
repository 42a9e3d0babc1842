// npm start: build the SDK and the demo pages' scripts, then serve the broker and the demo in this same process
// (demo/main.ts, through tsx's loader), so that Ctrl-C reaches one process and stops it cleanly.
import { register } from 'tsx/esm/api';
import { run } from './run.mjs';
import { buildDemo } from '../demo/build.mjs';

try {
  await run('node', ['scripts/build.mjs']);
  await buildDemo();
} catch (error) {
  console.error(error.message);
  process.exit(1);
}

register();
await import('../demo/main.ts');
