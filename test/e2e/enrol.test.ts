/**
 * Getting MitID in the net bank (issue 23), end to end on the demo as a new customer would: the bank starts the
 * enrolment from its back end (a JWT client assertion with its own key), `<mitid-enrol>` takes the customer through
 * steps 2 to 7, the bank verifies the result, a notice reaches the outbox, and the new MitID logs in. One customer
 * takes the code display (with a CPR-shaped user ID and their own name refused on the way, with reasons), another
 * the app, activated with the code the element shows, a third a chip, registered in the page by WebAuthn (Chromium's
 * virtual authenticator). Every step is axe-clean; the first journey is keyboard only.
 */
import { beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { activateAppWithCode, loginToNetbankWithApp } from './support/app.js';
import { axeViolations } from './support/axe.js';
import { newContext, watch } from './support/browser.js';
import { chooseMethod, enterUserId, fill, press } from './support/element.js';
import { snap } from './support/screenshots.js';
import { useDemo } from './support/demo.js';
import { VirtualChip } from '../../testing/node/chip.js';

const enrol = (page: Page) => page.locator('mitid-enrol');

/** Waits for the element's step heading ("Trin 3 af 7 …"), and checks the page with axe there. */
async function atStep(page: Page, progress: string, name: RegExp | string): Promise<void> {
  await enrol(page).getByRole('heading', { level: 2, name }).waitFor();
  assert.match((await enrol(page).locator('[part="progress"]').textContent()) ?? '', new RegExp(progress));
  assert.deepEqual(await axeViolations(page), [], `axe at ${progress}`);
}

/** What the element's assertive region said last. */
async function alertText(page: Page): Promise<string> {
  return ((await enrol(page).locator('[role="alert"]').textContent()) ?? '').trim();
}

async function startEnrolment(page: Page, origin: string, name: string, email: string): Promise<void> {
  await page.goto(`${origin}/netbank/mitid/`);
  await page.getByLabel('Fulde navn').fill(name);
  await page.getByLabel('E-mail, som banken kender').fill(email);
  assert.deepEqual(await axeViolations(page), [], 'axe at the bank’s step 1');
  await page.getByRole('button', { name: 'Start tilmeldingen' }).click();
  await atStep(page, 'Trin 2 af 7', /Vilkår for MitID/);
}

describe('getting MitID in the net bank with <mitid-enrol>', () => {
  const demo = useDemo();
  let context: BrowserContext;
  const origin = () => demo.server.origin;

  // A browser of its own for each customer: the net bank's session cookie is per customer.
  beforeEach(async () => {
    await context?.close();
    context = await newContext(demo.browser);
  });

  it('a new customer gets a code display by keyboard alone, is refused a CPR-shaped user ID and their name, and logs in', async () => {
    const page = await context.newPage();
    const problems = await watch(page);
    await startEnrolment(page, origin(), 'Maja Holm Andersen', 'maja.holm@eksempel.dk');
    const keys = page.keyboard;
    // Focus is on the step's heading: Tab reaches the box, Space ticks it, Tab and Enter continue.
    await keys.press('Tab');
    await keys.press('Space');
    await keys.press('Enter');
    await atStep(page, 'Trin 3 af 7', /Vælg, hvordan du vil bruge MitID/);
    await keys.press('Tab'); // the first choice, the app
    await keys.press('ArrowDown'); // the code display
    await keys.press('Enter');
    await atStep(page, 'Trin 4 af 7', /Hvor skal vi give dig besked/);
    await keys.press('Tab');
    await keys.type('maja.ny@eksempel.dk');
    await keys.press('Enter');
    await atStep(page, 'Trin 5 af 7', /Vælg dit bruger-ID/);
    await keys.press('Tab');
    await keys.type('010190-1234');
    await keys.press('Enter');
    await page.getByText('Et bruger-ID må aldrig indeholde et CPR-nummer. Vælg noget andet.').first().waitFor();
    assert.equal(await alertText(page), 'Et bruger-ID må aldrig indeholde et CPR-nummer. Vælg noget andet.');
    assert.deepEqual(await axeViolations(page), [], 'axe with the problem shown');
    // The broker knows the customer's name from the bank: refused there, with the reason.
    await page.getByRole('textbox', { name: 'Bruger-ID', exact: true }).fill('MajaHolm');
    await keys.press('Enter');
    await page.getByText('Brug ikke dit navn. Det er let at gætte.').first().waitFor();
    await page.getByRole('textbox', { name: 'Bruger-ID', exact: true }).fill('Sol.og.Hav77');
    await keys.press('Enter');
    await atStep(page, 'Trin 6 af 7', /Bestil din kodeviser/);
    await keys.press('Tab');
    await keys.press('Enter'); // order the device
    const sent = enrol(page).locator('[part="device-sent"]');
    await sent.waitFor();
    const serial = /(\d{4}-\d{4}-\d{2})/.exec((await sent.textContent()) ?? '')?.[1];
    assert.ok(serial, 'the serial number is shown');
    await page.getByRole('button', { name: 'Jeg har enheden' }).click();
    await atStep(page, 'Trin 7 af 7', /Aktivér din kodeviser/);

    // The device arrived (the demo's post): the simulated code display offers it by its serial number.
    const device = await context.newPage();
    await device.goto(`${origin()}/kodeviser/#serie:${serial}`);
    const display = device.locator('#code[data-code]');
    await display.waitFor();
    const code = (await display.getAttribute('data-code'))!;
    await page.getByRole('textbox', { name: 'Serienummer' }).fill(serial);
    await page.getByRole('textbox', { name: 'Kode fra enheden' }).fill(code);
    await page.getByLabel('Vælg en adgangskode').fill('grøn tekande i haven');
    await snap(page, 'enrol-code-display');
    await page.getByRole('button', { name: 'Fortsæt' }).click();
    await page.getByRole('heading', { level: 2, name: 'Velkommen som MitID-bruger' }).waitFor();
    assert.match(
      (await page.locator('#done-text').textContent()) ?? '',
      /du har nu MitID med kodeviser\. Dit bruger-ID er Sol\.og\.Hav77/,
    );
    assert.deepEqual(await axeViolations(page), [], 'axe at the end');

    // The notice of the new MitID reached the contact channel given at step 4.
    const outbox = await context.newPage();
    await outbox.goto(`${origin()}/beskeder/`);
    await outbox.getByText('e-mail til maja.ny@eksempel.dk').first().waitFor();

    // And the new MitID logs in, with the device's next code and the password.
    await page.goto(`${origin()}/netbank/`);
    await enterUserId(page, 'Sol.og.Hav77');
    await chooseMethod(page, 'code-display');
    await device.waitForFunction((used) => document.querySelector('#code')?.getAttribute('data-code') !== used, code, {
      timeout: 35_000,
    });
    await fill(page, 'Engangskode (6 cifre)', (await display.getAttribute('data-code'))!);
    await press(page, 'Fortsæt', { exact: true });
    await fill(page, 'Adgangskode', 'grøn tekande i haven', { exact: true });
    await press(page, 'Log på', { exact: true });
    await page.getByRole('heading', { level: 1, name: 'Velkommen, Maja Holm Andersen' }).waitFor();
    // The one failed request is the broker's refusal of the name as a user ID (400 user_id_refused), on purpose.
    const refused = 'console: Failed to load resource: the server responded with a status of 400 (Bad Request)';
    assert.deepEqual(await problems.list(), [refused]);
  });

  it('a new customer gets the app: activated with the code the element shows, it finishes the enrolment and logs in', async () => {
    const bank = await context.newPage();
    await startEnrolment(bank, origin(), 'Karl Emil Berg', '');
    await bank.getByLabel('Jeg har læst og accepterer vilkårene for MitID').check();
    await bank.getByRole('button', { name: 'Fortsæt' }).click();
    await atStep(bank, 'Trin 3 af 7', /Vælg, hvordan du vil bruge MitID/);
    await bank.getByLabel(/^MitID-appen/).check();
    await bank.getByRole('button', { name: 'Fortsæt' }).click();
    await atStep(bank, 'Trin 4 af 7', /Hvor skal vi give dig besked/);
    await bank.getByLabel('Mobilnummer').fill('20 30 40 51');
    await bank.getByRole('button', { name: 'Fortsæt' }).click();
    await atStep(bank, 'Trin 5 af 7', /Vælg dit bruger-ID/);
    await bank.getByRole('textbox', { name: 'Bruger-ID', exact: true }).fill('Fyrtaarn.Nord');
    await bank.getByRole('button', { name: 'Fortsæt' }).click();
    await atStep(bank, 'Trin 6 af 7', /Hent MitID-appen/);
    // Back keeps what was given; forward again.
    await bank.getByRole('button', { name: 'Tilbage' }).click();
    await atStep(bank, 'Trin 5 af 7', /Vælg dit bruger-ID/);
    assert.equal(await bank.getByRole('textbox', { name: 'Bruger-ID', exact: true }).inputValue(), 'Fyrtaarn.Nord');
    await bank.getByRole('button', { name: 'Fortsæt' }).click();
    await atStep(bank, 'Trin 6 af 7', /Hent MitID-appen/);
    await bank.getByRole('button', { name: 'Jeg har appen' }).click();
    await atStep(bank, 'Trin 7 af 7', /Aktivér MitID-appen/);
    const codeText = enrol(bank).locator('[part="activation-code"]');
    await codeText.waitFor();
    const activationCode = ((await codeText.textContent()) ?? '').trim();
    await enrol(bank).locator('[part="qr"] svg').waitFor();
    await snap(bank, 'enrol-app');

    const app = await context.newPage();
    await activateAppWithCode(app, origin(), 'Fyrtaarn.Nord', activationCode);

    // The element asks again by itself (every few seconds); the bank then verifies the result.
    await bank.getByRole('heading', { level: 2, name: 'Velkommen som MitID-bruger' }).waitFor({ timeout: 15_000 });
    assert.match((await bank.locator('#done-text').textContent()) ?? '', /med MitID-appen/);
    const outbox = await context.newPage();
    await outbox.goto(`${origin()}/beskeder/`);
    await outbox.getByText('sms til 20304051').first().waitFor();

    await loginToNetbankWithApp(bank, app, origin(), 'Fyrtaarn.Nord', 'Karl Emil Berg');
  });

  it('a new customer gets MitID with a chip: the key registered in the bank’s page, then it logs in with the password', async () => {
    const bank = await context.newPage();
    const problems = await watch(bank);
    // A security key in the browser (Chromium's virtual authenticator): it answers every prompt at once.
    const key = await VirtualChip.attach(bank);
    await startEnrolment(bank, origin(), 'Ida Marie Skov', 'ida.skov@eksempel.dk');
    await bank.getByLabel('Jeg har læst og accepterer vilkårene for MitID').check();
    await bank.getByRole('button', { name: 'Fortsæt' }).click();
    await atStep(bank, 'Trin 3 af 7', /Vælg, hvordan du vil bruge MitID/);
    await bank.getByLabel(/^MitID chip/).check();
    await bank.getByRole('button', { name: 'Fortsæt' }).click();
    await atStep(bank, 'Trin 4 af 7', /Hvor skal vi give dig besked/);
    await enrol(bank).getByRole('textbox', { name: 'E-mail', exact: true }).fill('ida.skov@eksempel.dk');
    await bank.getByRole('button', { name: 'Fortsæt' }).click();
    await atStep(bank, 'Trin 5 af 7', /Vælg dit bruger-ID/);
    await bank.getByRole('textbox', { name: 'Bruger-ID', exact: true }).fill('Bøgeskov.Ida');
    await bank.getByRole('button', { name: 'Fortsæt' }).click();
    await atStep(bank, 'Trin 6 af 7', /Skaf en MitID chip/);
    await bank.getByRole('button', { name: 'Jeg har min chip' }).click();
    await atStep(bank, 'Trin 7 af 7', /Tilmeld din MitID chip/);
    await bank.getByLabel('Vælg en adgangskode').fill('grøn tekande i haven');
    await bank.getByRole('button', { name: 'Tilmeld chippen' }).click();
    await bank.getByRole('heading', { level: 2, name: 'Velkommen som MitID-bruger' }).waitFor();
    assert.match(
      (await bank.locator('#done-text').textContent()) ?? '',
      /med MitID chip\. Dit bruger-ID er Bøgeskov\.Ida/,
    );
    assert.equal((await key.credentials()).length, 1, 'the key holds the new credential');
    const outbox = await context.newPage();
    await outbox.goto(`${origin()}/beskeder/`);
    await outbox.getByText('e-mail til ida.skov@eksempel.dk').first().waitFor();

    // The new MitID logs in at the net bank: the key first, then the password.
    await bank.goto(`${origin()}/netbank/`);
    await enterUserId(bank, 'bøgeskov.ida');
    await chooseMethod(bank, 'chip');
    await press(bank, 'Brug MitID chip');
    await fill(bank, 'Adgangskode', 'grøn tekande i haven', { exact: true });
    await press(bank, 'Log på', { exact: true });
    await bank.getByRole('heading', { level: 1, name: 'Velkommen, Ida Marie Skov' }).waitFor();
    assert.deepEqual(await problems.list(), []);
  });
});
