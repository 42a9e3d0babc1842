/**
 * A session that runs out of time: the broker is started with a three-second session lifetime (buildApp's
 * `settings.sessionTtlMs`), the user chooses the app and never approves, and the page says so. Nothing is signed.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { launchBrowser, newContext, watch } from './support/browser.js';
import { chooseMethod, enterUserId, mitid } from './support/element.js';
import { snap } from './support/screenshots.js';
import { startServer, type RunningServer } from './support/server.js';

describe('an expired session', () => {
  let server: RunningServer;
  let browser: Browser;

  before(async () => {
    server = await startServer({ settings: { sessionTtlMs: 3000 } });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('tells the user that time ran out and logs nobody in', async () => {
    const page = await (await newContext(browser)).newPage();
    const problems = await watch(page);
    let posted = false;
    page.on('request', (request) => {
      if (request.url().endsWith('/netbank/api/login')) posted = true;
    });
    await page.goto(`${server.origin}/netbank/`);
    await enterUserId(page, 'anna.app');
    await chooseMethod(page, 'app');
    await mitid(page)
      .locator('[part~="error-message"]')
      .filter({ hasText: 'Tiden løb ud, før du loggede på.' })
      .waitFor({ timeout: 15_000 });
    await snap(page, 'netbank-expired');
    assert.equal(posted, false);
    assert.equal(await page.locator('#bank-view').isVisible(), false);
    assert.deepEqual(await problems.list(), []);
  });
});
