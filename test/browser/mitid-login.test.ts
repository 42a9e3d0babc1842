import '../support/lit-warnings.js';
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { MitidLogin } from '../../src/define.js';
import type { MitidCancelEvent, MitidStateEvent } from '../../src/events.js';
import { settle, LoginHarness } from '../../testing/index.js';
import { advance, eventsOf, mount } from '../support/element.js';

describe('<mitid-login>', () => {
  describe('definition', () => {
    it('is registered once; loading the define module again is harmless', async () => {
      expect(customElements.get('mitid-login')).to.equal(MitidLogin);
      const again = new URL('../../src/define.ts?again', import.meta.url).href;
      await import(/* @vite-ignore */ again);
      expect(customElements.get('mitid-login')).to.equal(MitidLogin);
      expect(document.createElement('mitid-login')).to.be.instanceOf(MitidLogin);
    });
  });

  describe('user-ID step', () => {
    it('shows the field at once, with no network call and no session', async () => {
      const { el, transport, user } = await mount();
      expect(user.heading()).to.equal('Log på med MitID');
      const field = user.formField('username');
      expect(field.labels![0]!.textContent).to.equal('Bruger-ID');
      expect(transport.calls).to.deep.equal([]);
      expect(el.step).to.equal('user-id');
    });

    it('puts the field in the light DOM, inside a form, with autocomplete="username" (password managers see it)', async () => {
      const { el, user } = await mount();
      const field = document.querySelector<HTMLInputElement>('mitid-login form input[autocomplete="username"]');
      expect(field).to.equal(user.formField('username'));
      expect(field!.form).to.equal(el.querySelector('form'));
      expect(field!.getRootNode()).to.equal(document);
      expect(field!.type).to.equal('text');
      // The form is slotted into the card, so it renders in place.
      expect(field!.form!.assignedSlot).to.equal(user.shadow('slot[name="form"]'));
    });

    it('refuses a CPR-shaped user ID with the reason, tied to the field, and calls nothing', async () => {
      const { transport, user } = await mount();
      await user.submitUserId('010190-1234');
      const field = user.formField('username');
      expect(field.getAttribute('aria-invalid')).to.equal('true');
      const described = field.getAttribute('aria-describedby')!.split(' ');
      const problem = described.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
      expect(problem).to.contain('CPR-nummer');
      expect(document.activeElement).to.equal(field);
      expect(transport.calls).to.deep.equal([]);
      expect(user.shadow('[role="alert"]')!.textContent).to.contain('CPR');
    });

    it('explains an empty and a too long user ID', async () => {
      const { el, user } = await mount({ lang: 'en' });
      await user.submitUserId('');
      expect(el.textContent).to.contain('Enter your user ID.');
      await user.submitUserId('a'.repeat(65));
      expect(el.textContent).to.contain('too long');
    });

    it('submits with Enter from the keyboard', async () => {
      const { el, clock, transport, user } = await mount();
      user.formField('username').focus();
      await sendKeys({ type: 'anna.hansen' });
      await sendKeys({ press: 'Enter' });
      await advance(el, clock, 0);
      expect(transport.calledWith('createSession')[0]!.args[0]).to.deep.include({
        client_id: 'netbank',
        user_id: 'anna.hansen',
        mode: 'login',
        nonce: 'nonce-0123456789abcdef',
      });
      expect(el.step, 'no method remembered: the list').to.equal('method');
    });

    it('start() starts with the typed user ID', async () => {
      const { el, clock, transport, user } = await mount();
      user.formField('username').value = 'anna';
      el.start();
      await advance(el, clock, 0);
      expect(transport.calledWith('createSession')).to.have.length(1);
    });

    it('does not offer to remember unless the host asks', async () => {
      const { el } = await mount();
      expect(el.querySelector('input[name="remember"]')).to.equal(null);
    });
  });

  describe('language', () => {
    it('follows its own lang, else the closest lang around it; Danish by default', async () => {
      const { user } = await mount({ lang: 'en' });
      expect(user.heading()).to.equal('Log in with MitID');
      // In a container with a lang (fixture's parentNode), not a wrapping <div> fixture: waiting for a plain
      // element means waiting for an animation frame, which a background test page may not get.
      const inside = (lang: string) => {
        const container = document.createElement('div');
        container.lang = lang;
        document.body.append(container);
        return fixture<MitidLogin>(html`<mitid-login></mitid-login>`, { parentNode: container });
      };
      expect(new LoginHarness(await inside('en-GB')).heading()).to.equal('Log in with MitID');
      expect(new LoginHarness(await inside('xx')).heading()).to.equal('Log på med MitID');
    });
  });

  describe('language switch', () => {
    it('keeps what the user typed when the page switches language', async () => {
      const { el, user } = await mount();
      user.formField('username').value = 'anna';
      el.lang = 'en';
      await el.updateComplete;
      expect(user.heading()).to.equal('Log in with MitID');
      expect(user.formField('username').value).to.equal('anna');
      expect(user.formField('username').labels![0]!.textContent).to.equal('User ID');
    });
  });

  describe('events', () => {
    it('fires nothing when the host sets properties', async () => {
      const { el, events, user } = await mount();
      el.lang = 'en';
      el.mode = 'approve';
      el.transactionText = 'Overførsel';
      el.clientId = 'other';
      el.theme = 'dark';
      await el.updateComplete;
      expect(events).to.deep.equal([]);
      expect(user.heading()).to.equal('Approve with MitID');
    });

    it('mitid-state on every step change, bubbling and composed', async () => {
      const { events, user } = await mount();
      const outer: string[] = [];
      document.addEventListener('mitid-state', (event) => outer.push(event.detail.step));
      await user.submitUserId('anna');
      await user.chooseMethod('app');
      const states = eventsOf<MitidStateEvent>(events, 'mitid-state');
      expect(states.map((event) => event.detail.step)).to.deep.equal(['method', 'app']);
      expect(states[0]!.bubbles && states[0]!.composed).to.equal(true);
      expect(outer).to.include('app');
    });

    it('mitid-cancel is cancelable: preventDefault keeps the flow, otherwise it cancels', async () => {
      const { el, clock, events, transport, user } = await mount();
      await user.submitUserId('anna');
      await user.chooseMethod('app');
      const keep = (event: MitidCancelEvent) => event.preventDefault();
      el.addEventListener('mitid-cancel', keep, { once: true });
      user.button('Afbryd').click();
      await el.updateComplete;
      expect(el.step).to.equal('app');
      const [first] = eventsOf<MitidCancelEvent>(events, 'mitid-cancel');
      expect(first!.cancelable && first!.bubbles && first!.composed).to.equal(true);
      expect(first!.detail.step).to.equal('app');

      user.button('Afbryd').click();
      await advance(el, clock, 0);
      expect(el.step).to.equal('user-id');
      expect(transport.calledWith('cancel')).to.have.length(1);
      expect(el.shadowRoot!.textContent).to.contain('Du har afbrudt');
      expect(eventsOf(events, 'mitid-error')).to.deep.equal([]);
    });

    it('Escape asks before it cancels; "Ja, afbryd" cancels, and the page hears mitid-cancel', async () => {
      const { el, clock, events, user, transport } = await mount();
      await user.submitUserId('anna');
      await advance(el, clock, 0);
      await user.chooseMethod('app');
      user.shadow('h2')!.focus();
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(el.step, 'one key press loses nothing').to.equal('app');
      expect(eventsOf(events, 'mitid-cancel')).to.have.length(0);
      const question = user.shadow('[part~="cancel-question"]')!;
      expect(question.getAttribute('role')).to.equal('group');
      expect(question.textContent).to.contain('Vil du afbryde? Du er ikke logget på endnu.');
      expect(el.shadowRoot!.activeElement?.textContent?.trim(), 'focus on the safe answer').to.equal('Nej, fortsæt');
      await user.press('Ja, afbryd');
      await advance(el, clock, 0);
      expect(eventsOf(events, 'mitid-cancel')).to.have.length(1);
      expect(el.step).to.equal('user-id');
      expect(transport.calledWith('cancel')).to.have.length(1);
    });

    it('Escape twice, or "Nej, fortsæt", closes the question: the session goes on and focus goes back', async () => {
      const { el, clock, events, user } = await mount({ mode: 'approve', text: 'Overførsel af 2.300 kr.' });
      await user.submitUserId('anna');
      await advance(el, clock, 0);
      expect(el.step).to.equal('approve');
      const proceed = user.button('Fortsæt til godkendelse');
      proceed.focus();
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(user.shadow('[part~="cancel-question"]')).not.to.equal(null);
      await sendKeys({ press: 'Escape' });
      await advance(el, clock, 0);
      expect(user.shadow('[part~="cancel-question"]')).to.equal(null);
      expect(el.shadowRoot!.activeElement).to.equal(proceed);
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      await user.press('Nej, fortsæt');
      await advance(el, clock, 0);
      expect(user.shadow('[part~="cancel-question"]')).to.equal(null);
      expect(el.shadowRoot!.activeElement).to.equal(proceed);
      expect(el.step).to.equal('approve');
      expect(eventsOf(events, 'mitid-cancel')).to.deep.equal([]);
    });

    it('the question belongs to its step: it is gone when the step changes under it', async () => {
      const { el, clock, user, transport } = await mount({ script: { app: [] } });
      await user.submitUserId('anna');
      await advance(el, clock, 0);
      await user.chooseMethod('app');
      user.shadow('h2')!.focus();
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(user.shadow('[part~="cancel-question"]')).not.to.equal(null);
      transport.push({ status: 'failed', code: 'rejected' });
      await advance(el, clock, 0);
      expect(el.step).to.equal('error');
      expect(user.shadow('[part~="cancel-question"]')).to.equal(null);
    });

    it('cancel() and reset() from the host fire no mitid-cancel', async () => {
      const { el, events, user } = await mount();
      await user.submitUserId('anna');
      await user.chooseMethod('app');
      el.cancel();
      await el.updateComplete;
      expect(el.step).to.equal('user-id');
      await user.submitUserId('anna');
      await user.chooseMethod('app');
      el.reset();
      expect(el.step).to.equal('user-id');
      expect(eventsOf(events, 'mitid-cancel')).to.deep.equal([]);
    });

    it('mitid-error carries a stable code and a message in the element language', async () => {
      const { el, clock, events, user } = await mount({
        lang: 'en',
        script: { app: [{ after: 100, fail: 'rejected' }] },
      });
      await user.submitUserId('anna');
      await user.chooseMethod('app');
      await advance(el, clock, 200);
      const [error] = eventsOf<MitidErrorEventLike>(events, 'mitid-error');
      expect(error!.detail).to.deep.equal({
        code: 'rejected',
        message: 'You rejected the request in the MitID app. You are not logged in.',
      });
      expect(el.step).to.equal('error');
      expect(user.heading()).to.equal('That did not work');
    });
  });

  describe('focus and announcements', () => {
    it('moves focus to the new step heading and announces hints politely', async () => {
      const { el, clock, user } = await mount();
      await user.submitUserId('anna');
      await advance(el, clock, 0);
      await user.chooseMethod('app');
      expect(el.shadowRoot!.activeElement).to.equal(user.shadow('h2'));
      expect(user.shadow('h2')!.tabIndex).to.equal(-1);
      await advance(el, clock, 1500);
      expect(user.shadow('[role="status"]')!.textContent).to.contain('QR-koden er scannet');
    });
  });

  describe('leaving the page', () => {
    it('aborts the session when the element is removed', async () => {
      const { el, transport, user } = await mount();
      await user.submitUserId('anna');
      await user.chooseMethod('app');
      el.remove();
      await settle();
      expect(transport.calledWith('cancel')).to.have.length(1);
      expect(el.step).to.equal('user-id');
    });
  });
});

interface MitidErrorEventLike extends Event {
  detail: { code: string; message: string };
}
