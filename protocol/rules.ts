/**
 * Input rules both sides enforce: the element before any network call (so the user learns at once what is
 * wrong), the broker again (because a page can send anything). Part of the shared wire contract: no DOM, no Node.
 */
import { LIMITS } from './page-api.js';

export type UserIdProblem = 'empty' | 'too-long' | 'cpr' | 'invalid-characters';
export type TransactionTextProblem = 'empty' | 'too-long' | 'control-characters';
export type NonceProblem = 'empty' | 'too-short' | 'too-long' | 'invalid-characters';

/** The characters a nonce may hold: base64, base64url and the URL-safe punctuation (no spaces, no markup). */
export const NONCE_PATTERN = /^[A-Za-z0-9._~+/=-]+$/;

// A CPR number is ddmmyy-ssss: ten digits, optionally with a dash (or space) after the sixth. MitID tells users
// never to use it as their user ID, so anything shaped like one is refused, valid date or not.
const CPR_SHAPE = /^\d{6}[-\s]?\d{4}$/;

// Letters (any script), digits and a few separators; no control characters, no markup-significant characters.
const USER_ID_CHARACTERS = /^[\p{L}\p{N}._@+-]+$/u;

// C0 and C1 control characters other than line feed (new lines are allowed in transaction texts), plus
// bidirectional overrides and isolates, which can make a text read differently from what it is.
// eslint-disable-next-line no-control-regex -- matching control characters is the point of this pattern
const FORBIDDEN_IN_TEXT = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;

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

/** The canonical transaction text: CRLF and CR become LF; nothing else changes, so what is shown is what is signed. */
export function normalizeTransactionText(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/** Why `text` is not acceptable, or `null`. Apply to the normalized text. */
export function transactionTextProblem(text: string): TransactionTextProblem | null {
  if (text.trim().length === 0) return 'empty';
  // Counted in code points, so that "æøå" and emoji count as one character each, as the user sees them.
  if ([...text].length > LIMITS.transactionTextMaxLength) return 'too-long';
  if (FORBIDDEN_IN_TEXT.test(text)) return 'control-characters';
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
