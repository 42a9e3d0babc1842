/**
 * A new app without a letter, as a person does it: log in at Demo Netbank with the code display (bo.kodeviser), get
 * a one-time ticket in the net bank ("Aktivér MitID app på en ny enhed"), and activate the app on another device
 * with it. The new app is pending for the broker's waiting period (the test server's is short) and the identity's
 * contact channel is told at once; then the app becomes active and approves a login at the net bank. The login is
 * kept in the page's memory only: after a reload, no ticket without a new login.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { ActivateDeviceResponse } from '../../protocol/app-api.js';
import type { MemoryOutbox } from '../../server/identity/notices.js';
import { axeViolations } from './support/axe.js';
import { activateAppWithTicket, scanQrFrom, swipeOpenRequest } from './support/app.js';
import { PHONE, launchBrowser, newContext, watch } from './support/browser.js';
import { chooseMethod, enterUserId, fill, press } from './support/element.js';
import { snap } from './support/screenshots.js';
import { startServer, type RunningServer } from './support/server.js';

/** Long enough to see the app pending, short enough to wait for. */
const WAIT_MS = 3000;

async function readCode(device: Page): Promise<string> {
  const display = device.locator('#code[data-code]');
  await display.waitFor();
  return (await display.getAttribute('data-code'))!;
}

describe('a new app activated with a ticket from the net bank', () => {
  let server: RunningServer;
  let browser: Browser;

  before(async () => {
    server = await startServer({ settings: { activationWaitMs: WAIT_MS } });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('logs in with the code display, activates the app with the ticket, waits, then approves a login with it', async () => {
    const desk = await newContext(browser);
    const device = await desk.newPage();
    await device.goto(`${server.origin}/kodeviser/#bo.kodeviser`);
    const bank = await desk.newPage();
    const bankProblems = await watch(bank);
    await bank.goto(`${server.origin}/netbank/`);
    await enterUserId(bank, 'bo.kodeviser');
    await chooseMethod(bank, 'code-display');
    await fill(bank, 'Engangskode (6 cifre)', await readCode(device));
    await press(bank, 'Fortsæt', { exact: true });
    await fill(bank, 'Adgangskode', 'bo-kode-2026', { exact: true });
    await press(bank, 'Log på', { exact: true });
    await bank.getByRole('heading', { level: 1, name: 'Velkommen, Bo Jensen' }).waitFor();

    // The net bank trades its login for a ticket at the broker and shows it, with what to do next.
    await bank.getByRole('button', { name: 'Få en aktiveringskode' }).click();
    await bank.getByRole('heading', { name: 'Din aktiveringskode' }).waitFor();
    const ticket = (await bank.locator('#ticket-code').textContent()) ?? '';
    assert.match(ticket, /^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    assert.match((await bank.locator('#ticket-valid').textContent()) ?? '', /^Koden gælder i 10 minutter/);
    await bank.getByText('Vælg »Aktivér med kode fra netbank«').waitFor();
    assert.equal(await bank.locator('#ticket-chip').isHidden(), true, 'a code display login adds no chip');
    await snap(bank.locator('#new-device'), 'netbank-new-device-ticket');
    assert.deepEqual(await axeViolations(bank), []);
    // The login (and the access it bought) lives in the page's memory only: after a reload, a new login is needed.
    await bank.reload();
    await bank.getByRole('heading', { level: 1, name: 'Velkommen, Bo Jensen' }).waitFor();
    await bank.getByRole('button', { name: 'Få en aktiveringskode' }).click();
    await bank.getByText(/Siden husker kun dit login, indtil du genindlæser den. Log af, og log på igen/).waitFor();
    assert.equal(await bank.locator('#ticket').isHidden(), true);

    // The new device: pending until the waiting period ends, and the owner's phone is told at once.
    const app = await (await newContext(browser, PHONE)).newPage();
    const appProblems = await watch(app);
    const answer = app
      .waitForResponse((response) => response.url().endsWith('/v1/app/activate'))
      .then((response) => response.json() as Promise<ActivateDeviceResponse>);
    await activateAppWithTicket(app, server.origin, 'bo.kodeviser', ticket);
    const activated = await answer;
    assert.equal(activated.state, 'pending');
    assert.ok(Date.parse(activated.active_from) > Date.now(), `active from ${activated.active_from}`);
    await app.getByText('Appen venter.').waitFor();
    await app.getByText(/Du har fået besked i dine andre MitID apps og på e-mail eller sms/).waitFor();
    await snap(app, 'app-pending');
    const told = (server.app.broker.notifier as MemoryOutbox).messages('bo.kodeviser');
    assert.deepEqual(
      told.map((message) => [message.to.phone, message.notification.kind, message.notification.active_from]),
      [['+45 20 00 00 01', 'device-pending', activated.active_from]],
    );
    // The demo's outbox shows the same SMS, as the person would read it.
    const inbox = await desk.newPage();
    await inbox.goto(`${server.origin}/beskeder/`);
    await inbox.getByText(/^1 besked, nyeste først/).waitFor();
    const message = inbox.locator('.outbox-message');
    assert.equal(await message.getByRole('heading', { level: 2 }).textContent(), 'Ny enhed venter');
    assert.match((await message.textContent()) ?? '', /sms til \+45 20 00 00 01 \(bruger-ID bo\.kodeviser\)/);
    assert.match((await message.textContent()) ?? '', /Var det ikke dig, så fjern den nu/);
    assert.deepEqual(await axeViolations(inbox), []);
    await inbox.close();

    await app.getByText('MitID app er aktiv på denne enhed.').waitFor();
    assert.ok(Date.now() >= Date.parse(activated.active_from), 'active only after the waiting period');
    await app.getByText('MitID app er nu aktiv på denne enhed.').waitFor();
    // Now active, the app may ask to be told of every use of the MitID.
    await app.getByLabel('Giv mig besked, hver gang mit MitID bruges').check();
    await app.getByText('Du får nu besked, hver gang dit MitID bruges.').waitFor();
    assert.deepEqual(await axeViolations(app), []);

    // Now it approves a login at the net bank.
    await bank.getByRole('button', { name: 'Log af' }).click();
    await bank.getByText('Du er logget af.').waitFor();
    await enterUserId(bank, 'bo.kodeviser');
    await chooseMethod(bank, 'app');
    await scanQrFrom(bank, app);
    await app.getByRole('heading', { level: 1, name: 'Log på hos Demo Netbank?' }).waitFor();
    await swipeOpenRequest(app);
    await bank.getByRole('heading', { level: 1, name: 'Velkommen, Bo Jensen' }).waitFor();
    assert.match((await bank.locator('#verified-facts').textContent()) ?? '', /MetodeMitID app/);
    // That login is told, as asked: the outbox shows it with the service.
    const usedPage = await desk.newPage();
    await usedPage.goto(`${server.origin}/beskeder/`);
    const newest = usedPage.locator('.outbox-message').first();
    await newest.getByRole('heading', { level: 2, name: 'MitID brugt' }).waitFor();
    assert.match((await newest.textContent()) ?? '', /til at logge på hos Demo Netbank/);
    await usedPage.close();

    assert.deepEqual(await bankProblems.list(), []);
    assert.deepEqual(await appProblems.list(), []);
    await desk.close();
  });
});
