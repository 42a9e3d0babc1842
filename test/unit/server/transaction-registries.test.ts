/** The broker's registry checks of a payment: current ISO 4217 codes, and IBANs of their country's length and format. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ibanFitsItsCountry,
  isCurrentCurrency,
  transactionRegistryProblem,
} from '../../../server/sessions/transaction-registries.js';
import type { PaymentDetails } from '../../../protocol/transaction.js';

describe('transaction registries', () => {
  it('knows the current currencies and not test codes, withdrawn ones or made-up ones', () => {
    for (const code of ['DKK', 'EUR', 'SEK', 'NOK', 'USD', 'GBP', 'ISK']) assert.ok(isCurrentCurrency(code), code);
    for (const code of ['XYZ', 'DEM', 'XXX', 'XTS', 'ABC']) assert.ok(!isCurrentCurrency(code), code);
  });

  it('accepts published IBANs of several countries, and refuses a wrong length or an unknown country', () => {
    // Examples from SWIFT's IBAN registry.
    for (const iban of [
      'DK5000400440116243',
      'DE89370400440532013000',
      'GB29NWBK60161331926819',
      'SE4550000000058398257466',
      'NO9386011117947',
    ]) {
      assert.ok(ibanFitsItsCountry(iban), iban);
    }
    // Check digits recomputed so that mod 97 holds: only the registry tells these apart.
    assert.ok(!ibanFitsItsCountry('DK47004004401162430'), 'Denmark has 18 characters, not 19');
    assert.ok(!ibanFitsItsCountry('XX2500400440116243'), 'no country XX');
    // The BBAN format: Danish BBANs are digits only.
    assert.ok(!ibanFitsItsCountry('DK77ABCD0440116243'));
  });

  it('names the field, in a batch too, in the shared rules’ reasons', () => {
    const payment: PaymentDetails = {
      kind: 'payment',
      amount: { value: '10.00', currency: 'DKK' },
      payee: { name: 'Jens Hansen', account: { iban: 'DK5000400440116243' } },
    };
    assert.equal(transactionRegistryProblem(payment), null);
    const { kind: _kind, ...batchPayment } = payment;
    assert.deepEqual(
      transactionRegistryProblem({
        kind: 'batch',
        payments: [
          batchPayment,
          { ...batchPayment, payee: { name: 'Karen', account: { iban: 'XX2500400440116243' } } },
        ],
      }),
      { reason: 'iban-format', path: 'payments[1].payee.account.iban' },
    );
  });
});
