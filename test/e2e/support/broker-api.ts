/**
 * A relying party's page, played from Node: the broker calls `<mitid-login>` would make, for tests of the
 * simulated authenticators that do not need the element. The Origin header is what a browser would send.
 */
import type { TransactionDetails } from '../../../protocol/transaction.js';
import type { AppDevice } from '../../../testing/node/index.js';
import type {
  ChooseMethodResponse,
  CreateSessionRequest,
  CreateSessionResponse,
  QrFrameResponse,
  SessionStatusEvent,
} from '../../../protocol/page-api.js';

export class PageSession {
  private constructor(
    private readonly origin: string,
    readonly created: CreateSessionResponse,
  ) {}

  static async start(origin: string, body: CreateSessionRequest): Promise<PageSession> {
    const created = await call<CreateSessionResponse>(origin, '/v1/sessions', { method: 'POST', body });
    return new PageSession(origin, created);
  }

  private path(suffix = ''): string {
    return `/v1/sessions/${encodeURIComponent(this.created.session_id)}${suffix}`;
  }

  private get token(): string {
    return this.created.session_token;
  }

  chooseMethod(method: 'app', device: 'cross' | 'same'): Promise<ChooseMethodResponse>;
  chooseMethod(method: 'code-display' | 'code-reader'): Promise<ChooseMethodResponse>;
  chooseMethod(method: string, device?: string): Promise<ChooseMethodResponse> {
    const body = device ? { method, device } : { method };
    return call(this.origin, this.path('/method'), { method: 'POST', body, token: this.token });
  }

  code(code: string): Promise<SessionStatusEvent> {
    return call(this.origin, this.path('/code'), { method: 'POST', body: { code }, token: this.token });
  }

  password(password: string): Promise<SessionStatusEvent> {
    return call(this.origin, this.path('/password'), { method: 'POST', body: { password }, token: this.token });
  }

  qrFrame(): Promise<QrFrameResponse> {
    return call(this.origin, this.path('/qr'), { token: this.token });
  }

  /** Long-polls until the session is no longer pending (or `timeoutMs` passes). */
  async finished(timeoutMs = 20_000): Promise<SessionStatusEvent> {
    const deadline = Date.now() + timeoutMs;
    let after = -1;
    while (Date.now() < deadline) {
      const query = after >= 0 ? `?wait=5&after=${after}` : '?wait=5';
      const status = await call<SessionStatusEvent>(this.origin, this.path(query), { token: this.token });
      if (status.status !== 'pending') return status;
      after = status.seq;
    }
    throw new Error('the session did not finish in time');
  }
}

/**
 * A whole same-device session for `device`'s user, from the page's side, approved in the app; resolves with the
 * assertion the relying party would receive.
 */
export async function sameDeviceAssertion(
  origin: string,
  device: AppDevice,
  request: { client_id: string; nonce: string; mode: 'login' | 'approve'; text?: string; details?: TransactionDetails },
): Promise<string> {
  const session = await PageSession.start(origin, {
    client_id: request.client_id,
    mode: request.mode,
    user_id: device.userId,
    nonce: request.nonce,
    ...(request.text !== undefined ? { transaction: { text: request.text } } : {}),
    ...(request.details !== undefined ? { transaction: { details: request.details } } : {}),
  });
  const chosen = await session.chooseMethod('app', 'same');
  if (!chosen.app_link) throw new Error(`no same-device link: ${JSON.stringify(chosen)}`);
  await device.answer(chosen.app_link, 'approve');
  const status = await session.finished();
  if (!status.assertion) throw new Error(`no assertion: ${JSON.stringify(status)}`);
  return status.assertion;
}

async function call<T>(
  origin: string,
  path: string,
  options: { method?: string; body?: unknown; token?: string } = {},
): Promise<T> {
  const headers: Record<string, string> = { origin, accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const response = await fetch(`${origin}${path}`, {
    method: options.method ?? 'GET',
    headers,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const body = (await response.json()) as T;
  if (!response.ok) throw new Error(`${options.method ?? 'GET'} ${path}: ${response.status} ${JSON.stringify(body)}`);
  return body;
}
