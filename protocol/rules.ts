/**
 * Input rules both sides enforce: the element before any network call (so the user learns at once what is
 * wrong), the broker again (because a page can send anything). Part of the shared wire contract: no DOM, no Node.
 */
import { LIMITS } from './page-api.js';
import { TRANSACTION_LIMITS } from './transaction.js';

export type UserIdProblem = 'empty' | 'too-long' | 'cpr' | 'invalid-characters';
export type TransactionTextProblem =
  'empty' | 'too-long' | 'control-characters' | 'direction-marks' | 'invisible-characters' | 'blank-lines';
export type NonceProblem = 'empty' | 'too-short' | 'too-long' | 'invalid-characters';

/** The characters a nonce may hold: base64, base64url and the URL-safe punctuation (no spaces, no markup). */
export const NONCE_PATTERN = /^[A-Za-z0-9._~+/=-]+$/;

// A CPR number is ddmmyy-ssss: ten digits, optionally with a dash (or space) after the sixth. MitID tells users
// never to use it as their user ID, so anything shaped like one is refused, valid date or not.
const CPR_SHAPE = /^\d{6}[-\s]?\d{4}$/;

// Letters (any script), digits and a few separators; no control characters, no markup-significant characters.
const USER_ID_CHARACTERS = /^[\p{L}\p{N}._@+-]+$/u;

// A transaction text is read by a person deciding whether to approve it, so it may hold nothing that shows other
// than it is, or not at all:
// - control characters (C0 and C1 but the line feed; U+2028/U+2029, which some renderers break lines at and others
//   do not; lone surrogates, which no encoding can carry and so would hash as something else);
// - bidirectional marks, embeddings, overrides and isolates, which reorder what is shown ("1234 5678" as "5678 1234");
// - default-ignorable and format characters: zero-width spaces and joiners, word joiner, BOM, soft hyphen, tag
//   characters, variation selectors, fillers, and the Arabic number signs that stretch over the digits after them.
//   Emoji sequences glued with a zero-width joiner or a variation selector are refused with them: a price worth it.
const CONTROL_IN_TEXT = /(?!\n)[\p{Cc}\p{Zl}\p{Zp}\p{Cs}]/u;
const DIRECTION_MARKS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
// \p{DI} is Default_Ignorable_Code_Point by its short name (the bundle is on a tight budget).
const INVISIBLE_IN_TEXT = /[\p{DI}\p{Cf}]/u;
// Blank lines push the rest of a text out of sight: none first or last, and no two in a row.
const BLANK_LINES = /^\s*\n|\n\s*$|\n[^\S\n]*\n[^\S\n]*\n/u;

export function looksLikeCpr(value: string): boolean {
  return CPR_SHAPE.test(value.trim());
}

/** Why `userId` is not acceptable, or `null` when it is. Expects the value as the user typed it. */
export function userIdProblem(userId: string): UserIdProblem | null {
  const value = userId.trim();
  if (value.length === 0) return 'empty';
  if (value.length > LIMITS.userIdMaxLength) return 'too-long';
  if (looksLikeCpr(value)) return 'cpr';
  if (!USER_ID_CHARACTERS.test(value)) return 'invalid-characters';
  return null;
}

/**
 * The canonical transaction text: CRLF and CR become LF, and the text is normalized to NFC (so "Å" is one code point
 * however the page wrote it). The broker normalizes rather than refuses: it stores, shows, hashes and signs the
 * normalized text, and the verifier normalizes the text it expects the same way, so what is shown is what is signed.
 */
export function normalizeTransactionText(text: string): string {
  return text.replace(/\r\n?/g, '\n').normalize('NFC');
}

/** Why `text` is not acceptable, or `null`. Apply to the normalized text. */
export function transactionTextProblem(text: string): TransactionTextProblem | null {
  if (text.trim().length === 0) return 'empty';
  // Counted in code points, so that "æøå" and emoji count as one character each, as the user sees them.
  if ([...text].length > LIMITS.transactionTextMaxLength) return 'too-long';
  if (CONTROL_IN_TEXT.test(text)) return 'control-characters';
  if (DIRECTION_MARKS.test(text)) return 'direction-marks';
  if (INVISIBLE_IN_TEXT.test(text)) return 'invisible-characters';
  if (BLANK_LINES.test(text)) return 'blank-lines';
  return null;
}

/**
 * Why `nonce` is not acceptable, or `null`. The broker's session schema applies the same length and characters,
 * so the element can refuse a page's bad nonce before any network call instead of learning it from a 400.
 */
export function nonceProblem(nonce: string): NonceProblem | null {
  if (nonce.length === 0) return 'empty';
  if (nonce.length < LIMITS.nonceMinLength) return 'too-short';
  if (nonce.length > LIMITS.nonceMaxLength) return 'too-long';
  if (!NONCE_PATTERN.test(nonce)) return 'invalid-characters';
  return null;
}

// ---- Structured transactions (./transaction.ts) ---------------------------------------------------------------

/** Which rule a structured transaction breaks (`reason` of `invalid_transaction`); `path` says where. */
export type TransactionProblem =
  | 'shape' // not the documented shape: a field missing, of the wrong type, or unknown
  | 'kind' // `kind` is neither `payment` nor `batch`
  | 'batch-size' // a batch holds fewer than 2 or more than TRANSACTION_LIMITS.batchMaxPayments payments
  | 'amount-format' // not a decimal string: digits, no leading zeros, a point and 1–3 decimals at most
  | 'amount-too-large' // more than TRANSACTION_LIMITS.amountMaxIntegerDigits digits before the point
  | 'amount-not-positive' // zero
  | 'currency' // not three capital letters; at the broker also: not a current ISO 4217 code
  | 'payee-name' // empty, too long, not trimmed or NFC, a run of 4 digits, quote marks, or characters a text may not hold
  | 'reg-number' // a Danish registration number is 4 digits
  | 'account-number' // a Danish account number is 1–10 digits
  | 'iban-format' // an IBAN: 2 capital letters, 2 check digits, 11–30 capital letters or digits, no spaces; at the broker
  //                also: the country's length and BBAN format (SWIFT's IBAN registry)
  | 'iban-checksum' // the IBAN's mod-97 check (ISO 13616) fails: a digit is wrong or two are swapped
  | 'reference'; // like the payee name (digits allowed), TRANSACTION_LIMITS.referenceMaxLength characters at most

export interface TransactionDetailsProblem {
  reason: TransactionProblem;
  /** Where, as a path into the details: `payments[1].payee.account.iban`. */
  path: string;
}

const DECIMAL = /^(0|[1-9]\d*)(\.\d+)?$/;
const IBAN_SHAPE = /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/;

/**
 * The ISO 13616 check: the country and check digits moved to the end, letters as 10–35, the number mod 97 is 1.
 * Written here rather than taken from a package because this check is all the element needs (the size budget of
 * its bundle rules out a library's country tables), and it is a few lines of arithmetic, tested on published IBANs.
 */
export function ibanChecksumHolds(iban: string): boolean {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const character of rearranged) {
    const digits = /\d/.test(character) ? character : String(character.charCodeAt(0) - 55);
    for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The record's keys are all allowed and the required ones there. */
function hasKeys(value: Record<string, unknown>, required: readonly string[], optional: readonly string[] = []) {
  const keys = Object.keys(value);
  return required.every((key) => key in value) && keys.every((key) => required.includes(key) || optional.includes(key));
}

// The rendering quotes a reference in »…« (“…” in English): neither may hold a quote mark that would end it early and
// let the rest pass for the broker's words ("Husleje«, konto 6666 000999999").
const QUOTE_MARKS = /[«»“”„"]/u;
// A payee name with a run of four digits could pass for a registration or account number in the sentence
// ("Jens Hansen, konto 6666 000999999" as a name); company names with a few digits ("3F", "7-Eleven") are fine.
const ACCOUNT_LIKE = /\d{4}/u;

/** A name or reference: one line, trimmed, NFC, no quote marks, and nothing a transaction text may not hold. */
function shortTextHolds(value: unknown, maxLength: number): boolean {
  if (typeof value !== 'string') return false;
  if (value !== value.trim() || value.normalize('NFC') !== value || value.includes('\n')) return false;
  if (QUOTE_MARKS.test(value)) return false;
  if ([...value].length > maxLength) return false;
  return transactionTextProblem(value) === null;
}

function amountProblem(amount: unknown): TransactionProblem | null {
  if (!isRecord(amount) || !hasKeys(amount, ['value', 'currency'])) return 'shape';
  const { value, currency } = amount;
  if (typeof value !== 'string' || typeof currency !== 'string') return 'shape';
  const match = DECIMAL.exec(value);
  if (!match || (match[2] !== undefined && match[2].length - 1 > TRANSACTION_LIMITS.amountMaxDecimals)) {
    return 'amount-format';
  }
  if ((match[1] ?? '').length > TRANSACTION_LIMITS.amountMaxIntegerDigits) return 'amount-too-large';
  if (!/[1-9]/.test(value)) return 'amount-not-positive';
  if (!/^[A-Z]{3}$/.test(currency)) return 'currency';
  return null;
}

function accountProblem(account: unknown): [TransactionProblem, string] | null {
  if (!isRecord(account)) return ['shape', ''];
  if ('iban' in account) {
    if (!hasKeys(account, ['iban'])) return ['shape', ''];
    if (typeof account.iban !== 'string' || !IBAN_SHAPE.test(account.iban)) return ['iban-format', '.iban'];
    return ibanChecksumHolds(account.iban) ? null : ['iban-checksum', '.iban'];
  }
  if (!hasKeys(account, ['reg', 'number'])) return ['shape', ''];
  if (typeof account.reg !== 'string' || !/^\d{4}$/.test(account.reg)) return ['reg-number', '.reg'];
  if (typeof account.number !== 'string' || !/^\d{1,10}$/.test(account.number)) return ['account-number', '.number'];
  return null;
}

/** `payments[1].` inside a batch; nothing at the top of a payment. */
function at(path: string): string {
  return path === '' ? '' : `${path}.`;
}

function paymentProblem(payment: unknown, path: string, keys: readonly string[]): TransactionDetailsProblem | null {
  if (!isRecord(payment) || !hasKeys(payment, [...keys, 'amount', 'payee'], ['reference'])) {
    return { reason: 'shape', path };
  }
  const amount = amountProblem(payment.amount);
  if (amount) return { reason: amount, path: `${at(path)}amount` };
  const payee = payment.payee;
  if (!isRecord(payee) || !hasKeys(payee, ['name', 'account'])) return { reason: 'shape', path: `${at(path)}payee` };
  const name = payee.name;
  if (!shortTextHolds(name, TRANSACTION_LIMITS.payeeNameMaxLength) || name === '' || ACCOUNT_LIKE.test(String(name))) {
    return { reason: 'payee-name', path: `${at(path)}payee.name` };
  }
  const account = accountProblem(payee.account);
  if (account) return { reason: account[0], path: `${at(path)}payee.account${account[1]}` };
  if ('reference' in payment) {
    const reference = payment.reference;
    if (!shortTextHolds(reference, TRANSACTION_LIMITS.referenceMaxLength) || reference === '') {
      return { reason: 'reference', path: `${at(path)}reference` };
    }
  }
  return null;
}

/**
 * Why `details` is not a transaction the broker renders and the app signs, with where; `null` when it is one. Takes
 * anything (a page can set any value), so that a payment or a batch that passes is of the documented shape.
 */
export function transactionDetailsProblem(details: unknown): TransactionDetailsProblem | null {
  if (!isRecord(details) || typeof details.kind !== 'string') return { reason: 'shape', path: '' };
  if (details.kind === 'payment') return paymentProblem(details, '', ['kind']);
  if (details.kind !== 'batch') return { reason: 'kind', path: 'kind' };
  if (!hasKeys(details, ['kind', 'payments']) || !Array.isArray(details.payments)) {
    return { reason: 'shape', path: '' };
  }
  const payments: unknown[] = details.payments;
  if (payments.length < 2 || payments.length > TRANSACTION_LIMITS.batchMaxPayments) {
    return { reason: 'batch-size', path: 'payments' };
  }
  for (const [index, payment] of payments.entries()) {
    const problem = paymentProblem(payment, `payments[${index}]`, []);
    if (problem) return problem;
  }
  return null;
}

// ---- A user ID chosen at enrolment (./user-id-rules.ts) -------------------------------------------------------

export { chosenPasswordProblem, chosenUserIdProblem, holdsCpr, USER_ID_CHOICE } from './user-id-rules.js';
export type { ChosenPasswordProblem, ChosenUserIdProblem, UserIdChoiceContext } from './user-id-rules.js';

// ---- Contact details given at enrolment (./contact-rules.ts) ---------------------------------------------------

export { contactProblem } from './contact-rules.js';
