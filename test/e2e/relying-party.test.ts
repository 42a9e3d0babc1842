/**
 * The demo relying parties' own back ends, over HTTP as a browser (or an attacker) would call them: nothing is
 * believed before `mitid-login/verify` has checked it. Assertions come from real broker sessions, approved by an
 * app device played from Node (testing/node/app-device.ts).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { amountOf, formatKroner, parseKroner, paymentOf } from '../../demo/rp/money.js';
import type { TransactionDetails } from '../../protocol/transaction.js';
import { AppDevice, fetchPort } from '../../testing/node/index.js';
import { sameDeviceAssertion } from './support/broker-api.js';
import { startServer, type RunningServer } from './support/server.js';

/** A browser's cookie jar for one relying party, enough for one HttpOnly session cookie. */
class Browserish {
  private cookie = '';
  constructor(private readonly origin: string) {}

  get cookieValue(): string {
    return this.cookie;
  }

  async call<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    extraHeaders: Record<string, string> = {},
  ): Promise<{ status: number; body: T }> {
    const headers: Record<string, string> = { origin: this.origin, ...extraHeaders };
    if (this.cookie) headers.cookie = this.cookie;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.origin}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0]!;
    return { status: response.status, body: (await response.json()) as T };
  }
}

describe('the demo relying parties verify everything themselves', () => {
  let server: RunningServer;
  let device: AppDevice;
  const assertionFor = (request: {
    client_id: string;
    nonce: string;
    mode: 'login' | 'approve';
    text?: string;
    details?: TransactionDetails;
  }) => sameDeviceAssertion(server.origin, device, request);

  before(async () => {
    server = await startServer();
    device = await AppDevice.activate(fetchPort(server.origin, { headers: { origin: server.origin } }), {
      userId: 'anna.app',
      activationCode: await server.app.broker.proofs.issueLetter('anna.app'),
      name: 'Node test device',
    });
  });
  after(async () => {
    await server?.close();
  });

  it('builds payments from amounts in Danish notation, as decimal strings', () => {
    assert.equal(parseKroner('2.300,00'), 230_000);
    assert.equal(parseKroner('2300'), 230_000);
    assert.equal(parseKroner('0,5'), 50);
    assert.equal(parseKroner('2.30,00'), null);
    assert.equal(parseKroner('-5'), null);
    assert.equal(parseKroner('0'), null);
    assert.equal(formatKroner(123_456_789), '1.234.567,89');
    assert.deepEqual(amountOf(5), { value: '0.05', currency: 'DKK' });
    assert.deepEqual(paymentOf(230_000, { reg: '9978', account: '000123456' }, 'Jens Hansen'), {
      amount: { value: '2300.00', currency: 'DKK' },
      payee: { name: 'Jens Hansen', account: { reg: '9978', number: '000123456' } },
    });
  });

  it('takes state-changing calls only from its own pages (Sec-Fetch-Site, else Origin); a nonce only by POST', async () => {
    const browser = new Browserish(server.origin);
    const { body: session } = await browser.call<{ nonce: string; client_id: string }>(
      'POST',
      '/netbank/api/session',
      {},
      { 'sec-fetch-site': 'same-origin' },
    );
    assert.ok(session.nonce);
    assert.equal((await browser.call('GET', '/netbank/api/session')).status, 404, 'no nonce by GET');
    const refused = [
      await browser.call('POST', '/netbank/api/session', {}, { 'sec-fetch-site': 'same-site' }),
      await browser.call('POST', '/netbank/api/logout', {}, { 'sec-fetch-site': 'cross-site' }),
      await browser.call('POST', '/netbank/api/login', { assertion: 'x' }, { 'sec-fetch-site': 'same-site' }),
      await browser.call('DELETE', '/netbank/api/transfers/x', {}, { 'sec-fetch-site': 'same-site' }),
      // An older browser without Fetch Metadata: its Origin decides.
      await browser.call('POST', '/netbank/api/logout', {}, { origin: 'http://localhost:1' }),
      await browser.call('POST', '/borger/api/logout', {}, { origin: 'http://localhost:1' }),
      await browser.call('POST', '/examples/api/approval', {}, { 'sec-fetch-site': 'same-site' }),
      // A new letter voids the old one: not from another site's page either.
      await browser.call('POST', '/demo/api/identities/anna.app/letter', {}, { 'sec-fetch-site': 'same-site' }),
    ];
    for (const answer of refused) {
      assert.equal(answer.status, 403);
      assert.equal((answer.body as { error: { code: string } }).error.code, 'cross_origin');
    }
    // The login in progress still has its nonce: a forged one was never issued.
    const assertion = await assertionFor({ client_id: session.client_id, nonce: session.nonce, mode: 'login' });
    const login = await browser.call('POST', '/netbank/api/login', { assertion }, { 'sec-fetch-site': 'same-origin' });
    assert.equal(login.status, 200);
    // Reads stay open to any page (they change nothing), and the party's own pages may still log out.
    assert.equal(
      (await browser.call('GET', '/netbank/api/accounts', undefined, { 'sec-fetch-site': 'same-site' })).status,
      200,
    );
    assert.equal((await browser.call('POST', '/netbank/api/logout', {})).status, 200);
    assert.equal((await browser.call('GET', '/netbank/api/accounts')).status, 401);
  });

  it('sets Secure cookies whenever the public URL is https, even when the request reaches it over http', async () => {
    const httpsSite = await startServer({ publicUrl: 'https://bank.example' }, { origin: 'https://bank.example' });
    try {
      for (const rp of ['netbank', 'borger', 'examples']) {
        const response = await fetch(`${httpsSite.origin}/${rp}/api/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: 'https://bank.example' },
          body: '{}',
        });
        assert.equal(response.status, 200, rp);
        const cookies = response.headers.getSetCookie();
        assert.equal(cookies.length, 1, rp);
        assert.match(cookies[0] ?? '', /; HttpOnly; Secure; SameSite=Strict$/, rp);
      }
    } finally {
      await httpsSite.close();
    }
    const plain = await new Browserish(server.origin).call('POST', '/netbank/api/session', {});
    assert.equal(plain.status, 200);
  });

  it('refuses what is not verified: no login, a forged assertion, a wrong content type', async () => {
    const browser = new Browserish(server.origin);
    assert.equal((await browser.call('GET', '/netbank/api/accounts')).status, 401);
    assert.equal((await browser.call('POST', '/netbank/api/transfers', { amount: '1' })).status, 401);
    await browser.call('POST', '/netbank/api/session', {});
    const forged = await browser.call<{ error: { code: string } }>('POST', '/netbank/api/login', {
      assertion: 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln',
    });
    assert.equal(forged.status, 401);
    assert.equal((await browser.call('GET', '/netbank/api/accounts')).status, 401);
    const plain = await fetch(`${server.origin}/netbank/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'assertion',
    });
    assert.equal(plain.status, 415);
  });

  it('logs in with a verified assertion, sets an HttpOnly SameSite=Strict cookie, and refuses a replay', async () => {
    const browser = new Browserish(server.origin);
    const first = await fetch(`${server.origin}/netbank/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    assert.match(first.headers.get('set-cookie') ?? '', /HttpOnly; SameSite=Strict/);
    const { body: session } = await browser.call<{ nonce: string; client_id: string }>(
      'POST',
      '/netbank/api/session',
      {},
    );
    const assertion = await assertionFor({
      client_id: session.client_id,
      nonce: session.nonce,
      mode: 'login',
    });
    const anonymous = browser.cookieValue;
    const login = await browser.call<{ user: { name: string; method: { da: string } } }>('POST', '/netbank/api/login', {
      assertion,
    });
    assert.equal(login.status, 200);
    assert.notEqual(browser.cookieValue, anonymous, 'a new session id at login (no session fixation)');
    assert.equal(login.body.user.name, 'Anna Hansen');
    assert.equal(login.body.user.method.da, 'MitID app');
    assert.equal((await browser.call('GET', '/netbank/api/accounts')).status, 200);
    assert.equal((await browser.call('POST', '/netbank/api/session', {})).body.user !== null, true);

    // The same assertion again, even with a fresh nonce request in another browser, is refused.
    const other = new Browserish(server.origin);
    await other.call('POST', '/netbank/api/session', {});
    const replay = await other.call<{ error: { code: string } }>('POST', '/netbank/api/login', { assertion });
    assert.equal(replay.status, 401);
    assert.match(replay.body.error.code, /wrong_nonce|replayed/);
  });

  it('books a transfer only for an approval of exactly the text the bank built', async () => {
    const browser = new Browserish(server.origin);
    const { body: session } = await browser.call<{ nonce: string; client_id: string }>(
      'POST',
      '/netbank/api/session',
      {},
    );
    await browser.call('POST', '/netbank/api/login', {
      assertion: await assertionFor({
        client_id: session.client_id,
        nonce: session.nonce,
        mode: 'login',
      }),
    });
    const form = { from: 'loen', amount: '2.300,00', reg: '9978', account: '000123456', name: 'Jens Hansen' };

    // An approval of another payment (a man in the browser changed one digit) is refused; the pending transfer dies.
    let pending = await browser.call<{ transfer_id: string; text: string; nonce: string; details: TransactionDetails }>(
      'POST',
      '/netbank/api/transfers',
      form,
    );
    assert.equal(pending.body.text, 'Overførsel af 2.300,00 kr. til Jens Hansen, konto 9978 000123456');
    const tampered = await assertionFor({
      client_id: 'netbank',
      nonce: pending.body.nonce,
      mode: 'approve',
      details: {
        ...(pending.body.details as { kind: 'payment' }),
        ...paymentOf(230_000, { reg: '9978', account: '000123457' }, 'Jens Hansen'),
      },
    });
    let answer = await browser.call<{ error: { code: string } }>(
      'POST',
      `/netbank/api/transfers/${pending.body.transfer_id}/approve`,
      { assertion: tampered },
    );
    assert.equal(answer.status, 401);
    assert.equal(answer.body.error.code, 'transaction_mismatch');

    // The same words as a free text are not the payment either.
    pending = await browser.call('POST', '/netbank/api/transfers', form);
    const asText = await assertionFor({
      client_id: 'netbank',
      nonce: pending.body.nonce,
      mode: 'approve',
      text: pending.body.text,
    });
    answer = await browser.call('POST', `/netbank/api/transfers/${pending.body.transfer_id}/approve`, {
      assertion: asText,
    });
    assert.equal(answer.body.error.code, 'transaction_mismatch');

    // A login assertion is not an approval.
    pending = await browser.call('POST', '/netbank/api/transfers', form);
    const login = await assertionFor({ client_id: 'netbank', nonce: pending.body.nonce, mode: 'login' });
    answer = await browser.call('POST', `/netbank/api/transfers/${pending.body.transfer_id}/approve`, {
      assertion: login,
    });
    assert.equal(answer.body.error.code, 'wrong_mode');

    // The right payment, nonce and user: booked.
    pending = await browser.call('POST', '/netbank/api/transfers', form);
    const approval = await assertionFor({
      client_id: 'netbank',
      nonce: pending.body.nonce,
      mode: 'approve',
      details: pending.body.details,
    });
    const booked = await browser.call<{ approved: { text: string } }>(
      'POST',
      `/netbank/api/transfers/${pending.body.transfer_id}/approve`,
      { assertion: approval },
    );
    assert.equal(booked.status, 200);
    assert.equal(booked.body.approved.text, pending.body.text);
    const { body } = await browser.call<{ accounts: { id: string; balance: string }[] }>(
      'GET',
      '/netbank/api/accounts',
    );
    assert.equal(body.accounts.find((account) => account.id === 'loen')?.balance, '26.150,50');
  });

  it('refuses an assertion made for the other relying party', async () => {
    const browser = new Browserish(server.origin);
    const { body: session } = await browser.call<{ nonce: string }>('POST', '/borger/api/session', {});
    const forNetbank = await assertionFor({ client_id: 'netbank', nonce: session.nonce, mode: 'login' });
    const answer = await browser.call<{ error: { code: string } }>('POST', '/borger/api/login', {
      assertion: forNetbank,
    });
    assert.equal(answer.status, 401);
    assert.equal(answer.body.error.code, 'wrong_audience');
  });

  it('forgets the user at logout, with a new session id', async () => {
    const browser = new Browserish(server.origin);
    const { body: session } = await browser.call<{ nonce: string; client_id: string }>(
      'POST',
      '/borger/api/session',
      {},
    );
    await browser.call('POST', '/borger/api/login', {
      assertion: await assertionFor({ client_id: session.client_id, nonce: session.nonce, mode: 'login' }),
    });
    assert.equal((await browser.call('GET', '/borger/api/overview')).status, 200);
    const before = browser.cookieValue;
    await browser.call('POST', '/borger/api/logout', {});
    assert.notEqual(browser.cookieValue, before);
    assert.equal((await browser.call('GET', '/borger/api/overview')).status, 401);
    assert.equal((await browser.call('POST', '/borger/api/session', {})).body.user, null);
  });
});
