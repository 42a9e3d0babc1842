/**
 * "Dit MitID" in Demo Netbank after a login (issue 23, after enrolment), as a person does it with the keyboard: a
 * backup app added on another device with a ticket from the net bank (pending, then seen in the list), the same
 * device removed again as "not me", "tell me every time" turned on, and the user ID changed: a CPR number refused at
 * the field before anything is sent, the person's name refused by the broker with its reason, then a good one, which
 * logs in from then on while the old one does not. Each change is an SMS in the demo's outbox; each state is
 * axe-clean.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { axeViolations } from './support/axe.js';
import { activateAppWithTicket } from './support/app.js';
import { PHONE, newContext, watch } from './support/browser.js';
import { useDemo } from './support/demo.js';
import { chooseMethod, enterUserId, fill, press } from './support/element.js';

/** The code the display shows; `after`: a code is accepted once, so wait for the one after that (≤ 30 s). */
async function readCode(device: Page, after?: string): Promise<string> {
  await device.waitForFunction(
    (used) => {
      const code = document.querySelector<HTMLElement>('#code[data-code]')?.dataset['code'];
      return code !== undefined && code !== used;
    },
    after,
    { timeout: 40_000 },
  );
  return (await device.locator('#code').getAttribute('data-code'))!;
}

/** Logs in at the net bank as `typed` with Bo's code display and password; the code it used. */
async function logIn(bank: Page, device: Page, typed: string, usedBefore?: string): Promise<string> {
  await enterUserId(bank, typed);
  await chooseMethod(bank, 'code-display');
  const code = await readCode(device, usedBefore);
  await fill(bank, 'Engangskode (6 cifre)', code);
  await press(bank, 'Fortsæt', { exact: true });
  await fill(bank, 'Adgangskode', 'bo-kode-2026', { exact: true });
  await press(bank, 'Log på', { exact: true });
  return code;
}

/** The demo's outbox: the heading of each message, newest first. */
async function outboxTitles(page: Page, origin: string): Promise<string[]> {
  await page.goto(`${origin}/beskeder/`);
  await page
    .locator('#outbox-status')
    .getByText(/besked/)
    .waitFor();
  return page.locator('.outbox-message h2').allTextContents();
}

describe('Dit MitID in the net bank', () => {
  const demo = useDemo();

  it('a backup app added and removed, notices for every use, and a new user ID, by keyboard', async () => {
    const { server, browser } = demo;
    const desk = await newContext(browser);
    const device = await desk.newPage();
    await device.goto(`${server.origin}/kodeviser/#bo.kodeviser`);
    const bank = await desk.newPage();
    const problems = await watch(bank);
    await bank.goto(`${server.origin}/netbank/`);
    const firstCode = await logIn(bank, device, 'bo.kodeviser');
    await bank.getByRole('heading', { level: 1, name: 'Velkommen, Bo Jensen' }).waitFor();

    // Open the section by keyboard: focus lands on its first heading, which says the user ID.
    await bank.getByRole('button', { name: 'Vis dit MitID' }).focus();
    await bank.keyboard.press('Enter');
    await bank.getByRole('heading', { level: 3, name: 'Dit bruger-ID: bo.kodeviser' }).waitFor();
    assert.equal(await bank.evaluate(() => document.activeElement?.id), 'my-mitid-details');
    assert.match((await bank.locator('#my-devices').textContent()) ?? '', /MitID kodeviser/);
    assert.deepEqual(await axeViolations(bank), []);

    // A backup app on another device, with a ticket from the same access: pending, and listed as such.
    await bank.getByRole('button', { name: 'Få en aktiveringskode' }).click();
    await bank.getByRole('heading', { name: 'Din aktiveringskode' }).waitFor();
    const ticket = (await bank.locator('#ticket-code').textContent()) ?? '';
    const phone = await (await newContext(browser, PHONE)).newPage();
    await activateAppWithTicket(phone, server.origin, 'bo.kodeviser', ticket);
    await bank.getByRole('button', { name: 'Vis dit MitID' }).click();
    const backup = bank.locator('.my-device[data-state="pending"]');
    await backup.waitFor();
    assert.match(
      (await backup.textContent()) ?? '',
      /Demo-browser .*Venter: kan godkende fra .*Var det ikke dig\? Fjern den nu\./,
    );
    assert.deepEqual(await axeViolations(bank), []);

    // Not mine after all: removed, said, and the list no longer has it.
    await backup.getByRole('button', { name: /^Fjern Demo-browser/ }).focus();
    await bank.keyboard.press('Enter');
    await bank
      .locator('#my-mitid-status')
      .getByText(/er fjernet og kan ikke bruges mere/)
      .waitFor();
    assert.equal(await bank.locator('.my-device[data-state="pending"]').count(), 0);

    // Tell me every time, with Space on the checkbox.
    await bank.getByLabel('Giv mig besked, hver gang mit MitID bliver brugt').focus();
    await bank.keyboard.press('Space');
    await bank.locator('#my-mitid-status').getByText('Du får nu besked, hver gang dit MitID bliver brugt.').waitFor();

    // A new user ID: a CPR number is caught here (nothing sent); the name by the broker, with its reason.
    const field = bank.getByLabel('Nyt bruger-ID');
    const sent: string[] = [];
    bank.on('request', (request) => {
      if (request.url().endsWith('/v1/identity/user-id')) sent.push(request.postData() ?? '');
    });
    await field.fill('010190-1234');
    await field.press('Enter');
    await bank
      .locator('#new-user-id-problem')
      .getByText(/aldrig indeholde et CPR-nummer/)
      .waitFor();
    assert.equal(await field.getAttribute('aria-invalid'), 'true');
    assert.deepEqual(sent, []);
    assert.deepEqual(await axeViolations(bank), []);
    await field.fill('BoJensen');
    await field.press('Enter');
    await bank.locator('#new-user-id-problem').getByText('Brug ikke dit navn. Det er let at gætte.').waitFor();
    await field.fill('Kyst.Bo-42');
    await field.press('Enter');
    await bank
      .locator('#my-mitid-status')
      .getByText(/Dit bruger-ID er nu Kyst\.Bo-42/)
      .waitFor();
    assert.equal(await bank.locator('#my-user-id').textContent(), 'Kyst.Bo-42');
    assert.equal(sent.length, 2);

    // Each change is an SMS to Bo.
    const inbox = await desk.newPage();
    const titles = await outboxTitles(inbox, server.origin);
    for (const title of ['Bruger-ID ændret', 'Fjernet', 'Ny enhed venter'])
      assert.ok(titles.includes(title), titles.join());
    // Shown with the user ID Bo has now.
    assert.match((await inbox.locator('.outbox-message').first().textContent()) ?? '', /\(bruger-ID Kyst\.Bo-42\)/);
    assert.deepEqual(await axeViolations(inbox), []);

    // From now on the old user ID names no one (its code is "wrong", as for a user ID that never was), and the new
    // one logs in (told, as chosen).
    await bank.getByRole('button', { name: 'Log af' }).click();
    await bank.getByText('Du er logget af.').waitFor();
    await enterUserId(bank, 'bo.kodeviser');
    await chooseMethod(bank, 'code-display');
    await fill(bank, 'Engangskode (6 cifre)', await readCode(device));
    await press(bank, 'Fortsæt', { exact: true });
    await bank.locator('.mitid-problem').getByText('Engangskoden er forkert. Tjek den, og prøv igen.').waitFor();
    await bank.goto(`${server.origin}/netbank/`);
    await logIn(bank, device, 'kyst.bo-42', firstCode);
    await bank.getByRole('heading', { level: 1, name: 'Velkommen, Bo Jensen' }).waitFor();
    assert.equal((await outboxTitles(inbox, server.origin))[0], 'MitID brugt');

    assert.deepEqual(await problems.list(/status of 4\d\d/), []);
    await desk.close();
  });
});
