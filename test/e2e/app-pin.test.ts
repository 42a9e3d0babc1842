/**
 * The app simulator as MitID behaves: an empty PIN is asked for again and costs no try, each wrong PIN says how many
 * tries are left, a reload keeps the count, and the third wrong one locks the app (the key wiped here, the device
 * deactivated at the broker, the notice still there after a reload). The swipe works by keyboard, and the status
 * line ("MitID app er aktiveret …") goes when the user does the next thing.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { axeViolations } from './support/axe.js';
import { activateApp, APP_PIN, startScannedLogin } from './support/app.js';
import type { PageSession } from './support/broker-api.js';
import { useDemoWithApp } from './support/demo.js';
import { snap } from './support/screenshots.js';
import type { RunningServer } from './support/server.js';

const nonce = () => randomBytes(18).toString('base64url');

/** The stored activation's device token and wrong-try count (undefined when there is none). */
function stored(page: Page): Promise<{ token: string; failures: number } | undefined> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('mitid-demo-app');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const value = await new Promise<{ deviceToken: string; pinFailures?: number } | undefined>((resolve, reject) => {
      const request = db.transaction('activation').objectStore('activation').get('current');
      request.onsuccess = () => resolve(request.result as { deviceToken: string; pinFailures?: number } | undefined);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return value && { token: value.deviceToken, failures: value.pinFailures ?? 0 };
  });
}

describe('the app PIN and the swipe', () => {
  const demo = useDemoWithApp('anna.app');
  let server: RunningServer;
  let app: Page;
  before(() => {
    ({ server, app } = demo);
  });

  async function openLogin(): Promise<PageSession> {
    const session = await startScannedLogin(app, server.origin, { nonce: nonce() });
    await app.getByRole('heading', { level: 1, name: 'Log på hos Demo Netbank?' }).waitFor();
    return session;
  }

  async function approveWith(pin: string): Promise<void> {
    await app.getByLabel('PIN-kode', { exact: true }).fill(pin);
    await app.getByRole('button', { name: 'Log på', exact: true }).click();
  }

  it('says the app is activated once, and the line goes at the next action', async () => {
    const line = app.locator('#app-status');
    assert.equal(await line.textContent(), 'MitID app er aktiveret på denne enhed.');
    await app.getByText('Scan QR-kode', { exact: true }).click();
    assert.equal(await line.textContent(), '');
    await app.getByText('Scan QR-kode', { exact: true }).click(); // open again: the scan section stays in view
  });

  it('approves by keyboard on the swipe: Arrow keys step, and the end approves', async () => {
    const session = await openLogin();
    await app.getByLabel('PIN-kode', { exact: true }).fill(APP_PIN);
    const slider = app.getByRole('slider', { name: 'Swipe for at godkende' });
    await slider.focus();
    await app.keyboard.press('ArrowRight');
    assert.equal(await slider.getAttribute('aria-valuenow'), '25');
    assert.equal(await slider.getAttribute('aria-valuetext'), 'Swipet 25 procent');
    await app.keyboard.press('Home');
    assert.equal(await slider.getAttribute('aria-valuenow'), '0');
    assert.deepEqual(await axeViolations(app), []);
    await snap(app, 'app-swipe');
    for (let step = 0; step < 4; step += 1) await app.keyboard.press('ArrowRight');
    await app.getByRole('heading', { level: 1, name: 'Godkendt' }).waitFor();
    assert.equal((await session.finished()).status, 'complete');
    await app.getByRole('button', { name: 'Tilbage' }).click();
  });

  it('asks for an empty PIN without counting it, counts wrong ones across a reload, and locks at the third', async () => {
    await openLogin();
    const alert = app.locator('#decide-error');
    await approveWith('');
    await alert.getByText('Indtast din PIN-kode.').waitFor();
    assert.equal((await stored(app))?.failures, 0);

    await approveWith('0000');
    await alert.getByText('Forkert PIN-kode. Du har 2 forsøg tilbage.').waitFor();
    assert.equal(await app.getByRole('alert').filter({ hasText: 'Forkert PIN-kode' }).count(), 1);
    assert.equal(await app.getByRole('slider').getAttribute('aria-valuenow'), '0');

    // A reload starts nothing over: the count is stored with the device.
    await app.reload();
    await app.getByRole('heading', { level: 1, name: /^Hej, / }).waitFor();
    assert.equal((await stored(app))?.failures, 1);
    await app.getByRole('button', { name: 'Åbn' }).click();
    await app.getByRole('heading', { level: 1, name: 'Log på hos Demo Netbank?' }).waitFor();
    await approveWith('1111');
    await alert.getByText(/^Forkert PIN-kode\. Du har 1 forsøg tilbage\. Taster du forkert igen/).waitFor();
    await snap(app, 'app-pin-last-try');

    const token = (await stored(app))?.token;
    assert.ok(token);
    await approveWith('2222');
    await app.getByRole('heading', { level: 1, name: 'Aktivér MitID app' }).waitFor();
    await app.getByText(/^Appen er låst, fordi PIN-koden blev tastet forkert 3 gange/).waitFor();
    assert.equal(await stored(app), undefined, 'the key and the PIN hash are gone from this device');
    assert.deepEqual(await axeViolations(app), []);
    await snap(app, 'app-pin-locked');

    // The broker deactivated the device: its token opens nothing any more.
    const answer = await fetch(`${server.origin}/v1/app/requests`, { headers: { authorization: `Bearer ${token}` } });
    assert.ok(answer.status >= 400 && answer.status < 500, `status ${answer.status}`);
    assert.equal(((await answer.json()) as { error: { code: string } }).error.code, 'invalid_device');

    // Still locked after a reload, until the app is activated again.
    await app.reload();
    await app.getByText(/^Appen er låst/).waitFor();
    await activateApp(app, server.origin, 'anna.app');
    await app.goto(`${server.origin}/app/`);
    await app.getByRole('heading', { level: 1, name: /^Hej, / }).waitFor();
    assert.equal(await app.locator('#pin-locked').isVisible(), false);
  });
});
