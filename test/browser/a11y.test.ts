import '../support/lit-warnings.js';
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { MitidLogin } from '../../src/mitid-login.js';
import type { FakeClock } from '../support/fake-clock.js';
import { advance, buttonByText, fill, mount, type MountOptions } from '../support/element.js';

type Target =
  | 'user-id'
  | 'user-id-problem'
  | 'approve'
  | 'method'
  | 'app-cross'
  | 'app-same'
  | 'code'
  | 'code-wrong'
  | 'password'
  | 'chip'
  | 'done'
  | 'error';

async function otherMethod(el: MitidLogin, clock: FakeClock, name: RegExp) {
  const button = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')].find((b) =>
    /anden metode|another method/.test(b.textContent!),
  )!;
  button.click();
  await el.updateComplete;
  const method = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button.method')].find((b) =>
    name.test(b.textContent!),
  )!;
  method.click();
  await advance(el, clock, 0);
}

async function driveTo(target: Target, lang: string, extra: Partial<MountOptions> = {}) {
  const approve = target === 'approve';
  const mounted = await mount({
    lang,
    mode: approve ? 'approve' : 'login',
    text: approve ? 'Overførsel af 2.300 kr.\ntil konto 9978 000123456' : '',
    device: target === 'app-same' ? 'same' : 'cross',
    remember: target === 'user-id',
    script: { app: target === 'done' ? [{ after: 10, complete: true }] : [{ after: 10, fail: 'rejected' }] },
    ...extra,
  });
  const { el, clock } = mounted;
  if (target === 'user-id') return mounted;
  if (target === 'user-id-problem') {
    await fill(el, 'username', '010190-1234', clock);
    return mounted;
  }
  await fill(el, 'username', 'anna', clock);
  await advance(el, clock, 0);
  if (target === 'approve') return mounted;
  if (target === 'app-cross' || target === 'app-same') {
    for (let i = 0; i < 50 && target === 'app-cross' && !el.shadowRoot!.querySelector('.qr svg'); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return mounted;
  }
  if (target === 'done' || target === 'error') {
    await advance(el, clock, 20);
    return mounted;
  }
  if (target === 'method') {
    buttonByText(el, lang === 'da' ? 'Vælg en anden metode' : 'Choose another method').click();
    await el.updateComplete;
    return mounted;
  }
  if (target === 'code' || target === 'code-wrong') {
    await otherMethod(el, clock, /kodeviser|code display/);
    if (target === 'code-wrong') await fill(el, 'one-time-code', '000000', clock);
    return mounted;
  }
  await otherMethod(el, clock, /chip/i);
  if (target === 'chip') {
    await fill(el, 'password', 'hemmelig', clock);
    await advance(el, clock, 0);
  }
  return mounted;
}

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
