/**
 * What a new session's request must be before anything is stored: a user ID that is one (never a CPR number), or for
 * an approval a login hint this broker sealed for the client, and in approve mode a transaction the rules accept: a
 * free text, normalised (line endings, NFC) as it will be shown, hashed and signed, or the details of a payment or a
 * batch, rendered here in the session's language; a login carries neither. A client in MitID-compatible mode gets
 * texts of at most MitID's 130 characters. Pure: the session service calls these after the client is admitted, and
 * keeps what `storedTransaction` makes of the result.
 */
import type { CreateSessionRequest } from '../../protocol/page-api.js';
import {
  normalizeTransactionText,
  transactionDetailsProblem,
  transactionTextProblem,
  userIdProblem,
} from '../../protocol/rules.js';
import {
  canonicalJson,
  TRANSACTION_LIMITS,
  transactionRendering,
  type TransactionDetails,
} from '../../protocol/transaction.js';
import { createHash } from 'node:crypto';
import { normalizeUserId } from '../config/identities.js';
import { BrokerError } from '../http/errors.js';
import type { LoginHints } from '../signing/login-hint.js';
import type { AssertionSubject } from '../signing/assertion.js';
import { transactionRegistryProblem } from './transaction-registries.js';
import type { SessionRecord } from './types.js';

/**
 * The (normalized) user ID the session is for: the typed one, or the one sealed in an approval's login hint. Exactly
 * one of the two is given: a hint beside a user ID could name someone else, and neither would be the obvious one.
 */
export function admittedUserId(
  request: Pick<CreateSessionRequest, 'client_id' | 'mode' | 'user_id' | 'login_hint'>,
  hints: LoginHints,
  now: number,
): string {
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

/** An admitted approval: the text the user is shown, and the details it renders when it is a payment or a batch. */
export interface AdmittedTransaction {
  text: string;
  details?: TransactionDetails;
}

/**
 * A create-session request as the body schema lets it through: `details` is still unchecked (`unknown`) until the
 * rules have looked at it, so that a bad one is refused with the rule it breaks.
 */
export type UncheckedSessionRequest = Omit<CreateSessionRequest, 'transaction'> & {
  transaction?: { text?: string; details?: unknown };
};

/** What the admission needs of the client: whether it asked for MitID-compatible texts. */
export interface AdmissionClient {
  mitidCompatible?: boolean;
}

/** The approval as the session keeps it (undefined for a login); throws the request's stable error. */
export function admittedTransaction(
  request: UncheckedSessionRequest,
  client: AdmissionClient = {},
): AdmittedTransaction | undefined {
  if (request.mode !== 'approve') {
    if (request.transaction) {
      throw new BrokerError('invalid_request', 'A login carries no transaction; use mode "approve".');
    }
    return undefined;
  }
  if (!request.transaction) throw new BrokerError('invalid_transaction_text', 'An approval needs a transaction.');
  if ((request.transaction.text === undefined) === (request.transaction.details === undefined)) {
    throw new BrokerError('invalid_request', 'A transaction has either a "text" or "details", not both.');
  }
  const admitted =
    request.transaction.details !== undefined
      ? admittedDetails(request.transaction.details, request.lang ?? 'da')
      : { text: admittedText(request.transaction.text ?? '') };
  if (client.mitidCompatible) fitsMitid(admitted.text);
  return admitted;
}

function admittedText(raw: string): string {
  const text = normalizeTransactionText(raw);
  const textProblem = transactionTextProblem(text);
  if (textProblem) {
    throw new BrokerError('invalid_transaction_text', `The transaction text is not valid (${textProblem}).`, {
      reason: textProblem,
    });
  }
  return text;
}

function admittedDetails(details: unknown, lang: 'da' | 'en'): AdmittedTransaction {
  const problem = transactionDetailsProblem(details) ?? transactionRegistryProblem(details as TransactionDetails);
  if (problem) {
    const where = problem.path === '' ? '' : ` at ${problem.path}`;
    throw new BrokerError('invalid_transaction', `The transaction details are not valid (${problem.reason}${where}).`, {
      reason: problem.reason,
      path: problem.path,
    });
  }
  const valid = details as TransactionDetails;
  return { text: transactionRendering(valid, lang), details: valid };
}

function fitsMitid(text: string): void {
  const length = [...text].length;
  const limit = TRANSACTION_LIMITS.mitidReferenceTextMaxLength;
  if (length > limit) {
    throw new BrokerError(
      'mitid_text_too_long',
      `The text to approve is ${length} characters; MitID's reference text holds at most ${limit}.`,
      { length, limit },
    );
  }
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

type TransactionFields = Pick<
  SessionRecord,
  'transactionText' | 'transactionSha256' | 'transactionDetails' | 'transactionDetailsSha256'
>;

/** What the session keeps of an admitted approval: the text, the details, and the hashes the device signs. */
export function storedTransaction(transaction: AdmittedTransaction): TransactionFields {
  const fields: TransactionFields = {
    transactionText: transaction.text,
    transactionSha256: sha256Hex(transaction.text),
  };
  if (transaction.details) {
    fields.transactionDetails = transaction.details;
    fields.transactionDetailsSha256 = sha256Hex(canonicalJson(transaction.details));
  }
  return fields;
}

/** The `transaction` of the assertion's subject: what the user approved, as the session keeps it. */
export function assertedTransaction(session: SessionRecord): Pick<AssertionSubject, 'transaction'> {
  if (session.transactionText === undefined || !session.transactionSha256) return {};
  const { transactionDetails: details, transactionDetailsSha256: detailsSha256 } = session;
  return {
    transaction: {
      text: session.transactionText,
      sha256: session.transactionSha256,
      ...(details && detailsSha256 ? { details, details_sha256: detailsSha256 } : {}),
    },
  };
}
