/**
 * The plain-HTML example (examples/html: one page, one script, no build) as `npm start` serves it, with the real
 * broker and the examples' back end (demo/rp/examples.ts): a login and a transfer approval with the simulated
 * MitID app, each assertion verified by the server. Its script is type-checked against the package's types.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { activateApp, approveOpenRequest, swipeOpenRequest } from '../e2e/support/app.js';
import { axeViolations } from '../e2e/support/axe.js';
import { PHONE, newContext, watch } from '../e2e/support/browser.js';
import { useDemo } from '../e2e/support/demo.js';
import { chooseMethod, enterUserId, mitid, qrScreenshot } from '../e2e/support/element.js';
import { TRANSFER_TEXT } from './support/bank-flow.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The app "scans" the page's QR code from a screenshot of it. */
async function scan(page: Page, app: Page): Promise<void> {
  const png = await qrScreenshot(page);
  await app
    .getByLabel('Skærmbillede af QR-koden')
    .setInputFiles({ name: 'qr.png', mimeType: 'image/png', buffer: png });
}

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

    await page.goto(`${demo.server.origin}/examples/html/`);
    await mitid(page).getByLabel('Bruger-ID').waitFor();
    assert.deepEqual(await axeViolations(page), []);
    await enterUserId(page, 'anna.app');
    await chooseMethod(page, 'MitID app');
    await scan(page, app);
    await app.getByRole('heading', { level: 1, name: 'Log på hos Eksempelbanken?' }).waitFor();
    await swipeOpenRequest(app);
    await page.getByRole('heading', { level: 2, name: 'Velkommen, Anna Hansen', exact: true }).waitFor();
    await app.getByRole('button', { name: 'Tilbage' }).click();

    await page.getByRole('button', { name: 'Overfør 2.300 kr.' }).click();
    await page.getByRole('heading', { level: 2, name: 'Godkend overførslen', exact: true }).waitFor();
    await enterUserId(page, 'anna.app');
    await chooseMethod(page, 'MitID app');
    await scan(page, app);
    await app.getByRole('heading', { level: 1, name: 'Godkend følgende?' }).waitFor();
    assert.equal(await app.locator('#request-text').textContent(), TRANSFER_TEXT);
    await approveOpenRequest(app);
    await page.getByRole('heading', { level: 2, name: 'Overførslen er godkendt', exact: true }).waitFor();
    assert.equal(await page.locator('.approved-text').textContent(), TRANSFER_TEXT);
    const log = await page.locator('.event-log li').allTextContents();
    assert.equal(log[0], 'mitid-success: approve (app)');
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(await problems.list(), []);
  });
});
