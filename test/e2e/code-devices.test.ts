/**
 * Logins with the simulated code devices: the code display beside Demo Netbank, and the audio code reader beside
 * Demo Borgerservice (in English, to show the language switch reaching the element). The code is read off the
 * device page, as a person would read it, and typed into the element with the password.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeViolations } from './support/axe.js';
import { launchBrowser, newContext, watch } from './support/browser.js';
import { chooseMethod, enterUserId, fill, mitid, press } from './support/element.js';
import { snap } from './support/screenshots.js';
import { startServer, type RunningServer } from './support/server.js';

async function readCode(device: Page, selector: string): Promise<string> {
  const display = device.locator(`${selector}[data-code]`);
  await display.waitFor();
  const code = await display.getAttribute('data-code');
  assert.match(code ?? '', /^\d{6}$/);
  return code!;
}

describe('logins with the code display and the audio code reader', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    context = await newContext(browser);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('logs in to the net bank with the code from the code display and the password', async () => {
    const device = await context.newPage();
    await device.goto(`${server.origin}/kodeviser/#bo.kodeviser`);
    const bank = await context.newPage();
    const problems = await watch(bank);
    await bank.goto(`${server.origin}/netbank/`);
    await enterUserId(bank, 'bo.kodeviser');
    await chooseMethod(bank, 'code-display');
    const code = await readCode(device, '#code');
    await snap(device, 'kodeviser');
    await fill(bank, 'Engangskode (6 cifre)', code);
    await press(bank, 'Fortsæt', { exact: true });
    await fill(bank, 'Adgangskode', 'bo-kode-2026', { exact: true });
    await snap(bank, 'netbank-code-password');
    await press(bank, 'Log på', { exact: true });
    await bank.getByRole('heading', { level: 1, name: 'Velkommen, Bo Jensen' }).waitFor();
    assert.match((await bank.locator('#verified-facts').textContent()) ?? '', /MetodeMitID kodeviser/);
    assert.deepEqual(await problems.list(), []);
  });

  it('logs in to Borgerservice in English with the code from the audio code reader', async () => {
    const device = await context.newPage();
    await device.goto(`${server.origin}/kodeoplaeser/#clara.lyd`);
    await device.getByRole('button', { name: 'Læs koden op' }).waitFor();
    await snap(device, 'kodeoplaeser');
    assert.deepEqual(await axeViolations(device), []);
    const page = await context.newPage();
    const problems = await watch(page);
    await page.goto(`${server.origin}/borger/`);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Log in to Demo Borgerservice' }).waitFor();
    const element = mitid(page);
    assert.equal(await element.getAttribute('lang'), 'en');
    await fill(page, 'User ID', 'clara.lyd');
    await press(page, 'Continue', { exact: true });
    await chooseMethod(page, 'code-reader');
    await fill(page, 'One-time code (6 digits)', await readCode(device, '#digits'));
    await press(page, 'Continue', { exact: true });
    await fill(page, 'Password', 'clara-lyd-2026', { exact: true });
    await press(page, 'Log in', { exact: true });
    await page.getByRole('heading', { level: 1, name: 'Welcome, Clara Nielsen' }).waitFor();
    assert.match((await page.locator('#verified-facts').textContent()) ?? '', /MethodMitID audio code reader/);
    await snap(page, 'borger-logged-in-en');
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(await problems.list(), []);
  });

  it('reads the code aloud digit by digit in Danish', async () => {
    const device = await context.newPage();
    // A recording stand-in for the speech engine (headless Chromium has no voices).
    await device.addInitScript(() => {
      const spoken: { text: string; lang: string }[] = [];
      (window as unknown as { spoken: typeof spoken }).spoken = spoken;
      speechSynthesis.cancel = () => undefined;
      speechSynthesis.speak = (utterance) => {
        spoken.push({ text: utterance.text, lang: utterance.lang });
        utterance.dispatchEvent(new Event('start'));
        utterance.dispatchEvent(new Event('end'));
      };
    });
    await device.goto(`${server.origin}/kodeoplaeser/#clara.lyd`);
    const code = await readCode(device, '#digits');
    await device.getByRole('button', { name: 'Læs koden op' }).click();
    await device.getByText('Koden er læst op.').waitFor();
    const spoken = await device.evaluate(
      () => (window as unknown as { spoken: { text: string; lang: string }[] }).spoken,
    );
    // The code may turn over between reading it and pressing the button; either way it is the code on screen.
    const shown = await device.locator('#digits').getAttribute('data-code');
    const said = spoken.map((utterance) => utterance.text).join('');
    assert.ok([code, shown].includes(said), `spoke ${said}, showed ${code} / ${shown}`);
    assert.equal(spoken.length, 6);
    assert.ok(spoken.every((utterance) => utterance.lang === 'da-DK'));
  });
});
