/**
 * Hardening II, item 8: a page on another port of the same host is the same *site* to the browser, so the
 * relying party's SameSite=Strict cookie goes with every request it forges. In Chromium, with Demo Netbank on
 * http://localhost:<port> and an attacker's page on http://localhost:<other port>: the attacker asks for a new
 * nonce (by GET and by POST) while the user's login is in progress, and posts a logout once the user is logged in.
 * The login still completes with the nonce the bank's page holds, and the user stays logged in; the attacker's
 * requests did carry the cookie and were refused.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { BrowserContext, Page } from 'playwright-core';
import type { MitidLogin } from '../../src/index.js';
import { AppDevice, fetchPort } from '../../testing/node/index.js';
import { newContext } from './support/browser.js';
import { sameDeviceAssertion } from './support/broker-api.js';
import { useDemo } from './support/demo.js';

/** The attacker's page: three forged calls to the bank's back end, with the browser's cookies, then "done". */
function attackPage(bank: string): string {
  return `<!doctype html><title>attacker</title><script>
    (async () => {
      const forged = { mode: 'no-cors', credentials: 'include' };
      const api = ${JSON.stringify(`${bank}/netbank/api`)};
      await fetch(api + '/session', forged).catch(() => {});
      await fetch(api + '/session', { ...forged, method: 'POST', body: '{}' }).catch(() => {});
      await fetch(api + '/logout', { ...forged, method: 'POST', body: '{}' }).catch(() => {});
      document.title = 'done';
    })();
  </script>`;
}

interface Forged {
  method: string;
  path: string;
  status: number;
  withCookie: boolean;
  secFetchSite: string | undefined;
}

/**
 * Opens the attacker's page in the user's browser and waits for its forged calls; returns what reached the bank's
 * server and what it answered. Read on the server's side (the browser does not show what a no-cors request
 * carried): a second `request` listener beside Fastify's, which only watches.
 */
async function runAttack(attacker: Page, url: string, bankServer: Server): Promise<Forged[]> {
  const forged: Forged[] = [];
  const watch = (request: IncomingMessage, response: ServerResponse) => {
    if (!(request.headers.referer ?? '').startsWith(url)) return;
    response.once('finish', () =>
      forged.push({
        method: request.method ?? '',
        path: request.url ?? '',
        status: response.statusCode,
        withCookie: (request.headers.cookie ?? '').includes('kystbanken_session='),
        secFetchSite: request.headers['sec-fetch-site'] as string | undefined,
      }),
    );
  };
  bankServer.on('request', watch);
  try {
    await attacker.goto(url);
    await attacker.waitForFunction(() => document.title === 'done');
  } finally {
    bankServer.off('request', watch);
  }
  return forged;
}

describe('hardening: a page on another port of the same site cannot drive the relying party', () => {
  const demo = useDemo();
  let attackerServer: Server;
  let attackerUrl: string;
  let device: AppDevice;

  before(async () => {
    attackerServer = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(attackPage(demo.server.origin));
    });
    attackerServer.listen(0, 'localhost');
    await once(attackerServer, 'listening');
    const address = attackerServer.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    attackerUrl = `http://localhost:${address.port}/`;
    device = await AppDevice.activate(fetchPort(demo.server.origin, { headers: { origin: demo.server.origin } }), {
      userId: 'anna.app',
      activationCode: await demo.server.app.broker.proofs.issueLetter('anna.app'),
      name: 'CSRF test device',
    });
  });
  after(() => {
    attackerServer?.close();
  });

  /** The bank's page, open on its login, and the nonce its element holds. */
  async function bankOnLogin(context: BrowserContext): Promise<{ bank: Page; nonce: string }> {
    const bank = await context.newPage();
    await bank.goto(`${demo.server.origin}/netbank/`);
    const element = bank.locator('mitid-login');
    await element.waitFor();
    const nonce = await element.evaluate((login) => (login as MitidLogin).nonce);
    assert.ok(nonce, 'the page holds a nonce for its login');
    return { bank, nonce };
  }

  /** Finishes the login as the bank's page does: the device approves, the page posts the assertion. */
  async function finishLogin(bank: Page, nonce: string) {
    const assertion = await sameDeviceAssertion(demo.server.origin, device, {
      client_id: 'netbank',
      nonce,
      mode: 'login',
    });
    return bank.evaluate(async (jws) => {
      const response = await fetch('/netbank/api/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ assertion: jws }),
      });
      return { status: response.status, body: (await response.json()) as unknown };
    }, assertion);
  }

  const accountsStatus = (bank: Page) => bank.evaluate(async () => (await fetch('/netbank/api/accounts')).status);

  it('does not break a login in progress by asking for a new nonce', async () => {
    const context = await newContext(demo.browser);
    try {
      const { bank, nonce } = await bankOnLogin(context);
      const forged = await runAttack(await context.newPage(), attackerUrl, demo.server.app.server);
      assert.equal(forged.length, 3, JSON.stringify(forged));
      assert.ok(
        forged.every((call) => call.withCookie && call.secFetchSite === 'same-site'),
        `the forged calls carry the bank's cookie, from the same site: ${JSON.stringify(forged)}`,
      );
      for (const call of forged.filter((entry) => entry.path === '/netbank/api/session')) {
        assert.ok(call.status === 403 || call.status === 404, `no nonce for the attacker: ${JSON.stringify(call)}`);
      }
      const login = await finishLogin(bank, nonce);
      assert.equal(login.status, 200, `the login in progress completes: ${JSON.stringify(login.body)}`);
    } finally {
      await context.close();
    }
  });

  it('does not log the user out; the bank’s own page still can', async () => {
    const context = await newContext(demo.browser);
    try {
      const { bank, nonce } = await bankOnLogin(context);
      assert.equal((await finishLogin(bank, nonce)).status, 200);
      const forged = await runAttack(await context.newPage(), attackerUrl, demo.server.app.server);
      const logout = forged.find((call) => call.path === '/netbank/api/logout');
      assert.ok(logout?.withCookie && logout.secFetchSite === 'same-site', JSON.stringify(forged));
      assert.equal(logout.status, 403);
      assert.equal(await accountsStatus(bank), 200, 'the user is still logged in');

      const ownLogout = await bank.evaluate(async () => {
        const response = await fetch('/netbank/api/logout', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        });
        return response.status;
      });
      assert.equal(ownLogout, 200);
      assert.equal(await accountsStatus(bank), 401);
    } finally {
      await context.close();
    }
  });
});
