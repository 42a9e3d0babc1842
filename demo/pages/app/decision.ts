/**
 * Signs the user's decision on one request with the device key, over the canonical input of the wire contract: the
 * SHA-256 of the text shown and, for a payment or a batch, of the canonical JSON of the details shown.
 */
import { approvalSigningInput, type AppDecision, type AppRequest } from '../../../protocol/app-api.js';
import { canonicalJson } from '../../../protocol/transaction.js';
import { sha256Hex, signEs256 } from './crypto.js';

export async function signDecision(privateKey: CryptoKey, request: AppRequest, decision: AppDecision): Promise<string> {
  const approving = request.mode === 'approve';
  const txnSha256 =
    approving && request.transaction_text !== undefined ? await sha256Hex(request.transaction_text) : null;
  const detailsSha256 =
    approving && request.transaction_details !== undefined
      ? await sha256Hex(canonicalJson(request.transaction_details))
      : null;
  const input = approvalSigningInput({
    requestId: request.request_id,
    challenge: request.challenge,
    clientName: request.client_name,
    mode: request.mode,
    txnSha256,
    detailsSha256,
    decision,
  });
  return signEs256(privateKey, input);
}
