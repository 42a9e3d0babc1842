/**
 * A payment's or a batch's amount and payee as their own fields in the app (PSD2 RTS art. 5: the payer is shown the
 * amount and the payee), not buried in the sentence above them: for each payment its amount, payee, account and
 * reference; for a batch first the count and the total per currency. Amounts and accounts are bidi-isolated, left to
 * right, so nothing around them can reorder their digits. Text only, as everywhere in the demo.
 */
import type { TransactionDetails } from '../../../protocol/transaction.js';
import { formatAccount, formatAmount, totalsByCurrency, type BatchPayment } from '../../../protocol/transaction.js';
import { el, fill } from '../shared/dom.js';

function isolated(text: string, className: string): HTMLElement {
  return el('bdi', { class: className, dir: 'ltr' }, text);
}

function paymentFields(payment: BatchPayment): HTMLElement {
  return el(
    'dl',
    { class: 'payment-fields' },
    el('dt', {}, 'Beløb'),
    el('dd', {}, isolated(formatAmount(payment.amount, 'da'), 'payment-amount')),
    el('dt', {}, 'Modtager'),
    el('dd', { class: 'payment-payee' }, payment.payee.name),
    el('dt', {}, 'Konto'),
    el('dd', {}, isolated(formatAccount(payment.payee.account), 'payment-account')),
    payment.reference !== undefined ? el('dt', {}, 'Tekst til modtager') : null,
    payment.reference !== undefined ? el('dd', {}, payment.reference) : null,
  );
}

/** Fills `box` with the fields of `details`, or empties and hides it for a free text or a login. */
export function showPaymentFields(box: HTMLElement, details: TransactionDetails | undefined): void {
  box.hidden = details === undefined;
  if (!details) return fill(box);
  if (details.kind === 'payment') return fill(box, paymentFields(details));
  const totals = totalsByCurrency(details.payments).map((total) => formatAmount(total, 'da'));
  fill(
    box,
    el(
      'p',
      { class: 'payment-total' },
      `${details.payments.length} overførsler, i alt `,
      ...totals.flatMap((total, index) => [index ? ' og ' : null, isolated(total, 'payment-amount')]),
    ),
    el('ol', { class: 'payment-list' }, ...details.payments.map((payment) => el('li', {}, paymentFields(payment)))),
  );
}
