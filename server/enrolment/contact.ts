/**
 * Contact details for notices (step 4): an e-mail address, a mobile number, or both. Checked for shape only: a real
 * deployment confirms them by sending a code, which the notifier (../identity/notices.ts) is the place for.
 */
import { ENROL_LIMITS, type ContactProblem, type EnrolContact } from '../../protocol/enrol-api.js';

// One @, something before it, a dotted domain after it; no spaces, no angle brackets or quotes (it is shown and sent).
const EMAIL = /^[^\s@<>"',;]+@[^\s@<>"',;]+\.[^\s@<>"',;.]{2,}$/u;
// Danish 8 digits, or E.164 (+, a country code and 8–15 digits in all); spaces and dashes between digits allowed.
const PHONE = /^(\+[1-9]\d{7,14}|\d{8})$/;

export function contactProblem(contact: EnrolContact): ContactProblem | null {
  const email = contact.email?.trim();
  const phone = contact.phone?.replace(/[\s-]/g, '');
  if (!email && !phone) return 'none';
  if (email && (email.length > ENROL_LIMITS.emailMaxLength || !EMAIL.test(email))) return 'email';
  if (phone && !PHONE.test(phone)) return 'phone';
  return null;
}
