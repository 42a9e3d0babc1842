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
import { type FakeClock, WORDS as HARNESS_WORDS } from '../../testing/index.js';
import { Transcript } from '../support/transcript.js';
import { deepActive } from '../support/deep-active.js';
import type { MountOptions } from '../support/element.js';
import type { Method } from '../../protocol/page-api.js';
import { da } from '../../src/i18n/locales/da.js';
import { en } from '../../src/i18n/locales/en.js';

const WORDS = {
  da: { ...HARNESS_WORDS.da, codeDisplay: /^MitID kodeviser/ },
  en: { ...HARNESS_WORDS.en, codeDisplay: /^MitID code display/ },
} as const;

type Lang = keyof typeof WORDS;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

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

  /** Let `ms` of the fake clock pass, a second at a time (the element's timers tick once a second). */
  async wait(ms: number): Promise<void> {
    for (let left = ms; left > 0; left -= 1000) await advance(this.el, this.clock, Math.min(1000, left));
    await this.transcript.checkpoint();
  }

  /**
   * Chooses `method` by the keyboard from wherever the element is after the user ID: the method list, or the app
   * step (then "another method" first). Written by accessible names, so a reordered flow reads the same.
   */
  async choose(method: Method, lang: Lang): Promise<void> {
    const words = WORDS[lang];
    if (this.el.step === 'app') {
      await this.tabTo(words.otherMethod);
      await this.enter();
    }
    expect(this.el.step, 'the method list').to.equal('method');
    await this.tabTo(new RegExp(`^${escape(words.methods[method])}( |$)`));
    await this.enter();
  }
}

async function journey(lang: Lang, options: MountOptions = {}) {
  const mounted = await mount({ lang, script: { app: [] }, ...options });
  const transcript = new Transcript(mounted.el);
  const keys = new Keyboard(mounted.el, mounted.clock, transcript);
  // The page's Tab order reaches the field first; the journey starts there.
  mounted.user.formField('username').focus();
  await transcript.checkpoint();
  return { ...mounted, transcript, keys };
}

async function toTheCodeStep(keys: Keyboard, lang: Lang, method: Method = 'code-display') {
  await keys.type('anna');
  await keys.enter();
  await keys.choose(method, lang);
  await keys.tabTo(WORDS[lang].code);
}

/** The password step to done, by the keyboard. */
async function password(keys: Keyboard, lang: Lang) {
  await keys.tabTo(WORDS[lang].password);
  await keys.type('hemmelig');
  await keys.enter();
}

/** Every announcement of the transcript that contains `text`. */
const heardWith = (transcript: Transcript, text: string) =>
  transcript.lines.filter((line) => !line.startsWith('focus:') && line.includes(text));

/** The messages a journey counts, from the catalogue (so a revised text changes the transcript, not the count). */
const SAID = {
  da: {
    warning: da.timeWarning,
    noMore: da.noMoreTime,
    more: da.extended,
    lost: da.connectionLost,
    back: da.connectionRestored,
  },
  en: {
    warning: en.timeWarning,
    noMore: en.noMoreTime,
    more: en.extended,
    lost: en.connectionLost,
    back: en.connectionRestored,
  },
} as const;

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

    it('audio code reader login: user ID, the audio code reader, the code, the password, done', async () => {
      const { el, keys, transcript } = await journey(lang);
      await toTheCodeStep(keys, lang, 'code-reader');
      await keys.type('123456');
      await keys.enter();
      await password(keys, lang);
      expect(el.step).to.equal('done');
      await matchesCommitted(transcript, `audio-code-reader-login.${lang}`);
    });

    it('chip login: user ID, the chip, the key, the password, done', async () => {
      const { el, keys, transcript } = await journey(lang);
      // The key answers at once, as a scripted security key (the WebAuthn ceremony itself: test/e2e/chip.test.ts).
      el.webauthnLoader = async () => ({
        supported: () => true,
        authenticate: async () => ({ id: 'cred', type: 'public-key', response: {} }) as never,
      });
      await keys.type('anna');
      await keys.enter();
      await keys.choose('chip', lang);
      await keys.tabTo(WORDS[lang].useChip);
      await keys.enter();
      await keys.enter();
      expect(el.step).to.equal('password');
      await password(keys, lang);
      expect(el.step).to.equal('done');
      await matchesCommitted(transcript, `chip-login.${lang}`);
    });

    it('transfer approval: the text to approve, on to the app, approved there, done', async () => {
      const { el, keys, transcript } = await journey(lang, {
        mode: 'approve',
        text: 'Overførsel af 2.300 kr.\ntil konto 9978 000123456',
        script: { app: [{ after: 3000, complete: true }] },
      });
      await keys.type('anna');
      await keys.enter();
      expect(el.step).to.equal('approve');
      await keys.tabTo(WORDS[lang].continueApproval);
      await keys.enter();
      if (el.step === 'method') await keys.choose('app', lang);
      expect(el.step).to.equal('app');
      await keys.wait(4000);
      expect(el.step).to.equal('done');
      await matchesCommitted(transcript, `transfer-approval.${lang}`);
    });

    it('time-out with two extensions: the warning heard each time, "more time given" each time, then the time-out', async () => {
      const { el, keys, transcript } = await journey(lang, { script: { app: [], sessionMs: 70_000, extensions: 2 } });
      await keys.type('anna');
      await keys.enter();
      if (el.step === 'method') await keys.choose('app', lang);
      for (let round = 0; round < 2; round += 1) {
        await keys.wait(11_000);
        await keys.tabTo(WORDS[lang].moreTime);
        await keys.enter();
      }
      await keys.wait(71_000);
      expect(el.step).to.equal('error');
      expect(heardWith(transcript, SAID[lang].warning)).to.have.length(2);
      expect(heardWith(transcript, SAID[lang].noMore)).to.have.length(1);
      expect(heardWith(transcript, SAID[lang].more)).to.have.length(2);
      await matchesCommitted(transcript, `time-out-with-two-extensions.${lang}`);
    });

    it('offline and back: the notice heard once when lost, once when back, and no false "back" at the next step', async () => {
      const { el, keys, transcript } = await journey(lang);
      await keys.type('anna');
      await keys.enter();
      if (el.step === 'method') await keys.choose('app', lang);
      window.dispatchEvent(new Event('offline'));
      await keys.wait(5000);
      window.dispatchEvent(new Event('online'));
      await keys.wait(5000);
      await keys.choose('code-display', lang);
      await keys.tabTo(WORDS[lang].code);
      await keys.type('123456');
      await keys.enter();
      await password(keys, lang);
      expect(el.step).to.equal('done');
      expect(heardWith(transcript, SAID[lang].lost)).to.have.length(1);
      expect(heardWith(transcript, SAID[lang].back)).to.have.length(1);
      await matchesCommitted(transcript, `offline-and-back.${lang}`);
    });
  });
}
