/**
 * Texts the element both shows and says: the error step's message (also the `mitid-error` event's) and a field's
 * problem (announced when it appears). They sit in the first load because the element needs them itself.
 */
import type { FlowErrorCode, FlowState } from '../flow/machine.js';
import type { Translation } from '../i18n/index.js';

export function errorMessage(t: Translation, code: FlowErrorCode): string {
  return t.errors[code] ?? t.errors.internal;
}

export function fieldProblem(state: FlowState, t: Translation): string | null {
  if (state.step === 'user-id' && state.problem) return t.userIdProblems[state.problem];
  if (state.step === 'code' && state.problem) return t.codeProblems[state.problem];
  if (state.step === 'password' && state.problem) return t.passwordProblems[state.problem];
  if (state.step === 'chip' && state.problem) return t.chipProblems[state.problem];
  return null;
}
