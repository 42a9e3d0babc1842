/**
 * The login hint (issue 20): with `login-hint`, an approval starts for the user who logged in without the user-ID
 * step, and no user ID is sent or shown; the broker's refusals are said in words, with the user-ID step as the way
 * on for the same transaction. Scripted transport, fake clock.
 */
import '../support/lit-warnings.js';
import { expect } from '@open-wc/testing';
import type { MitidErrorEvent, MitidSuccessEvent } from '../../src/events.js';
import type { MitidLogin } from '../../src/mitid-login.js';
import { ScriptedTransport } from '../../testing/index.js';
import { advance, eventsOf, mount } from '../support/element.js';

const TEXT = 'Overførsel af 2.300 kr. til konto 9978 000123456';
const HINT = 'h1.c2VhbGVkLWJ5LXRoZS1icm9rZXI';

/** The light-DOM user-ID field, if the element shows one. */
function userIdField(el: MitidLogin): HTMLInputElement | null {
  return el.querySelector<HTMLInputElement>('input[name="username"]');
}

/** Records what is added to the element's assertive live region (what a screen reader announces). */
function assertive(el: MitidLogin): string[] {
  const heard: string[] = [];
  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) if (node.textContent?.trim()) heard.push(node.textContent.trim());
    }
  }).observe(el.shadowRoot!.querySelector('[role="alert"]')!, { childList: true, subtree: true });
  return heard;
}

describe('login hint: an approval without the user ID', () => {
  it('starts by itself with the hint (no user ID sent or shown): the text, the method list, approved', async () => {
    const { el, clock, transport, events, user } = await mount({ mode: 'approve', text: TEXT, loginHint: HINT });
    await advance(el, clock, 0);
    expect(el.step).to.equal('approve');
    expect(user.heading()).to.equal('Godkend følgende?');
    expect(userIdField(el), 'no user-ID field').to.equal(null);
    const [request] = transport.calledWith('createSession').map((call) => call.args[0] as Record<string, unknown>);
    expect(request).to.deep.include({ mode: 'approve', login_hint: HINT, transaction: { text: TEXT } });
    expect(request).not.to.have.property('user_id');

    await user.continueApproval();
    expect(el.step, 'nothing remembered: the method list first').to.equal('method');
    await user.chooseMethod('app');
    await advance(el, clock, 5000);
    const [success] = eventsOf<MitidSuccessEvent>(events, 'mitid-success');
    expect(success!.detail.mode).to.equal('approve');
    expect(Object.keys(success!.detail).sort()).to.deep.equal(['assertion', 'method', 'mode']);
    expect(transport.calledWith('createSession')).to.have.length(1, 'one session, started once');
  });

  it('in login mode the hint is not used: a login always asks for the user ID', async () => {
    const { el, clock, transport } = await mount({ mode: 'login', loginHint: HINT });
    await advance(el, clock, 0);
    expect(el.step).to.equal('user-id');
    expect(userIdField(el)).not.to.equal(null);
    expect(transport.calledWith('createSession')).to.have.length(0);
  });

  it('after a cancel, Continue starts the same approval again from the hint, still without the user ID', async () => {
    const { el, clock, transport, user } = await mount({ mode: 'approve', text: TEXT, loginHint: HINT });
    await advance(el, clock, 0);
    await user.cancel();
    await advance(el, clock, 0);
    expect(el.step).to.equal('user-id');
    expect(userIdField(el), 'the hinted step has no field').to.equal(null);
    expect(el.shadowRoot!.textContent).to.contain('Du godkender som den bruger, der er logget på.');
    expect(transport.calledWith('createSession'), 'no restart by itself after a cancel').to.have.length(1);
    await user.press('Fortsæt', { exact: true });
    await advance(el, clock, 0);
    expect(el.step).to.equal('approve');
    const second = transport.calledWith('createSession')[1]!.args[0] as Record<string, unknown>;
    expect(second).to.deep.include({ login_hint: HINT });
  });

  for (const [code, message] of [
    ['login_hint_expired', 'Det er for længe siden, du loggede på. Indtast dit bruger-ID for at fortsætte.'],
    ['login_hint_client', 'Dit login hører til en anden tjeneste. Indtast dit bruger-ID for at fortsætte.'],
    ['invalid_login_hint', 'Godkendelsen kunne ikke startes ud fra dit login. Indtast dit bruger-ID for at fortsætte.'],
  ] as const) {
    it(`${code}: said once, and "Indtast bruger-ID" goes on to the user-ID step with the same transaction`, async () => {
      const { el, clock, events, user } = await mount({
        mode: 'approve',
        text: TEXT,
        loginHint: HINT,
        script: { createError: code, latencyMs: 100 },
      });
      const heard = assertive(el);
      await advance(el, clock, 100);
      expect(el.step).to.equal('error');
      expect(user.shadow('.error-message')!.textContent).to.equal(message);
      await advance(el, clock, 0);
      expect(heard.filter((said) => said.includes(message))).to.have.length(1, 'announced once');
      const [error] = eventsOf<MitidErrorEvent>(events, 'mitid-error');
      expect(error!.detail.code).to.equal(code);

      const next = new ScriptedTransport({ clock });
      el.transport = next;
      await user.press('Indtast bruger-ID', { exact: true });
      await advance(el, clock, 0);
      expect(el.step).to.equal('user-id');
      expect(userIdField(el), 'the user-ID field is back').not.to.equal(null);
      expect(user.heading()).to.equal('Godkend med MitID');
      await user.submitUserId('anna');
      await advance(el, clock, 0);
      expect(el.step).to.equal('approve');
      const request = next.calledWith('createSession')[0]!.args[0] as Record<string, unknown>;
      expect(request).to.deep.include({ user_id: 'anna', transaction: { text: TEXT } });
      expect(request, 'a refused hint is not sent again').not.to.have.property('login_hint');
    });
  }

  it('in English: the refusal and its way on', async () => {
    const { el, clock, user } = await mount({
      mode: 'approve',
      text: TEXT,
      lang: 'en',
      loginHint: HINT,
      script: { createError: 'login_hint_expired' },
    });
    await advance(el, clock, 0);
    expect(user.shadow('.error-message')!.textContent).to.equal(
      'It is too long since you logged in. Enter your user ID to continue.',
    );
    expect(user.button('Enter user ID', { exact: true }).getAttribute('part')).to.contain('retry');
  });

  it('every hinted state passes axe: starting, cancelled, refused', async () => {
    const { el, clock, user } = await mount({
      mode: 'approve',
      text: TEXT,
      loginHint: HINT,
      script: { latencyMs: 100 },
    });
    expect(el.step).to.equal('user-id');
    await expect(el).to.be.accessible();
    await advance(el, clock, 100);
    await user.cancel();
    await advance(el, clock, 100);
    await expect(el).to.be.accessible();
    const refused = await mount({
      mode: 'approve',
      text: TEXT,
      loginHint: HINT,
      script: { createError: 'login_hint_client' },
    });
    await advance(refused.el, refused.clock, 0);
    await expect(refused.el).to.be.accessible();
  });
});
