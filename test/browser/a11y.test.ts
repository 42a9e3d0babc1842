import '../support/lit-warnings.js';
import { expect } from '@open-wc/testing';
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

  for (const target of ['user-id-problem', 'app-cross', 'code-wrong', 'error'] as Target[]) {
    it(`${target} in the dark theme`, async () => {
      const { el } = await driveTo(target, 'da');
      el.theme = 'dark';
      await el.updateComplete;
      await expect(el).to.be.accessible();
    });
  }
});
