/** The relying party's page, as the node drivers play it: create a session and choose the app on this device. */
import type {
  ChooseMethodResponse,
  CreateSessionRequest,
  CreateSessionResponse,
  SessionStatusEvent,
} from '../protocol/page-api.js';
import type { JsonClient } from './http.js';

export const BENCH_NONCE = 'bench-nonce-0123456789';

export interface StartedSession {
  id: string;
  token: string;
  /** The status after the method was chosen. */
  status: SessionStatusEvent;
  /** The same-device app link (with its one-time secret) that the app opens. */
  appLink: string;
}

export async function createSession(
  client: JsonClient,
  userId: string,
  transactionText?: string,
): Promise<CreateSessionResponse> {
  const request: CreateSessionRequest = {
    client_id: 'netbank',
    mode: transactionText === undefined ? 'login' : 'approve',
    user_id: userId,
    nonce: BENCH_NONCE,
    ...(transactionText === undefined ? {} : { transaction: { text: transactionText } }),
  };
  return client.ok<CreateSessionResponse>('POST', '/v1/sessions', undefined, request);
}

/** A session waiting in the app (same device: no QR), as the element makes it with `device="same"`. */
export async function startAppSession(
  client: JsonClient,
  userId: string,
  transactionText?: string,
): Promise<StartedSession> {
  const created = await createSession(client, userId, transactionText);
  const chosen = await client.ok<ChooseMethodResponse>(
    'POST',
    `/v1/sessions/${created.session_id}/method`,
    created.session_token,
    { method: 'app', device: 'same' },
  );
  if (!chosen.app_link) throw new Error('no same-device app link');
  return { id: created.session_id, token: created.session_token, status: chosen.status, appLink: chosen.app_link };
}
