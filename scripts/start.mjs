// npm start: build the SDK and the demo pages' scripts, then serve the broker and the demo. Ctrl-C stops everything.
import { spawn } from 'node:child_process';
import { run } from './run.mjs';
import { buildDemo } from '../demo/build.mjs';

try {
  await run('node', ['scripts/build.mjs']);
  await buildDemo();
} catch (error) {
  console.error(error.message);
  process.exit(1);
}

const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { stdio: 'inherit' });
// The child gets the signal from the terminal too (same process group); forwarding covers `kill <pid>` of this one.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
