import '../support/lit-warnings.js';
import { expect } from '@open-wc/testing';
import type { MitidSuccessEvent } from '../../src/events.js';
import type { WebAuthnPort } from '../../src/flow/runner.js';
import { returnToPage } from '../../testing/index.js';
import { advance, eventsOf, mount } from '../support/element.js';
import { waitFor } from '../support/wait-for.js';

function claims(assertion: string) {
  const part = assertion.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/');
  const bytes = Uint8Array.from(atob(part), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
}

// The QR encoder loads on demand and the element fires no event once it has drawn a code: polled, with a deadline.
function waitForQr(el: HTMLElement) {
  return waitFor(() => el.shadowRoot!.querySelector('.qr svg path'), 'the QR code drawn', { timeoutMs: 2000 });
}

describe('full flows against the scripted transport', () => {
  it('app (cross-device): QR code refreshed every second, hints as they change, then mitid-success', async () => {
    const { el, clock, transport, events, user } = await mount();
    await user.submitUserId('anna');
    await advance(el, clock, 0);
    await user.chooseMethod('app');
    expect(user.heading()).to.equal('Åbn MitID app og godkend');
    expect(transport.calledWith('chooseMethod')[0]!.args[0]).to.deep.equal({ method: 'app', device: 'cross' });
    await waitForQr(el);
    const svg = user.shadow('.qr svg')!;
    expect(svg.getAttribute('role')).to.equal('img');
    expect(svg.getAttribute('aria-label')).to.contain('vælg en anden metode');
    const firstPath = user.shadow('.qr svg path')!.getAttribute('d');
    const frames = transport.calledWith('qrFrame').length;
    await advance(el, clock, 1000);
    await waitForQr(el);
    await el.updateComplete;
    expect(transport.calledWith('qrFrame').length).to.be.greaterThan(frames);
    expect(user.shadow('.qr svg path')!.getAttribute('d')).to.not.equal(firstPath);
    await advance(el, clock, 1000);
    expect(user.shadow('.hint')!.textContent).to.contain('QR-koden er scannet');
    // Scanned: the QR code goes away and is no longer fetched.
    expect(user.shadow('.qr')).to.equal(null);
    const afterScan = transport.calledWith('qrFrame').length;
    await advance(el, clock, 1000);
    expect(transport.calledWith('qrFrame').length).to.equal(afterScan);
    // Once the QR code is scanned the broker no longer lets the user switch method, so neither does the element.
    expect(() => user.button('Vælg en anden metode')).to.throw();
    await advance(el, clock, 1500);
    expect(user.shadow('.hint')!.textContent).to.equal('Godkend i MitID app.');
    expect(user.shadow('.time')!.textContent).to.match(/Tid tilbage: 4:5\d/);
    await advance(el, clock, 2000);
    expect(el.step).to.equal('done');
    expect(user.heading()).to.equal('Du er logget på');
    const [success] = eventsOf<MitidSuccessEvent>(events, 'mitid-success');
    expect(success!.detail.method).to.equal('app');
    expect(success!.detail.mode).to.equal('login');
    expect(success!.detail.assertion.split('.')).to.have.length(3);
    expect(claims(success!.detail.assertion)).to.include({ nonce: 'nonce-0123456789abcdef', aud: 'netbank' });
    const calls = transport.calls.length;
    await advance(el, clock, 3000);
    expect(transport.calls.length, 'no more calls after done').to.equal(calls);
  });

  it('app (same device): an "Open the MitID app" link instead of the QR; back to visible → reconnect, no lost completion', async () => {
    const { el, clock, transport, events, user } = await mount({ device: 'same', lang: 'en', script: { app: [] } });
    await user.submitUserId('anna');
    await advance(el, clock, 0);
    await user.chooseMethod('app');
    expect(user.shadow('.qr')).to.equal(null);
    const link = user.shadow<HTMLAnchorElement>('a[part~="app-link"]')!;
    expect(link.textContent!.trim()).to.equal('Open the MitID app');
    expect(link.getAttribute('href')).to.equal('/app/#request=s1');
    expect(transport.calledWith('chooseMethod')[0]!.args[0]).to.deep.equal({ method: 'app', device: 'same' });
    // The user is in the app; the browser tab is in the background and its connection is gone.
    transport.dropNetwork();
    transport.push({ status: 'pending', hint: 'user-signing' });
    transport.push({ status: 'complete' });
    await advance(el, clock, 0);
    expect(el.step).to.equal('app');
    transport.restoreNetwork();
    returnToPage();
    await advance(el, clock, 0);
    expect(transport.calledWith('reconnect')).to.have.length(1);
    expect(el.step).to.equal('done');
    expect(eventsOf(events, 'mitid-success')).to.have.length(1);
  });

  it('code display: wrong code with attempts left, then the right one, then the password', async () => {
    const { el, clock, transport, events, user } = await mount();
    await user.submitUserId('anna');
    await advance(el, clock, 0);
    expect(user.heading()).to.equal('Vælg, hvordan du vil logge på');
    user.button('MitID kodeviser').click();
    await advance(el, clock, 0);
    expect(el.step).to.equal('code');
    const code = user.formField('one-time-code');
    expect(code.inputMode).to.equal('numeric');
    expect(code.autocomplete).to.equal('one-time-code');
    await user.submitCode('111111');
    expect(code.getAttribute('aria-invalid')).to.equal('true');
    expect(el.textContent).to.contain('Engangskoden er forkert');
    expect(el.textContent).to.contain(
      'Du har 4 forsøg tilbage, før MitID med kodeviser, kodeoplæser og chip spærres i 15 minutter.',
    );
    await user.submitCode('123 456');
    await advance(el, clock, 0);
    expect(el.step).to.equal('password');
    const password = user.formField('password');
    expect(password.type).to.equal('password');
    expect(password.autocomplete).to.equal('current-password');
    // The user ID rides along for password managers (username-first flow).
    expect(user.formField('username').value).to.equal('anna');
    expect(user.formField('username').form).to.equal(password.form);
    await user.submitPassword('hemmelig');
    await advance(el, clock, 0);
    expect(el.step).to.equal('done');
    expect(eventsOf<MitidSuccessEvent>(events, 'mitid-success')[0]!.detail.method).to.equal('code-display');
    expect(transport.calledWith('submitCode').map((call) => call.args[0])).to.deep.equal(['111111', '123456']);
  });

  it('code reader: the warning says what follows, and the block that follows says when it ends, with no retry', async () => {
    const { el, clock, events, user } = await mount({ lang: 'en', script: { attempts: 2 } });
    await user.submitUserId('anna');
    await advance(el, clock, 0);
    user.button('MitID audio code reader').click();
    await advance(el, clock, 0);
    expect(el.textContent).to.contain('reads aloud');
    await user.submitCode('000000');
    expect(el.textContent).to.contain(
      '1 try left before MitID with a code display, audio code reader or chip is blocked for 15 minutes.',
    );
    await user.submitCode('000000');
    await advance(el, clock, 0);
    expect(el.step).to.equal('error');
    const until = new Date(clock.now() + 15 * 60_000);
    const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' }).format(until);
    expect(el.shadowRoot!.textContent).to.contain('too many wrong tries');
    expect(el.shadowRoot!.textContent).to.contain(`You can try again at ${time}.`);
    expect(el.shadowRoot!.querySelector('[part~="retry"]'), 'no retry that can never work').to.equal(null);
    expect(eventsOf<Event & { detail: { code: string } }>(events, 'mitid-error')[0]!.detail.code).to.equal('blocked');
  });

  it('code display: a code used a moment ago asks for the next one and keeps the tries', async () => {
    const { el, clock, user } = await mount({ script: { usedCodeMs: 30_000 } });
    await user.submitUserId('anna');
    await advance(el, clock, 0);
    user.button('MitID kodeviser').click();
    await advance(el, clock, 0);
    await user.submitCode('123456');
    await advance(el, clock, 0);
    user.button('Afbryd').click();
    await advance(el, clock, 0);
    await user.submitUserId('anna');
    await advance(el, clock, 0);
    user.button('MitID kodeviser').click();
    await advance(el, clock, 0);
    await user.submitCode('123456');
    expect(el.textContent).to.contain('Engangskoden er lige blevet brugt. Vent på den næste kode');
    expect(el.textContent).not.to.contain('forsøg tilbage');
    // The next code (here: the same scripted code once it no longer counts as used) is taken.
    await advance(el, clock, 30_000);
    await user.submitCode('123456');
    await advance(el, clock, 0);
    expect(el.step).to.equal('password');
  });

  it('code reader: a good code and password log in', async () => {
    const { el, clock, events, user } = await mount();
    await user.submitUserId('anna');
    await advance(el, clock, 0);
    user.button('MitID kodeoplæser').click();
    await advance(el, clock, 0);
    await user.submitCode('123456');
    await advance(el, clock, 0);
    await user.submitPassword('hemmelig');
    await advance(el, clock, 0);
    expect(eventsOf<MitidSuccessEvent>(events, 'mitid-success')[0]!.detail.method).to.equal('code-reader');
  });

  it('chip: WebAuthn through the (stubbed) browser, then the password, then success', async () => {
    const { el, clock, transport, events, user } = await mount();
    const seen: unknown[] = [];
    el.webauthnLoader = async (): Promise<WebAuthnPort> => ({
      supported: () => true,
      authenticate: async (options) => {
        seen.push(options);
        return { id: 'cred', type: 'public-key', response: {} };
      },
    });
    await user.submitUserId('anna');
    await advance(el, clock, 0);
    user.button('MitID chip').click();
    await advance(el, clock, 0);
    expect(el.step).to.equal('chip', 'the key first');
    user.button('Brug MitID chip').click();
    await advance(el, clock, 0);
    await advance(el, clock, 0);
    expect(seen[0]).to.deep.include({ rpId: 'localhost' });
    expect(transport.calledWith('submitWebauthn')).to.have.length(1);
    expect(el.step).to.equal('password', 'then the password');
    expect(user.button('Log på').textContent?.trim(), 'the password finishes the login').to.equal('Log på');
    await user.submitPassword('hemmelig');
    await advance(el, clock, 0);
    expect(eventsOf<MitidSuccessEvent>(events, 'mitid-success')[0]!.detail.method).to.equal('chip');
  });

  it('chip: a browser without WebAuthn gets a clear message', async () => {
    const { el, clock, user } = await mount({ lang: 'en' });
    el.webauthnLoader = async () => ({ supported: () => false, authenticate: async () => ({}) });
    await user.submitUserId('anna');
    await advance(el, clock, 0);
    user.button('MitID chip').click();
    await advance(el, clock, 0);
    user.button('Use MitID chip').click();
    await advance(el, clock, 0);
    expect(el.step).to.equal('error');
    expect(el.shadowRoot!.textContent).to.contain('Your browser cannot use a MitID chip (WebAuthn)');
  });

  it('more time: warned under a minute, one press extends the session', async () => {
    const { el, clock, transport, user } = await mount({ script: { app: [], sessionMs: 90_000 } });
    await user.submitUserId('anna');
    await advance(el, clock, 0);
    await user.chooseMethod('app');
    expect(user.shadow('.time')!.textContent).to.contain('1:30');
    for (let i = 0; i < 31; i += 1) await clock.tick(1000);
    await el.updateComplete;
    expect(user.shadow('.time')!.textContent).to.contain('Der er under et minut tilbage');
    expect(user.shadow('[role="alert"]')!.textContent).to.contain('under et minut');
    user.button('Mere tid').click();
    await advance(el, clock, 0);
    expect(transport.calledWith('extend')).to.have.length(1);
    expect(user.shadow('.time')!.textContent).to.contain('1:30');
    expect(user.shadow('[role="status"]')!.textContent).to.contain('Du har fået mere tid');
  });

  it('without extensions left, the warning says no more time can be had', async () => {
    const { el, clock, user } = await mount({ script: { app: [], sessionMs: 70_000, extensions: 0 } });
    await user.submitUserId('anna');
    await advance(el, clock, 0);
    await user.chooseMethod('app');
    expect(() => user.button('Mere tid')).to.throw();
    for (let i = 0; i < 11; i += 1) await clock.tick(1000);
    await el.updateComplete;
    expect(user.shadow('.time')!.textContent).to.contain('Du kan ikke få mere tid.');
    expect(user.shadow('[role="alert"]')!.textContent).to.contain('Du kan ikke få mere tid.');
  });

  it('retry after an error starts a new session with the same user ID', async () => {
    const { el, clock, transport, user } = await mount({ script: { app: [{ after: 10, fail: 'expired' }] } });
    await user.submitUserId('anna');
    await advance(el, clock, 0);
    await user.chooseMethod('app');
    await advance(el, clock, 20);
    expect(el.step).to.equal('error');
    expect(el.shadowRoot!.textContent).to.contain('Tiden løb ud, før du loggede på.');
    user.button('Prøv igen').click();
    await advance(el, clock, 0);
    expect(transport.calledWith('createSession')).to.have.length(2);
    expect(el.step, 'a new session starts from the list again').to.equal('method');
  });
});

describe('approve mode', () => {
  const text = '<img src=x onerror=alert(1)>\nOverførsel af 2.300 kr. til konto 9978 000123456';

  it('shows the text literally before and during approval, with the service and the reminder', async () => {
    const { el, clock, transport, events, user } = await mount({ mode: 'approve', text });
    expect(user.heading()).to.equal('Godkend med MitID');
    await user.submitUserId('anna');
    await advance(el, clock, 0);
    expect(el.step).to.equal('approve');
    expect(user.heading()).to.equal('Godkend følgende?');
    const shown = user.shadow('.transaction-text')!;
    expect(shown.textContent).to.equal(text);
    expect(getComputedStyle(shown).whiteSpace).to.equal('pre-wrap');
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect(el.shadowRoot!.textContent).to.contain('Anmodning fra Demo Netbank');
    expect(el.shadowRoot!.textContent).to.contain('Godkend kun, hvis du selv har sat handlingen i gang');
    expect(transport.calledWith('createSession')[0]!.args[0]).to.deep.include({ transaction: { text } });
    expect(transport.calledWith('chooseMethod')).to.have.length(0);

    user.button('Fortsæt til godkendelse').click();
    await advance(el, clock, 0);
    expect(el.step, 'no method remembered: the list').to.equal('method');
    await user.chooseMethod('app');
    expect(el.step).to.equal('app');
    expect(user.shadow('.transaction-text')!.textContent).to.equal(text);
    expect(user.shadow('.transaction-label')!.textContent).to.equal('Godkend følgende?');
    await advance(el, clock, 5000);
    const [success] = eventsOf<MitidSuccessEvent>(events, 'mitid-success');
    expect(success!.detail.mode).to.equal('approve');
    expect(user.heading()).to.equal('Godkendt');
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
  });

  it('shows the text the session was started with, even if the page changes the attribute afterwards', async () => {
    const { el, clock, transport, user } = await mount({ mode: 'approve', text: 'Overførsel af 100 kr.' });
    await user.submitUserId('anna');
    await advance(el, clock, 0);
    el.transactionText = 'Overførsel af 100.000 kr.';
    await el.updateComplete;
    expect(user.shadow('.transaction-text')!.textContent).to.equal('Overførsel af 100 kr.');
    expect(transport.calledWith('createSession')[0]!.args[0]).to.deep.include({
      transaction: { text: 'Overførsel af 100 kr.' },
    });
  });

  it('in English: "Approve the following?"', async () => {
    const { el, clock, user } = await mount({ mode: 'approve', text: 'Transfer 100 kr.', lang: 'en' });
    await user.submitUserId('anna');
    await advance(el, clock, 0);
    expect(user.heading()).to.equal('Approve the following?');
    expect(el.shadowRoot!.textContent).to.contain('Requested by Demo Netbank');
  });

  it('says in words which rule the text breaks: direction marks, invisible characters, blank lines', async () => {
    const cases: Array<[string, string]> = [
      ['Til konto \u200f1234 \u200f5678\u200f', 'usynlige retningstegn, som kan bytte om på tal'],
      ['Overførsel\u200b af 100 kr.', 'indeholder usynlige tegn'],
      [`Overførsel af 100 kr.${'\n'.repeat(40)}til konto 1234`, 'har for mange tomme linjer'],
    ];
    for (const [bad, reason] of cases) {
      const { el, transport, events, user } = await mount({ mode: 'approve', text: bad });
      await user.submitUserId('anna');
      expect(el.step).to.equal('error');
      expect(transport.calls).to.deep.equal([]);
      expect(user.shadow('[part~="error-message"]')!.textContent).to.contain(reason);
      const [error] = eventsOf<Event & { detail: { code: string; message: string } }>(events, 'mitid-error');
      expect(error!.detail.code).to.equal('invalid_transaction_text');
      expect(error!.detail.message).to.contain(reason);
    }
  });

  it('refuses an empty, too long or control-character text before any network call', async () => {
    for (const bad of ['', 'x'.repeat(501), 'Overførsel\u0000']) {
      const { el, transport, events, user } = await mount({ mode: 'approve', text: bad });
      await user.submitUserId('anna');
      expect(el.step).to.equal('error');
      expect(transport.calls).to.deep.equal([]);
      expect(el.shadowRoot!.textContent).to.contain('Teksten, du skal godkende');
      expect(el.shadowRoot!.textContent).to.not.contain('Prøv igen');
      expect(eventsOf<Event & { detail: { code: string } }>(events, 'mitid-error')[0]!.detail.code).to.equal(
        'invalid_transaction_text',
      );
    }
  });
});
