/**
 * Every change heard once (WCAG 4.1.3, 3.3.1, 2.2.1) and focus never lost (2.4.3), as a screen reader meets them:
 * what is *added* to a live region is what it announces, so a recorder keeps each node added to the polite and
 * the assertive region. A repeated message must be recorded twice; a region must not keep what belonged to a step
 * the user has left; and focus must not fall to `<body>` when the control that had it goes away.
 */
import '../support/lit-warnings.js';
import { expect } from '@open-wc/testing';
import type { MitidLogin } from '../../src/mitid-login.js';
import { driveTo, type Target } from '../support/drive.js';
import { advance } from '../support/element.js';
import type { LoginHarness } from '../../testing/index.js';
import { deepActive } from '../support/deep-active.js';

interface Heard {
  polite: string[];
  assertive: string[];
}

/** Records each announcement: the text of every node added to either live region, in order. */
function listen(el: MitidLogin): Heard {
  const heard: Heard = { polite: [], assertive: [] };
  const regions = [
    ['polite', el.shadowRoot!.querySelector('[role="status"]')!],
    ['assertive', el.shadowRoot!.querySelector('[role="alert"]')!],
  ] as const;
  for (const [kind, region] of regions) {
    new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) {
          const text = node.textContent?.trim();
          if (text) heard[kind].push(text);
        }
      }
    }).observe(region, { childList: true, subtree: true });
  }
  return heard;
}

/** What each region holds now (what a user moving through the page with a screen reader would still find). */
function regionText(el: MitidLogin): Heard {
  const text = (selector: string) => el.shadowRoot!.querySelector(selector)!.textContent!.trim();
  return { polite: [text('[role="status"]')], assertive: [text('[role="alert"]')] };
}

async function at(target: Target, lang = 'da', script = {}) {
  const mounted = await driveTo(target, lang, { script });
  return { ...mounted, heard: listen(mounted.el) };
}

async function submitCode(el: MitidLogin, clock: Parameters<typeof advance>[1], user: LoginHarness, code: string) {
  await user.submitCode(code);
  await advance(el, clock, 0);
}

describe('announcements: every change heard once', () => {
  it('the same field problem twice in a row is heard twice (an empty code, then again)', async () => {
    const { el, clock, user, heard } = await at('code');
    await submitCode(el, clock, user, '');
    await submitCode(el, clock, user, '');
    expect(heard.assertive).to.deep.equal(['Indtast engangskoden.', 'Indtast engangskoden.']);
    expect(deepActive()).to.equal(user.formField('one-time-code'));
  });

  it('a wrong code is heard with the tries left, and each next wrong code with the new count', async () => {
    const { el, clock, user, heard } = await at('code');
    await submitCode(el, clock, user, '000000');
    await submitCode(el, clock, user, '000000');
    expect(heard.assertive).to.deep.equal([
      'Engangskoden er forkert. Tjek den, og prøv igen. Du har 4 forsøg tilbage, før MitID med kodeviser, ' +
        'kodeoplæser og chip spærres i 15 minutter.',
      'Engangskoden er forkert. Tjek den, og prøv igen. Du har 3 forsøg tilbage, før MitID med kodeviser, ' +
        'kodeoplæser og chip spærres i 15 minutter.',
    ]);
  });

  it('a new step empties both regions: no app notice on the method list, no old problem on the password step', async () => {
    const { el, clock, user } = await at('app-cross');
    window.dispatchEvent(new Event('offline'));
    await el.updateComplete;
    expect(regionText(el).polite[0]).to.contain('Forbindelsen er afbrudt');
    window.dispatchEvent(new Event('online'));
    await advance(el, clock, 0);
    expect(regionText(el).polite[0]).to.contain('Forbindelsen er tilbage');
    await user.otherMethod();
    await advance(el, clock, 0);
    expect(regionText(el)).to.deep.equal({ polite: [''], assertive: [''] });
    user.button('MitID kodeviser').click();
    await advance(el, clock, 0);
    await submitCode(el, clock, user, '000000');
    expect(regionText(el).assertive[0]).to.contain('forkert');
    await submitCode(el, clock, user, '123456');
    expect(el.step).to.equal('password');
    expect(regionText(el)).to.deep.equal({ polite: [''], assertive: [''] });
  });

  it('switching the language empties the regions, so no Danish is left to be read in English', async () => {
    const { el, clock, transport } = await at('app-cross');
    transport.push({ status: 'pending', hint: 'qr-scanned' });
    await advance(el, clock, 0);
    expect(regionText(el).polite[0]).to.contain('scannet');
    el.lang = 'en';
    await advance(el, clock, 0);
    expect(regionText(el)).to.deep.equal({ polite: [''], assertive: [''] });
  });

  it('the time warning is heard again after more time, and so is every "more time given"', async () => {
    const { el, clock, user, heard } = await at('app-cross', 'da', { app: [], sessionMs: 70_000, extensions: 3 });
    for (let round = 0; round < 2; round += 1) {
      for (let i = 0; i < 11; i += 1) await clock.tick(1000);
      await el.updateComplete;
      await user.moreTime();
      await advance(el, clock, 0);
    }
    expect(heard.assertive.filter((text) => text.includes('under et minut'))).to.have.length(2);
    expect(heard.polite.filter((text) => text === 'Du har fået mere tid.')).to.have.length(2);
  });

  it('a lost connection is heard once, and "back" only when it came back, not when the step ended', async () => {
    const { el, clock, user, transport, heard } = await at('app-cross');
    transport.dropNetwork();
    await el.updateComplete;
    await user.cancel();
    await advance(el, clock, 0);
    expect(el.step).to.equal('user-id');
    expect(heard.polite[0]).to.equal('Forbindelsen er afbrudt – vi prøver igen.');
    expect(heard.polite.join(' | ')).not.to.contain('Forbindelsen er tilbage');
    transport.restoreNetwork();
  });

  it('two messages said before one render are both heard (joined), not the last alone', async () => {
    const { el, clock, transport, heard } = await at('app-cross');
    window.dispatchEvent(new Event('offline'));
    transport.push({ status: 'pending', hint: 'qr-scanned' });
    await advance(el, clock, 0);
    window.dispatchEvent(new Event('online'));
    await advance(el, clock, 0);
    const all = heard.polite.join(' | ');
    expect(all).to.contain('Forbindelsen er afbrudt');
    expect(all).to.contain('scannet');
  });
});

describe('focus is never lost (2.4.3)', () => {
  it('"Vælg en anden metode" goes when the QR code is scanned: focus moves to the heading, not <body>', async () => {
    const { el, clock, user, transport } = await at('app-cross', 'da', { app: [] });
    user.button(user.words.otherMethod).focus();
    transport.push({ status: 'pending', hint: 'qr-scanned' });
    await advance(el, clock, 0);
    expect(user.findButton(user.words.otherMethod), 'the button is gone once scanned').to.equal(null);
    expect(document.activeElement).not.to.equal(document.body);
    expect(deepActive()?.tagName).to.equal('H2');
  });

  it('"Brug MitID chip" goes while the browser asks for the key: focus moves to the heading', async () => {
    const { el, clock, user } = await at('chip');
    let answer!: (value: unknown) => void;
    el.webauthnLoader = async () => ({
      supported: () => true,
      authenticate: () => new Promise((resolve) => (answer = resolve)) as never,
    });
    const start = user.button(user.words.useChip);
    start.focus();
    start.click();
    await advance(el, clock, 0);
    await advance(el, clock, 0);
    expect(user.findButton(user.words.useChip)).to.equal(null);
    expect(deepActive()?.tagName).to.equal('H2');
    answer({ id: 'cred', type: 'public-key', response: {} });
  });

  it('the last "Mere tid" goes once no more time can be had: focus moves to the heading', async () => {
    const { el, clock, user } = await at('app-cross', 'da', { app: [], sessionMs: 70_000, extensions: 1 });
    for (let i = 0; i < 11; i += 1) await clock.tick(1000);
    await el.updateComplete;
    const more = user.button(user.words.moreTime);
    more.focus();
    more.click();
    await advance(el, clock, 0);
    await advance(el, clock, 0);
    expect(user.findButton(user.words.moreTime)).to.equal(null);
    expect(deepActive()?.tagName).to.equal('H2');
  });

  it('focus outside the element stays where the page put it when the element re-renders', async () => {
    const { el, clock, transport } = await at('app-cross', 'da', { app: [] });
    const outside = document.createElement('button');
    outside.textContent = 'Sidens egen knap';
    document.body.append(outside);
    outside.focus();
    transport.push({ status: 'pending', hint: 'qr-scanned' });
    await advance(el, clock, 0);
    expect(document.activeElement).to.equal(outside);
    outside.remove();
  });
});
