/**
 * The method list offers what can work in the browser in front of the page (issue 19): without WebAuthn (no
 * `PublicKeyCredential`, or not a secure context) the chip is left out, since choosing it could only end at an
 * error. That is a property of the browser, so the list stays the same for every user ID and the broker is asked
 * nothing it would not be asked otherwise. Each wtr test file has its own page, so stubbing the globals here
 * touches no other file.
 */
import '../support/lit-warnings.js';
import { expect } from '@open-wc/testing';
import type { MitidErrorEvent } from '../../src/events.js';
import { advance, eventsOf, mount } from '../support/element.js';

type Global = 'PublicKeyCredential' | 'isSecureContext';

/** Replaces a global of the window for one test; `restore` puts the browser's own back. */
function stubGlobal(name: Global, value: unknown) {
  const own = Object.getOwnPropertyDescriptor(window, name);
  Object.defineProperty(window, name, { value, configurable: true, writable: true });
  return () => {
    if (own) Object.defineProperty(window, name, own);
    else delete (window as unknown as Record<string, unknown>)[name];
  };
}

function methodNames(el: HTMLElement): string[] {
  return [...el.shadowRoot!.querySelectorAll('button[part~="method"] strong')].map((node) => node.textContent ?? '');
}

async function methodList(userId: string, options: Parameters<typeof mount>[0] = {}) {
  const mounted = await mount(options);
  await mounted.user.submitUserId(userId);
  await advance(mounted.el, mounted.clock, 0);
  if (mounted.el.step === 'approve') {
    await mounted.user.continueApproval();
    await advance(mounted.el, mounted.clock, 0);
  }
  return mounted;
}

describe('the method list in a browser without WebAuthn', () => {
  let restore: Array<() => void> = [];
  afterEach(() => {
    for (const undo of restore.reverse()) undo();
    restore = [];
  });

  it('with WebAuthn (this Chromium): all four methods, the chip included', async () => {
    expect(typeof window.PublicKeyCredential, 'the test browser has WebAuthn').to.equal('function');
    const { el } = await methodList('anna');
    expect(el.step).to.equal('method');
    expect(methodNames(el)).to.deep.equal(['MitID app', 'MitID kodeviser', 'MitID kodeoplæser', 'MitID chip']);
  });

  it('no PublicKeyCredential: no chip, the same list for a known and an unknown user ID, axe clean', async () => {
    restore.push(stubGlobal('PublicKeyCredential', undefined));
    const lists: string[][] = [];
    for (const userId of ['anna', 'ingen-saadan-bruger']) {
      const { el, transport } = await methodList(userId);
      expect(el.step, userId).to.equal('method');
      lists.push(methodNames(el));
      // The broker is not told: its list for the client is unchanged, and nothing was chosen.
      expect(transport.calledWith('chooseMethod'), userId).to.have.length(0);
      await expect(el).to.be.accessible();
      el.remove();
    }
    expect(lists[0]).to.deep.equal(['MitID app', 'MitID kodeviser', 'MitID kodeoplæser']);
    expect(lists[1]).to.deep.equal(lists[0]);
  });

  it('not a secure context (http): no chip either', async () => {
    restore.push(stubGlobal('isSecureContext', false));
    const { el } = await methodList('anna', { lang: 'en' });
    expect(methodNames(el)).to.deep.equal(['MitID app', 'MitID code display', 'MitID audio code reader']);
  });

  it('an approval: no chip after »Godkend følgende?«, and »Vælg en anden metode« leads to the same list', async () => {
    restore.push(stubGlobal('PublicKeyCredential', undefined));
    const { el, clock, user } = await methodList('anna', { mode: 'approve', text: 'Overførsel af 100 kr.' });
    expect(el.step).to.equal('method');
    expect(methodNames(el)).to.deep.equal(['MitID app', 'MitID kodeviser', 'MitID kodeoplæser']);
    await user.chooseMethod('code-display');
    await advance(el, clock, 0);
    expect(el.step).to.equal('code');
    await user.otherMethod();
    await el.updateComplete;
    expect(el.step).to.equal('method');
    expect(methodNames(el)).to.deep.equal(['MitID app', 'MitID kodeviser', 'MitID kodeoplæser']);
  });

  it('a client that offers only the chip: the error says why at once, announced, and nothing is chosen', async () => {
    restore.push(stubGlobal('PublicKeyCredential', undefined));
    const { el, transport, events, user } = await methodList('anna', { script: { methods: ['chip'] } });
    expect(el.step).to.equal('error');
    expect(eventsOf<MitidErrorEvent>(events, 'mitid-error').map((event) => event.detail.code)).to.deep.equal([
      'webauthn_unsupported',
    ]);
    expect(el.shadowRoot!.textContent).to.contain('Din browser kan ikke bruge en MitID chip (WebAuthn).');
    expect(user.assertiveAnnouncement() + user.politeAnnouncement()).to.contain('Din browser kan ikke bruge');
    expect(transport.calledWith('chooseMethod')).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('with WebAuthn, a client that offers only the chip lists the chip', async () => {
    const { el } = await methodList('anna', { script: { methods: ['chip'] } });
    expect(el.step).to.equal('method');
    expect(methodNames(el)).to.deep.equal(['MitID chip']);
  });
});
