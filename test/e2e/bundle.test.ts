/**
 * The single-file bundle in a relying party's page: one `<script type="module">` defines the element, which works
 * under the demo's strict Content Security Policy (no inline code, Trusted Types required).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { launchBrowser, newContext, watch } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

describe('the single-file bundle in a page', () => {
  let server: RunningServer;
  let browser: Browser;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('loads with one script tag under the strict CSP and shows a user-ID field that takes keyboard input', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const problems = await watch(page);
    const response = await page.goto(`${server.origin}/netbank/`);
    assert.match(response?.headers()['content-security-policy'] ?? '', /require-trusted-types-for 'script'/);
    assert.equal(await page.locator('script[src="/sdk/mitid-login.js"]').count(), 1);
    const field = page.getByLabel('Bruger-ID');
    await field.focus();
    await page.keyboard.type('anna.app');
    assert.equal(await field.inputValue(), 'anna.app');
    assert.deepEqual(await problems.list(), []);
    await context.close();
  });
});
