/**
 * What a new session's request must be before anything is stored: a user ID that is one (never a CPR number), and in
 * approve mode a transaction text the rules accept, normalised (line endings, NFC) as it will be shown, hashed and
 * signed; a login carries no text. Pure: the session service calls it after the client is admitted.
 */
import type { CreateSessionRequest } from '../../protocol/page-api.js';
import { normalizeTransactionText, transactionTextProblem, userIdProblem } from '../../protocol/rules.js';
import { BrokerError } from '../http/errors.js';

/** The approval's text as the session keeps it (undefined for a login); throws the request's stable error. */
export function admittedText(request: CreateSessionRequest): string | undefined {
  const problem = userIdProblem(request.user_id);
  if (problem === 'cpr') {
    throw new BrokerError('cpr_user_id', 'A user ID is never a CPR number; type your MitID user ID.');
  }
  if (problem) throw new BrokerError('invalid_user_id', `The user ID is not valid (${problem}).`);
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
