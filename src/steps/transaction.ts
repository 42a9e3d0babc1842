/**
 * The text being approved, which several steps show: a free text with its digits isolated, or a payment's or a
 * batch's rendering with each amount and account whole. Its own module, apart from ./shared.ts, because the first
 * load (the announcer) needs shared.ts but never this: the rendering arrives with the later steps.
 */
import { html, nothing } from 'lit';
import type { SessionContext } from '../flow/machine.js';
import type { Translation } from '../i18n/index.js';
import { transactionPieces } from '../../protocol/transaction.js';

/** A run of digits (with any marks on them), captured so that `split` keeps it between the pieces around it. */
const DIGIT_RUN = /(\p{Nd}[\p{Nd}\p{M}]*)/u;

/**
 * The text, line by line, with every run of digits and every piece between two runs in its own `<bdi>` (a bidi
 * isolate) in a left-to-right line: the pieces then stand left to right in the order they were written, so no
 * right-to-left letters between two amounts or account numbers can swap them. Plain text all the way (Lit text
 * bindings); the new lines stay outside the isolates and are kept by CSS.
 */
function isolatedText(text: string) {
  return text
    .split('\n')
    .map(
      (line, index) =>
        html`${index ? '\n' : ''}${line.split(DIGIT_RUN).map((part) => (part ? html`<bdi>${part}</bdi>` : nothing))}`,
    );
}

/**
 * A payment or a batch as the broker rendered it, each amount and account number whole in its own left-to-right
 * isolate (`<bdi dir="ltr">`), so nothing around them can reorder their digits or split them. Only when the pieces
 * join to exactly the broker's text (the same shared rendering): otherwise the broker's text is shown as text.
 */
function renderedDetails(session: SessionContext) {
  const text = session.transactionText;
  if (!session.transactionDetails || text === null) return null;
  const pieces = transactionPieces(session.transactionDetails, session.transactionLang);
  if (pieces.map((piece) => piece.text).join('') !== text) return null;
  return pieces.map((piece) =>
    piece.kind === 'amount' || piece.kind === 'account'
      ? html`<bdi dir="ltr" class="transaction-${piece.kind}" part="transaction-${piece.kind}">${piece.text}</bdi>`
      : piece.kind === 'name'
        ? html`<bdi>${piece.text}</bdi>`
        : piece.text,
  );
}

/** The text being approved, as plain text (a Lit text binding never parses markup); numbers kept in order. */
export function renderTransaction(session: SessionContext, t: Translation, withLabel = true) {
  if (session.mode !== 'approve' || session.transactionText === null) return nothing;
  // On one line with its tags: the paragraph keeps white space (pre-wrap), so none may come from the template.
  const shown = renderedDetails(session) ?? isolatedText(session.transactionText);
  return html`<div part="transaction" class="transaction">
    ${withLabel ? html`<p class="transaction-label">${t.approveQuestion}</p>` : nothing}
    <p class="transaction-text" part="transaction-text" dir="ltr">${shown}</p>
    <p class="muted">${t.requestedBy(session.clientName)}</p>
  </div>`;
}
