/**
 * The pairing code end to end, without sight of the QR code: a login at /netbank/ completed in /app/ by typing the
 * code read from the element's text (never scanning), by keyboard alone in both pages; a stale code refused; a
 * code relayed to another identity's app refused, and the login left as it was.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { axeViolations } from './support/axe.js';
import { APP_PIN, activateApp } from './support/app.js';
import { PageSession } from './support/broker-api.js';
import { PHONE, launchBrowser, newContext, watch } from './support/browser.js';
import { leaveStep, mitid } from './support/element.js';
import { useDemo } from './support/demo.js';
import { startServer, type RunningServer } from './support/server.js';

/** The focused element's id and name, through open shadow roots. */
function focused(page: Page): Promise<{ id: string; name: string; text: string }> {
  return page.evaluate(() => {
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return {
      id: active?.id ?? '',
      name: active?.getAttribute('name') ?? '',
      text: active?.textContent?.trim() ?? '',
    };
  });
}

/** Presses Tab until `wanted` has focus. */
async function tabTo(page: Page, wanted: (stop: { id: string; name: string; text: string }) => boolean) {
  for (let i = 0; i < 40; i += 1) {
    await page.keyboard.press('Tab');
    if (wanted(await focused(page))) return;
  }
  throw new Error('Tab never reached the wanted control');
}

/** The pairing code as the element shows it ("123 456"). */
async function shownCode(bank: Page): Promise<string> {
  const code = mitid(bank).locator('.pairing-code');
  await code.waitFor();
  return ((await code.textContent()) ?? '').trim();
}

/** Types a pairing code in the app by keyboard: Tab to the field, type, Enter. */
async function typePairingCode(app: Page, code: string): Promise<void> {
  await tabTo(app, (stop) => stop.id === 'pair-code');
  await app.keyboard.type(code);
  await app.keyboard.press('Enter');
}

describe('app login by the pairing code', () => {
  const demo = useDemo();

  it('logs in at /netbank/ by typing the code the element shows into the app, keyboard only', async () => {
    const app = await (await newContext(demo.browser, PHONE)).newPage();
    const appProblems = await watch(app);
    await activateApp(app, demo.server.origin, 'anna.app');
    const bank = await (await newContext(demo.browser)).newPage();
    const bankProblems = await watch(bank);
    await bank.goto(`${demo.server.origin}/netbank/`);
    await bank.locator('mitid-login input[name="username"]').waitFor();
    await tabTo(bank, (stop) => stop.name === 'username');
    await bank.keyboard.type('anna.app');
    await bank.keyboard.press('Enter');
    let step = await leaveStep(bank, 'user-id');
    if (step === 'method') {
      // No remembered method: the list comes first; choose the app.
      await tabTo(bank, (stop) => stop.text.startsWith('MitID app'));
      await bank.keyboard.press('Enter');
      step = await leaveStep(bank, 'method');
    }
    assert.equal(step, 'app');
    const code = await shownCode(bank);
    assert.match(code, /^\d{3} \d{3}$/);
    const text = (await mitid(bank).locator('.pairing').textContent())?.replace(/\s+/g, ' ') ?? '';
    assert.match(text, /Kan du ikke scanne\? Indtast parringskoden i MitID app: \d{3} \d{3}/);
    assert.match((await mitid(bank).locator('.qr svg').getAttribute('aria-label')) ?? '', /indtast parringskoden/);
    await tabTo(bank, (stop) => stop.text === 'Læs koden op');
    await bank.keyboard.press('Enter');
    assert.deepEqual(await axeViolations(bank), []);

    // What the element says from here on (its polite region): the broker tells it the code, not a scan, paired.
    await bank.evaluate(() => {
      const region = document.querySelector('mitid-login')!.shadowRoot!.querySelector('[role="status"]')!;
      const heard: string[] = [];
      (window as unknown as { heard: string[] }).heard = heard;
      new MutationObserver(() => heard.push(region.textContent?.trim() ?? '')).observe(region, {
        childList: true,
        subtree: true,
        characterData: true,
      });
    });
    await typePairingCode(app, code);
    await app.getByRole('heading', { level: 1, name: 'Log på hos Demo Netbank?' }).waitFor();
    await bank.waitForFunction(() =>
      (window as unknown as { heard: string[] }).heard.some((said) => said.includes('Parringskoden er godkendt.')),
    );
    const heard = await bank.evaluate(() => (window as unknown as { heard: string[] }).heard.join(' | '));
    assert.doesNotMatch(heard, /QR-koden er scannet/, heard);
    await tabTo(app, (stop) => stop.id === 'pin');
    await app.keyboard.type(APP_PIN);
    await tabTo(app, (stop) => stop.id === 'approve');
    await app.keyboard.press('Enter');
    await app.getByRole('heading', { level: 1, name: 'Godkendt' }).waitFor();
    await bank.getByRole('heading', { level: 1, name: 'Velkommen, Anna Hansen' }).waitFor();
    assert.deepEqual(await bankProblems.list(), []);
    assert.deepEqual(await appProblems.list(), []);
    await app.context().close();
    await bank.context().close();
  });

  it("a code relayed to another identity's app is refused, and the login is left as it was", async () => {
    const eva = await (await newContext(demo.browser, PHONE)).newPage();
    await activateApp(eva, demo.server.origin, 'eva.flere');
    const session = await PageSession.start(demo.server.origin, {
      client_id: 'netbank',
      mode: 'login',
      user_id: 'anna.app',
      nonce: randomBytes(18).toString('base64url'),
    });
    await session.chooseMethod('app', 'cross');
    const { pairing_code: code } = await session.qrFrame();
    assert.ok(code);
    await typePairingCode(eva, code);
    await eva.locator('#pair-error').filter({ hasText: 'Parringskoden passer ikke.' }).waitFor();
    assert.equal(await eva.locator('#pair-code').getAttribute('aria-invalid'), 'true');
    assert.equal((await focused(eva)).id, 'pair-code', 'focus back on the field');
    assert.equal((await session.qrFrame()).pairing_code, code, 'the login still waits for its own app');
    assert.deepEqual(await axeViolations(eva), []);
    await eva.context().close();
  });
});

describe('a stale pairing code', () => {
  let server: RunningServer;
  let browser: Browser;

  before(async () => {
    // Short codes so that one goes stale while the test watches: a new one every 2.5 s, each good for 3.5 s.
    server = await startServer({ settings: { pairingCodeRefreshMs: 2500, pairingCodeMaxAgeMs: 3500 } });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('is refused in the app with a clear message, and the code shown now works', async () => {
    const app = await (await newContext(browser, PHONE)).newPage();
    await activateApp(app, server.origin, 'anna.app');
    const session = await PageSession.start(server.origin, {
      client_id: 'netbank',
      mode: 'login',
      user_id: 'anna.app',
      nonce: randomBytes(18).toString('base64url'),
    });
    await session.chooseMethod('app', 'cross');
    const first = (await session.qrFrame()).pairing_code;
    assert.ok(first);
    // Two codes later the first is more than 3.5 s old.
    const seen = new Set([first]);
    while (seen.size < 3) {
      const next = await session.qrFrame();
      if (next.pairing_code) seen.add(next.pairing_code);
      await new Promise((resolve) => setTimeout(resolve, next.pairing_refresh_ms ?? 500));
    }
    await typePairingCode(app, first);
    await app.locator('#pair-error').filter({ hasText: 'Parringskoden er for gammel' }).waitFor();
    const now = (await session.qrFrame()).pairing_code ?? '';
    await app.locator('#pair-code').fill('');
    await app.keyboard.type(now);
    await app.keyboard.press('Enter');
    await app.getByRole('heading', { level: 1, name: 'Log på hos Demo Netbank?' }).waitFor();
    await app.context().close();
  });
});
