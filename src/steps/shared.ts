/** Pieces several steps share: the text being approved, the time left, and the secondary buttons. */
import { html, nothing } from 'lit';
import type { SessionContext } from '../flow/machine.js';
import { transactionPieces } from '../../protocol/transaction.js';
import type { Translation } from '../i18n/index.js';
import type { StepActions } from './types.js';

/** Below this, the user is warned and offered more time (WCAG 2.2.1 asks for at least 20 seconds to react). */
export const TIME_WARNING_MS = 60_000;

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

export function formatTimeLeft(t: Translation, ms: number) {
  const seconds = Math.ceil(ms / 1000);
  return t.timeLeft(Math.floor(seconds / 60), seconds % 60);
}

export function renderTimeLeft(session: SessionContext, t: Translation, timeLeftMs: number | null) {
  if (timeLeftMs === null) return nothing;
  const warn = timeLeftMs <= TIME_WARNING_MS;
  return html`<p class="time ${warn ? 'time-warning' : ''}" part="time">
    ${formatTimeLeft(t, timeLeftMs)}${warn ? html`<br />${session.extensionsLeft > 0 ? t.timeWarning : t.noMoreTime}` : nothing}
  </p>`;
}

export function renderSessionActions(
  session: SessionContext,
  t: Translation,
  actions: StepActions,
  { extend = false, otherMethod = true } = {},
) {
  return html`<div class="actions" part="actions">
    ${
      extend && session.extensionsLeft > 0
        ? html`<button type="button" part="button more-time" @click=${actions.extend}>${t.moreTime}</button>`
        : nothing
    }
    ${
      otherMethod && session.methods.length > 1
        ? html`<button type="button" part="button other-method" @click=${actions.showMethods}>${t.otherMethod}</button>`
        : nothing
    }
    <button type="button" part="button cancel" @click=${actions.cancel}>${t.cancel}</button>
  </div>`;
}

export function busyText(text: string) {
  return html`<p class="muted" part="busy"><span class="spinner" aria-hidden="true"></span>${text}</p>`;
}
