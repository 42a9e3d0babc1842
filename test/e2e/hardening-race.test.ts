/**
 * Racing, end to end (issue 10, item 3): while the user waits on Demo Netbank for the MitID app, a fraudster starts
 * an app login with the same user ID elsewhere (here through the broker API, as another relying party's page
 * would). Both are stopped: the user's element says what happened in plain Danish, the fraudster's session fails
 * with `parallel-session`, the app lists no request, and the bank logs nobody in.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { activateApp } from './support/app.js';
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
    await app.getByRole('listitem').filter({ hasText: 'Demo Netbank' }).waitFor();

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
    await app.reload();
    await app.getByRole('heading', { level: 1, name: /^Hej, / }).waitFor();
    assert.equal(
      await app
        .getByRole('listitem')
        .filter({ hasText: /Demo Netbank|Demo Borgerservice/ })
        .count(),
      0,
    );
    assert.equal(posted, false, 'nobody logged in');
    assert.deepEqual(await problems.list(), []);
  });
});
