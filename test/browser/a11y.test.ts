import '../support/lit-warnings.js';
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { driveTo, type Target } from '../support/drive.js';

const targets: Target[] = [
  'user-id',
  'user-id-problem',
  'approve',
  'method',
  'app-cross',
  'app-same',
  'code',
  'code-wrong',
  'password',
  'chip',
  'done',
  'error',
];

describe('accessibility (axe) of every step', () => {
  for (const lang of ['da', 'en']) {
    for (const target of targets) {
      it(`${target} (${lang})`, async () => {
        const { el } = await driveTo(target, lang);
        const expected = target.replace(/-(cross|same|problem|wrong)$/, '');
        expect(el.step).to.equal(expected);
        await expect(el).to.be.accessible();
      });
    }
  }

  describe('with system preferences', () => {
    const emulate = (features: { name: string; value: string }[]) =>
      executeServerCommand('emulate-media-features', { features });
    after(() => emulate([]));

    for (const target of ['user-id-problem', 'app-cross', 'code-wrong', 'error'] as Target[]) {
      it(`${target} in forced colours`, async () => {
        await emulate([{ name: 'forced-colors', value: 'active' }]);
        expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
        const { el } = await driveTo(target, 'da');
        await expect(el).to.be.accessible();
      });
    }

    it('reduced motion stops the spinner; the QR code still refreshes', async () => {
      await emulate([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
      const { el } = await driveTo('user-id', 'da');
      const busy = document.createElement('span');
      busy.className = 'spinner';
      el.shadowRoot!.querySelector('.card')!.append(busy);
      expect(getComputedStyle(busy).animationName).to.equal('none');
      busy.remove();
      const { el: app, transport, clock } = await driveTo('app-cross', 'da', { script: { app: [] } });
      const frames = transport.calledWith('qrFrame').length;
      await clock.tick(2000);
      expect(transport.calledWith('qrFrame').length).to.be.greaterThan(frames);
      await app.updateComplete;
    });

    it('theme="auto" follows a dark system preference', async () => {
      await emulate([{ name: 'prefers-color-scheme', value: 'dark' }]);
      const { el } = await driveTo('user-id', 'da');
      el.theme = 'auto';
      await el.updateComplete;
      expect(getComputedStyle(el).getPropertyValue('--mitid-color-background').trim()).to.equal('#121821');
      await expect(el).to.be.accessible();
    });
  });

  for (const target of ['user-id-problem', 'app-cross', 'code-wrong', 'error'] as Target[]) {
    it(`${target} in the dark theme`, async () => {
      const { el } = await driveTo(target, 'da');
      el.theme = 'dark';
      await el.updateComplete;
      await expect(el).to.be.accessible();
    });
  }
});
