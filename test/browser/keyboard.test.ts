/** Keyboard-only journeys in the element: Tab, type and Enter through a login and an approval (WCAG 2.1.1). */
import '../support/lit-warnings.js';
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { MitidLogin } from '../../src/mitid-login.js';
import { advance, eventsOf, mount } from '../support/element.js';

describe('<mitid-login> by keyboard alone', () => {
  /** What has focus, looking through the shadow root. */
  function focused(el: MitidLogin): string {
    const active = (el.shadowRoot!.activeElement ?? document.activeElement) as HTMLElement;
    return `${active.tagName.toLowerCase()}:${(active.getAttribute('name') ?? active.textContent ?? '').trim()}`;
  }

  it('a code-display login: Tab, type, Enter all the way', async () => {
    const { el, clock, events, user } = await mount();
    user.formField('username').focus();
    await sendKeys({ type: 'anna' });
    await sendKeys({ press: 'Enter' });
    await advance(el, clock, 0);
    expect(focused(el)).to.equal('h2:Vælg, hvordan du vil logge på');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.match(/^button:MitID kodeviser/);
    await sendKeys({ press: 'Enter' });
    await advance(el, clock, 0);
    expect(el.step).to.equal('code');
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal('input:one-time-code');
    await sendKeys({ type: '123456' });
    await sendKeys({ press: 'Enter' });
    await advance(el, clock, 0);
    expect(el.step).to.equal('password');
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal('input:password');
    await sendKeys({ type: 'hemmelig' });
    await sendKeys({ press: 'Enter' });
    await advance(el, clock, 0);
    expect(el.step).to.equal('done');
    expect(eventsOf(events, 'mitid-success')).to.have.length(1);
  });

  it('an approval: the text, then Enter on "Fortsæt til godkendelse"', async () => {
    const { el, clock, events, user } = await mount({ mode: 'approve', text: 'Overførsel af 2.300 kr.' });
    user.formField('username').focus();
    await sendKeys({ type: 'anna' });
    await sendKeys({ press: 'Enter' });
    await advance(el, clock, 0);
    expect(focused(el)).to.equal('h2:Godkend følgende?');
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal('button:Fortsæt til godkendelse');
    await sendKeys({ press: 'Enter' });
    await advance(el, clock, 0);
    expect(focused(el)).to.equal('h2:Vælg, hvordan du vil godkende');
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.match(/^button:MitID app/);
    await sendKeys({ press: 'Enter' });
    await advance(el, clock, 5000);
    expect(el.step).to.equal('done');
    expect(eventsOf(events, 'mitid-success')).to.have.length(1);
  });
});
