/**
 * `<mitid-enrol>` with a chip (issue 23): step 7 registers the person's key in the page (WebAuthn, through the
 * browser's own JSON methods) with a password. The browser's key prompt is played here (the real one, Chromium's
 * virtual authenticator against the real broker, is test/e2e/enrol.test.ts): the options it is given, the answer
 * it gives, a prompt cancelled (said each time), a key known already, the broker refusing the answer.
 */
import '../support/lit-warnings.js';
import { expect, oneEvent } from '@open-wc/testing';
import type { MitidEnrol } from '../../src/enrol/mitid-enrol.js';
import type { MitidEnrolledEvent } from '../../src/enrol/events.js';
import { FakeEnrolBroker } from '../../testing/index.js';
import { alertText, form, heading, input, mount, shadow, submit, tick, type } from '../support/enrol-element.js';

describe('<mitid-enrol> with a chip', () => {
  const realCreate = navigator.credentials.create.bind(navigator.credentials);
  afterEach(() => {
    navigator.credentials.create = realCreate;
  });

  /** The browser's key prompt, played: it answers with `answer`, or throws it. */
  function keyPrompt(answer: Record<string, unknown> | DOMException) {
    const seen: CredentialCreationOptions[] = [];
    navigator.credentials.create = async (options?: CredentialCreationOptions) => {
      seen.push(options ?? {});
      if (answer instanceof DOMException) throw answer;
      return Object.assign(Object.create(PublicKeyCredential.prototype) as PublicKeyCredential, {
        toJSON: () => answer,
      });
    };
    return seen;
  }

  async function atActivation(el: MitidEnrol, fake: FakeEnrolBroker) {
    tick(el, 'terms');
    await submit(el, fake);
    tick(el, 'method', 'chip');
    await submit(el, fake);
    type(el, 'email', 'maja@eksempel.dk');
    await submit(el, fake);
    type(el, 'user_id', 'Sol.og.Hav77');
    await submit(el, fake);
    expect(heading(el)).to.equal('Trin 6 af 7 Skaf en MitID chip');
    await submit(el, fake); // I have my chip
    expect(heading(el)).to.equal('Trin 7 af 7 Tilmeld din MitID chip');
    await expect(el).to.be.accessible();
  }

  it('registered with the key’s answer and a password; the result event says chip', async () => {
    const { el, fake } = await mount();
    await atActivation(el, fake);
    const seen = keyPrompt({
      id: 'AAAA',
      rawId: 'AAAA',
      type: 'public-key',
      response: {},
      clientExtensionResults: {},
    });
    input(el, 'password').value = 'kort';
    await submit(el, fake);
    expect(seen).to.have.length(0, 'a refused password asks no key');
    expect(alertText(el)).to.equal('Vælg mindst 8 tegn.');
    input(el, 'password').value = 'grøn tekande i haven';
    const enrolled = oneEvent(el, 'mitid-enrolled') as Promise<MitidEnrolledEvent>;
    await submit(el, fake);
    const { detail } = await enrolled;
    expect(detail.method).to.equal('chip');
    expect(detail.result).to.equal('eyJ.result.chip');
    // The options went to the browser as binary (parsed from the broker's JSON), for this page's host.
    const publicKey = seen[0]!.publicKey!;
    expect(publicKey.rp.id).to.equal(location.hostname);
    expect(publicKey.challenge instanceof ArrayBuffer).to.equal(true);
    expect(fake.posted('chip-key')[0]!.body).to.deep.equal({
      response: { id: 'AAAA', rawId: 'AAAA', type: 'public-key', response: {}, clientExtensionResults: {} },
      password: 'grøn tekande i haven',
    });
    expect(heading(el)).to.contain('Du har nu MitID');
  });

  it('the prompt cancelled is said, and said again the second time; a known key and a refused answer too', async () => {
    const { el, fake } = await mount();
    await atActivation(el, fake);
    keyPrompt(new DOMException('The operation either timed out or was not allowed.', 'NotAllowedError'));
    input(el, 'password').value = 'grøn tekande i haven';
    await submit(el, fake);
    const cancelled = 'Chippen blev ikke tilmeldt: du afbrød, eller tiden løb ud. Prøv igen.';
    expect(alertText(el)).to.equal(cancelled);
    expect(shadow(el).querySelector('[part="message"]')!.textContent).to.equal(cancelled);
    expect(input(el, 'password').value).to.equal('grøn tekande i haven', 'the password stays typed');
    await submit(el, fake);
    expect(alertText(el)).to.equal(cancelled);
    expect(fake.posted('chip-key/options')).to.have.length(2, 'each try has its own challenge');
    expect(fake.posted('chip-key')).to.have.length(0);

    keyPrompt(new DOMException('The authenticator was previously registered.', 'InvalidStateError'));
    await submit(el, fake);
    expect(alertText(el)).to.equal('Den chip er allerede tilmeldt. Brug en anden chip.');

    keyPrompt({ id: 'BBBB', rawId: 'BBBB', type: 'public-key', response: {}, clientExtensionResults: {} });
    fake.refuse.set('chip-key', { status: 400, code: 'webauthn_failed' });
    await submit(el, fake);
    expect(alertText(el)).to.equal('Chippen kunne ikke tilmeldes. Prøv igen, eller brug en anden chip.');
    expect(el.currentStep).to.equal('activate');
    await expect(el).to.be.accessible();
  });

  it('pressed twice before the key answers, one prompt and one registration; a reload comes back at step 6', async () => {
    const { el, fake } = await mount();
    await atActivation(el, fake);
    const seen = keyPrompt({ id: 'CCCC', rawId: 'CCCC', type: 'public-key', response: {}, clientExtensionResults: {} });
    input(el, 'password').value = 'grøn tekande i haven';
    form(el).requestSubmit();
    form(el).requestSubmit(); // the second press, while the options are asked for
    await fake.idle();
    await el.updateComplete;
    expect(seen).to.have.length(1);
    expect(fake.posted('chip-key/options')).to.have.length(1);
    expect(fake.posted('chip-key')).to.have.length(1);

    // Closed before the key was registered: the same enrolment opens at step 6 again, the choices kept.
    const again = new FakeEnrolBroker({ ...fake.view, result: undefined });
    const reloaded = await mount(again);
    expect(heading(reloaded.el)).to.equal('Trin 6 af 7 Skaf en MitID chip');
  });
});
