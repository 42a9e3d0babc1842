// npm start: build the SDK, then serve the broker and the demo. Ctrl-C stops everything.
import { spawn } from 'node:child_process';
import { run } from './run.mjs';

try {
  await run('node', ['scripts/build.mjs']);
} catch (error) {
  console.error(error.message);
  process.exit(1);
}

const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
