/** Signs the user's decision on one request with the device key, over the canonical input of the wire contract. */
import { approvalSigningInput, type AppDecision, type AppRequest } from '../../../protocol/app-api.js';
import { sha256Hex, signEs256 } from './crypto.js';

export async function signDecision(privateKey: CryptoKey, request: AppRequest, decision: AppDecision): Promise<string> {
  const txnSha256 =
    request.mode === 'approve' && request.transaction_text !== undefined
      ? await sha256Hex(request.transaction_text)
      : null;
  const input = approvalSigningInput({
    requestId: request.request_id,
    challenge: request.challenge,
    clientName: request.client_name,
    mode: request.mode,
    txnSha256,
    decision,
  });
  return signEs256(privateKey, input);
}
