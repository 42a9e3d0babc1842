/**
 * The broker's answers to what a person chooses (protocol/user-id-rules.ts): a user ID at enrolment or when
 * changing it, a password at activation. One wording and one code per refusal, wherever the choice is made.
 */
import { chosenPasswordProblem, chosenUserIdProblem, type UserIdChoiceContext } from '../../protocol/user-id-rules.js';
import { BrokerError } from '../http/errors.js';

/** Throws `user_id_refused` with its `reason` when `userId` may not be chosen by the person `context` describes. */
export function requireChoosableUserId(userId: string, context: UserIdChoiceContext): void {
  const problem = chosenUserIdProblem(userId, context);
  if (problem) {
    throw new BrokerError('user_id_refused', `This user ID may not be chosen (${problem}).`, { reason: problem });
  }
}

/** Throws `password_refused` with its `reason` when `password` may not go with `userId`. */
export function requireChoosablePassword(password: string, userId: string): void {
  const problem = chosenPasswordProblem(password, userId);
  if (problem) {
    throw new BrokerError('password_refused', `This password may not be chosen (${problem}).`, { reason: problem });
  }
}

/** `user_id_taken`: another's now (or before a change), or reserved by another enrolment; `meanwhile` if just now. */
export function userIdTaken(meanwhile = false): BrokerError {
  return new BrokerError(
    'user_id_taken',
    meanwhile ? 'This user ID was taken meanwhile; choose another.' : 'This user ID is taken; choose another.',
  );
}
