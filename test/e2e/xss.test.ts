/**
 * Markup and script as data: a corpus of XSS payloads as transaction texts (in the element on the bank's page and
 * in the simulated app) and as user IDs (in the element). Each is shown literally or refused, nothing runs: no
 * dialog opens, no script error, no CSP violation.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { activateApp, rejectOpenRequest } from './support/app.js';
import { PageSession } from './support/broker-api.js';
import { PHONE, newContext, watch, type PageProblems } from './support/browser.js';
import { buttonShown, fieldShown, fill, mitid, press } from './support/element.js';
import { useDemo } from './support/demo.js';

const PAYLOADS = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '"><svg onload=alert(1)>',
  "'><iframe src=javascript:alert(1)>",
  '<a href="javascript:alert(1)">klik</a>',
  '{{constructor.constructor("alert(1)")()}}',
  '${alert(1)}',
  '<style>*{display:none}</style>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '&lt;b&gt;entity&lt;/b&gt; &amp; <b>bold</b>',
];

function noDialogs(page: Page, seen: string[]): void {
  page.on('dialog', (dialog) => {
    seen.push(dialog.message());
    void dialog.dismiss();
  });
}

describe('XSS payloads are data', () => {
  const demo = useDemo();

  it('as transaction texts, the app shows each literally and nothing runs', async () => {
    const app = await (await newContext(demo.browser, PHONE)).newPage();
    const dialogs: string[] = [];
    noDialogs(app, dialogs);
    const problems: PageProblems = await watch(app);
    await activateApp(app, demo.server.origin, 'anna.app');
    for (const payload of PAYLOADS) {
      const text = `Overførsel af 1,00 kr. ${payload}`;
      const session = await PageSession.start(demo.server.origin, {
        client_id: 'netbank',
        mode: 'approve',
        user_id: 'anna.app',
        nonce: randomBytes(18).toString('base64url'),
        transaction: { text },
      });
      const { app_link } = await session.chooseMethod('app', 'same');
      await app.goto(new URL(app_link!, demo.server.origin).href);
      await app.getByRole('heading', { level: 1, name: 'Godkend følgende?' }).waitFor();
      assert.equal(await app.locator('#request-text').textContent(), text);
      // The only elements are the app's own bidi isolates around digit runs (issue 18), each holding text alone.
      assert.equal(
        await app.locator('#request-text :not(bdi), #request-text bdi *').count(),
        0,
        `markup was parsed: ${payload}`,
      );
      await rejectOpenRequest(app);
      assert.equal((await session.finished()).code, 'rejected');
      await app.getByRole('button', { name: 'Tilbage' }).click();
    }
    assert.deepEqual(dialogs, []);
    assert.deepEqual(await problems.list(), []);
  });

  it('as the transaction text of the element on a page, each is shown literally', async () => {
    const page = await (await newContext(demo.browser)).newPage();
    const dialogs: string[] = [];
    noDialogs(page, dialogs);
    const problems = await watch(page);
    await page.goto(`${demo.server.origin}/netbank/`);
    await fieldShown(page, 'Bruger-ID');
    for (const payload of PAYLOADS) {
      const text = `Overførsel af 1,00 kr. ${payload}`;
      await page.evaluate((value) => {
        const element = document.createElement('mitid-login');
        element.setAttribute('broker', location.origin);
        element.setAttribute('client-id', 'netbank');
        element.nonce = 'xss-corpus-nonce-0123456789';
        element.setAttribute('mode', 'approve');
        element.setAttribute('transaction-text', value);
        document.getElementById('login-slot')!.replaceChildren(element);
      }, text);
      await fill(page, 'Bruger-ID', 'anna.app');
      await press(page, 'Fortsæt', { exact: true });
      await buttonShown(page, 'Fortsæt til godkendelse');
      const shown = mitid(page).locator('[part~="transaction-text"]');
      assert.equal(((await shown.textContent()) ?? '').trim(), text);
      assert.equal(await shown.locator('img, script, svg, iframe, a, style, b').count(), 0);
      await press(page, 'Afbryd');
    }
    assert.deepEqual(dialogs, []);
    assert.deepEqual(await problems.list(), []);
  });

  it('as user IDs, the element refuses each before any network call and nothing runs', async () => {
    const page = await (await newContext(demo.browser)).newPage();
    const dialogs: string[] = [];
    noDialogs(page, dialogs);
    const problems = await watch(page);
    let brokerCalls = 0;
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/v1/')) brokerCalls += 1;
    });
    await page.goto(`${demo.server.origin}/netbank/`);
    const field = mitid(page).getByLabel('Bruger-ID');
    for (const payload of PAYLOADS) {
      await fill(page, 'Bruger-ID', payload);
      await press(page, 'Fortsæt', { exact: true });
      await mitid(page)
        .getByText('Dit bruger-ID må kun indeholde bogstaver, tal og tegnene . _ @ + -')
        .first()
        .waitFor();
      assert.equal(await field.inputValue(), payload);
    }
    assert.equal(brokerCalls, 0);
    assert.deepEqual(dialogs, []);
    assert.deepEqual(await problems.list(), []);
  });
});
