/**
 * Transcript tests (issue 19): each journey is driven by the keyboard (Tab, typing, Enter: real key presses), and
 * what a screen reader would hear — every focus move and every live-region announcement, see
 * ../support/transcript.ts — is compared with the committed transcript in test/browser/transcripts/, in Danish and
 * in English. docs/accessibility.md publishes them. A repeated message must appear twice, nothing may be heard that
 * is not on screen, and focus never lands on <body>. After a deliberate change: `UPDATE_TRANSCRIPTS=1 npx wtr
 * --files test/browser/transcripts.test.ts`, then read the diff as an auditor would.
 */
import '../support/lit-warnings.js';
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { MitidLogin } from '../../src/mitid-login.js';
import { advance, mount } from '../support/element.js';
import type { FakeClock } from '../support/fake-clock.js';
import { Transcript } from '../support/transcript.js';
import { deepActive } from '../support/deep-active.js';

const WORDS = {
  da: { otherMethod: 'Vælg en anden metode', codeDisplay: /^MitID kodeviser/, code: 'Engangskode (6 cifre)' },
  en: { otherMethod: 'Choose another method', codeDisplay: /^MitID code display/, code: 'One-time code (6 digits)' },
} as const;

type Lang = keyof typeof WORDS;

const nameOf = (node: Element | null) =>
  ((node instanceof HTMLInputElement ? node.labels?.[0]?.textContent : (node as HTMLElement | null)?.innerText) ?? '')
    .replace(/\s+/g, ' ')
    .trim();

class Keyboard {
  constructor(
    private readonly el: MitidLogin,
    private readonly clock: FakeClock,
    private readonly transcript: Transcript,
  ) {}

  private async settle() {
    await advance(this.el, this.clock, 0);
    await this.transcript.checkpoint();
  }

  /** Tab forward until the focused control is named `name` (at most 12 presses). */
  async tabTo(name: string | RegExp): Promise<void> {
    for (let i = 0; i < 12; i += 1) {
      const current = nameOf(deepActive());
      if (typeof name === 'string' ? current === name : name.test(current)) return;
      await sendKeys({ press: 'Tab' });
      await this.settle();
    }
    throw new Error(`Tab never reached ${String(name)}`);
  }

  async type(text: string): Promise<void> {
    await sendKeys({ type: text });
  }

  async clear(length: number): Promise<void> {
    for (let i = 0; i < length; i += 1) await sendKeys({ press: 'Backspace' });
  }

  async enter(): Promise<void> {
    await sendKeys({ press: 'Enter' });
    await this.settle();
    await this.settle();
  }
}

async function journey(lang: Lang) {
  const mounted = await mount({ lang, script: { app: [] } });
  const transcript = new Transcript(mounted.el);
  const keys = new Keyboard(mounted.el, mounted.clock, transcript);
  // The page's Tab order reaches the field first; the journey starts there.
  mounted.user.formField('username').focus();
  await transcript.checkpoint();
  return { ...mounted, transcript, keys };
}

async function toTheCodeStep(keys: Keyboard, lang: Lang) {
  await keys.type('anna');
  await keys.enter();
  await keys.tabTo(WORDS[lang].otherMethod);
  await keys.enter();
  await keys.tabTo(WORDS[lang].codeDisplay);
  await keys.enter();
  await keys.tabTo(WORDS[lang].code);
}

async function matchesCommitted(transcript: Transcript, name: string) {
  transcript.stop();
  expect(transcript.lines.filter((line) => line.includes('(not on screen)'))).to.deep.equal([]);
  expect(transcript.lines, transcript.lines.join('\n')).not.to.include('focus: <body>');
  const committed = await transcript.committed(name);
  expect(committed, `no committed transcript ${name}: run with UPDATE_TRANSCRIPTS=1 and review it`).not.to.equal(null);
  expect(transcript.lines).to.deep.equal(committed);
}

for (const lang of ['da', 'en'] as const) {
  describe(`transcripts (${lang})`, () => {
    it('code-display login: user ID, another method, Enter twice on an empty code, a wrong code, the right one, the password, done', async () => {
      const { el, keys, transcript } = await journey(lang);
      await toTheCodeStep(keys, lang);
      // The same problem twice: heard twice.
      await keys.enter();
      await keys.enter();
      await keys.type('000000');
      await keys.enter();
      await keys.clear(6);
      await keys.type('123456');
      await keys.enter();
      await keys.tabTo(lang === 'da' ? 'Adgangskode' : 'Password');
      await keys.type('hemmelig');
      await keys.enter();
      expect(el.step).to.equal('done');
      await matchesCommitted(transcript, `code-display-login.${lang}`);
    });

    it('wrong codes to the block: the warning counts down, the same problem is heard each time, then the block', async () => {
      const { el, keys, transcript } = await journey(lang);
      await toTheCodeStep(keys, lang);
      for (let i = 0; i < 5; i += 1) {
        await keys.type('000000');
        await keys.enter();
        if (el.step === 'code') await keys.clear(6);
      }
      expect(el.step).to.equal('error');
      await matchesCommitted(transcript, `wrong-codes-to-the-block.${lang}`);
    });
  });
}
