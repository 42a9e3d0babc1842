// npm test: lint, then the test groups (unit, server, browser, end-to-end, package shape, framework examples, bundle
// size, Storybook). The package and the demo pages' scripts are built once, up front, for every group that needs
// dist/; those groups then run with MITID_TESTS_PREBUILT=1 and do not build again. If that build fails, they fail
// without running (never against an old dist/). Every group runs even when an earlier one fails, so one run shows
// everything that is wrong; the exit code is non-zero if any failed.
import { spawn } from 'node:child_process';
import { findChromium, MISSING_CHROMIUM } from './chromium.mjs';
import { buildForTests, PREBUILT_ENV } from './test-build.mjs';

const groups = [
  { name: 'lint', script: 'lint' },
  { name: 'unit', script: 'test:unit' },
  { name: 'server', script: 'test:server' },
  { name: 'browser', script: 'test:browser' },
  { name: 'e2e', script: 'test:e2e', needsBuild: true },
  { name: 'package', script: 'test:package', needsBuild: true },
  { name: 'examples', script: 'test:examples', needsBuild: true },
  { name: 'size', script: 'test:size', needsBuild: true },
  { name: 'storybook', script: 'test:storybook' },
];

if (!findChromium()) {
  console.error(MISSING_CHROMIUM);
  process.exit(1);
}

const seconds = [];
const buildStarted = performance.now();
const built = await buildForTests({ demo: true }).then(
  () => true,
  (error) => {
    const needing = groups.filter((group) => group.needsBuild).map((group) => group.name);
    console.error(`build failed (${error.message}): not running ${needing.join(', ')}, which need it`);
    return false;
  },
);
seconds.push(`build ${elapsed(buildStarted)}`);

let passed = 0;
let failed = 0;
const failedGroups = [];

for (const group of groups) {
  if (group.needsBuild && !built) {
    failedGroups.push(group.name);
    continue;
  }
  const started = performance.now();
  const output = await runScript(group.script);
  seconds.push(`${group.name} ${elapsed(started)}`);
  const counts = countResults(output);
  passed += counts.passed;
  failed += counts.failed;
  if (output.exitCode !== 0) failedGroups.push(group.name);
}

console.log(`\n${failedGroups.length ? `failed groups: ${failedGroups.join(', ')}` : 'all groups passed'}`);
console.log(`seconds: ${seconds.join(', ')}`);
console.log(`total: ${passed} passed, ${failed} failed`);
process.exit(failedGroups.length ? 1 : 0);

function elapsed(since) {
  return Math.round((performance.now() - since) / 1000);
}

function runScript(script) {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, [PREBUILT_ENV]: '1' },
    });
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
