/**
 * What a MitID app device signs when it decides a request, done in Node for tests and benchmarks: ES256 (raw r‖s,
 * base64url) by the device key over the canonical approvalSigningInput, with the SHA-256 of the text it showed.
 */
import { createHash, sign, type KeyObject } from 'node:crypto';
import { approvalSigningInput, type AppDecision, type AppRequest } from '../../protocol/app-api.js';

/** `shownText` defaults to the request's own text; pass another to simulate a tampered display. */
export function signDecision(
  privateKey: KeyObject,
  request: AppRequest,
  decision: AppDecision,
  shownText: string | undefined = request.transaction_text,
): string {
  const input = approvalSigningInput({
    requestId: request.request_id,
    challenge: request.challenge,
    clientName: request.client_name,
    mode: request.mode,
    txnSha256: shownText === undefined ? null : createHash('sha256').update(shownText, 'utf8').digest('hex'),
    decision,
  });
  return sign('sha256', Buffer.from(input, 'utf8'), { key: privateKey, dsaEncoding: 'ieee-p1363' }).toString(
    'base64url',
  );
}
