// Structured approvals in the wire contract (protocol/transaction.ts, protocol/rules.ts): what a payment or a batch
// may be, the IBAN check, the canonical JSON the device hashes, and the one rendering in Danish and English.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import canonicalize from 'canonicalize';
import { ibanChecksumHolds, transactionDetailsProblem } from '../../../protocol/rules.js';
import {
  canonicalJson,
  formatDecimal,
  sumDecimals,
  transactionPieces,
  transactionRendering,
  type BatchDetails,
  type PaymentDetails,
} from '../../../protocol/transaction.js';

const PAYMENT: PaymentDetails = {
  kind: 'payment',
  amount: { value: '2300.00', currency: 'DKK' },
  payee: { name: 'Jens Hansen', account: { reg: '9978', number: '000123456' } },
};

const BATCH: BatchDetails = {
  kind: 'batch',
  payments: [
    { amount: { value: '2300.00', currency: 'DKK' }, payee: PAYMENT.payee },
    {
      amount: { value: '1200.50', currency: 'DKK' },
      payee: { name: 'Karen Jensen', account: { iban: 'DK5000400440116243' } },
      reference: 'Husleje december',
    },
    {
      amount: { value: '99.5', currency: 'EUR' },
      payee: { name: 'Pierre', account: { iban: 'FR1420041010050500013M02606' } },
    },
  ],
};

/** `PAYMENT` with one change at `path` (dot path, array indices as numbers). */
function changed(base: object, path: string, value: unknown): unknown {
  const copy = structuredClone(base) as Record<string, unknown>;
  const keys = path.split('.');
  let target: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
  const last = keys.at(-1) ?? '';
  if (value === undefined) delete target[last];
  else target[last] = value;
  return copy;
}

describe('IBAN mod-97 check', () => {
  it('holds for published IBANs and fails for one wrong or two swapped digits', () => {
    for (const iban of [
      'DK5000400440116243',
      'GB82WEST12345698765432',
      'DE89370400440532013000',
      'FR1420041010050500013M02606',
    ]) {
      assert.equal(ibanChecksumHolds(iban), true, iban);
    }
    assert.equal(ibanChecksumHolds('DK5000400440116244'), false);
    assert.equal(ibanChecksumHolds('DK5000400440116234'), false);
    assert.equal(ibanChecksumHolds('GB82WEST12345698765423'), false);
  });
});

describe('transactionDetailsProblem', () => {
  it('accepts a payment, a payment with a reference, a batch, and an IBAN payee', () => {
    assert.equal(transactionDetailsProblem(PAYMENT), null);
    assert.equal(transactionDetailsProblem({ ...PAYMENT, reference: 'Faktura 12' }), null);
    assert.equal(transactionDetailsProblem({ ...PAYMENT, reference: 'Faktura 20261207' }), null);
    assert.equal(transactionDetailsProblem(changed(PAYMENT, 'payee.name', '7-Eleven A/S')), null);
    assert.equal(transactionDetailsProblem(BATCH), null);
    assert.equal(
      transactionDetailsProblem(changed(PAYMENT, 'payee.account', { iban: 'GB82WEST12345698765432' })),
      null,
    );
  });

  const cases: Array<[string, unknown, string, string]> = [
    ['not an object', 'pay 2300', 'shape', ''],
    ['an unknown kind', { ...PAYMENT, kind: 'refund' }, 'kind', 'kind'],
    ['an unknown field', { ...PAYMENT, memo: 'x' }, 'shape', ''],
    ['no payee', changed(PAYMENT, 'payee', undefined), 'shape', ''],
    ['a float amount', changed(PAYMENT, 'amount.value', 2300), 'shape', 'amount'],
    ['a comma decimal', changed(PAYMENT, 'amount.value', '2300,00'), 'amount-format', 'amount'],
    ['a leading zero', changed(PAYMENT, 'amount.value', '02300.00'), 'amount-format', 'amount'],
    ['a minus', changed(PAYMENT, 'amount.value', '-1.00'), 'amount-format', 'amount'],
    ['four decimals', changed(PAYMENT, 'amount.value', '1.0000'), 'amount-format', 'amount'],
    ['an exponent', changed(PAYMENT, 'amount.value', '1e3'), 'amount-format', 'amount'],
    ['16 integer digits', changed(PAYMENT, 'amount.value', '1000000000000000'), 'amount-too-large', 'amount'],
    ['zero', changed(PAYMENT, 'amount.value', '0.00'), 'amount-not-positive', 'amount'],
    ['a lower-case currency', changed(PAYMENT, 'amount.currency', 'dkk'), 'currency', 'amount'],
    ['a symbol for a currency', changed(PAYMENT, 'amount.currency', 'kr.'), 'currency', 'amount'],
    ['an empty payee name', changed(PAYMENT, 'payee.name', ''), 'payee-name', 'payee.name'],
    ['a name with spaces around it', changed(PAYMENT, 'payee.name', ' Jens '), 'payee-name', 'payee.name'],
    ['a name with a direction mark', changed(PAYMENT, 'payee.name', 'Jens\u202EHansen'), 'payee-name', 'payee.name'],
    ['a name over two lines', changed(PAYMENT, 'payee.name', 'Jens\nHansen'), 'payee-name', 'payee.name'],
    ['a name not in NFC', changed(PAYMENT, 'payee.name', 'Ja\u030Agen'), 'payee-name', 'payee.name'],
    ['a 71-character name', changed(PAYMENT, 'payee.name', 'x'.repeat(71)), 'payee-name', 'payee.name'],
    [
      'a name that passes for an account',
      changed(PAYMENT, 'payee.name', 'Jens Hansen, konto 6666 000999999'),
      'payee-name',
      'payee.name',
    ],
    ['a name with a quote mark', changed(PAYMENT, 'payee.name', 'Jens »Hansen«'), 'payee-name', 'payee.name'],
    [
      'a reference that ends the quote early',
      { ...PAYMENT, reference: 'Husleje«, konto 6666 000999' },
      'reference',
      'reference',
    ],
    ['a 3-digit reg. no.', changed(PAYMENT, 'payee.account.reg', '997'), 'reg-number', 'payee.account.reg'],
    [
      'an 11-digit account no.',
      changed(PAYMENT, 'payee.account.number', '12345678901'),
      'account-number',
      'payee.account.number',
    ],
    [
      'an account no. with a space',
      changed(PAYMENT, 'payee.account.number', '000 123456'),
      'account-number',
      'payee.account.number',
    ],
    [
      'reg. no. and IBAN at once',
      changed(PAYMENT, 'payee.account.iban', 'DK5000400440116243'),
      'shape',
      'payee.account',
    ],
    [
      'an IBAN with spaces',
      changed(PAYMENT, 'payee.account', { iban: 'DK50 0040 0440 1162 43' }),
      'iban-format',
      'payee.account.iban',
    ],
    [
      'an IBAN in lower case',
      changed(PAYMENT, 'payee.account', { iban: 'dk5000400440116243' }),
      'iban-format',
      'payee.account.iban',
    ],
    [
      'an IBAN with one digit changed',
      changed(PAYMENT, 'payee.account', { iban: 'DK5000400440116253' }),
      'iban-checksum',
      'payee.account.iban',
    ],
    ['an empty reference', { ...PAYMENT, reference: '' }, 'reference', 'reference'],
    ['a 36-character reference', { ...PAYMENT, reference: 'r'.repeat(36) }, 'reference', 'reference'],
    ['a reference with a zero-width space', { ...PAYMENT, reference: 'Faktura\u200B12' }, 'reference', 'reference'],
    ['a batch of one', { kind: 'batch', payments: [BATCH.payments[0]] }, 'batch-size', 'payments'],
    ['a batch of eleven', { kind: 'batch', payments: Array(11).fill(BATCH.payments[0]) }, 'batch-size', 'payments'],
    [
      'a batch item with a kind',
      changed(BATCH, 'payments.1', { ...BATCH.payments[1], kind: 'payment' }),
      'shape',
      'payments[1]',
    ],
    [
      'a batch item with a bad account',
      changed(BATCH, 'payments.2.payee.account', { iban: 'FR1420041010050500013M02607' }),
      'iban-checksum',
      'payments[2].payee.account.iban',
    ],
  ];
  for (const [what, details, reason, path] of cases) {
    it(`refuses ${what}: ${reason} at "${path}"`, () => {
      assert.deepEqual(transactionDetailsProblem(details), { reason, path });
    });
  }
});

describe('canonicalJson (RFC 8785 for strings, arrays and objects)', () => {
  it('matches the canonicalize package on payments, batches and awkward strings', () => {
    const samples: unknown[] = [
      PAYMENT,
      BATCH,
      { ...PAYMENT, reference: 'Æble »økse« "quote" \\ \u0007 \u2028 €' },
      { b: ['z', { y: '1', a: '2' }], a: '', é: 'e', '\u00e9\u0301': 'x', '😀': 'smile', A: 'upper' },
    ];
    for (const sample of samples) assert.equal(canonicalJson(sample), canonicalize(sample));
  });

  it('is the same whatever order the members were written in', () => {
    const reordered = {
      payee: { account: { number: '000123456', reg: '9978' }, name: 'Jens Hansen' },
      amount: { currency: 'DKK', value: '2300.00' },
      kind: 'payment',
    };
    assert.equal(canonicalJson(reordered), canonicalJson(PAYMENT));
    assert.equal(
      canonicalJson(PAYMENT),
      '{"amount":{"currency":"DKK","value":"2300.00"},"kind":"payment","payee":{"account":{"number":"000123456","reg":"9978"},"name":"Jens Hansen"}}',
    );
  });

  it('refuses numbers, booleans, null and lone surrogates rather than guess', () => {
    for (const value of [1, true, null, { a: 1 }, ['\uD800']]) assert.throws(() => canonicalJson(value), TypeError);
  });
});

describe('the rendering', () => {
  it('writes a payment in Danish and English, amounts never as floats', () => {
    assert.equal(
      transactionRendering(PAYMENT, 'da'),
      'Overførsel af 2.300,00 kr. til Jens Hansen, konto 9978 000123456',
    );
    assert.equal(
      transactionRendering(PAYMENT, 'en'),
      'Transfer of DKK 2,300.00 to Jens Hansen, account 9978 000123456',
    );
    assert.equal(
      transactionRendering(
        { ...PAYMENT, amount: { value: '1234567890123.45', currency: 'EUR' }, reference: 'Faktura 12' },
        'da',
      ),
      'Overførsel af 1.234.567.890.123,45 EUR til Jens Hansen, konto 9978 000123456, tekst »Faktura 12«',
    );
    assert.equal(formatDecimal('0.10', 'en'), '0.10');
    assert.equal(formatDecimal('100000', 'da'), '100.000');
  });

  it('writes a batch as its count, total per currency and one line a payment', () => {
    assert.equal(
      transactionRendering(BATCH, 'da'),
      [
        '3 overførsler på i alt 3.500,50 kr. og 99,5 EUR:',
        '2.300,00 kr. til Jens Hansen, konto 9978 000123456',
        '1.200,50 kr. til Karen Jensen, konto DK50 0040 0440 1162 43, tekst »Husleje december«',
        '99,5 EUR til Pierre, konto FR14 2004 1010 0505 0001 3M02 606',
      ].join('\n'),
    );
    assert.match(
      transactionRendering(BATCH, 'en'),
      /^3 transfers totalling DKK 3,500.50 and EUR 99.5:\nDKK 2,300.00 to Jens Hansen/,
    );
  });

  it('sums decimals exactly, where floats would not', () => {
    assert.equal(sumDecimals(['0.10', '0.20']), '0.30');
    assert.equal(sumDecimals(['999999999999999.99', '0.01']), '1000000000000000.00');
    assert.equal(sumDecimals(['1', '2.5', '0.125']), '3.625');
    assert.equal(sumDecimals(['7', '8']), '15');
  });

  it('marks amounts and accounts as their own pieces, which join to the text', () => {
    const pieces = transactionPieces(BATCH, 'en');
    assert.equal(pieces.map((piece) => piece.text).join(''), transactionRendering(BATCH, 'en'));
    assert.deepEqual(
      pieces.filter((piece) => piece.kind === 'account').map((piece) => piece.text),
      ['9978 000123456', 'DK50 0040 0440 1162 43', 'FR14 2004 1010 0505 0001 3M02 606'],
    );
    assert.equal(pieces.filter((piece) => piece.kind === 'amount').length, 5);
  });
});
