/**
 * The identity, not the session, as a person meets it in the browser against the real broker:
 * - a login left on the QR step (reload, closed tab, back button) is cancelled or replaced, so the next login of the
 *   same user completes instead of failing as a parallel request;
 * - wrong one-time codes count for the user ID over new sessions: the element's warning counts down as the broker
 *   does, the fifth wrong code blocks the guessable methods with when the block ends (and no "try again"), and the
 *   MitID app still logs in meanwhile.
 */
import { readFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Secret, TOTP } from 'otpauth';
import type { Browser, Page } from 'playwright-core';
import type { CreateSessionResponse } from '../../protocol/page-api.js';
import { activateApp, loginToNetbankWithApp } from './support/app.js';
import { axeViolations } from './support/axe.js';
import { PHONE, newContext, watch } from './support/browser.js';
import { useDemo, useDemoWithApp } from './support/demo.js';
import {
  announcements,
  chooseMethod,
  currentStep,
  fieldShown,
  enterUserId,
  fill,
  mitid,
  press,
} from './support/element.js';
import { snap } from './support/screenshots.js';
import { waitFor } from '../support/wait-for.js';
import type { RunningServer } from './support/server.js';

interface DemoIdentity {
  userId: string;
  totp?: Record<string, string>;
}

const identities = JSON.parse(
  readFileSync(new URL('../../demo/identities.json', import.meta.url), 'utf8'),
) as DemoIdentity[];

/** A 6-digit code that is none of the codes the broker accepts now (one 30 s step of drift either way, and then some). */
function wrongCode(userId: string): string {
  const secret = identities.find((identity) => identity.userId === userId)?.totp?.['code-display'];
  if (!secret) throw new Error(`${userId} has no code display`);
  const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' });
  const now = Date.now();
  const valid = new Set([-2, -1, 0, 1, 2].map((step) => totp.generate({ timestamp: now + step * 30_000 })));
  for (let candidate = 0; ; candidate += 1) {
    const code = String(candidate).padStart(6, '0');
    if (!valid.has(code)) return code;
  }
}

/** Starts an app login at the net bank and waits for the QR code; resolves with the session the element created. */
async function leaveOnQr(bank: Page, origin: string, userId: string): Promise<CreateSessionResponse> {
  const created = bank
    .waitForResponse((response) => response.url().endsWith('/v1/sessions') && response.request().method() === 'POST')
    .then((response) => response.json() as Promise<CreateSessionResponse>);
  await bank.goto(`${origin}/netbank/`);
  await enterUserId(bank, userId);
  await chooseMethod(bank, 'app');
  await mitid(bank).locator('svg[role="img"]').waitFor();
  return created;
}

describe('a login left on the QR step does not stop the next one', () => {
  const demo = useDemoWithApp('anna.app');
  let server: RunningServer;
  let browser: Browser;
  let app: Page;
  before(() => {
    ({ server, browser, app } = demo);
  });

  /** How the broker sees a session: its status, and why it failed. */
  async function status(sessionId: string): Promise<string | undefined> {
    const session = await server.app.broker.store.get(sessionId);
    return session && [session.status, session.failure].filter(Boolean).join(' ');
  }

  it('reload: the page cancels the request it leaves, and the login after it completes', async () => {
    // Each test its own browser: a finished login leaves the net bank logged in.
    const desk = await newContext(browser);
    const bank = await desk.newPage();
    const problems = await watch(bank);
    const left = await leaveOnQr(bank, server.origin, 'anna.app');
    assert.equal(await status(left.session_id), 'pending');
    await bank.reload();
    // The keepalive cancel of pagehide reaches the broker on its own; no event of the page tells when it has.
    await waitFor(
      async () => (await status(left.session_id)) === 'failed cancelled',
      'the left session to be cancelled',
    );
    await loginToNetbankWithApp(bank, app, server.origin, 'anna.app', 'Anna Hansen');
    assert.deepEqual(await problems.list(), []);
    await desk.close();
  });

  it('closed tab, then a new tab: the next login completes', async () => {
    const desk = await newContext(browser);
    const first = await desk.newPage();
    const left = await leaveOnQr(first, server.origin, 'anna.app');
    await first.close({ runBeforeUnload: true });
    const second = await desk.newPage();
    const problems = await watch(second);
    await loginToNetbankWithApp(second, app, server.origin, 'anna.app', 'Anna Hansen');
    // However the first tab ended (its cancel, or the new session of the same browser replacing it), it did not win.
    assert.match((await status(left.session_id)) ?? '', /^failed (cancelled|superseded)$/);
    assert.deepEqual(await problems.list(), []);
    await desk.close();
  });

  it('back button from the QR step, forward again, and a login in another browser: no parallel-request alarm', async () => {
    const desk = await newContext(browser);
    const bank = await desk.newPage();
    await bank.goto(`${server.origin}/`);
    const left = await leaveOnQr(bank, server.origin, 'anna.app');
    await bank.goBack();
    await waitFor(
      async () => (await status(left.session_id)) === 'failed cancelled',
      'the left session to be cancelled',
    );
    // Forward again (perhaps from the back-forward cache): a fresh start, not a request that no longer exists.
    await bank.goForward();
    await fieldShown(bank, 'Bruger-ID');
    assert.equal(await currentStep(bank), 'user-id');
    // Another browser altogether (no shared browser key) logs in.
    const other = await (await newContext(browser)).newPage();
    const problems = await watch(other);
    await loginToNetbankWithApp(other, app, server.origin, 'anna.app', 'Anna Hansen');
    assert.deepEqual(await problems.list(), []);
    await desk.close();
    await other.context().close();
  });
});

describe('wrong codes count for the user ID, not the session', () => {
  const demo = useDemo();
  let server: RunningServer;
  let browser: Browser;
  before(() => {
    ({ server, browser } = demo);
  });

  async function wrongCodeAt(bank: Page, expected: RegExp): Promise<void> {
    await fill(bank, 'Engangskode (6 cifre)', wrongCode('eva.flere'));
    await press(bank, 'Fortsæt', { exact: true });
    // The warning under the field; the alert region says the same, with the problem before it.
    await mitid(bank).locator('.mitid-problem').getByText(expected).waitFor();
    assert.match((await announcements(bank)).assertive, expected);
  }

  it('counts down over new sessions, blocks at the fifth with when it ends, and the app still logs in', async () => {
    const desk = await newContext(browser);
    const bank = await desk.newPage();
    const problems = await watch(bank);

    async function startCodeLogin(): Promise<void> {
      await bank.goto(`${server.origin}/netbank/`);
      await enterUserId(bank, 'eva.flere');
      await chooseMethod(bank, 'code-display');
    }

    await startCodeLogin();
    await wrongCodeAt(
      bank,
      /Du har 4 forsøg tilbage, før MitID med kodeviser, kodeoplæser og chip spærres i 15 minutter\./,
    );
    await wrongCodeAt(bank, /Du har 3 forsøg tilbage/);
    // A new session (the page reloaded, a restart) gives no fresh tries.
    await startCodeLogin();
    await wrongCodeAt(bank, /Du har 2 forsøg tilbage/);
    await startCodeLogin();
    await wrongCodeAt(bank, /Du har 1 forsøg tilbage/);
    await snap(mitid(bank), 'netbank-one-try-left');
    assert.deepEqual(await axeViolations(bank), []);

    await fill(bank, 'Engangskode (6 cifre)', wrongCode('eva.flere'));
    const blockedAt = Date.now();
    await press(bank, 'Fortsæt', { exact: true });
    const message = mitid(bank).locator('[part~="error-message"]');
    await message
      .getByText(/Du kan prøve igen kl\. \d\d[.:]\d\d\. Har du MitID app, kan du bruge den imens\./)
      .waitFor();
    assert.match(
      (await message.textContent()) ?? '',
      /for mange forkerte forsøg, så MitID med kodeviser, kodeoplæser og chip er spærret/,
    );
    // Heard once, as it is shown.
    assert.equal((await announcements(bank)).assertive, (await message.textContent())?.trim());
    // The time shown is the block's end (15 minutes from the fifth wrong code), in the page's local time.
    const shown = /kl\. (\d\d)[.:](\d\d)/.exec((await message.textContent()) ?? '')!;
    const minutesEnd = await bank.evaluate(
      (at) => {
        const end = new Date(at);
        return end.getHours() * 60 + end.getMinutes();
      },
      blockedAt + 15 * 60_000,
    );
    const minutesShown = Number(shown[1]) * 60 + Number(shown[2]);
    assert.ok(Math.abs(minutesShown - minutesEnd) <= 1, `shown ${shown[0]}, block ends at minute ${minutesEnd}`);
    // Trying again now cannot help, so the element does not offer it; starting over can (with the app).
    assert.equal(await mitid(bank).getByRole('button', { name: 'Prøv igen' }).count(), 0);
    await mitid(bank).getByRole('button', { name: 'Start forfra' }).waitFor();
    await snap(mitid(bank), 'netbank-blocked');
    assert.deepEqual(await axeViolations(bank), []);

    // The right code does not help either while the block lasts: the method is refused before a code is asked for.
    await bank.goto(`${server.origin}/netbank/`);
    await enterUserId(bank, 'eva.flere');
    await assert.rejects(chooseMethod(bank, 'code-display'), /went to error/);
    await message.getByText(/for mange forkerte forsøg/).waitFor();

    // The app is not guessable from a browser: it still logs in.
    const app = await (await newContext(browser, PHONE)).newPage();
    await activateApp(app, server.origin, 'eva.flere');
    await loginToNetbankWithApp(bank, app, server.origin, 'eva.flere', 'Eva Larsen');

    // The wrong codes were 400s and the block 423s: the console lines the page is expected to log.
    assert.deepEqual(await problems.list(/status of (400|423)/), []);
    await desk.close();
  });
});
