/**
 * Demo Netbank end to end, on two pages as a person uses it: the bank in a desktop window, the simulated MitID app
 * in a phone-sized one (its own browser context: another device). Log in by app, then approve a transfer whose
 * exact text the bank built; the bank verifies both, and `jose` verifies the assertions independently. The approval
 * starts from the login's hint (issue 20): the user is not asked for the user ID again, and the bank checks that the
 * approval is by the user who logged in.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { axeViolations } from './support/axe.js';
import { activateApp, approveOpenRequest, scanQrFrom, swipeOpenRequest } from './support/app.js';
import { PHONE, launchBrowser, newContext, watch, type PageProblems } from './support/browser.js';
import { buttonShown, chooseMethod, enterUserId, leaveStep, mitid, press, qrScreenshot } from './support/element.js';
import { verifyWithJose } from './support/jose-check.js';
import { snap } from './support/screenshots.js';
import { startServer, type RunningServer } from './support/server.js';

/** The same with the clipboard: a screenshot of the QR code pasted into the app (Ctrl+V). */
async function pasteBankQr(bank: Page, app: Page): Promise<void> {
  const png = (await qrScreenshot(bank)).toString('base64');
  await app.evaluate((base64) => {
    const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
    const clipboard = new DataTransfer();
    clipboard.items.add(new File([bytes], 'qr.png', { type: 'image/png' }));
    document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: clipboard, bubbles: true }));
  }, png);
}

function assertionPosted(page: Page, path: string): Promise<string> {
  return page
    .waitForRequest((request) => request.url().endsWith(path) && request.method() === 'POST')
    .then((request) => (request.postDataJSON() as { assertion: string }).assertion);
}

describe('Demo Netbank with the MitID app', () => {
  let server: RunningServer;
  let browser: Browser;
  let bank: Page;
  let app: Page;
  let bankProblems: PageProblems;
  let appProblems: PageProblems;
  let loginHint = '';
  let loginSub = '';

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    bank = await (await newContext(browser)).newPage();
    app = await (await newContext(browser, PHONE)).newPage();
    bankProblems = await watch(bank);
    appProblems = await watch(app);
    await activateApp(app, server.origin, 'anna.app');
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('logs in by app across two pages; the bank shows what it verified, jose agrees', async () => {
    await bank.goto(`${server.origin}/netbank/`);
    await snap(bank, 'netbank-login');
    await enterUserId(bank, 'anna.app');
    await chooseMethod(bank, 'app');
    await snap(bank, 'netbank-app-qr');
    const posted = assertionPosted(bank, '/netbank/api/login');
    await scanQrFrom(bank, app);
    await app.getByRole('heading', { level: 1, name: 'Log på hos Demo Netbank?' }).waitFor();
    await snap(app, 'app-login-request');
    await swipeOpenRequest(app);
    await snap(app, 'app-approved');

    await bank.getByRole('heading', { level: 1, name: 'Velkommen, Anna Hansen' }).waitFor();
    const facts = bank.locator('#verified-facts');
    assert.match((await facts.textContent()) ?? '', /NavnAnna Hansen.*MetodeMitID app/);
    await snap(bank, 'netbank-logged-in');
    assert.deepEqual(await axeViolations(bank), []);
    // At a phone's width in a dark colour scheme: axe-clean, the page does not scroll sideways, and the accounts
    // table scrolls within its own labelled, focusable region (its scroll shadows are the cue: screenshot).
    const viewport = bank.viewportSize();
    await bank.setViewportSize({ width: 390, height: 844 });
    await bank.emulateMedia({ colorScheme: 'dark' });
    assert.deepEqual(await axeViolations(bank), [], 'dark colour scheme, 390 px');
    const sideways = await bank.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(sideways <= 0, `the net bank scrolls sideways by ${sideways} px at 390 px`);
    const accounts = bank.getByRole('region', { name: 'Tabel over konti' });
    assert.ok(await accounts.evaluate((region) => region.scrollWidth > region.clientWidth), 'the table scrolls');
    await snap(accounts, 'netbank-logged-in-390-dark');
    await bank.emulateMedia({ colorScheme: 'light' });
    if (viewport) await bank.setViewportSize(viewport);

    const { payload, kid } = await verifyWithJose(server.origin, await posted, 'netbank');
    assert.ok(kid);
    loginHint = String(payload.login_hint ?? '');
    loginSub = String(payload.sub);
    assert.match(loginHint, /^h1\.[\w-]+$/, 'a login carries an opaque login hint');
    assert.ok(!loginHint.includes('anna'), 'which never holds the user ID');
    assert.equal(payload.name, 'Anna Hansen');
    assert.equal(payload.mode, 'login');
    assert.equal(payload.origin, server.origin);
    assert.deepEqual(await bankProblems.list(), []);
    assert.deepEqual(await appProblems.list(), []);
    await app.getByRole('button', { name: 'Tilbage' }).click();
  });

  it('approves a transfer: the app shows the bank-built payment, the bank verifies it field by field', async () => {
    const text = 'Overførsel af 2.300,00 kr. til Jens Hansen, konto 9978 000123456';
    await bank.getByLabel('Beløb i kr.', { exact: true }).fill('2.300,00');
    await bank.getByLabel('Reg.nr.', { exact: true }).fill('9978');
    await bank.getByLabel('Kontonr.', { exact: true }).fill('000123456');
    await bank.getByLabel('Modtagers navn', { exact: true }).fill('Jens Hansen');
    await bank.getByRole('button', { name: 'Godkend', exact: true }).click();
    await bank.getByRole('heading', { name: 'Godkend overførslen med MitID' }).waitFor();
    assert.equal(await bank.locator('#approval-text').textContent(), text);
    // The payment goes to the element as data, not as a text.
    assert.deepEqual(
      await mitid(bank).evaluate((element) => (element as HTMLElement & { transaction: unknown }).transaction),
      {
        kind: 'payment',
        amount: { value: '2300.00', currency: 'DKK' },
        payee: { name: 'Jens Hansen', account: { reg: '9978', number: '000123456' } },
      },
    );
    assert.equal(await mitid(bank).getAttribute('mode'), 'approve');
    const hint = (await mitid(bank).getAttribute('login-hint')) ?? '';
    assert.equal(hint, loginHint, "the element carries the login's hint, as the bank kept it");

    // No user ID again: the element shows the text to approve at once, before the user goes on.
    await buttonShown(bank, 'Fortsæt til godkendelse');
    await mitid(bank).getByText(text).waitFor();
    assert.equal(await mitid(bank).getByLabel('Bruger-ID').count(), 0, 'no user-ID field');
    await snap(bank, 'netbank-transfer-approve');
    await press(bank, 'Fortsæt til godkendelse');
    await leaveStep(bank, 'approve');
    await chooseMethod(bank, 'app');
    const posted = assertionPosted(bank, '/approve');
    await pasteBankQr(bank, app);
    await app.getByRole('heading', { level: 1, name: 'Godkend følgende?' }).waitFor();
    assert.equal(await app.locator('#request-text').textContent(), text);
    // Amount and payee as their own fields.
    assert.equal(await app.locator('#request-payment .payment-amount').textContent(), '2.300,00 kr.');
    assert.equal(await app.locator('#request-payment .payment-payee').textContent(), 'Jens Hansen');
    assert.equal(await app.locator('#request-payment .payment-account').textContent(), '9978 000123456');
    assert.equal(await app.locator('#request-service').textContent(), 'Demo Netbank');
    // Where and when the request started: the bank page's browser family (headless Chromium on Linux) and the time.
    assert.match(
      (await app.locator('#request-origin').textContent()) ?? '',
      /^Startet kl\. \d\d\.\d\d i Chrome på Linux$/,
    );
    await snap(app, 'app-transfer-request');
    assert.deepEqual(await axeViolations(app), []);
    await approveOpenRequest(app);

    await bank.getByRole('heading', { name: 'Overførslen er godkendt' }).waitFor();
    const receipt = (await bank.locator('#receipt-facts').textContent()) ?? '';
    assert.ok(receipt.includes(`Godkendt tekst${text}`), receipt);
    assert.ok(receipt.includes('Godkendt afAnna Hansen'), receipt);
    await bank.getByText(`${text}: -2.300,00 kr.`).waitFor();
    await snap(bank, 'netbank-transfer-done');
    assert.deepEqual(await axeViolations(bank), []);

    const { payload } = await verifyWithJose(server.origin, await posted, 'netbank');
    assert.equal(payload.mode, 'approve');
    assert.equal((payload.txn as { text: string }).text, text);
    assert.equal(payload.sub, loginSub, 'the approval is by the user who logged in');
    assert.deepEqual((payload.txn as { details: { amount: unknown } }).details.amount, {
      value: '2300.00',
      currency: 'DKK',
    });
    assert.deepEqual(await bankProblems.list(), []);
    assert.deepEqual(await appProblems.list(), []);
    await app.getByRole('button', { name: 'Tilbage' }).click();
  });

  it('shows a rejection in the app as a failed approval, and books nothing', async () => {
    await bank.getByRole('button', { name: 'Ny overførsel' }).click();
    await bank.getByLabel('Beløb i kr.', { exact: true }).fill('99,95');
    await bank.getByLabel('Reg.nr.', { exact: true }).fill('1234');
    await bank.getByLabel('Kontonr.', { exact: true }).fill('5678901');
    await bank.getByLabel('Modtagers navn', { exact: true }).fill('Karen Jensen');
    await bank.getByRole('button', { name: 'Godkend', exact: true }).click();
    await press(bank, 'Fortsæt til godkendelse');
    await leaveStep(bank, 'approve');
    await chooseMethod(bank, 'app');
    await scanQrFrom(bank, app);
    await app.getByRole('heading', { level: 1, name: 'Godkend følgende?' }).waitFor();
    await app.getByRole('button', { name: 'Afvis' }).click();
    await app.getByRole('heading', { level: 1, name: 'Afvist' }).waitFor();
    await mitid(bank)
      .locator('[part~="error-message"]')
      .filter({ hasText: 'Du afviste anmodningen i MitID app. Intet er godkendt.' })
      .waitFor();
    await snap(bank, 'netbank-transfer-rejected');
    assert.doesNotMatch((await bank.locator('#postings').textContent()) ?? '', /99,95/);
    assert.deepEqual(await bankProblems.list(), []);
    await app.getByRole('button', { name: 'Tilbage' }).click();
  });

  it('refuses an approval of a payment that a man in the browser changed, and books nothing', async () => {
    const forged = 'Overførsel af 50.000,00 kr. til Jens Hansen, konto 6666 000999999';
    await bank.getByRole('button', { name: 'Fortryd overførslen' }).click();
    await bank.getByText('Overførslen er fortrudt. Intet er gennemført.').waitFor();
    await bank.getByLabel('Beløb i kr.', { exact: true }).fill('500,00');
    await bank.getByLabel('Reg.nr.', { exact: true }).fill('9978');
    await bank.getByLabel('Kontonr.', { exact: true }).fill('000123456');
    await bank.getByLabel('Modtagers navn', { exact: true }).fill('Jens Hansen');
    // Malware in the browser rewrites the payment on its way to the page (the element starts at once with the
    // login's hint, so it rewrites it before the element sees it); the bank still expects its own.
    await bank.route('**/netbank/api/transfers', async (route) => {
      const response = await route.fetch();
      const details = {
        kind: 'payment',
        amount: { value: '50000.00', currency: 'DKK' },
        payee: { name: 'Jens Hansen', account: { reg: '6666', number: '000999999' } },
      };
      await route.fulfill({ response, json: { ...(await response.json()), details, text: forged } });
    });
    await bank.getByRole('button', { name: 'Godkend', exact: true }).click();
    await bank.getByRole('heading', { name: 'Godkend overførslen med MitID' }).waitFor();
    await bank.unroute('**/netbank/api/transfers');
    await press(bank, 'Fortsæt til godkendelse');
    await leaveStep(bank, 'approve');
    await chooseMethod(bank, 'app');
    await scanQrFrom(bank, app);
    await app.getByRole('heading', { level: 1, name: 'Godkend følgende?' }).waitFor();
    assert.equal(await app.locator('#request-text').textContent(), forged);
    await approveOpenRequest(app);
    await bank.getByText('Den godkendte tekst er ikke den tekst, banken bad om. Intet er gennemført.').waitFor();
    await snap(bank, 'netbank-tampered-refused');
    assert.doesNotMatch((await bank.locator('#postings').textContent()) ?? '', /50\.000|500,00/);
    // The bank's 401 for the refused approval is the one console line this test provokes.
    assert.deepEqual(await bankProblems.list(/status of 401/), []);
    await app.getByRole('button', { name: 'Tilbage' }).click();
  });

  it('approves a batch of two payments: count, total and both payees in the element and the app; booked once verified', async () => {
    await bank.getByLabel('Beløb i kr.', { exact: true }).fill('100,00');
    await bank.getByLabel('Reg.nr.', { exact: true }).fill('9978');
    await bank.getByLabel('Kontonr.', { exact: true }).fill('000123456');
    await bank.getByLabel('Modtagers navn', { exact: true }).fill('Jens Hansen');
    await bank.getByLabel('Beløb til 2. modtager', { exact: true }).fill('50,25');
    await bank.getByLabel('2. modtagers reg.nr.', { exact: true }).fill('1234');
    await bank.getByLabel('2. modtagers kontonr.', { exact: true }).fill('5678901');
    await bank.getByLabel('2. modtagers navn', { exact: true }).fill('Karen Jensen');
    await bank.getByRole('button', { name: 'Godkend', exact: true }).click();
    await bank.getByRole('heading', { name: 'Godkend overførslen med MitID' }).waitFor();
    const text = [
      '2 overførsler på i alt 150,25 kr.:',
      '100,00 kr. til Jens Hansen, konto 9978 000123456',
      '50,25 kr. til Karen Jensen, konto 1234 5678901',
    ].join('\n');
    assert.equal(await bank.locator('#approval-text').textContent(), text);
    await press(bank, 'Fortsæt til godkendelse');
    await leaveStep(bank, 'approve');
    await chooseMethod(bank, 'app');
    await scanQrFrom(bank, app);
    await app.getByRole('heading', { level: 1, name: 'Godkend følgende?' }).waitFor();
    assert.equal(await app.locator('#request-text').textContent(), text);
    assert.equal(await app.locator('#request-payment .payment-total').textContent(), '2 overførsler, i alt 150,25 kr.');
    assert.deepEqual(await app.locator('#request-payment .payment-payee').allTextContents(), [
      'Jens Hansen',
      'Karen Jensen',
    ]);
    assert.deepEqual(await axeViolations(app), []);
    await approveOpenRequest(app);
    await bank.getByRole('heading', { name: 'Overførslen er godkendt' }).waitFor();
    assert.match((await bank.locator('#postings').textContent()) ?? '', /-150,25 kr\./);
    assert.deepEqual(await axeViolations(bank), []);
    await app.getByRole('button', { name: 'Tilbage' }).click();
  });
});
