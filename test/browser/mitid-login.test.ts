import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import type { MitidLogin } from '../../src/mitid-login.js';

describe('<mitid-login> user ID step', () => {
  it('renders an accessible user-ID field that password managers can fill', async () => {
    const el = await fixture<MitidLogin>(html`<mitid-login></mitid-login>`);
    const input = el.shadowRoot!.querySelector('input')!;
    expect(input.autocomplete).to.equal('username');
    await expect(el).to.be.accessible();
  });

  it('refuses a CPR-shaped user ID with a reason', async () => {
    const el = await fixture<MitidLogin>(html`<mitid-login></mitid-login>`);
    const input = el.shadowRoot!.querySelector('input')!;
    input.value = '010190-1234';
    el.shadowRoot!.querySelector('button')!.click();
    await el.updateComplete;
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).to.contain('CPR');
  });
});
