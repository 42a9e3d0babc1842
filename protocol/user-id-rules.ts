/**
 * The rules for a user ID a person chooses at enrolment (the brochure's step 5: never the CPR number; letters, digits
 * and special characters that are hard to guess and easy to remember). Stricter than the rules for a user ID typed
 * at login (./rules.ts `userIdProblem`), which only refuse what can never be one: an ID chosen today must also not
 * hold a CPR number anywhere, be too short, be only digits, be the person's name or e-mail, or be a common choice.
 * The element applies them as the user types; the broker again before it reserves the ID. Re-exported by ./rules.ts.
 */
import { LIMITS } from './page-api.js';

/** Why a chosen user ID is refused (`reason` of the broker's `user_id_refused`). */
export type ChosenUserIdProblem =
  | 'empty'
  | 'too-long'
  | 'invalid-characters' // anything but letters, digits and . _ @ + -
  | 'cpr' // holds a CPR number in any known shape: 010190-1234, 0101901234, 01.01.90-1234, 01 01 90 1234, 01011990-1234
  | 'too-short' // fewer than USER_ID_CHOICE.minLength characters
  | 'all-digits'
  | 'name' // a part of the person's name, or the name run together, with or without digits after it
  | 'email' // the person's e-mail address or the part before the @, with or without digits after it
  | 'common'; // on the list of common choices, or one character repeated

export const USER_ID_CHOICE = {
  minLength: 6,
  /** A password chosen at activation (step 7, for a code display or an audio code reader). */
  passwordMinLength: 8,
} as const;

/** Why a chosen password is refused (`reason` of the broker's `password_refused`). */
export type ChosenPasswordProblem =
  | 'too-short' // fewer than USER_ID_CHOICE.passwordMinLength characters
  | 'too-long'
  | 'user-id' // holds the user ID
  | 'cpr' // holds a CPR number
  | 'common'; // a common choice (with or without digits after it), or one character repeated

/** What the broker knows of the person choosing: the bank's name and e-mail for the customer, and step 4's. */
export interface UserIdChoiceContext {
  name?: string;
  emails?: readonly string[];
}

// Letters (any script), digits and a few separators, as for login.
const CHARACTERS = /^[\p{L}\p{N}._@+-]+$/u;
// Separators a CPR number is written with (and a user ID may hold): removed before looking for the digits.
const SEPARATORS = /[\s._+@-]/gu;
// Ten digits whose first six are a day and month (a day of 61–91 is a substitute CPR number: the day plus 60),
// anywhere in the ID once separators are gone; twelve digits with a four-digit year are caught by the same window.
const CPR_DIGITS = /(?:0[1-9]|[12]\d|3[01]|6[1-9]|[78]\d|9[01])(?:0[1-9]|1[0-2])\d{6}/u;
const TRAILING_DIGITS = /\d+$/u;

// The commonest choices of user names and passwords, in Danish and English, and the product's own names. Compared
// with separators removed, in lower case, and with any digits at the end left off ("mitid2026" is "mitid").
const COMMON_WORDS =
  'mitid nemid nemlogin password passw0rd kodeord adgangskode hemmelig secret brugernavn bruger ' +
  'brugerid user username userid admin administrator root test tester testbruger demo guest gaest gæst ' +
  'login logon qwerty qwertz asdfgh asdfghjkl zxcvbn abcdef abcdefg abc abcabc danmark denmark dansk ' +
  'dansker netbank bank banken borger velkommen welcome letmein iloveyou jegelskerdig elskerdig monkey ' +
  'dragon football fodbold sommer vinter foraar efteraar princess master default changeme hejmeddig hej ' +
  'hello mitbrugernavn minbruger myuser';

/** The list, split when a rule first needs it: a top-level call would keep it in every bundle that imports rules.ts. */
let common: readonly string[] | undefined;
function commonChoices(): readonly string[] {
  common ??= COMMON_WORDS.split(' ');
  return common;
}

/** Lower case, NFC, without separators: the form IDs are compared in. */
function compact(value: string): string {
  return value.normalize('NFC').toLowerCase().replace(SEPARATORS, '');
}

/** The ID as compared, and again without digits at its end (a name or a word with a year or a number after it). */
function forms(userId: string): string[] {
  const whole = compact(userId);
  const stem = whole.replace(TRAILING_DIGITS, '');
  return stem && stem !== whole ? [whole, stem] : [whole];
}

/** A name's parts of two letters or more, and runs of neighbouring parts together ("annahansen", "annamariehansen"). */
function nameForms(name: string): string[] {
  const parts = name
    .normalize('NFC')
    .toLowerCase()
    .split(/[\s,.'’-]+/u)
    .filter((part) => part.length >= 2);
  const found = new Set<string>();
  for (let start = 0; start < parts.length; start += 1) {
    for (let end = start + 1; end <= parts.length; end += 1) found.add(parts.slice(start, end).join(''));
  }
  if (parts.length > 2) found.add(`${parts[0]}${parts[parts.length - 1]}`);
  return [...found];
}

function emailForms(email: string): string[] {
  const local = email.trim().split('@')[0] ?? '';
  return [compact(email), compact(local)].filter((form) => form.length > 0);
}

/** Holds a CPR number in any of the shapes it is written in. */
export function holdsCpr(userId: string): boolean {
  return CPR_DIGITS.test(userId.replace(SEPARATORS, ''));
}

/** Why `userId` may not be chosen, or `null` when it may. Expects the value as the user typed it. */
export function chosenUserIdProblem(userId: string, context: UserIdChoiceContext = {}): ChosenUserIdProblem | null {
  const value = userId.trim();
  if (value.length === 0) return 'empty';
  if (value.length > LIMITS.userIdMaxLength) return 'too-long';
  if (holdsCpr(value)) return 'cpr';
  if (!CHARACTERS.test(value)) return 'invalid-characters';
  if ([...value].length < USER_ID_CHOICE.minLength) return 'too-short';
  if (/^\p{N}+$/u.test(value)) return 'all-digits';
  const mine = forms(value);
  const matches = (candidates: readonly string[]) => candidates.some((candidate) => mine.includes(candidate));
  if (context.name && matches(nameForms(context.name))) return 'name';
  if (context.emails?.some((email) => matches(emailForms(email)))) return 'email';
  if (mine.some((form) => /^(.)\1*$/u.test(form)) || matches(commonChoices())) return 'common';
  return null;
}

/** Why `password` may not be chosen by the person with `userId`, or `null` when it may. */
export function chosenPasswordProblem(password: string, userId: string): ChosenPasswordProblem | null {
  const length = [...password].length;
  if (length < USER_ID_CHOICE.passwordMinLength) return 'too-short';
  if (length > LIMITS.passwordMaxLength) return 'too-long';
  const id = compact(userId);
  if (id.length > 0 && compact(password).includes(id)) return 'user-id';
  if (holdsCpr(password)) return 'cpr';
  const mine = forms(password);
  if (mine.some((form) => /^(.)\1*$/u.test(form)) || commonChoices().some((word) => mine.includes(word)))
    return 'common';
  return null;
}
