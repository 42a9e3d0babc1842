/**
 * What a new session's request must be before anything is stored: a user ID that is one (never a CPR number), or for
 * an approval a login hint this broker sealed for the client, and in approve mode a transaction text the rules
 * accept, normalised (line endings, NFC) as it will be shown, hashed and signed; a login carries no text. The session
 * service calls these after the client is admitted.
 */
import type { CreateSessionRequest } from '../../protocol/page-api.js';
import { normalizeTransactionText, transactionTextProblem, userIdProblem } from '../../protocol/rules.js';
import { normalizeUserId } from '../config/identities.js';
import { BrokerError } from '../http/errors.js';
import type { LoginHints } from '../signing/login-hint.js';

/**
 * The (normalized) user ID the session is for: the typed one, or the one sealed in an approval's login hint. Exactly
 * one of the two is given: a hint beside a user ID could name someone else, and neither would be the obvious one.
 */
export function admittedUserId(request: CreateSessionRequest, hints: LoginHints, now: number): string {
  if (request.login_hint !== undefined) {
    if (request.user_id !== undefined) {
      throw new BrokerError('invalid_request', 'Give "user_id" or "login_hint", not both.');
    }
    if (request.mode !== 'approve') {
      throw new BrokerError('invalid_login_hint', 'A login hint starts approvals only; a login asks for the user ID.');
    }
    return hints.open(request.login_hint, request.client_id, now);
  }
  if (request.user_id === undefined) throw new BrokerError('invalid_request', 'body lacks the field "user_id".');
  const problem = userIdProblem(request.user_id);
  if (problem === 'cpr') {
    throw new BrokerError('cpr_user_id', 'A user ID is never a CPR number; type your MitID user ID.');
  }
  if (problem) throw new BrokerError('invalid_user_id', `The user ID is not valid (${problem}).`);
  return normalizeUserId(request.user_id);
}

/** The approval's text as the session keeps it (undefined for a login); throws the request's stable error. */
export function admittedText(request: CreateSessionRequest): string | undefined {
  if (request.mode !== 'approve') {
    if (request.transaction) {
      throw new BrokerError('invalid_request', 'A login carries no transaction; use mode "approve".');
    }
    return undefined;
  }
  if (!request.transaction) throw new BrokerError('invalid_transaction_text', 'An approval needs a transaction.');
  const text = normalizeTransactionText(request.transaction.text);
  const textProblem = transactionTextProblem(text);
  if (textProblem) {
    throw new BrokerError('invalid_transaction_text', `The transaction text is not valid (${textProblem}).`, {
      reason: textProblem,
    });
  }
  return text;
}
