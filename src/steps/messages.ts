/**
 * Texts the element both shows and says: the error step's message (also the `mitid-error` event's), a field's
 * problem (announced when it appears) and the tries left after a wrong one. They sit in the first load because
 * the element needs them itself.
 */
import type { FlowState, Tries } from '../flow/machine.js';
import type { Translation } from '../i18n/index.js';

type ErrorState = Extract<FlowState, { step: 'error' }>;

/** The error's message; a block says when it ends (or that support lifts it). */
export function errorMessage(
  t: Translation,
  error: Pick<ErrorState, 'code' | 'blockedUntil' | 'textProblem'> & { mode?: ErrorState['mode'] },
  now = Date.now(),
): string {
  if (error.textProblem) return t.textProblems[error.textProblem];
  // An unknown code (a newer broker's) reads as `internal`; a login says "not logged in" where an approval says
  // "nothing approved".
  const code = t.errors[error.code] !== undefined ? error.code : 'internal';
  const message = (error.mode === 'login' ? t.loginErrors[code] : undefined) ?? t.errors[code] ?? t.errors.internal;
  if (error.code !== 'factor_blocked' && error.code !== 'blocked') return message;
  const until = error.blockedUntil ?? null;
  const today = until !== null && new Date(until).toDateString() === new Date(now).toDateString();
  return `${message} ${t.blockedUntil(until === null ? null : new Date(until), today)}`;
}

export function fieldProblem(state: FlowState, t: Translation): string | null {
  if (state.step === 'user-id' && state.problem) return t.userIdProblems[state.problem];
  if (state.step === 'code' && state.problem) return t.codeProblems[state.problem];
  if (state.step === 'password' && state.problem) return t.passwordProblems[state.problem];
  if (state.step === 'chip' && state.problem) return t.chipProblems[state.problem];
  return null;
}

/** The app step's hint, shown and said: after the pairing code (not a scan) it says the code was accepted. */
export function appHint(t: Translation, state: Pick<Extract<FlowState, { step: 'app' }>, 'hint' | 'pairedBy'>): string {
  return state.hint === 'qr-scanned' && state.pairedBy === 'code' ? t.pairingAccepted : t.hints[state.hint];
}

/** What is announced when a field's problem appears: the problem, and after a wrong try the tries left. */
export function fieldAnnouncement(state: FlowState, t: Translation): string | null {
  const problem = fieldProblem(state, t);
  if (!problem) return null;
  const wrong = 'problem' in state && (state.problem === 'wrong' || state.problem === 'failed');
  const tries = wrong && 'tries' in state ? triesLeft(t, state.tries) : null;
  return tries ? `${problem} ${tries}` : problem;
}

/** "You have 2 tries left before … is blocked for 15 minutes", from what the broker said after a wrong try. */
export function triesLeft(t: Translation, tries: Tries | null): string | null {
  return tries ? t.attemptsLeft(tries.left, tries.blockSeconds) : null;
}
