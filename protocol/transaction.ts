/**
 * Structured approvals (PSD2 dynamic linking, RTS art. 5): what a payment or a batch of payments is on the wire, its
 * canonical JSON (the bytes the app device hashes into its signature) and its one rendering in words. Part of the
 * wire contract: the broker renders and hashes, the element and the app show the same rendering, the verifier
 * compares the fields. No DOM, no Node. The rules a transaction must follow are in ./rules.ts.
 */

/** An amount as a decimal string (`"2300.00"`), never a float, and its ISO 4217 currency (`"DKK"`). */
export interface Amount {
  value: string;
  currency: string;
}

/** A Danish account (4-digit registration number, account number of up to 10 digits), or an IBAN. */
export type Account = DanishAccount | IbanAccount;

export interface DanishAccount {
  /** Registreringsnummer: 4 digits. */
  reg: string;
  /** Kontonummer: 1–10 digits, as the bank writes it (leading zeros are kept, and compared). */
  number: string;
}

export interface IbanAccount {
  /** Electronic format: upper case, no spaces (`DK5000400440116243`); its mod-97 check digits must hold. */
  iban: string;
}

export interface Payee {
  name: string;
  account: Account;
}

/** One payment of a batch. */
export interface BatchPayment {
  amount: Amount;
  payee: Payee;
  /** The text the payee sees on their statement. */
  reference?: string;
}

export interface PaymentDetails extends BatchPayment {
  kind: 'payment';
}

export interface BatchDetails {
  kind: 'batch';
  /** 2 to `TRANSACTION_LIMITS.batchMaxPayments` payments; one payment is a `payment`. */
  payments: BatchPayment[];
}

/** What an approval is of, as data. */
export type TransactionDetails = PaymentDetails | BatchDetails;

/** The languages the broker renders a transaction in; the session's `lang`, Danish by default. */
export type TransactionLanguage = 'da' | 'en';

export const TRANSACTION_LIMITS = {
  batchMaxPayments: 10,
  /** SEPA's creditor name is at most 70 characters. */
  payeeNameMaxLength: 70,
  /** A Danish transfer's "tekst til modtager" is short; 35 fits the banks' forms and a line of the app. */
  referenceMaxLength: 35,
  /** Digits before the decimal point: up to 999 999 999 999 999. */
  amountMaxIntegerDigits: 15,
  /** ISO 4217 minor units in use go up to 3 (BHD, KWD, ...). */
  amountMaxDecimals: 3,
  /** The MitID brokers' reference text: "It is limited to 130 characters" (Signaturgruppen's broker documentation). */
  mitidReferenceTextMaxLength: 130,
} as const;

/**
 * RFC 8785 (JCS) canonical JSON of a transaction's details. The details hold only objects, arrays and strings (the
 * amount is a string on purpose), and for those JCS is exactly: object members sorted by their names' UTF-16 code
 * units, no white space, strings as ECMAScript's JSON.stringify writes them. Numbers, the hard part of JCS, cannot
 * occur: anything but a string, an array or a plain object is refused here rather than guessed at. A unit test
 * checks the result against the `canonicalize` package (the RFC author's implementation) for many inputs.
 */
export function canonicalJson(value: unknown): string {
  if (typeof value === 'string') {
    if (/\p{Cs}/u.test(value)) throw new TypeError('canonicalJson: a lone surrogate has no UTF-8 form');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((item: unknown) => canonicalJson(item)).join(',')}]`;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const record = value as Record<string, unknown>;
    const members = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort()
      .map((key) => `${canonicalJson(key)}:${canonicalJson(record[key])}`);
    return `{${members.join(',')}}`;
  }
  throw new TypeError(`canonicalJson: only strings, arrays and plain objects (got ${typeof value})`);
}

/**
 * A piece of the rendering. `amount` and `account` pieces are shown isolated (`<bdi dir="ltr">`), so no character
 * around them can reorder their digits; joined, the pieces are exactly the text the broker returns and the app shows.
 */
export interface TextPiece {
  kind: 'text' | 'amount' | 'account' | 'name';
  text: string;
}

const WORDS = {
  da: {
    transfer: 'Overførsel af ',
    to: ' til ',
    account: ', konto ',
    reference: ', tekst »',
    referenceEnd: '«',
    batch: (count: number) => `${count} overførsler på i alt `,
    and: ' og ',
  },
  en: {
    transfer: 'Transfer of ',
    to: ' to ',
    account: ', account ',
    reference: ', reference “',
    referenceEnd: '”',
    batch: (count: number) => `${count} transfers totalling `,
    and: ' and ',
  },
} as const;

/** `"2300.5"` in Danish: `"2.300,5"`; in English `"2,300.5"`. String work only: the value is never a float. */
export function formatDecimal(value: string, lang: TransactionLanguage): string {
  const [whole = '', fraction] = value.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'da' ? '.' : ',');
  return fraction === undefined ? grouped : `${grouped}${lang === 'da' ? ',' : '.'}${fraction}`;
}

/** `2.300,00 kr.` (Danish kroner in Danish), `100,00 EUR`; in English `DKK 2,300.00`. */
export function formatAmount(amount: Amount, lang: TransactionLanguage): string {
  const number = formatDecimal(amount.value, lang);
  if (lang === 'en') return `${amount.currency} ${number}`;
  return amount.currency === 'DKK' ? `${number} kr.` : `${number} ${amount.currency}`;
}

/** `9978 000123456`; an IBAN in groups of four, as printed (`DK50 0040 0440 1162 43`). */
export function formatAccount(account: Account): string {
  if ('iban' in account) return account.iban.replace(/(.{4})(?=.)/g, '$1 ');
  return `${account.reg} ${account.number}`;
}

/** Sums decimal strings exactly (as integers of the smallest unit given), for a batch's total per currency. */
export function sumDecimals(values: readonly string[]): string {
  const decimals = Math.max(0, ...values.map((value) => value.split('.')[1]?.length ?? 0));
  let total = 0n;
  for (const value of values) {
    const [whole = '0', fraction = ''] = value.split('.');
    total += BigInt(whole + fraction.padEnd(decimals, '0'));
  }
  if (decimals === 0) return total.toString();
  const digits = total.toString().padStart(decimals + 1, '0');
  return `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}

/** Each currency of a batch (in order of first appearance) with its exact total. */
export function totalsByCurrency(payments: readonly BatchPayment[]): Amount[] {
  const byCurrency = new Map<string, string[]>();
  for (const { amount } of payments)
    byCurrency.set(amount.currency, [...(byCurrency.get(amount.currency) ?? []), amount.value]);
  return [...byCurrency].map(([currency, values]) => ({ value: sumDecimals(values), currency }));
}

function paymentPieces(payment: BatchPayment, lang: TransactionLanguage, lead: string): TextPiece[] {
  const words = WORDS[lang];
  const pieces: TextPiece[] = [
    { kind: 'text', text: lead },
    { kind: 'amount', text: formatAmount(payment.amount, lang) },
    { kind: 'text', text: words.to },
    { kind: 'name', text: payment.payee.name },
    { kind: 'text', text: words.account },
    { kind: 'account', text: formatAccount(payment.payee.account) },
  ];
  if (payment.reference !== undefined) {
    pieces.push(
      { kind: 'text', text: words.reference },
      { kind: 'name', text: payment.reference },
      { kind: 'text', text: words.referenceEnd },
    );
  }
  return pieces;
}

/**
 * The one rendering of `details` in `lang`, in pieces. A payment is one line: "Overførsel af 2.300,00 kr. til Jens
 * Hansen, konto 9978 000123456". A batch is its count and total per currency on the first line, then one line a
 * payment: "2 overførsler på i alt 3.500,00 kr.:\n2.300,00 kr. til …".
 */
export function transactionPieces(details: TransactionDetails, lang: TransactionLanguage): TextPiece[] {
  const words = WORDS[lang];
  if (details.kind === 'payment') return paymentPieces(details, lang, words.transfer);
  const pieces: TextPiece[] = [{ kind: 'text', text: words.batch(details.payments.length) }];
  totalsByCurrency(details.payments).forEach((total, index) => {
    if (index > 0) pieces.push({ kind: 'text', text: words.and });
    pieces.push({ kind: 'amount', text: formatAmount(total, lang) });
  });
  pieces.push({ kind: 'text', text: ':' });
  for (const payment of details.payments) pieces.push(...paymentPieces(payment, lang, '\n'));
  return pieces.filter((piece) => piece.text !== '');
}

/** The rendering as one text: what the broker returns, shows in the app, hashes into the signature and signs. */
export function transactionRendering(details: TransactionDetails, lang: TransactionLanguage): string {
  return transactionPieces(details, lang)
    .map((piece) => piece.text)
    .join('');
}
