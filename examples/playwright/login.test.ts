/**
 * A bank's own Playwright test, as docs/testing.md shows it: it imports only the package's public entries
 * (`mitid-login/testing/node`, `mitid-login/verify`, by name), playwright-core and its bank page (./bank.ts),
 * starts the reference broker with the fixture, and logs in by code display, by the app's pairing code, by scanning
 * its QR and on a phone by the app's link; approves a payment, sees a refused login, and logs in with a chip
 * (Chromium's virtual authenticator), with the simulated authenticators. No demo page, no test/ helper.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, type Browser, type Page } from 'playwright-core';
import {
  PageHarness,
  startBroker,
  testPassword,
  TEST_CLIENT_ID,
  TEST_USERS,
  VirtualChip,
  type AppDevice,
  type AppRequest,
  type BrokerFixture,
} from 'mitid-login/testing/node';
import { ACR, MemoryReplayStore, verifyAssertion } from 'mitid-login/verify';
import { startBank, type Bank } from './bank.js';

// Playwright's own Chromium, unless told which (this repository's tests pass Debian's: test/examples/playwright.test.ts).
const launchOptions = {
  headless: true,
  executablePath: process.env.CHROMIUM_PATH || undefined,
  args: process.env.CHROMIUM_ARGS?.split(' ').filter(Boolean) ?? [],
};

describe('a bank tests its login with mitid-login/testing', () => {
  let broker: BrokerFixture;
  let bank: Bank;
  let browser: Browser;

  before(async () => {
    bank = await startBank(() => ({ url: broker.url, clientId: TEST_CLIENT_ID }));
    broker = await startBroker({ origins: [bank.origin] });
    browser = await chromium.launch(launchOptions);
  });

  after(async () => {
    await browser?.close();
    await broker?.stop();
    await bank?.close();
  });

  async function open(test: string, approve?: string): Promise<{ page: Page; mitid: PageHarness }> {
    const page = await browser.newPage();
    const query = new URLSearchParams({ test, ...(approve ? { approve } : {}) });
    await page.goto(`${bank.origin}/?${query}`);
    return { page, mitid: new PageHarness(page) };
  }

  /** What the bank's back end does with the assertion: verify it with the broker's keys and this page's nonce. */
  async function verify(assertion: string, test: string, text?: string) {
    return verifyAssertion(assertion, {
      issuer: broker.url,
      audience: TEST_CLIENT_ID,
      nonce: bank.nonce(test),
      origin: bank.origin,
      jwksUrl: `${broker.url}/.well-known/jwks.json`,
      replayStore: new MemoryReplayStore(),
      ...(text ? { expectedTransactionText: text } : {}),
    });
  }

  /** The user types the page's pairing code in the app, and the app opens the request it finds. */
  async function pairAndOpen(phone: AppDevice, code: string): Promise<AppRequest> {
    const paired = (await phone.pair(code)).ok();
    return (await phone.open(paired.request_id)).ok();
  }

  it('logs in with the code display and the password', async () => {
    const { page, mitid } = await open('code');
    await mitid.enterUserId(TEST_USERS.codeDisplay);
    await mitid.chooseMethod('code-display');
    await mitid.enterCode(broker.codeDevice(TEST_USERS.codeDisplay).code());
    const success = mitid.nextSuccess();
    await mitid.enterPassword(testPassword(TEST_USERS.codeDisplay));
    const { assertion, method } = await success;
    assert.equal(method, 'code-display');
    const claims = await verify(assertion, 'code');
    assert.equal(claims.aud, TEST_CLIENT_ID);
    assert.equal(await mitid.step(), 'done');
    await page.close();
  });

  it('logs in with the MitID app by the pairing code', async () => {
    const phone = await broker.appDevice(TEST_USERS.app);
    const { page, mitid } = await open('app');
    await mitid.enterUserId(TEST_USERS.app);
    await mitid.chooseMethod('app');
    const request = await pairAndOpen(phone, await mitid.pairingCode());
    assert.equal(request.client_name, 'Test Netbank');
    const success = mitid.nextSuccess();
    (await phone.decide(request, 'approve')).ok();
    const { assertion, method } = await success;
    assert.equal(method, 'app');
    await verify(assertion, 'app');
    await page.close();
  });

  it('logs in with the MitID app by scanning the QR code the page shows', async () => {
    const phone = await broker.appDevice(TEST_USERS.app);
    const { page, mitid } = await open('scan');
    await mitid.enterUserId(TEST_USERS.app);
    await mitid.chooseMethod('app');
    const scanned = (await phone.scan(await mitid.scanQr())).ok();
    const request = (await phone.open(scanned.request_id)).ok();
    const success = mitid.nextSuccess();
    (await phone.decide(request, 'approve')).ok();
    assert.equal((await success).method, 'app');
    await page.close();
  });

  it('on a phone, logs in by the link that opens the MitID app on the same device', async () => {
    const phone = await broker.appDevice(TEST_USERS.app);
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    // The bank's phone layout: the app opens on this device instead of by a QR code.
    await page.goto(`${bank.origin}/?${new URLSearchParams({ test: 'same-device', device: 'same' })}`);
    const mitid = new PageHarness(page);
    await mitid.enterUserId(TEST_USERS.app);
    await mitid.chooseMethod('app');
    const success = mitid.nextSuccess();
    // The operating system would open the app from the link; the test hands the link to the simulated app.
    const request = await phone.answer(await mitid.appLink(), 'approve');
    assert.equal(request.client_name, 'Test Netbank');
    assert.equal((await success).method, 'app');
    await context.close();
  });

  it('approves a payment in the app: the app shows, and the assertion carries, the exact text', async () => {
    const text = 'Overførsel af 2.300 kr. til konto 9978 000123456';
    const phone = await broker.appDevice(TEST_USERS.app);
    const { page, mitid } = await open('approve', text);
    await mitid.enterUserId(TEST_USERS.app);
    await mitid.chooseMethod('app');
    const request = await pairAndOpen(phone, await mitid.pairingCode());
    assert.equal(request.transaction_text, text);
    const success = mitid.nextSuccess();
    (await phone.decide(request, 'approve')).ok();
    const { assertion, mode } = await success;
    assert.equal(mode, 'approve');
    const claims = await verify(assertion, 'approve', text);
    assert.equal((claims as { txn?: { text?: string } }).txn?.text, text);
    await page.close();
  });

  it('a login the user refuses in the app ends in an error the page hears, and no assertion', async () => {
    const phone = await broker.appDevice(TEST_USERS.app);
    const { page, mitid } = await open('refused');
    await mitid.enterUserId(TEST_USERS.app);
    await mitid.chooseMethod('app');
    const request = await pairAndOpen(phone, await mitid.pairingCode());
    const failed = mitid.nextError();
    (await phone.decide(request, 'reject')).ok();
    assert.equal((await failed).code, 'rejected');
    assert.equal(await mitid.step(), 'error');
    assert.match((await mitid.announcements()).assertive, /./);
    await page.close();
  });

  it('logs in with a chip: a virtual security key enrolled with a letter, then the password', async () => {
    const { page, mitid } = await open('chip');
    const chip = await VirtualChip.attach(page);
    await chip.enrol(broker, TEST_USERS.chip);
    const [enrolled] = await chip.credentials();
    await mitid.enterUserId(TEST_USERS.chip);
    await mitid.chooseMethod('chip');
    await mitid.useChip();
    assert.equal(await mitid.leaveStep('chip'), 'password');
    const success = mitid.nextSuccess();
    await mitid.enterPassword(testPassword(TEST_USERS.chip));
    const { assertion, method } = await success;
    assert.equal(method, 'chip');
    assert.equal((await verify(assertion, 'chip')).acr, ACR.high);
    const [used] = await chip.credentials();
    assert.equal(used?.credentialId, enrolled?.credentialId, 'the enrolled key');
    assert.equal(used!.signCount, enrolled!.signCount + 1, 'used once for the login');
    await chip.detach();
    await page.close();
  });
});
