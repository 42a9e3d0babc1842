/**
 * Input rules both sides enforce: the element before any network call (so the user learns at once what is
 * wrong), the broker again (because a page can send anything). Part of the shared wire contract: no DOM, no Node.
 */
import { LIMITS } from './page-api.js';

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
