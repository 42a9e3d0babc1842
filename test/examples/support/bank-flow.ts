/**
 * What every example app must do, driven as a person would by visible labels (examples/README.md states the
 * contract): log in, approve the bank's transfer text, and show a refused login. Every heading and message it
 * waits for is rendered by the framework from the `mitid-*` event it received, so passing proves the binding.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { axeViolations } from '../../e2e/support/axe.js';
import { approveOpenRequest, scanQrFrom, swipeOpenRequest } from '../../e2e/support/app.js';
import {
  chooseMethod,
  enterCode,
  enterPassword,
  enterUserId,
  fieldShown,
  mitid,
  press,
} from '../../e2e/support/element.js';

/** The offline bank's transfer text and code display answers (examples/shared/bank.ts). */
export const TRANSFER_TEXT = 'Overførsel af 2.300,00 kr. til konto 9978 000123456';
const CODE = '123456';
const PASSWORD = 'hemmelig';

/** A heading of the page itself (the element's own heading, "Log på med MitID", is another). */
async function heading(page: Page, name: string): Promise<void> {
  await page.getByRole('heading', { level: 2, name, exact: true }).waitFor();
}

/** WCAG 1.4.10: at 320 CSS px wide the page does not scroll sideways. */
async function assertReflows(page: Page): Promise<void> {
  const before = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 700 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow} px at 320 px`);
  if (before) await page.setViewportSize(before);
}

/** The code display path: one-time code, then password. */
async function codeAndPassword(page: Page, code = CODE): Promise<void> {
  await chooseMethod(page, 'code-display');
  await enterCode(page, code);
  await enterPassword(page, PASSWORD);
}

/** Logs in and approves the transfer; checks the page with axe at the start and at the end. */
export async function loginAndApprove(page: Page, origin: string): Promise<void> {
  await page.goto(origin);
  await heading(page, 'Log på');
  await fieldShown(page, 'Bruger-ID');
  assert.equal(await mitid(page).getAttribute('client-id'), 'examples', 'client-id is set as an attribute');
  assert.deepEqual(await axeViolations(page), []);
  await assertReflows(page);

  await enterUserId(page, 'anna.app');
  await codeAndPassword(page);
  await heading(page, 'Velkommen, Offline Bruger');
  assert.equal(
    await page.evaluate(() => document.activeElement?.textContent?.trim()),
    'Velkommen, Offline Bruger',
    'focus moves to the new heading',
  );

  await page.getByRole('button', { name: 'Overfør 2.300 kr.' }).click();
  await heading(page, 'Godkend overførslen');
  const element = mitid(page);
  // React 19 and Vue set `mode` as a property (the element has one), Angular may set the attribute: either reaches it.
  assert.equal(await element.evaluate((node) => (node as HTMLElement & { mode: string }).mode), 'approve');
  assert.equal(
    await element.evaluate((node) => (node as HTMLElement & { transactionText: string }).transactionText),
    TRANSFER_TEXT,
    'transactionText is set as a property',
  );
  await enterUserId(page, 'anna.app');
  await codeAndPassword(page);
  await heading(page, 'Overførslen er godkendt');
  assert.equal((await page.locator('.approved-text').textContent())?.trim(), TRANSFER_TEXT);
  assert.deepEqual(await axeViolations(page), []);
}

/**
 * Five wrong codes block the code methods (the offline stand-in counts them as the broker does, per user ID): the
 * element counts down and then says so itself; the page logs `mitid-error: blocked` and binds a fresh nonce to the
 * same element, so "Start forfra" begins a new login.
 */
export async function refusedLogin(page: Page, origin: string): Promise<void> {
  await page.goto(origin);
  await heading(page, 'Log på');
  const element = mitid(page);
  const nonceOf = () => element.evaluate((node) => (node as HTMLElement & { nonce: string }).nonce);
  const first = await nonceOf();
  await enterUserId(page, 'anna.app');
  await chooseMethod(page, 'code-display');
  for (let left = 4; left >= 0; left -= 1) {
    await enterCode(page, '000000');
    // The warning under the field (the alert region says it too).
    if (left > 0) await element.locator('.mitid-problem').getByText(`Du har ${left} forsøg tilbage`).waitFor();
  }
  await element
    .locator('[part~="error-message"]')
    .getByText(/for mange forkerte forsøg/)
    .waitFor();
  await page
    .locator('.event-log li', { hasText: /^mitid-error: blocked$/ })
    .first()
    .waitFor();
  await page.waitForFunction(([node, before]) => (node as HTMLElement & { nonce: string }).nonce !== before, [
    await element.elementHandle(),
    first,
  ] as const);
  await press(page, 'Start forfra');
  await fieldShown(page, 'Bruger-ID');
  await heading(page, 'Log på');
  const log = await page.locator('.event-log li').allTextContents();
  assert.ok(
    log.some((line) => line.startsWith('mitid-state: ')),
    `the state events were logged: ${log.join(' | ')}`,
  );
}

/**
 * Live, against the real broker and the examples' back end: log in as anna.app with the simulated MitID app
 * (`app`, already activated for anna.app). The name shown comes from the server, which verified the assertion.
 */
export async function liveLogin(page: Page, app: Page, url: string): Promise<void> {
  await page.goto(url);
  await fieldShown(page, 'Bruger-ID');
  assert.deepEqual(await axeViolations(page), []);
  await enterUserId(page, 'anna.app');
  await chooseMethod(page, 'app');
  await scanQrFrom(page, app);
  await app.getByRole('heading', { level: 1, name: 'Log på hos Eksempelbanken?' }).waitFor();
  await swipeOpenRequest(app);
  await heading(page, 'Velkommen, Anna Hansen');
  await app.getByRole('button', { name: 'Tilbage' }).click();
}

/** {@link liveLogin}, then approve the transfer; the page's event log shows the approval's `mitid-success`. */
export async function liveLoginAndApprove(page: Page, app: Page, url: string): Promise<void> {
  await liveLogin(page, app, url);
  await page.getByRole('button', { name: 'Overfør 2.300 kr.' }).click();
  await heading(page, 'Godkend overførslen');
  await enterUserId(page, 'anna.app');
  await chooseMethod(page, 'app');
  await scanQrFrom(page, app);
  await app.getByRole('heading', { level: 1, name: 'Godkend følgende?' }).waitFor();
  assert.equal(await app.locator('#request-text').textContent(), TRANSFER_TEXT);
  await approveOpenRequest(app);
  await heading(page, 'Overførslen er godkendt');
  assert.equal((await page.locator('.approved-text').textContent())?.trim(), TRANSFER_TEXT);
  const log = await page.locator('.event-log li').allTextContents();
  assert.equal(log[0]?.trim(), 'mitid-success: approve (app)');
  assert.deepEqual(await axeViolations(page), []);
  await app.getByRole('button', { name: 'Tilbage' }).click();
}
