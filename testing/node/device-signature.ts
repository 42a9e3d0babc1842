/**
 * What a MitID app device signs when it decides a request, done in Node for tests and benchmarks: ES256 (raw r‖s,
 * base64url) by the device key over the canonical approvalSigningInput, with the SHA-256 of the text it showed and,
 * for a payment or a batch, of the canonical JSON of the details it showed.
 */
import { createHash, sign, type KeyObject } from 'node:crypto';
import { approvalSigningInput, type AppDecision, type AppRequest } from '../../protocol/app-api.js';
import { canonicalJson, type TransactionDetails } from '../../protocol/transaction.js';

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * `shownText` defaults to the request's own text, `shownDetails` to its own details; pass others to simulate a
 * tampered display (the device signs what it was shown), `null` details for a signature over the text alone.
 */
export function signDecision(
  privateKey: KeyObject,
  request: AppRequest,
  decision: AppDecision,
  shownText: string | undefined = request.transaction_text,
  shownDetails: TransactionDetails | null | undefined = request.transaction_details,
): string {
  const input = approvalSigningInput({
    requestId: request.request_id,
    challenge: request.challenge,
    clientName: request.client_name,
    mode: request.mode,
    txnSha256: shownText === undefined ? null : sha256Hex(shownText),
    detailsSha256: shownDetails === undefined || shownDetails === null ? null : sha256Hex(canonicalJson(shownDetails)),
    decision,
  });
  return sign('sha256', Buffer.from(input, 'utf8'), { key: privateKey, dsaEncoding: 'ieee-p1363' }).toString(
    'base64url',
  );
}
