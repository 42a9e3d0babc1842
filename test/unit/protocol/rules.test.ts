// The input rules the element and the broker both apply (protocol/rules.ts), without either of them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  looksLikeCpr,
  NONCE_PATTERN,
  nonceProblem,
  normalizeTransactionText,
  transactionTextProblem,
  userIdProblem,
} from '../../../protocol/rules.js';

describe('user ID rules', () => {
  it('refuses anything shaped like a CPR number', () => {
    for (const cpr of ['0101901234', '010190-1234', '010190 1234', ' 3112999999 ']) {
      assert.equal(looksLikeCpr(cpr), true, cpr);
      assert.equal(userIdProblem(cpr), 'cpr', cpr);
    }
  });

  it('accepts ordinary user IDs and explains the rest', () => {
    assert.equal(userIdProblem('anna.hansen'), null);
    assert.equal(userIdProblem('Søren42'), null);
    assert.equal(userIdProblem('   '), 'empty');
    assert.equal(userIdProblem('x'.repeat(65)), 'too-long');
    assert.equal(userIdProblem('<script>'), 'invalid-characters');
    assert.equal(userIdProblem('01019012345'), null, 'eleven digits are not a CPR number');
  });
});

describe('transaction text rules', () => {
  it('keeps new lines and refuses control characters', () => {
    assert.equal(transactionTextProblem('Overførsel af 2.300 kr.\ntil konto 9978 000123456'), null);
    assert.equal(transactionTextProblem('a\u0000b'), 'control-characters');
    assert.equal(transactionTextProblem('abc\u202Edef'), 'direction-marks');
    assert.equal(transactionTextProblem(' \n '), 'empty');
    assert.equal(transactionTextProblem('æ'.repeat(500)), null);
    assert.equal(transactionTextProblem('æ'.repeat(501)), 'too-long');
  });

  it('refuses the hostile texts of issue 18, each with its reason', () => {
    const problemOf = (text: string) => transactionTextProblem(normalizeTransactionText(text));
    // The example: shown as "Til konto 5678 1234" in the app.
    assert.equal(problemOf('Til konto \u200f1234 \u200f5678\u200f'), 'direction-marks');
    for (const mark of ['\u061C', '\u200E', '\u200F', '\u202A', '\u202E', '\u2066', '\u2069']) {
      assert.equal(problemOf(`2.300 kr.${mark} til konto 1234`), 'direction-marks', escape(mark));
    }
    // Zero-width space, non-joiner, joiner, word joiner, BOM, soft hyphen, a tag character, variation selectors,
    // the Arabic number sign (a format character that spans the digits after it), Hangul filler.
    for (const hidden of ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD', '\u{E0041}', '\uFE0F']) {
      assert.equal(problemOf(`Overførsel${hidden} af 100 kr.`), 'invisible-characters', escape(hidden));
    }
    for (const hidden of ['\u{E0100}', '\u0600', '\u3164', '\u180E']) {
      assert.equal(problemOf(`Overførsel${hidden} af 100 kr.`), 'invisible-characters', escape(hidden));
    }
    for (const control of ['\u2028', '\u2029', '\t', '\u000B', '\u000C', '\u0085', '\uD800', '\uDC00']) {
      assert.equal(problemOf(`a${control}b`), 'control-characters', escape(control));
    }
    assert.equal(problemOf(`Overførsel af 100 kr.${'\n'.repeat(40)}til konto 1234`), 'blank-lines');
    assert.equal(problemOf('a\n\n\nb'), 'blank-lines', 'two blank lines in a row');
    assert.equal(problemOf('a\n \u3000\n\nb'), 'blank-lines', 'a line of spaces is blank too');
    assert.equal(problemOf('\na'), 'blank-lines', 'leading');
    assert.equal(problemOf('a\n'), 'blank-lines', 'trailing');
    assert.equal(problemOf('a\r\n\r\n\r\nb'), 'blank-lines', 'CRLF counts as a new line');
    assert.equal(problemOf('Overførsel af 100 kr.\n\ntil konto 1234'), null, 'one empty line is fine');
    assert.equal(problemOf('Betaling 💳 til Ålborg Zoo'), null, 'an emoji without a joiner or selector is fine');
  });

  it('normalizes to NFC (and CRLF to LF), so the text hashed is the text shown', () => {
    assert.equal(normalizeTransactionText('A\u030Arhus\r\nkonto'), '\u00C5rhus\nkonto');
    assert.equal(normalizeTransactionText('\u212B'), '\u00C5', 'the Ångström sign becomes Å');
    assert.equal(transactionTextProblem(normalizeTransactionText('A\u030Arhus')), null);
  });

  it('property: every text holding a forbidden code point is refused, wherever it sits', () => {
    const forbidden = fc.oneof(
      fc.constantFrom('\u061C', '\u200E', '\u200F', '\u2028', '\u2029', '\uFEFF', '\u00AD'),
      fc.integer({ min: 0x202a, max: 0x202e }),
      fc.integer({ min: 0x2066, max: 0x2069 }),
      fc.integer({ min: 0x200b, max: 0x200f }),
      fc.integer({ min: 0x2060, max: 0x206f }),
      fc.integer({ min: 0xfe00, max: 0xfe0f }),
      fc.integer({ min: 0xe0000, max: 0xe0fff }),
      fc.integer({ min: 0x1d173, max: 0x1d17a }),
      fc.integer({ min: 0xd800, max: 0xdfff }),
      // C0 and C1 controls but LF (a new line) and CR (which becomes one).
      fc.integer({ min: 0x00, max: 0x9f }).filter((c) => (c < 0x20 || c >= 0x7f) && c !== 0x0a && c !== 0x0d),
    );
    const codePoint = forbidden.map((c) => (typeof c === 'number' ? String.fromCodePoint(c) : c));
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), codePoint, fc.nat(), (text, bad, at) => {
        const chars = [...text];
        const cut = at % (chars.length + 1);
        const hostile = [...chars.slice(0, cut), bad, ...chars.slice(cut)].join('') || bad;
        assert.notEqual(transactionTextProblem(normalizeTransactionText(hostile)), null, escape(hostile));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('nonce rules', () => {
  it('nonceProblem(): length 16–128 and only [A-Za-z0-9._~+/=-]', () => {
    assert.equal(nonceProblem(''), 'empty');
    assert.equal(nonceProblem('a'.repeat(15)), 'too-short');
    assert.equal(nonceProblem('a'.repeat(16)), null);
    assert.equal(nonceProblem('a'.repeat(128)), null);
    assert.equal(nonceProblem('a'.repeat(129)), 'too-long');
    assert.equal(nonceProblem('AZaz09._~+/=-AZaz09'), null);
    assert.equal(nonceProblem('K7gNU3sdo-OL0wNhqoVWhr3g6s1xYv72ol_pe_Unols'), null);
    for (const bad of [
      'nonce with spaces!',
      'nonce"<script>xxxxx',
      'nonceæøånonceæøå',
      'nonce\n0123456789ab',
      'nonce%2F0123456789',
    ]) {
      assert.equal(nonceProblem(bad), 'invalid-characters', JSON.stringify(bad));
    }
    assert.equal(NONCE_PATTERN.test('abc'), true);
  });
});
