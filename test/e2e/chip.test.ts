/**
 * The chip (a FIDO security key) end to end with Chromium's virtual authenticator: enrol it for dan.chip on the
 * enrolment page with the activation code of his letter (never a password: a key is High), then log in to Demo
 * Borgerservice with the key first and then the password. The RP ID is `localhost`.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newContext, watch } from './support/browser.js';
import { chooseMethod, enterUserId, fill, leaveStep, press } from './support/element.js';
import { snap } from './support/screenshots.js';
import { startServer, type RunningServer } from './support/server.js';

async function addVirtualAuthenticator(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
}

describe('MitID chip with a virtual authenticator', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = await (await newContext(browser)).newPage();
    await addVirtualAuthenticator(page);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('enrols a key for the chip identity with the activation code of his letter', async () => {
    const problems = await watch(page);
    await page.goto(`${server.origin}/chip/`);
    assert.equal(await page.getByLabel('Adgangskode').count(), 0, 'no password opens an enrolment');
    await page.getByLabel('Testbruger').selectOption('dan.chip');
    await page.getByText('Brevets aktiveringskode er udfyldt.').waitFor();
    assert.match(await page.getByLabel('Aktiveringskode').inputValue(), /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await page.getByRole('button', { name: 'Tilmeld sikkerhedsnøgle' }).click();
    await page.getByText('Sikkerhedsnøglen er tilmeldt dan.chip.', { exact: false }).waitFor();
    // The letter is used up by the enrolment: the picker says so and offers a new one.
    await page.getByText(/Brevets kode .* er brugt/).waitFor();
    await page.getByRole('button', { name: 'Bestil nyt brev' }).waitFor();
    await snap(page, 'chip-enrolled');
    assert.deepEqual(await problems.list(), []);
  });

  it('logs in to Borgerservice with the key first, then the password', async () => {
    const problems = await watch(page);
    await page.goto(`${server.origin}/borger/`);
    await page.getByRole('button', { name: 'Dansk' }).click();
    await enterUserId(page, 'dan.chip');
    await chooseMethod(page, 'chip');
    await press(page, 'Brug MitID chip');
    assert.equal(await leaveStep(page, 'chip'), 'password');
    await fill(page, 'Adgangskode', 'dan-chip-2026', { exact: true });
    await press(page, 'Log på', { exact: true });
    const welcome = page.getByRole('heading', { level: 1, name: 'Velkommen, Dan Pedersen' });
    await welcome.waitFor();
    assert.match((await page.locator('#verified-facts').textContent()) ?? '', /MetodeMitID chip/);
    await snap(page, 'borger-logged-in-chip');
    assert.deepEqual(await problems.list(), []);
  });
});
