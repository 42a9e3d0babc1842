/**
 * Racing, end to end (issue 10, item 3): while the user approves on Demo Netbank with the MitID app (the app has
 * scanned the bank's QR code), a fraudster starts an app login with the same user ID elsewhere (here through the
 * broker API, as another relying party's page would). Both are stopped: the user's element says what happened in
 * plain Danish, the fraudster's session fails with `parallel-session`, the app lists no request, and the bank logs
 * nobody in. A request the user's app never saw stops nothing: the fraudster's first try, made before the user
 * scanned, does not stop the user's.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { activateApp, nextPolledRequests, scanQrFrom } from './support/app.js';
import { PageSession } from './support/broker-api.js';
import { PHONE, newContext, watch } from './support/browser.js';
import { chooseMethod, currentStep, enterUserId, mitid } from './support/element.js';
import { useDemo } from './support/demo.js';

const MESSAGE =
  'Der blev startet en anden anmodning med dit bruger-ID samtidig, så begge er stoppet. ' +
  'Har du ikke selv gjort det, så kontakt MitID support.';

describe('hardening: a parallel app login for the same user ID', () => {
  const demo = useDemo();

  it('stops both; the element shows the parallel-session message and the app lists nothing', async () => {
    const app = await (await newContext(demo.browser, PHONE)).newPage();
    await activateApp(app, demo.server.origin, 'anna.app');
    const bank = await (await newContext(demo.browser)).newPage();
    const problems = await watch(bank);
    let posted = false;
    bank.on('request', (request) => {
      if (request.url().endsWith('/netbank/api/login')) posted = true;
    });
    await bank.goto(`${demo.server.origin}/netbank/`);
    await enterUserId(bank, 'anna.app');
    await chooseMethod(bank, 'app');

    // Unseen by the user's app, the fraudster's first request stops nothing, and the user's scan goes ahead.
    const unseen = await PageSession.start(demo.server.origin, {
      client_id: 'borger',
      mode: 'login',
      user_id: 'anna.app',
      nonce: randomBytes(18).toString('base64url'),
    });
    assert.equal((await unseen.chooseMethod('app', 'cross')).status.status, 'pending');
    await scanQrFrom(bank, app);
    await app.getByRole('heading', { level: 1, name: 'Log på hos Demo Netbank?' }).waitFor();

    const fraud = await PageSession.start(demo.server.origin, {
      client_id: 'borger',
      mode: 'login',
      user_id: 'Anna.App',
      nonce: randomBytes(18).toString('base64url'),
    });
    const chosen = await fraud.chooseMethod('app', 'cross');
    assert.equal(chosen.status.status, 'failed');
    assert.equal(chosen.status.code, 'parallel-session');

    await mitid(bank).locator('[part~="error-message"]').filter({ hasText: MESSAGE }).waitFor();
    const step = await currentStep(bank);
    assert.equal(step, 'error');
    const polled = nextPolledRequests(app);
    await app.reload();
    await app.getByRole('heading', { level: 1, name: /^Hej, / }).waitFor();
    assert.deepEqual(await polled, [], 'the broker lists no request to the app');
    assert.equal(
      await app
        .locator('#requests')
        .getByRole('listitem')
        .filter({ hasText: /Demo Netbank|Demo Borgerservice/ })
        .count(),
      0,
    );
    // The app tells the user what was stopped.
    await app
      .locator('#notices')
      .getByText(
        /Anmodninger stoppet: Anmodninger fra Demo (Netbank, Demo Borgerservice|Borgerservice, Demo Netbank) blev stoppet/,
      )
      .waitFor();
    assert.equal(posted, false, 'nobody logged in');
    assert.deepEqual(await problems.list(), []);
  });
});
