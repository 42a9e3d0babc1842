/**
 * Streams and networks, end to end (issue 10, item 5): the bank's browser goes offline (Playwright's network
 * emulation, and its open connections cut) while the user approves a login in the MitID app on another device. The element tells the user that
 * the connection is lost and that it tries again, and when the browser is back online it picks up the completion
 * that happened meanwhile, says so, and the bank logs the user in.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { activateApp, scanQrFrom, swipeOpenRequest } from './support/app.js';
import { PHONE, newContext, watch } from './support/browser.js';
import { chooseMethod, enterUserId, mitid } from './support/element.js';
import { useDemo } from './support/demo.js';

const LOST = 'Forbindelsen er afbrudt – vi prøver igen.';

describe('hardening: the element recovers from the browser going offline', () => {
  const demo = useDemo();

  it('offline during an app login: the user is told, and the login completes once back online', async (t) => {
    const bankContext = await newContext(demo.browser);
    const bank = await bankContext.newPage();
    const problems = await watch(bank);
    const app = await (await newContext(demo.browser, PHONE)).newPage();
    await activateApp(app, demo.server.origin, 'anna.app');

    await bank.goto(`${demo.server.origin}/netbank/`);
    await enterUserId(bank, 'anna.app');
    await chooseMethod(bank, 'app');
    await scanQrFrom(bank, app);
    await app.getByRole('heading', { level: 1, name: 'Log på hos Demo Netbank?' }).waitFor();

    // The bank's browser loses the network; the element says so. Chromium's offline emulation fails new requests
    // but keeps connections already open, which a real network loss would cut: the server drops them too (the
    // phone opens new ones for each call, so it is not affected).
    await bankContext.setOffline(true);
    demo.server.app.server.closeAllConnections();
    const notice = mitid(bank).locator('[part~="connection"]');
    await notice.filter({ hasText: LOST }).waitFor();
    const shown = (await notice.textContent())?.trim();
    t.diagnostic(`offline notice: "${shown}"`);

    // Meanwhile the user approves on the phone: the session completes while the page cannot hear it.
    await swipeOpenRequest(app);
    assert.equal(await bank.getByRole('heading', { level: 1, name: 'Velkommen, Anna Hansen' }).count(), 0);
    assert.equal(await notice.count(), 1, 'still offline, still told');

    // Back online: the element resumes, receives the completion and the bank logs the user in.
    await bankContext.setOffline(false);
    await bank.getByRole('heading', { level: 1, name: 'Velkommen, Anna Hansen' }).waitFor({ timeout: 20_000 });
    assert.equal(await notice.count(), 0, 'the notice is gone');
    // Offline requests fail in the console by design; nothing else may.
    assert.deepEqual(await problems.list(/ERR_INTERNET_DISCONNECTED|Failed to load resource|Failed to fetch/), []);
    await bankContext.close();
  });
});
