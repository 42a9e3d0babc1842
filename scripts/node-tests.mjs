// Runs node:test files under a folder (Node 20's --test takes no glob patterns): `node scripts/node-tests.mjs test/server`.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';

const [folder, ...extra] = process.argv.slice(2);
const filter = process.env.TEST_FILTER;
const files = readdirSync(folder, { recursive: true })
  .map(String)
  .filter((file) => file.endsWith('.test.ts') && (!filter || file.includes(filter)))
  .map((file) => path.join(folder, file))
  .sort();

if (files.length === 0) {
  console.error(`No test files under ${folder}${filter ? ` matching "${filter}"` : ''}.`);
  process.exit(1);
}

const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...extra, ...files], {
  stdio: 'inherit',
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
