/**
 * Contact details for notices (the brochure's step 4 of getting MitID): an e-mail address, a mobile number, or both.
 * Checked for shape only, by `<mitid-enrol>` as the user types and by the broker again: a real deployment confirms
 * them by sending a code, which the broker's notifier is the place for. Re-exported by ./rules.ts.
 */
import { ENROL_LIMITS, type ContactProblem, type EnrolContact } from './enrol-api.js';

// One @, something before it, a dotted domain after it; no spaces, no angle brackets or quotes (it is shown and sent).
const EMAIL = /^[^\s@<>"',;]+@[^\s@<>"',;]+\.[^\s@<>"',;.]{2,}$/u;
// Danish 8 digits, or E.164 (+, a country code and 8–15 digits in all); spaces and dashes between digits allowed.
const PHONE = /^(\+[1-9]\d{7,14}|\d{8})$/;

/** Why the contact details cannot be used, or `null` when they can (blank fields count as not given). */
export function contactProblem(contact: EnrolContact): ContactProblem | null {
  const email = contact.email?.trim();
  const phone = contact.phone?.replace(/[\s-]/g, '');
  if (!email && !phone) return 'none';
  if (email && (email.length > ENROL_LIMITS.emailMaxLength || !EMAIL.test(email))) return 'email';
  if (phone && !PHONE.test(phone)) return 'phone';
  return null;
}
