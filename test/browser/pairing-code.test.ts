/**
 * The pairing code beside the QR code (WCAG 1.1.1: the path without sight): shown as text, named by the QR image,
 * said digit by digit by its button (again on every press), a new code said once when it changes, the QR frames
 * never; axe stays at 0 and focus stays on the button that was pressed.
 */
import '../support/lit-warnings.js';
import { expect } from '@open-wc/testing';
import type { MitidLogin } from '../../src/mitid-login.js';
import { executeServerCommand } from '@web/test-runner-commands';
import { axeViolations, axeViolationsExceptContrast, driveTo, paintedContrastProblems } from '../support/drive.js';
import { paintedContrastFailures } from '../support/painted-contrast-wtr.js';
import { advance } from '../support/element.js';
import { deepActive } from '../support/deep-active.js';

/** The text of every node added to the polite region, in order. */
function listenPolite(el: MitidLogin): string[] {
  const heard: string[] = [];
  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        const text = node.textContent?.trim();
        if (text) heard.push(text);
      }
    }
  }).observe(el.shadowRoot!.querySelector('[role="status"]')!, { childList: true, subtree: true });
  return heard;
}

async function atPairing(lang: string) {
  const mounted = await driveTo('app-cross', lang, {
    script: { app: [], pairingCodes: ['123456', '654321'], pairingCodeMs: 120_000, sessionMs: 10 * 60_000 },
  });
  await advance(mounted.el, mounted.clock, 1000);
  return { ...mounted, heard: listenPolite(mounted.el) };
}

describe('the pairing code on the app step', () => {
  for (const [lang, intro, button, name, spoken, fresh] of [
    [
      'da',
      'Kan du ikke scanne? Indtast parringskoden i MitID app:',
      'Læs koden op',
      'indtast parringskoden',
      'Indtast parringskoden i MitID app: 1 2 3, 4 5 6',
      'Indtast parringskoden i MitID app: 6 5 4, 3 2 1',
    ],
    [
      'en',
      'Cannot scan? Type the pairing code in the MitID app:',
      'Read the code aloud',
      'type the pairing code',
      'Type the pairing code in the MitID app: 1 2 3, 4 5 6',
      'Type the pairing code in the MitID app: 6 5 4, 3 2 1',
    ],
  ] as const) {
    it(`${lang}: shown grouped, named by the QR image, said on every press, a new code said once`, async function () {
      this.timeout(20_000); // two minutes of QR frames on the fake clock, and axe twice
      const { el, clock, user, heard } = await atPairing(lang);
      const root = el.shadowRoot!;
      const text = root.querySelector('.pairing')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
      expect(text).to.contain(intro);
      expect(root.querySelector('.pairing-code')?.textContent?.trim()).to.equal('123 456');
      expect(root.querySelector('.qr svg')?.getAttribute('aria-label')).to.contain(name);
      expect(await axeViolations(el)).to.deep.equal([]);

      const read = user.button(button);
      read.focus();
      read.click();
      await advance(el, clock, 0);
      read.click();
      await advance(el, clock, 0);
      expect(heard.filter((said) => said === spoken)).to.have.length(2, 'heard again on the second press');
      expect(deepActive()).to.equal(read, 'focus stays on the button');

      // Frames come every second: none is said. The code turns over at 120 s: said once.
      const before = heard.length;
      for (let second = 0; second < 10; second += 1) await advance(el, clock, 1000);
      expect(heard.length).to.equal(before, 'QR frames are never announced');
      await advance(el, clock, 110_000);
      for (let second = 0; second < 5; second += 1) await advance(el, clock, 1000);
      expect(root.querySelector('.pairing-code')?.textContent?.trim()).to.equal('654 321');
      expect(heard.filter((said) => said === fresh)).to.have.length(1, 'the new code is said once');
      expect(await axeViolations(el)).to.deep.equal([]);
    });
  }

  for (const [lang, accepted, scanned] of [
    [
      'da',
      'Parringskoden er godkendt. Åbn anmodningen i MitID app.',
      'QR-koden er scannet. Åbn anmodningen i MitID app.',
    ],
    [
      'en',
      'Pairing code accepted. Open the request in the MitID app.',
      'QR code scanned. Open the request in the MitID app.',
    ],
  ] as const) {
    it(`${lang}: the pairing code accepted in the app: the hint says so (shown, heard once), not »scanned«`, async () => {
      const { el, clock, transport, user, heard } = await atPairing(lang);
      transport.push({ status: 'pending', hint: 'qr-scanned', paired_by: 'code' });
      await advance(el, clock, 0);
      expect(user.shadowText('[part="hint"]')).to.equal(accepted);
      expect(heard.filter((said) => said === accepted)).to.have.length(1);
      expect(heard.join(' ')).not.to.contain(scanned);
      expect(el.shadowRoot!.querySelector('.pairing'), 'the code has done its job').to.equal(null);
      expect(await axeViolations(el)).to.deep.equal([]);
      transport.push({ status: 'pending', hint: 'user-signing' });
      await advance(el, clock, 0);
      expect(user.shadowText('[part="hint"]')).not.to.contain(accepted);
    });

    it(`${lang}: a scan (or a broker that does not say) still says the QR code was scanned`, async () => {
      for (const pairedBy of ['scan', undefined] as const) {
        const { el, clock, transport, user, heard } = await atPairing(lang);
        transport.push({ status: 'pending', hint: 'qr-scanned', ...(pairedBy ? { paired_by: pairedBy } : {}) });
        await advance(el, clock, 0);
        expect(user.shadowText('[part="hint"]'), String(pairedBy)).to.equal(scanned);
        expect(heard.filter((said) => said === scanned)).to.have.length(1);
        el.remove();
      }
    });
  }

  for (const lang of ['da', 'en'] as const) {
    // The wcag.test.ts matrix for the one state that is not one of its targets: the app step with the code.
    it(`${lang}: the step with the pairing code: no violations in light, dark and forced colours (light and dark)`, async function () {
      this.timeout(20_000);
      const emulate = (features: { name: string; value: string }[]) =>
        executeServerCommand('emulate-media-features', { features });
      const { el } = await atPairing(lang);
      expect(el.shadowRoot!.querySelector('.pairing-code')).not.to.equal(null);
      try {
        expect(await axeViolations(el), 'light').to.deep.equal([]);
        el.theme = 'dark';
        await el.updateComplete;
        expect(await axeViolations(el), 'dark').to.deep.equal([]);
        el.theme = 'light';
        await emulate([{ name: 'forced-colors', value: 'active' }]);
        await el.updateComplete;
        expect(await axeViolations(el), 'forced colours').to.deep.equal([]);
        expect(paintedContrastProblems(el), 'painted contrast, forced colours').to.deep.equal([]);
        await emulate([
          { name: 'forced-colors', value: 'active' },
          { name: 'prefers-color-scheme', value: 'dark' },
        ]);
        await el.updateComplete;
        expect(await axeViolationsExceptContrast(el), 'forced colours, dark').to.deep.equal([]);
        expect(await paintedContrastFailures(el), 'axe contrast reports, painted, forced dark').to.deep.equal([]);
        expect(paintedContrastProblems(el), 'painted contrast, forced colours, dark').to.deep.equal([]);
      } finally {
        await emulate([]);
      }
    });
  }

  it('without a pairing code from the broker the QR image keeps its old name and no button shows', async () => {
    const { el, clock, user } = await driveTo('app-cross', 'da', { script: { app: [] } });
    await advance(el, clock, 1000);
    expect(el.shadowRoot!.querySelector('.pairing')).to.equal(null);
    expect(el.shadowRoot!.querySelector('.qr svg')?.getAttribute('aria-label')).to.contain('vælg en anden metode');
    expect(() => user.button('Læs koden op')).to.throw();
  });
});
