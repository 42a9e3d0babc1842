// Issue 21: a payment or a batch given to the element as data. The element checks it before any call, sends it with
// its language, and shows the broker's rendering with every amount and account number whole in a left-to-right
// isolate, in Danish and English, accessible in every state.
import '../support/lit-warnings.js';
import { expect } from '@open-wc/testing';
import type { BatchDetails, PaymentDetails } from '../../protocol/transaction.js';
import { transactionRendering } from '../../protocol/transaction.js';
import type { CreateSessionRequest } from '../../protocol/page-api.js';
import { advance, mount } from '../support/element.js';

const PAYMENT: PaymentDetails = {
  kind: 'payment',
  amount: { value: '2300.00', currency: 'DKK' },
  payee: { name: 'Jens Hansen', account: { reg: '9978', number: '000123456' } },
};

const BATCH: BatchDetails = {
  kind: 'batch',
  payments: [
    { amount: PAYMENT.amount, payee: PAYMENT.payee, reference: 'Husleje' },
    {
      amount: { value: '150.25', currency: 'EUR' },
      payee: { name: 'Karen Jensen', account: { iban: 'DK5000400440116243' } },
    },
  ],
};

async function approving(details: unknown, lang = 'da') {
  const mounted = await mount({ mode: 'approve', lang });
  mounted.el.transaction = details as PaymentDetails;
  await mounted.user.submitUserId('anna.app');
  await advance(mounted.el, mounted.clock, 0);
  return mounted;
}

describe('structured approvals in the element (issue 21)', () => {
  it('sends the details with the language, and shows the rendering with amount and account isolated, whole', async () => {
    const { el, transport } = await approving(PAYMENT);
    const request = transport.calledWith('createSession')[0]?.args[0] as CreateSessionRequest;
    expect(request.transaction).to.deep.equal({ details: PAYMENT });
    expect(request.lang).to.equal('da');
    const shown = el.shadowRoot!.querySelector('.transaction-text')!;
    expect(shown.textContent).to.equal('Overførsel af 2.300,00 kr. til Jens Hansen, konto 9978 000123456');
    const amount = shown.querySelector('bdi.transaction-amount')!;
    const account = shown.querySelector('bdi.transaction-account')!;
    expect([amount.textContent, amount.getAttribute('dir')]).to.deep.equal(['2.300,00 kr.', 'ltr']);
    expect([account.textContent, account.getAttribute('dir')]).to.deep.equal(['9978 000123456', 'ltr']);
    // Whole: each on one line, however narrow the element.
    el.style.width = '12rem';
    expect(amount.getClientRects().length).to.equal(1);
    expect(account.getClientRects().length).to.equal(1);
    await expect(el).to.be.accessible();
  });

  it('in English, a batch: count, totals per currency, every payee, every amount and account isolated', async () => {
    const { el, transport } = await approving(BATCH, 'en');
    expect((transport.calledWith('createSession')[0]?.args[0] as CreateSessionRequest).lang).to.equal('en');
    const shown = el.shadowRoot!.querySelector('.transaction-text')!;
    expect(shown.textContent).to.equal(transactionRendering(BATCH, 'en'));
    expect(shown.textContent).to.match(/^2 transfers totalling DKK 2,300.00 and EUR 150.25:\n/);
    expect([...shown.querySelectorAll('bdi.transaction-account')].map((node) => node.textContent)).to.deep.equal([
      '9978 000123456',
      'DK50 0040 0440 1162 43',
    ]);
    expect(shown.querySelectorAll('bdi.transaction-amount').length).to.equal(4);
    await expect(el).to.be.accessible();
  });

  it('a right-to-left payee name cannot move the amount after the account', async () => {
    const { el } = await approving({ ...PAYMENT, payee: { ...PAYMENT.payee, name: 'שלום עליכם' } });
    const shown = el.shadowRoot!.querySelector('.transaction-text')!;
    const amount = shown.querySelector('bdi.transaction-amount')!.getBoundingClientRect();
    const account = shown.querySelector('bdi.transaction-account')!.getBoundingClientRect();
    const sameLine = Math.abs(amount.top - account.top) < amount.height / 2;
    expect(sameLine ? amount.right <= account.left : amount.top < account.top).to.equal(true);
  });

  it('refuses bad details before any call, with a message the user understands, announced', async () => {
    const { el, transport, events } = await approving({ ...PAYMENT, amount: { value: 2300, currency: 'DKK' } });
    expect(transport.calledWith('createSession')).to.have.length(0);
    const error = events.find((event) => event.type === 'mitid-error') as CustomEvent<{
      code: string;
      message: string;
    }>;
    expect(error.detail.code).to.equal('invalid_transaction');
    expect(error.detail.message).to.contain('Betalingen, du skal godkende, er ikke udfyldt rigtigt.');
    expect(el.shadowRoot!.textContent).to.contain('Betalingen, du skal godkende, er ikke udfyldt rigtigt.');
    await expect(el).to.be.accessible();
  });

  it('a one-digit-wrong IBAN is refused in the element too', async () => {
    const bad = { ...PAYMENT, payee: { ...PAYMENT.payee, account: { iban: 'DK5000400440116244' } } };
    const { transport, events } = await approving(bad, 'en');
    expect(transport.calledWith('createSession')).to.have.length(0);
    const error = events.find((event) => event.type === 'mitid-error') as CustomEvent<{
      code: string;
      message: string;
    }>;
    expect([error.detail.code, error.detail.message]).to.deep.equal([
      'invalid_transaction',
      'The payment to approve is not filled in correctly. Please contact the service you are trying to use.',
    ]);
  });
});
