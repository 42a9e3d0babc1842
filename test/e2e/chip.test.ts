/**
 * The chip (a FIDO security key) end to end with Chromium's virtual authenticator: enrol it for dan.chip on the
 * enrolment page, then log in to Demo Borgerservice with the password and the key. The RP ID is `localhost`.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newContext, watch } from './support/browser.js';
import { chooseMethod, enterUserId, fill, mitid, press } from './support/element.js';
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

  it('enrols a key for the chip identity', async () => {
    const problems = await watch(page);
    await page.goto(`${server.origin}/chip/`);
    await page.getByLabel('Testbruger').selectOption('dan.chip');
    await page.getByRole('button', { name: 'Tilmeld sikkerhedsnøgle' }).click();
    await page.getByText('Sikkerhedsnøglen er tilmeldt dan.chip.', { exact: false }).waitFor();
    await snap(page, 'chip-enrolled');
    assert.deepEqual(await problems.list(), []);
  });

  it('logs in to Borgerservice with the password and the key', async () => {
    const problems = await watch(page);
    await page.goto(`${server.origin}/borger/`);
    await page.getByRole('button', { name: 'Dansk' }).click();
    await enterUserId(page, 'dan.chip');
    await chooseMethod(page, 'chip');
    await fill(page, 'Adgangskode', 'dan-chip-2026', { exact: true });
    await press(page, /^(Fortsæt|Log på)$/);
    const useChip = mitid(page).getByRole('button', { name: 'Brug MitID chip' });
    const welcome = page.getByRole('heading', { level: 1, name: 'Velkommen, Dan Pedersen' });
    await useChip.or(welcome).first().waitFor();
    if (await useChip.isVisible()) await useChip.click();
    await welcome.waitFor();
    assert.match((await page.locator('#verified-facts').textContent()) ?? '', /MetodeMitID chip/);
    await snap(page, 'borger-logged-in-chip');
    assert.deepEqual(await problems.list(), []);
  });
});
