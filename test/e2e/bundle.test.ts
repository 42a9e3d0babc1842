/**
 * The single-file bundle in a relying party's page: one `<script type="module">` defines the element, which works
 * under the demo's strict Content Security Policy (no inline code, Trusted Types required). The first load says only
 * what the user-ID step says; the rest of the Danish catalogue comes with the later steps, and when they cannot be
 * fetched the user-ID step still says why in words of its own.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { newContext, watch } from './support/browser.js';
import { useDemo } from './support/demo.js';
import { mitid } from './support/element.js';

describe('the single-file bundle in a page', () => {
  const demo = useDemo();

  it('loads with one script tag under the strict CSP and shows a user-ID field that takes keyboard input', async () => {
    const context = await newContext(demo.browser);
    const page = await context.newPage();
    const problems = await watch(page);
    const response = await page.goto(`${demo.server.origin}/netbank/`);
    assert.match(response?.headers()['content-security-policy'] ?? '', /require-trusted-types-for 'script'/);
    assert.equal(await page.locator('script[src="/sdk/mitid-login.js"]').count(), 1);
    const field = mitid(page).getByLabel('Bruger-ID');
    await field.focus();
    await page.keyboard.type('anna.app');
    assert.equal(await field.inputValue(), 'anna.app');
    assert.deepEqual(await problems.list(), []);
    await context.close();
  });

  it('the first load holds the user-ID step’s words alone; the later steps bring the rest of the catalogue', () => {
    const dist = new URL('../../dist/', import.meta.url);
    const entry = readFileSync(new URL('mitid-login.js', dist), 'utf8');
    const later = readdirSync(new URL('chunks/', dist)).find((name) => /^later-steps-.*\.js$/.test(name));
    assert.ok(later, 'a later-steps chunk');
    const laterSource = readFileSync(new URL(`chunks/${later}`, dist), 'utf8');
    for (const text of ['Dit bruger-ID er aldrig dit CPR-nummer.', 'Der er ingen forbindelse til MitID.'])
      assert.ok(entry.includes(text), `the first load says »${text}«`);
    for (const text of ['Godkend følgende?', 'Engangskoden er forkert.', 'Du afviste anmodningen i MitID app.']) {
      assert.ok(!entry.includes(text), `the first load does not carry »${text}«`);
      assert.ok(laterSource.includes(text), `the later steps carry »${text}«`);
    }
  });

  it('when the later steps cannot be fetched, Continue says so from the first load’s words and keeps the user ID', async () => {
    const context = await newContext(demo.browser);
    const page = await context.newPage();
    await page.route(/\/chunks\/later-steps-[^/]*\.js$/, (route) => route.abort('internetdisconnected'));
    await page.goto(`${demo.server.origin}/netbank/`);
    const field = mitid(page).getByLabel('Bruger-ID');
    await field.fill('anna.app');
    await page.getByRole('button', { name: 'Fortsæt' }).click();
    await page
      .locator('mitid-login [role="alert"]')
      .getByText('Der er ingen forbindelse til MitID. Tjek din internetforbindelse. Prøv igen om lidt.')
      .waitFor();
    assert.equal(await field.inputValue(), 'anna.app', 'nothing typed is lost');
    assert.equal(
      await page.locator('mitid-login').evaluate((node) => (node as HTMLElement & { step: string }).step),
      'user-id',
    );
    await context.close();
  });
});
