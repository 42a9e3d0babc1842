import '../support/lit-warnings.js';
import { expect } from '@open-wc/testing';
import { advance, mount } from '../support/element.js';
import { waitFor } from '../support/wait-for.js';

// Runs in its own test group whose page has a strict CSP: Trusted Types required (only Lit's `lit-html` policy
// allowed), no inline styles. See web-test-runner.config.mjs.
describe('under a strict CSP with Trusted Types', () => {
  const violations: string[] = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    violations.push(`${event.violatedDirective}: ${event.blockedURI} ${event.sample}`);
  });

  it('the page really enforces Trusted Types', () => {
    expect(() => {
      document.createElement('div').innerHTML = '<b>x</b>';
    }).to.throw(TypeError);
  });

  it('renders, validates, and runs a whole approval with markup-like text, with no violation', async () => {
    const text = '<img src=x onerror=alert(1)>\nOverførsel af 2.300 kr.';
    const { el, clock, user } = await mount({ mode: 'approve', text });
    expect(user.heading()).to.equal('Godkend med MitID');
    await user.submitUserId('010190-1234');
    expect(el.textContent).to.contain('CPR-nummer');
    await user.submitUserId('anna');
    await advance(el, clock, 0);
    expect(el.shadowRoot!.querySelector('.transaction-text')!.textContent).to.equal(text);
    user.button('Fortsæt til godkendelse').click();
    await advance(el, clock, 0);
    await user.chooseMethod('app');
    // The QR encoder loads on demand and the element fires no event once it has drawn: polled, with a deadline.
    await waitFor(() => el.shadowRoot!.querySelector('.qr svg'), 'the QR code drawn', { timeoutMs: 1000 });
    expect(el.shadowRoot!.querySelector('.qr svg path')).to.not.equal(null);
    await advance(el, clock, 5000);
    expect(el.step).to.equal('done');
    // The element's styles apply (constructable stylesheets are not inline styles).
    expect(getComputedStyle(el.shadowRoot!.querySelector('.card')!).borderTopStyle).to.equal('solid');
    // Only the deliberate one of the first test (reported asynchronously).
    expect(violations.filter((violation) => !violation.includes('<b>x</b>'))).to.deep.equal([]);
  });
});
