/**
 * The first method in the element: the list first when nothing is remembered; with "remember my user ID" offered
 * and ticked, the method that worked last time starts at once for that user ID, and forgetting forgets it too.
 * The only browser test file that writes localStorage: wtr runs files side by side on one origin, so two files
 * writing the same keys would race.
 */
import '../support/lit-warnings.js';
import { expect } from '@open-wc/testing';
import { REMEMBER_KEY } from '../../src/mitid-login.js';
import { REMEMBER_METHOD_KEY } from '../../src/remember.js';
import { advance, mount } from '../support/element.js';

async function loginWithCodeReader(remember: boolean) {
  const mounted = await mount({ remember: true });
  const { el, clock, user } = mounted;
  const box = el.querySelector<HTMLInputElement>('input[name="remember"]')!;
  box.checked = remember;
  await user.submitUserId('anna');
  await advance(el, clock, 0);
  expect(el.step, 'nothing remembered yet: the list').to.equal('method');
  await user.chooseMethod('code-reader');
  await user.submitCode('123456');
  await advance(el, clock, 0);
  await user.submitPassword('hemmelig');
  await advance(el, clock, 0);
  expect(el.step).to.equal('done');
  el.remove();
}

describe('the first method', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => localStorage.clear());

  it('remembers the user ID only when ticked, and forgets it on request', async () => {
    const first = await mount({ remember: true });
    const box = first.user.formField('remember');
    expect(box.checked).to.equal(false);
    await first.user.submitUserId('anna');
    await first.user.chooseMethod('app');
    expect(localStorage.getItem(REMEMBER_KEY)).to.equal(null);

    const second = await mount({ remember: true });
    second.user.formField('remember').checked = true;
    await second.user.submitUserId('anna');
    await second.user.chooseMethod('app');
    expect(localStorage.getItem(REMEMBER_KEY)).to.equal('anna');

    const third = await mount({ remember: true });
    expect(third.user.formField('username').value).to.equal('anna');
    expect(third.user.formField('remember').checked).to.equal(true);
    third.user.button('Glem mit bruger-ID').click();
    await third.el.updateComplete;
    expect(localStorage.getItem(REMEMBER_KEY)).to.equal(null);
    expect(third.user.formField('username').value).to.equal('');
  });

  it('nothing remembered: the list shows first and no method is asked for until the user chooses', async () => {
    const { el, clock, transport, user } = await mount();
    await user.submitUserId('anna');
    await advance(el, clock, 0);
    expect(el.step).to.equal('method');
    expect(user.heading()).to.equal('Vælg, hvordan du vil logge på');
    expect(transport.calledWith('chooseMethod')).to.have.length(0);
    await advance(el, clock, 5000);
    expect(transport.calledWith('chooseMethod'), 'still nothing started').to.have.length(0);
  });

  it('remembered (offered and ticked): the last method starts at once next time, for that user ID only', async () => {
    await loginWithCodeReader(true);
    expect(localStorage.getItem(REMEMBER_KEY)).to.equal('anna');
    expect(localStorage.getItem(REMEMBER_METHOD_KEY)).to.equal('code-reader');
    const { el, clock, transport, user } = await mount({ remember: true, lang: 'en' });
    await user.submitUserId('anna');
    await advance(el, clock, 0);
    expect(el.step).to.equal('code');
    expect(el.textContent).to.contain('reads aloud');
    expect(transport.calledWith('chooseMethod').map((call) => call.args[0])).to.deep.equal([{ method: 'code-reader' }]);
    // Only a preference: the list is one click away and shows every method.
    await user.otherMethod();
    await el.updateComplete;
    expect(el.step).to.equal('method');
    expect(el.shadowRoot!.querySelectorAll('button[part~="method"]')).to.have.length(4);
  });

  it("another user ID on the same device starts from the list, and stops the old user ID's method", async () => {
    await loginWithCodeReader(true);
    const { el, clock, transport, user } = await mount({ remember: true });
    await user.submitUserId('bent');
    await advance(el, clock, 0);
    expect(el.step).to.equal('method');
    expect(transport.calledWith('chooseMethod')).to.have.length(0);
    expect(localStorage.getItem(REMEMBER_METHOD_KEY)).to.equal(null);
  });

  it('not ticked, or not offered by the host: nothing is stored and the list shows', async () => {
    await loginWithCodeReader(false);
    expect(localStorage.getItem(REMEMBER_KEY)).to.equal(null);
    expect(localStorage.getItem(REMEMBER_METHOD_KEY)).to.equal(null);
    localStorage.setItem(REMEMBER_KEY, 'anna');
    localStorage.setItem(REMEMBER_METHOD_KEY, 'chip');
    const { el, clock, transport, user } = await mount({ remember: false });
    await user.submitUserId('anna');
    await advance(el, clock, 0);
    expect(el.step).to.equal('method');
    expect(transport.calledWith('chooseMethod')).to.have.length(0);
  });

  it('the chip remembered, in a browser without WebAuthn: the list shows, without the chip', async () => {
    localStorage.setItem(REMEMBER_KEY, 'anna');
    localStorage.setItem(REMEMBER_METHOD_KEY, 'chip');
    const withKey = await mount({ remember: true });
    await withKey.user.submitUserId('anna');
    await advance(withKey.el, withKey.clock, 0);
    expect(withKey.el.step, 'with WebAuthn the remembered chip starts').to.equal('chip');
    withKey.el.remove();
    const own = Object.getOwnPropertyDescriptor(window, 'PublicKeyCredential')!;
    Object.defineProperty(window, 'PublicKeyCredential', { value: undefined, configurable: true, writable: true });
    try {
      const { el, clock, transport, user } = await mount({ remember: true });
      await user.submitUserId('anna');
      await advance(el, clock, 0);
      expect(el.step).to.equal('method');
      expect(transport.calledWith('chooseMethod')).to.have.length(0);
      const names = [...el.shadowRoot!.querySelectorAll('button[part~="method"] strong')].map(
        (node) => node.textContent,
      );
      expect(names).to.deep.equal(['MitID app', 'MitID kodeviser', 'MitID kodeoplæser']);
    } finally {
      Object.defineProperty(window, 'PublicKeyCredential', own);
    }
  });

  it('"Forget" forgets the method with the user ID', async () => {
    await loginWithCodeReader(true);
    const { el, user } = await mount({ remember: true });
    user.button('Glem mit bruger-ID på denne enhed').click();
    await el.updateComplete;
    expect(localStorage.getItem(REMEMBER_KEY)).to.equal(null);
    expect(localStorage.getItem(REMEMBER_METHOD_KEY)).to.equal(null);
  });

  it('approval: "Godkend følgende?" first, then the remembered method', async () => {
    await loginWithCodeReader(true);
    const { el, clock, transport, user } = await mount({
      remember: true,
      mode: 'approve',
      text: 'Overførsel af 100 kr.',
    });
    await user.submitUserId('anna');
    await advance(el, clock, 0);
    expect(el.step).to.equal('approve');
    expect(transport.calledWith('chooseMethod')).to.have.length(0);
    await user.continueApproval();
    await advance(el, clock, 0);
    expect(el.step).to.equal('code');
  });
});
