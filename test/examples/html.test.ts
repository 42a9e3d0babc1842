/**
 * The plain-HTML example (examples/html: one page, one script, no build) as `npm start` serves it, with the real
 * broker and the examples' back end (demo/rp/examples.ts): a login and a transfer approval with the simulated
 * MitID app, each assertion verified by the server. Its script is type-checked against the package's types.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { activateApp } from '../e2e/support/app.js';
import { PHONE, newContext, watch } from '../e2e/support/browser.js';
import { useDemo } from '../e2e/support/demo.js';
import { liveLoginAndApprove } from './support/bank-flow.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('plain-HTML example (no build), live against the broker', () => {
  const demo = useDemo();

  it('app.js type-checks against the package types (tsc --checkJs)', () => {
    execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'examples/html'], { cwd: root });
  });

  it('logs in and approves the transfer; the server verifies both', async () => {
    const page = await (await newContext(demo.browser)).newPage();
    const app = await (await newContext(demo.browser, PHONE)).newPage();
    const problems = await watch(page);
    await activateApp(app, demo.server.origin, 'anna.app');
    await liveLoginAndApprove(page, app, `${demo.server.origin}/examples/html/`);
    assert.deepEqual(await problems.list(), []);
  });
});
