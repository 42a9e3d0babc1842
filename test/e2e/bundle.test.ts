/**
 * The single-file bundle in a relying party's page: one `<script type="module">` defines the element, which works
 * under the demo's strict Content Security Policy (no inline code, Trusted Types required).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { newContext, watch } from './support/browser.js';
import { useDemo } from './support/demo.js';

describe('the single-file bundle in a page', () => {
  const demo = useDemo();

  it('loads with one script tag under the strict CSP and shows a user-ID field that takes keyboard input', async () => {
    const context = await newContext(demo.browser);
    const page = await context.newPage();
    const problems = await watch(page);
    const response = await page.goto(`${demo.server.origin}/netbank/`);
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
