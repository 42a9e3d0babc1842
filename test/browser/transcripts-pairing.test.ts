/**
 * Transcript of the app login without sight (issue 19, WCAG 1.1.1): user ID by keyboard, the app step's pairing
 * code read aloud by its button (twice: heard twice), the code turning over (heard once, the QR frames never), the
 * app paired and approved (a scripted transport plays both). Compared with the committed
 * test/browser/transcripts/app-pairing-code-login.{da,en}.txt; `UPDATE_TRANSCRIPTS=1 npx wtr --files
 * test/browser/transcripts-pairing.test.ts` rewrites them, `node scripts/transcripts-docs.mjs` republishes them.
 */
import '../support/lit-warnings.js';
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { MitidLogin } from '../../src/mitid-login.js';
import { advance, mount } from '../support/element.js';
import type { FakeClock } from '../../testing/index.js';
import { Transcript } from '../support/transcript.js';
import { deepActive } from '../support/deep-active.js';

const WORDS = {
  da: { read: 'Læs koden op', app: /^MitID app/, moreTime: 'Mere tid' },
  en: { read: 'Read the code aloud', app: /^MitID app/, moreTime: 'More time' },
} as const;

const nameOf = (node: Element | null) =>
  ((node instanceof HTMLInputElement ? node.labels?.[0]?.textContent : (node as HTMLElement | null)?.innerText) ?? '')
    .replace(/\s+/g, ' ')
    .trim();

async function settle(el: MitidLogin, clock: FakeClock, transcript: Transcript, ms = 0) {
  await advance(el, clock, ms);
  await transcript.checkpoint();
}

async function tabTo(el: MitidLogin, clock: FakeClock, transcript: Transcript, name: string | RegExp) {
  for (let i = 0; i < 12; i += 1) {
    const current = nameOf(deepActive());
    if (typeof name === 'string' ? current === name : name.test(current)) return;
    await sendKeys({ press: 'Tab' });
    await settle(el, clock, transcript);
  }
  throw new Error(`Tab never reached ${String(name)}`);
}

for (const lang of ['da', 'en'] as const) {
  describe(`transcripts (${lang}): the pairing code`, () => {
    it('app login with the pairing code: read aloud twice, a new code once, paired, approved', async function () {
      this.timeout(30_000); // two minutes of QR frames on the fake clock
      const { el, clock, transport, user } = await mount({
        lang,
        script: { app: [], pairingCodes: ['123456', '654321'], pairingCodeMs: 120_000, sessionMs: 10 * 60_000 },
      });
      const transcript = new Transcript(el);
      user.formField('username').focus();
      await transcript.checkpoint();
      await sendKeys({ type: 'anna' });
      await sendKeys({ press: 'Enter' });
      await settle(el, clock, transcript);
      await settle(el, clock, transcript);
      if (el.step === 'method') {
        // No remembered method: the list comes first; the app is chosen from it.
        await tabTo(el, clock, transcript, WORDS[lang].app);
        await sendKeys({ press: 'Enter' });
        await settle(el, clock, transcript);
      }
      expect(el.step).to.equal('app');
      await settle(el, clock, transcript, 1000); // the first QR frame, with the code
      await tabTo(el, clock, transcript, WORDS[lang].read);
      await sendKeys({ press: 'Enter' });
      await settle(el, clock, transcript);
      await sendKeys({ press: 'Enter' });
      await settle(el, clock, transcript);
      // Two minutes of frames: nothing said but the new code.
      await advance(el, clock, 115_000);
      for (let second = 0; second < 6; second += 1) await advance(el, clock, 1000);
      await transcript.checkpoint();
      transport.push({ status: 'pending', hint: 'qr-scanned', paired_by: 'code' }); // the app took the code
      await settle(el, clock, transcript);
      transport.push({ status: 'pending', hint: 'user-signing' });
      await settle(el, clock, transcript);
      // The user Tabs on while approving in the app (focus on the heading would stay on it through the change).
      await tabTo(el, clock, transcript, WORDS[lang].moreTime);
      transport.push({ status: 'complete' }); // approved
      await advance(el, clock, 0);
      await settle(el, clock, transcript);
      expect(el.step).to.equal('done');

      transcript.stop();
      expect(transcript.lines.filter((line) => line.includes('(not on screen)'))).to.deep.equal([]);
      expect(transcript.lines, transcript.lines.join('\n')).not.to.include('focus: <body>');
      const name = `app-pairing-code-login.${lang}`;
      const committed = await transcript.committed(name);
      expect(committed, `no committed transcript ${name}: run with UPDATE_TRANSCRIPTS=1 and review it`).not.to.equal(
        null,
      );
      expect(transcript.lines).to.deep.equal(committed);
    });
  });
}
