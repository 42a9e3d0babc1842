import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './support/browser.js';
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

  it('loads with one script tag and shows a user-ID field that takes keyboard input', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    await page.goto(`${server.origin}/`);
    const field = page.getByLabel('Bruger-ID');
    await field.focus();
    await page.keyboard.type('anna.hansen');
    assert.equal(await field.inputValue(), 'anna.hansen');
    assert.deepEqual(errors, []);
    await page.close();
  });
});
