// npm test: lint, then the test groups (server, browser, end-to-end, package shape, framework examples) and the bundle-size budget. Every group runs even when an
// earlier one fails, so one run shows everything that is wrong; the exit code is non-zero if any failed.
import { spawn } from 'node:child_process';
import { findChromium, MISSING_CHROMIUM } from './chromium.mjs';

const groups = [
  { name: 'lint', script: 'lint' },
  { name: 'server', script: 'test:server' },
  { name: 'browser', script: 'test:browser' },
  { name: 'e2e', script: 'test:e2e' },
  { name: 'package', script: 'test:package' },
  { name: 'examples', script: 'test:examples' },
  { name: 'size', script: 'test:size' },
  { name: 'storybook', script: 'test:storybook' },
];

if (!findChromium()) {
  console.error(MISSING_CHROMIUM);
  process.exit(1);
}

let passed = 0;
let failed = 0;
const failedGroups = [];

for (const group of groups) {
  const output = await runScript(group.script);
  const counts = countResults(output);
  passed += counts.passed;
  failed += counts.failed;
  if (output.exitCode !== 0) failedGroups.push(group.name);
}

console.log(`\n${failedGroups.length ? `failed groups: ${failedGroups.join(', ')}` : 'all groups passed'}`);
console.log(`total: ${passed} passed, ${failed} failed`);
process.exit(failedGroups.length ? 1 : 0);

function runScript(script) {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      text += chunk.toString();
    });
    child.on('exit', (code) => resolve({ text, exitCode: code ?? 1 }));
  });
}

// node:test's spec reporter ends with "ℹ pass N" / "ℹ fail N"; the browser, size and storybook groups print "<group>: N passed, N failed".
function countResults({ text }) {
  let passedCount = 0;
  let failedCount = 0;
  for (const match of text.matchAll(/^ℹ pass (\d+)$/gm)) passedCount += Number(match[1]);
  for (const match of text.matchAll(/^ℹ fail (\d+)$/gm)) failedCount += Number(match[1]);
  for (const match of text.matchAll(/^(?:browser|size|storybook): (\d+) passed, (\d+) failed/gm)) {
    passedCount += Number(match[1]);
    failedCount += Number(match[2]);
  }
  return { passed: passedCount, failed: failedCount };
}
