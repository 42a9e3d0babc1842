/**
 * A bank's own Playwright test, as docs/testing.md shows it: it imports only the built package's public entries
 * (`mitid-login/testing/node`, `mitid-login/verify`, by name) and playwright-core, starts the reference broker with
 * the fixture, serves a one-element bank page, and logs in by code display, by the app's pairing code, approves a
 * payment, sees a refused login, and logs in with a chip (Chromium's virtual authenticator), with the simulated
 * authenticators. No demo page, no test/ helper.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
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
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';

// The element's browser bundle, from the installed package (dist/mitid-login.js and its lazy chunks).
const dist = new URL('./dist/', import.meta.resolve('mitid-login/package.json'));

/** The bank's page: the element with a fresh nonce; `?approve=<text>` asks for an approval of that text. */
function bankPage(brokerUrl: string, nonce: string, approve: string | null): string {
  const mode = approve ? ` mode="approve" transaction-text="${approve.replace(/"/g, '&quot;')}"` : '';
  return `<!doctype html><html lang="da"><head><meta charset="utf-8"><title>Testbank</title>
<script type="module" src="/mitid-login.js"></script></head><body><main>
<mitid-login broker="${brokerUrl}" client-id="${TEST_CLIENT_ID}" nonce="${nonce}" device="cross"${mode}></mitid-login>
</main></body></html>`;
}

describe('a bank tests its login with mitid-login/testing', () => {
  let broker: BrokerFixture;
  let bank: Server;
  let bankOrigin: string;
  let browser: Browser;
  const nonces = new Map<string, string>();

  before(async () => {
    bank = createServer(
      (request, response) => void serve(request, response).catch(() => response.writeHead(500).end()),
    );
    const serve = async (request: IncomingMessage, response: ServerResponse) => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      if (url.pathname === '/') {
        const nonce = randomBytes(16).toString('base64url');
        nonces.set(url.searchParams.get('test') ?? '', nonce);
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        return response.end(bankPage(broker.url, nonce, url.searchParams.get('approve')));
      }
      if (/^\/(mitid-login\.js|chunks\/[\w-]+\.js)$/.test(url.pathname)) {
        response.writeHead(200, { 'content-type': 'text/javascript' });
        return response.end(await readFile(new URL(`.${url.pathname}`, dist)));
      }
      response.writeHead(404).end();
    };
    await new Promise<void>((resolve) => bank.listen(0, 'localhost', resolve));
    const address = bank.address();
    bankOrigin = `http://localhost:${typeof address === 'object' && address ? address.port : 0}`;
    broker = await startBroker({ origins: [bankOrigin] });
    browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs, headless: true });
  });

  after(async () => {
    await browser?.close();
    await broker?.stop();
    await new Promise((resolve) => bank?.close(resolve));
  });

  async function open(test: string, approve?: string): Promise<{ page: Page; mitid: PageHarness }> {
    const page = await browser.newPage();
    const query = new URLSearchParams({ test, ...(approve ? { approve } : {}) });
    await page.goto(`${bankOrigin}/?${query}`);
    return { page, mitid: new PageHarness(page) };
  }

  /** What the bank's back end does with the assertion: verify it with the broker's keys and this page's nonce. */
  async function verify(assertion: string, test: string, text?: string) {
    return verifyAssertion(assertion, {
      issuer: broker.url,
      audience: TEST_CLIENT_ID,
      nonce: nonces.get(test)!,
      origin: bankOrigin,
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
