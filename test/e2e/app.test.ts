/**
 * The simulated MitID app on its own: activation by the letter with a device key that cannot be exported, the
 * new-device notice and the identity's authenticators, and requests started through the broker API (as
 * `<mitid-login>` would start them) that the app lists only once it has scanned their QR code or opened their
 * same-device link, then read, approved or rejected. A second app of the same identity is removed by the first
 * ("this was not me"). The resulting assertions are checked with plain `jose`.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeViolations } from './support/axe.js';
import {
  activateApp,
  approveOpenRequest,
  nextPolledRequests,
  rejectOpenRequest,
  scanFrame,
  startScannedLogin,
  swipeOpenRequest,
} from './support/app.js';
import { PageSession } from './support/broker-api.js';
import { PHONE, launchBrowser, newContext, watch, type PageProblems } from './support/browser.js';
import { verifyWithJose } from './support/jose-check.js';
import { snap } from './support/screenshots.js';
import { startServer, type RunningServer } from './support/server.js';

const nonce = () => randomBytes(18).toString('base64url');

describe('the simulated MitID app', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let app: Page;
  let problems: PageProblems;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    context = await newContext(browser, PHONE);
    app = await context.newPage();
    problems = await watch(app);
    await activateApp(app, server.origin, 'anna.app');
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('is activated with a non-extractable P-256 key and shows the new-device notice', async () => {
    await app.getByText('MitID app er aktiv på denne enhed.').waitFor();
    await app.getByText(/Ny enhed: MitID app blev aktiveret/).waitFor();
    const mine = app.locator('#authenticators li').filter({ hasText: '(denne enhed)' });
    assert.match((await mine.textContent()) ?? '', /MitID app · Aktiv/);
    const key = await app.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('mitid-demo-app');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const activation = await new Promise<{ keyPair: CryptoKeyPair }>((resolve, reject) => {
        const request = db.transaction('activation').objectStore('activation').get('current');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const { privateKey } = activation.keyPair;
      const exported = await crypto.subtle.exportKey('jwk', privateKey).then(
        () => 'exported',
        (error: Error) => error.name,
      );
      return { extractable: privateKey.extractable, algorithm: privateKey.algorithm, exported };
    });
    assert.equal(key.extractable, false);
    assert.deepEqual(key.algorithm, { name: 'ECDSA', namedCurve: 'P-256' });
    assert.equal(key.exported, 'InvalidAccessError');
    await snap(app, 'app-activated');
    assert.deepEqual(await axeViolations(app), []);
  });

  it('approves a cross-device login after a QR scan, the PIN and a swipe; jose verifies the assertion', async () => {
    const session = await PageSession.start(server.origin, {
      client_id: 'netbank',
      mode: 'login',
      user_id: 'anna.app',
      nonce: nonce(),
    });
    await session.chooseMethod('app', 'cross');
    // Nobody has shown the app this request: it is not listed until its QR code is scanned.
    assert.deepEqual(await nextPolledRequests(app), []);
    await app.getByText('Ingen anmodninger lige nu.').waitFor();
    await scanFrame(app, (await session.qrFrame()).frame);
    await app.getByRole('heading', { level: 1, name: 'Log på hos Demo Netbank?' }).waitFor();
    await swipeOpenRequest(app);
    const status = await session.finished();
    assert.equal(status.status, 'complete');
    assert.ok(status.assertion);
    const { payload } = await verifyWithJose(server.origin, status.assertion, 'netbank');
    assert.equal(payload.name, 'Anna Hansen');
    assert.equal(payload.method, 'app');
    assert.equal(payload.mode, 'login');
    assert.deepEqual(await problems.list(), []);
    await app.getByRole('button', { name: 'Tilbage' }).click();
  });

  it('shows a markup-like transaction text literally, and the approval signs exactly that text', async () => {
    const text = 'Overførsel af 1,00 kr. til <img src=x onerror=alert(1)>\nkonto 9978 000123456';
    const session = await PageSession.start(server.origin, {
      client_id: 'netbank',
      mode: 'approve',
      user_id: 'anna.app',
      nonce: nonce(),
      transaction: { text },
    });
    await session.chooseMethod('app', 'cross');
    await scanFrame(app, (await session.qrFrame()).frame);
    await app.getByRole('heading', { level: 1, name: 'Godkend følgende?' }).waitFor();
    assert.equal(await app.locator('#request-text').textContent(), text);
    assert.equal(await app.locator('#request-text img').count(), 0);
    await snap(app, 'app-approve-request');
    assert.deepEqual(await axeViolations(app), []);
    await approveOpenRequest(app);
    const status = await session.finished();
    assert.equal(status.status, 'complete');
    const { payload } = await verifyWithJose(server.origin, status.assertion ?? '', 'netbank');
    assert.deepEqual((payload.txn as { text: string }).text, text);
    assert.deepEqual(await problems.list(), []);
    await app.getByRole('button', { name: 'Tilbage' }).click();
  });

  it('refuses a wrong PIN without answering the broker, and a rejection fails the session', async () => {
    const session = await startScannedLogin(app, server.origin, { clientId: 'borger', nonce: nonce() });
    await app.getByLabel('PIN-kode', { exact: true }).fill('0000');
    await app.locator('#approve').click();
    await app.getByText('Forkert PIN-kode.').waitFor();
    await rejectOpenRequest(app);
    const status = await session.finished();
    assert.equal(status.status, 'failed');
    assert.equal(status.code, 'rejected');
    await snap(app, 'app-rejected');
    await app.getByRole('button', { name: 'Tilbage' }).click();
  });

  it('opens a same-device request from its link without a QR scan', async () => {
    const session = await PageSession.start(server.origin, {
      client_id: 'netbank',
      mode: 'login',
      user_id: 'anna.app',
      nonce: nonce(),
    });
    const chosen = await session.chooseMethod('app', 'same');
    assert.ok(chosen.app_link, 'the broker gives a same-device link');
    await app.goto(new URL(chosen.app_link, server.origin).href);
    await app.getByRole('heading', { level: 1, name: 'Log på hos Demo Netbank?' }).waitFor();
    await approveOpenRequest(app);
    assert.equal((await session.finished()).status, 'complete');
  });

  it('removes a newer app of the same identity after a confirm step; the removed app starts over', async () => {
    await app.goto(`${server.origin}/app/`);
    const second = await (await newContext(browser, PHONE)).newPage();
    const secondProblems = await watch(second);
    await activateApp(second, server.origin, 'anna.app');
    // The first app is told, and lists the newer one with a "Fjern" button; the newer app may not remove the older.
    await app
      .getByText(/Ny enhed: MitID app blev aktiveret/)
      .first()
      .waitFor();
    const newer = app
      .locator('#authenticators li')
      .filter({ hasText: 'MitID app · Aktiv' })
      .filter({ hasNotText: '(denne enhed)' });
    await newer.waitFor();
    const older = second
      .locator('#authenticators li')
      .filter({ hasText: 'MitID app · Aktiv' })
      .filter({ hasNotText: '(denne enhed)' });
    await older.waitFor();
    assert.equal(await older.getByRole('button', { name: /^Fjern/ }).count(), 0);

    await newer.getByRole('button', { name: /^Fjern / }).click();
    await app.getByText(/Den kan ikke bruges igen/).waitFor();
    await snap(app, 'app-remove-confirm');
    assert.deepEqual(await axeViolations(app), []);
    await app.getByRole('button', { name: 'Ja, fjern' }).click();
    await app.getByText(/er fjernet og kan ikke bruges mere/).waitFor();
    await app.locator('#authenticators li').filter({ hasText: 'MitID app · Fjernet' }).waitFor();

    await second.getByRole('heading', { level: 1, name: 'Aktivér MitID app' }).waitFor();
    await second.getByText('MitID kender ikke længere denne enhed').waitFor();
    // The removed app's refused call (401 invalid_device) is the one console line this provokes.
    assert.deepEqual(await secondProblems.list(/status of 401/), []);
    await second.context().close();
    assert.deepEqual(await problems.list(), []);
  });

  it('lists a same-device request only once opened through its link, with its one-time secret', async () => {
    await app.goto(`${server.origin}/app/`);
    await app.getByRole('heading', { level: 1, name: 'Hej, Anna Hansen' }).waitFor();
    const session = await PageSession.start(server.origin, {
      client_id: 'borger',
      mode: 'login',
      user_id: 'anna.app',
      nonce: nonce(),
    });
    const chosen = await session.chooseMethod('app', 'same');
    assert.ok(chosen.app_link);
    const link = new URL(chosen.app_link, server.origin);
    const linked = new URLSearchParams(link.hash.slice(1));
    const requestId = linked.get('request');
    assert.ok(requestId && linked.get('secret'), `the link carries the request and its secret: ${link.hash}`);
    assert.deepEqual(await nextPolledRequests(app), [], 'not listed before its link is opened');

    // The request's id alone (a link someone else saw, without its secret) opens nothing.
    await app.goto(`${server.origin}/app/#request=${encodeURIComponent(requestId)}`);
    await app.getByText('Anmodningen findes ikke længere.').waitFor();
    assert.deepEqual(await nextPolledRequests(app), [], 'still not listed');

    await app.goto(link.href);
    await app.getByRole('heading', { level: 1, name: 'Log på hos Demo Borgerservice?' }).waitFor();
    // Opened once, it is this app's request: back on the home view it is listed, and opens again from there.
    await app.goto(`${server.origin}/app/`);
    const listed = await nextPolledRequests(app);
    assert.deepEqual(
      listed.map((request) => request.request_id),
      [requestId],
    );
    await app
      .getByRole('listitem')
      .filter({ hasText: 'Demo Borgerservice' })
      .getByRole('button', { name: 'Åbn' })
      .click();
    await approveOpenRequest(app);
    assert.equal((await session.finished()).status, 'complete');
    // The refused link without its secret (404 not_found) is the one console line this test provokes.
    assert.deepEqual(await problems.list(/status of 404/), []);
    await app.getByRole('button', { name: 'Tilbage' }).click();
  });

  it('starts over when the broker no longer knows the device (e.g. after a restart)', async () => {
    await app.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('mitid-demo-app');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const activation = await new Promise<{ deviceToken: string }>((resolve) => {
        const request = db.transaction('activation').objectStore('activation').get('current');
        request.onsuccess = () => resolve(request.result);
      });
      activation.deviceToken = 'A'.repeat(43);
      await new Promise((resolve) => {
        const request = db.transaction('activation', 'readwrite').objectStore('activation').put(activation, 'current');
        request.onsuccess = resolve;
      });
      db.close();
    });
    await app.reload();
    await app.getByRole('heading', { level: 1, name: 'Aktivér MitID app' }).waitFor();
    await app.getByText('MitID kender ikke længere denne enhed').waitFor();
  });
});
