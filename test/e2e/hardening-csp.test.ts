/**
 * Host-page threats (issue 10, item 6): through a whole app login AND an approval of a transfer on Demo Netbank, with
 * the simulated MitID app on a phone-sized page, every document is served with the strict CSP (no `unsafe-inline`,
 * no `unsafe-eval`, `require-trusted-types-for 'script'`) and 0 `securitypolicyviolation` events fire on either
 * page. Violations are reported to Node as they happen (a binding, so navigations lose none), and a positive
 * control shows that the counter does see one.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContext } from 'playwright-core';
import { CONTENT_SECURITY_POLICY } from '../../demo/mount.js';
import { activateApp, approveOpenRequest, loginToNetbankWithApp, scanQrFrom } from './support/app.js';
import { PHONE, newContext } from './support/browser.js';
import { chooseMethod, leaveStep, press } from './support/element.js';
import { useDemo } from './support/demo.js';

interface Watched {
  violations: string[];
  /** Resolves at the next violation. */
  next(): Promise<void>;
  documents: Array<{ url: string; csp: string | undefined }>;
}

/** Counts CSP violations of every document the context loads, and records each document's CSP header. */
async function watchContext(context: BrowserContext): Promise<Watched> {
  const waiters: Array<() => void> = [];
  const watched: Watched = {
    violations: [],
    documents: [],
    next: () => new Promise((resolve) => waiters.push(resolve)),
  };
  await context.exposeBinding('__reportCspViolation', (_source, text: string) => {
    watched.violations.push(text);
    for (const wake of waiters.splice(0)) wake();
  });
  await context.addInitScript(() => {
    document.addEventListener(
      'securitypolicyviolation',
      (event) => {
        void (window as unknown as { __reportCspViolation(text: string): Promise<void> }).__reportCspViolation(
          `${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`,
        );
      },
      true,
    );
  });
  context.on('response', (response) => {
    if (response.request().resourceType() === 'document') {
      watched.documents.push({ url: response.url(), csp: response.headers()['content-security-policy'] });
    }
  });
  return watched;
}

describe('hardening: the strict CSP holds through a login and an approval', () => {
  const demo = useDemo();

  it('the policy is strict: no unsafe-inline, no unsafe-eval, Trusted Types required', () => {
    assert.doesNotMatch(CONTENT_SECURITY_POLICY, /unsafe-inline|unsafe-eval|unsafe-hashes|\*/);
    assert.match(CONTENT_SECURITY_POLICY, /require-trusted-types-for 'script'/);
    assert.match(CONTENT_SECURITY_POLICY, /frame-ancestors 'none'/);
  });

  it('a full login and an approval raise 0 securitypolicyviolation events on the bank and the app pages', async (t) => {
    const bankContext = await newContext(demo.browser);
    const appContext = await newContext(demo.browser, PHONE);
    const bankWatch = await watchContext(bankContext);
    const appWatch = await watchContext(appContext);
    const bank = await bankContext.newPage();
    const app = await appContext.newPage();
    await activateApp(app, demo.server.origin, 'anna.app');

    // Login by app, cross-device.
    await loginToNetbankWithApp(bank, app, demo.server.origin, 'anna.app', 'Anna Hansen');
    await app.getByRole('button', { name: 'Tilbage' }).click();

    // Approval of a transfer.
    await bank.getByLabel('Beløb i kr.', { exact: true }).fill('2.300,00');
    await bank.getByLabel('Reg.nr.', { exact: true }).fill('9978');
    await bank.getByLabel('Kontonr.', { exact: true }).fill('000123456');
    await bank.getByLabel('Modtagers navn', { exact: true }).fill('Jens Hansen');
    await bank.getByRole('button', { name: 'Godkend', exact: true }).click();
    await bank.getByRole('heading', { name: 'Godkend overførslen med MitID' }).waitFor();
    // The login's hint: no user ID again, the text to approve first.
    await press(bank, 'Fortsæt til godkendelse');
    await leaveStep(bank, 'approve');
    await chooseMethod(bank, 'app');
    await scanQrFrom(bank, app);
    await app.getByRole('heading', { level: 1, name: 'Godkend følgende?' }).waitFor();
    await approveOpenRequest(app);
    await bank.getByRole('heading', { name: 'Overførslen er godkendt' }).waitFor();

    const documents = [...bankWatch.documents, ...appWatch.documents];
    t.diagnostic(
      `${documents.length} documents loaded; violations: bank ${bankWatch.violations.length}, app ${appWatch.violations.length}`,
    );
    assert.ok(documents.length >= 2);
    for (const document of documents) assert.equal(document.csp, CONTENT_SECURITY_POLICY, document.url);
    assert.deepEqual(bankWatch.violations, []);
    assert.deepEqual(appWatch.violations, []);

    // Positive control: an inline script on the same page is refused, and the counter sees it.
    const reported = bankWatch.next();
    await bank.evaluate(() => {
      const script = document.createElement('script');
      try {
        script.textContent = 'window.ran = true';
        document.body.append(script);
      } catch {
        // Trusted Types refused the assignment; the violation is reported all the same.
      }
    });
    await reported;
    t.diagnostic(`positive control: ${bankWatch.violations.length} violation(s): ${bankWatch.violations.join('; ')}`);
    assert.ok(bankWatch.violations.length >= 1, 'the counter sees a violation');
    assert.equal(await bank.evaluate(() => (window as unknown as { ran?: boolean }).ran), undefined);
    await bankContext.close();
    await appContext.close();
  });
});
