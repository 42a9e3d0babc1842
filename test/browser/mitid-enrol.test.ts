/**
 * `<mitid-enrol>` (issue 23): the brochure's steps 2 to 7 against a fake of the broker's enrolment API, as a person
 * would take them: every step axe-clean in both languages with its progress, refusals at the field (heard each time,
 * the CPR number caught before anything is sent), back and forth without losing what was typed, a reload back at
 * the same step, keyboard only, and the ends: the result event, an expired enrolment, a cancel.
 */
import '../support/lit-warnings.js';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/enrol/define.js';
import type { MitidEnrol } from '../../src/enrol/mitid-enrol.js';
import type { MitidEnrolledEvent, MitidEnrolErrorEvent } from '../../src/enrol/events.js';
import { FakeEnrolBroker } from '../../testing/index.js';
import {
  alertText,
  form,
  heading,
  input,
  mount,
  politeText,
  press,
  shadow,
  submit,
  tick,
  type,
  walkTo,
} from '../support/enrol-element.js';

describe('<mitid-enrol>', () => {
  describe('every step, axe-clean, with its progress', () => {
    const expected: Record<string, { da: string; en: string }> = {
      terms: { da: 'Trin 2 af 7 Vilkår for MitID', en: 'Step 2 of 7 Terms of MitID' },
      method: { da: 'Trin 3 af 7', en: 'Step 3 of 7' },
      contact: { da: 'Trin 4 af 7', en: 'Step 4 of 7' },
      'user-id': { da: 'Trin 5 af 7 Vælg dit bruger-ID', en: 'Step 5 of 7 Choose your user ID' },
      get: { da: 'Trin 6 af 7 Bestil din kodeviser', en: 'Step 6 of 7 Order your code display' },
      activate: { da: 'Trin 7 af 7 Aktivér din kodeviser', en: 'Step 7 of 7 Activate your code display' },
    };
    for (const lang of ['da', 'en'] as const) {
      for (const [step, headings] of Object.entries(expected)) {
        it(`${step} (${lang})`, async () => {
          const { el, fake } = await mount(new FakeEnrolBroker(), lang);
          await walkTo(el, fake, step);
          expect(heading(el).startsWith(headings[lang])).to.equal(true, heading(el));
          await expect(el).to.be.accessible();
        });
      }
      it(`the app's activation step and the end (${lang})`, async () => {
        const { el, fake } = await mount(new FakeEnrolBroker(), lang);
        await walkTo(el, fake, 'get', 'app');
        await submit(el, fake);
        expect(el.currentStep).to.equal('activate');
        await fake.idle();
        await el.updateComplete;
        expect(shadow(el).querySelector('[part="activation-code"]')!.textContent).to.equal('ABCD-EFGH-001');
        await expect(el).to.be.accessible();
        fake.appActivated = true;
        const enrolled = oneEvent(el, 'mitid-enrolled') as Promise<MitidEnrolledEvent>;
        await submit(el, fake); // "I have activated the app"
        expect((await enrolled).detail).to.deep.equal({
          result: 'eyJ.result.app',
          method: 'app',
          userId: 'Sol.og.Hav77',
        });
        expect(el.currentStep).to.equal('done');
        await expect(el).to.be.accessible();
      });
    }
  });

  it('a code display: ordered, activated with serial, code and password; the result event carries the signed result', async () => {
    const { el, fake } = await mount();
    await walkTo(el, fake, 'get');
    expect(shadow(el).querySelector('[part="device-sent"]')).to.equal(null);
    await submit(el, fake); // order
    expect(shadow(el).querySelector('[part="device-sent"]')!.textContent).to.contain('1234-5678-01');
    expect(politeText(el)).to.contain('1234-5678-01');
    await submit(el, fake); // I have the device
    type(el, 'serial', '1234-5678-01');
    type(el, 'code', '123456');
    input(el, 'password').value = 'kort';
    await submit(el, fake);
    expect(fake.posted('device/activate')).to.have.length(0, 'a refused password is not sent');
    expect(alertText(el)).to.equal('Vælg mindst 8 tegn.');
    expect(input(el, 'password').getAttribute('aria-invalid')).to.equal('true');
    input(el, 'password').value = 'grøn tekande i haven';
    const enrolled = oneEvent(el, 'mitid-enrolled') as Promise<MitidEnrolledEvent>;
    await submit(el, fake);
    expect((await enrolled).detail.result).to.equal('eyJ.result.code');
    expect(fake.posted('device/activate')[0]!.body).to.deep.equal({
      serial: '1234-5678-01',
      code: '123456',
      password: 'grøn tekande i haven',
    });
    expect(fake.calls.every((call) => call.authorization === 'Bearer enrolment-token-0123456789')).to.equal(true);
    expect(heading(el)).to.contain('Du har nu MitID');
    expect(shadow(el).querySelector('[part="done"]')!.textContent).to.contain('Sol.og.Hav77');
    // Heard once: the heading by its focus, the user ID by the polite region (which does not repeat the heading).
    expect(shadow(el).activeElement === shadow(el).querySelector('h2')).to.equal(true);
    expect(politeText(el)).to.equal('Dit bruger-ID er Sol.og.Hav77. Du kan nu logge på med MitID.');
  });

  it('a CPR-shaped user ID is refused at the field before anything is sent; the same refusal is heard again', async () => {
    const { el, fake } = await mount();
    await walkTo(el, fake, 'user-id');
    for (const cpr of ['010190-1234', 'maja0101901234']) {
      type(el, 'user_id', cpr);
      await submit(el, fake);
      expect(alertText(el)).to.equal('Et bruger-ID må aldrig indeholde et CPR-nummer. Vælg noget andet.');
      const region = shadow(el).querySelector('[role="alert"]')!;
      expect(region.children).to.have.length(1);
    }
    expect(fake.posted('user-id')).to.have.length(0);
    expect(document.activeElement === input(el, 'user_id')).to.equal(true, 'focus is at the field');
    const describedBy = input(el, 'user_id').getAttribute('aria-describedby')!.split(' ');
    expect(describedBy.map((id) => document.getElementById(id)!.textContent).join(' ')).to.contain('CPR-nummer');
    for (const [value, text] of [
      ['12345678', 'Brug ikke kun tal. Tilføj bogstaver.'],
      ['maja', 'Vælg mindst 6 tegn.'],
      ['password1', 'Det bruger-ID vælger mange. Vælg noget mere personligt.'],
      ['maja@eksempel.dk', 'Brug ikke din e-mail. Den er let at gætte.'],
    ]) {
      type(el, 'user_id', value!);
      await submit(el, fake);
      expect(alertText(el), value).to.equal(text);
    }
    expect(fake.posted('user-id')).to.have.length(0);
  });

  it('the broker’s refusals are shown at the field: a name, a user ID taken, a wrong code with the tries left', async () => {
    const { el, fake } = await mount();
    await walkTo(el, fake, 'user-id');
    fake.refuse.set('user-id', { status: 400, code: 'user_id_refused', reason: 'name' });
    type(el, 'user_id', 'MajaHolm');
    await submit(el, fake);
    expect(alertText(el)).to.equal('Brug ikke dit navn. Det er let at gætte.');
    fake.refuse.set('user-id', { status: 409, code: 'user_id_taken' });
    type(el, 'user_id', 'Sol.og.Hav77');
    await submit(el, fake);
    expect(alertText(el)).to.equal('Det bruger-ID er optaget. Vælg et andet.');
    expect(el.currentStep).to.equal('user-id');
    await submit(el, fake);
    expect(el.currentStep).to.equal('get');
    await submit(el, fake);
    await submit(el, fake);
    fake.refuse.set('device/activate', { status: 400, code: 'wrong_code', attempts_left: 3 });
    type(el, 'serial', '1234-5678-01');
    type(el, 'code', '000000');
    input(el, 'password').value = 'grøn tekande i haven';
    await submit(el, fake);
    expect(alertText(el)).to.equal('Serienummeret eller koden passer ikke. Du har 3 forsøg tilbage.');
    expect(input(el, 'serial').value).to.equal('1234-5678-01', 'what was typed stays');
    expect(document.activeElement === input(el, 'code')).to.equal(true, 'focus is at the code');
  });

  it('back and forward keep what was typed, sent or not', async () => {
    const { el, fake } = await mount();
    await walkTo(el, fake, 'contact');
    type(el, 'email', 'maja@eksempel.dk');
    type(el, 'phone', '20 30 40 50');
    await submit(el, fake);
    type(el, 'user_id', 'halvfærdig');
    await press(el, fake, '.mitid-back');
    expect(el.currentStep).to.equal('contact');
    expect(input(el, 'email').value).to.equal('maja@eksempel.dk');
    expect(input(el, 'phone').value).to.equal('20 30 40 50');
    await press(el, fake, '.mitid-back');
    expect(el.currentStep).to.equal('method');
    expect(el.querySelector<HTMLInputElement>('input[value="code-display"]')!.checked).to.equal(true);
    await submit(el, fake);
    await submit(el, fake);
    expect(el.currentStep).to.equal('user-id');
    expect(input(el, 'user_id').value).to.equal('halvfærdig');
    const h2 = shadow(el).querySelector('h2');
    expect(shadow(el).activeElement === h2).to.equal(true, 'each new step is announced by its heading');
  });

  it('moved in the page during the app step, it goes on asking whether the app is active', async () => {
    const { el, fake } = await mount();
    el.pollMs = 20; // the element's own timer, shortened: the test awaits the event it leads to, not the time
    await walkTo(el, fake, 'get', 'app');
    await submit(el, fake);
    expect(el.currentStep).to.equal('activate');
    const holder = document.createElement('div');
    document.body.append(holder);
    holder.append(el); // disconnected and connected again: the poll was stopped, and starts again
    fake.appActivated = true;
    const enrolled = (await oneEvent(el, 'mitid-enrolled')) as MitidEnrolledEvent;
    expect(enrolled.detail.result).to.equal('eyJ.result.app');
    expect(fake.calls.filter((call) => call.path === 'current' && call.method === 'GET').length).to.be.greaterThan(1);
    holder.remove();
  });

  it('pressed twice before the answer, a step is sent once', async () => {
    const { el, fake } = await mount();
    await walkTo(el, fake, 'get');
    form(el).requestSubmit();
    form(el).requestSubmit(); // the second press, while the order is under way
    await fake.idle();
    await el.updateComplete;
    expect(fake.posted('device')).to.have.length(1);
    expect(shadow(el).querySelector('[part="device-sent"]')!.textContent).to.contain('1234-5678-01');
  });

  it('a reload comes back at the first step not done, with what the enrolment holds', async () => {
    const fake = new FakeEnrolBroker();
    fake.view = {
      ...fake.view,
      terms_accepted_at: '2026-12-03T12:00:00.000Z',
      method: 'code-reader',
      contact: { phone: '20304050' },
    };
    const { el } = await mount(fake);
    expect(el.currentStep).to.equal('user-id');
    await press(el, fake, '.mitid-back');
    expect(input(el, 'phone').value).to.equal('20304050');
  });

  it('contact details: at least one, in a shape that can be used', async () => {
    const { el, fake } = await mount();
    await walkTo(el, fake, 'contact');
    await submit(el, fake);
    expect(alertText(el)).to.equal('Skriv en e-mail eller et mobilnummer.');
    type(el, 'phone', '123');
    await submit(el, fake);
    expect(alertText(el)).to.equal('Skriv mobilnummeret med 8 cifre, eller med + og landekode.');
    expect(input(el, 'phone').getAttribute('aria-invalid')).to.equal('true');
    expect(fake.posted('contact')).to.have.length(0);
  });

  it('keyboard only: the terms ticked with Space and sent with Enter; the method chosen with the arrow keys', async () => {
    const { el, fake } = await mount();
    input(el, 'terms').focus();
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await fake.idle();
    await el.updateComplete;
    expect(el.currentStep).to.equal('method');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'ArrowDown' });
    expect(el.querySelector<HTMLInputElement>('input[value="code-display"]')!.checked).to.equal(true);
    await sendKeys({ press: 'Enter' });
    await fake.idle();
    await el.updateComplete;
    expect(el.currentStep).to.equal('contact');
  });

  it('an expired enrolment ends with a message and mitid-enrol-error; no token at all too', async () => {
    const fake = new FakeEnrolBroker();
    const { el } = await mount(fake);
    await walkTo(el, fake, 'method');
    fake.refuse.set('method', { status: 410, code: 'enrolment_expired' });
    tick(el, 'method', 'app');
    const failed = oneEvent(el, 'mitid-enrol-error') as Promise<MitidEnrolErrorEvent>;
    form(el).requestSubmit();
    expect((await failed).detail.code).to.equal('enrolment_expired');
    await el.updateComplete;
    expect(el.currentStep).to.equal('error');
    expect(shadow(el).querySelector('[part="error-message"]')!.textContent).to.contain('Start forfra i netbanken');
    await expect(el).to.be.accessible();

    const none = await fixture<MitidEnrol>(html`<mitid-enrol lang="da"></mitid-enrol>`);
    expect(none.currentStep).to.equal('error');
  });

  it('no connection: said at the step, nothing lost, and the next try goes through', async () => {
    const fake = new FakeEnrolBroker();
    const { el } = await mount(fake);
    tick(el, 'terms');
    fake.offline = true;
    await submit(el, fake);
    expect(el.currentStep).to.equal('terms');
    expect(input(el, 'terms').checked).to.equal(true);
    expect(shadow(el).querySelector('[part="message"]')!.textContent).to.contain('ingen forbindelse');
    expect(alertText(el)).to.contain('ingen forbindelse');
    fake.offline = false;
    await submit(el, fake);
    expect(el.currentStep).to.equal('method');
  });

  it('Cancel asks the page (cancelable), then tells the broker and ends', async () => {
    const { el, fake } = await mount();
    el.addEventListener('mitid-enrol-cancel', (event) => event.preventDefault(), { once: true });
    const cancel = () => shadow(el).querySelector<HTMLButtonElement>('[part~="cancel"]')!.click();
    cancel();
    await fake.idle();
    expect(fake.posted('cancel')).to.have.length(0);
    cancel();
    await fake.idle();
    await el.updateComplete;
    expect(fake.posted('cancel')).to.have.length(1);
    expect(el.currentStep).to.equal('error');
  });
});
