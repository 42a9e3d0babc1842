// Issue 18, item 5: no accepted transaction text renders its numbers out of their logical order, in the element and
// in the app simulator. fast-check writes texts of Danish, digits (Latin and Arabic-Indic), Hebrew and Arabic letters
// and punctuation; the rules (protocol/rules.ts) keep the ones they accept; each is rendered, and the position on
// screen of every digit is read with Range.getClientRects: each digit stands right of the one before it on the same
// line, or on a later line.
import '../support/lit-warnings.js';
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { normalizeTransactionText, transactionTextProblem } from '../../protocol/rules.js';
import { fillIsolated } from '../../demo/pages/shared/dom.js';
import { advance, mount } from '../support/element.js';

const DIGIT = /\p{Nd}/u;

const token = fc.oneof(
  fc.constantFrom('Overførsel', 'af', 'kr.', 'til', 'konto', 'Ålborg', 'æøå', 'DKK', 'reg.nr.'),
  fc.stringMatching(/^[0-9]{1,6}$/),
  fc.stringMatching(/^[\u0660-\u0669\u06F0-\u06F9]{1,4}$/),
  fc.stringMatching(/^[\u05D0-\u05EA]{1,5}$/),
  fc.stringMatching(/^[\u0627-\u064A]{1,5}$/),
  fc.constantFrom(' ', ' ', ' ', '.', ',', '-', ':', '/', '(', ')', '+', '%', '"', '\n', '\u00A0'),
);

const acceptedText = fc
  .array(token, { minLength: 1, maxLength: 24 })
  .map((tokens) => normalizeTransactionText(tokens.join('')))
  .filter((text) => transactionTextProblem(text) === null && DIGIT.test(text));

/** Every digit under `root`, in logical order, with the box it is drawn in. */
function digitBoxes(root: Node): DOMRect[] {
  const boxes: DOMRect[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.nodeValue ?? '';
    for (let i = 0; i < text.length; i += 1) {
      if (!DIGIT.test(text[i]!)) continue;
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      boxes.push(range.getBoundingClientRect());
    }
  }
  return boxes;
}

/** Where the digits are out of order: a message, or null when every digit follows the one before it. */
function disorder(boxes: DOMRect[]): string | null {
  for (let i = 1; i < boxes.length; i += 1) {
    const before = boxes[i - 1]!;
    const box = boxes[i]!;
    const sameLine = Math.abs(before.top + before.height / 2 - (box.top + box.height / 2)) < before.height / 2;
    if (sameLine ? box.left < before.right - 0.5 : box.top < before.top) {
      return `digit ${i} is drawn at ${Math.round(box.left)},${Math.round(box.top)}, before digit ${i - 1} at ${Math.round(before.left)},${Math.round(before.top)}`;
    }
  }
  return null;
}

const describeText = (text: string) =>
  JSON.stringify(text).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

describe('transaction texts render their numbers in logical order (issue 18)', () => {
  it('the right-to-left letters between two amounts cannot swap them in the element', async () => {
    const text = 'Til konto 1111 א 2222 ב 3333 ג';
    const { el, clock, user } = await mount({ mode: 'approve', text });
    await user.submitUserId('anna');
    await advance(el, clock, 0);
    const shown = el.shadowRoot!.querySelector('.transaction-text')!;
    expect(shown.textContent).to.equal(text, 'shown as text, character for character');
    expect(disorder(digitBoxes(shown))).to.equal(null);
  });

  it('property: no accepted text draws a digit before one written earlier, in the element', async function () {
    this.timeout(30_000);
    await fc.assert(
      fc.asyncProperty(acceptedText, async (text) => {
        const { el, clock, user } = await mount({ mode: 'approve', text });
        await user.submitUserId('anna');
        await advance(el, clock, 0);
        const shown = el.shadowRoot!.querySelector('.transaction-text');
        expect(shown, describeText(text)).to.not.equal(null);
        expect(shown!.textContent).to.equal(text);
        expect(disorder(digitBoxes(shown!)), describeText(text)).to.equal(null);
      }),
      { numRuns: 40 },
    );
  });

  it('property: the same in the app simulator (demo/pages/shared/dom.ts fillIsolated)', () => {
    const box = document.createElement('p');
    box.style.cssText = 'white-space: pre-wrap; overflow-wrap: anywhere; width: 20em; font-size: 16px';
    document.body.append(box);
    try {
      fc.assert(
        fc.property(acceptedText, (text) => {
          fillIsolated(box, text);
          expect(box.textContent).to.equal(text);
          expect(disorder(digitBoxes(box)), describeText(text)).to.equal(null);
        }),
        { numRuns: 300 },
      );
    } finally {
      box.remove();
    }
  });
});
