/**
 * The transport that talks to a real broker over HTTP (docs/protocol.md): `fetch` only, the session token in the
 * `Authorization` header (never in a URL), and the session's status followed by {@link followStatus}.
 */
import { networkError, toTransportError } from './http-errors.js';
import { followStatus, type FollowOptions } from './status-stream.js';
import {
  TransportError,
  systemClock,
  type Clock,
  type SessionRef,
  type StatusHandlers,
  type StatusSubscription,
  type Transport,
  type WebauthnOptionsJSON,
  type WebauthnResponseJSON,
} from './transport.js';
import {
  API_PREFIX,
  type ChooseMethodRequest,
  type ChooseMethodResponse,
  type CreateSessionRequest,
  type CreateSessionResponse,
  type ExtendResponse,
  type QrFrameResponse,
  type SessionStatusEvent,
} from '../../protocol/page-api.js';

export interface HttpTransportOptions extends Partial<FollowOptions> {
  /** The broker's base URL, e.g. `https://broker.example`. */
  broker: string;
  fetch?: typeof fetch;
  clock?: Clock;
}

interface RequestOptions {
  method?: 'GET' | 'POST';
  body?: unknown;
  session?: SessionRef;
  signal?: AbortSignal | undefined;
  /** Let the request outlive the page (a cancel sent while the user navigates away). */
  keepalive?: boolean;
}

export class HttpTransport implements Transport {
  readonly base: string;
  private readonly fetchImpl: typeof fetch;
  private readonly clock: Clock;
  private readonly followOptions: Partial<FollowOptions>;

  constructor({ broker, fetch: fetchImpl, clock, ...followOptions }: HttpTransportOptions) {
    this.base = broker.replace(/\/+$/, '') + API_PREFIX;
    // Bound, because some browsers throw "Illegal invocation" when fetch is called as a method of another object.
    this.fetchImpl = fetchImpl ?? ((input, init) => globalThis.fetch(input, init));
    this.clock = clock ?? systemClock;
    this.followOptions = followOptions;
  }

  createSession(request: CreateSessionRequest, signal?: AbortSignal) {
    return this.request<CreateSessionResponse>('/sessions', { method: 'POST', body: request, signal });
  }

  chooseMethod(session: SessionRef, request: ChooseMethodRequest, signal?: AbortSignal) {
    return this.request<ChooseMethodResponse>(this.path(session, '/method'), {
      method: 'POST',
      body: request,
      session,
      signal,
    });
  }

  qrFrame(session: SessionRef, signal?: AbortSignal) {
    return this.request<QrFrameResponse>(this.path(session, '/qr'), { session, signal });
  }

  async submitCode(session: SessionRef, code: string, signal?: AbortSignal) {
    return statusOrUndefined(
      await this.request<unknown>(this.path(session, '/code'), { method: 'POST', body: { code }, session, signal }),
    );
  }

  async submitPassword(session: SessionRef, password: string, signal?: AbortSignal) {
    return statusOrUndefined(
      await this.request<unknown>(this.path(session, '/password'), {
        method: 'POST',
        body: { password },
        session,
        signal,
      }),
    );
  }

  webauthnOptions(session: SessionRef, signal?: AbortSignal) {
    return this.request<WebauthnOptionsJSON>(this.path(session, '/webauthn/options'), {
      method: 'POST',
      body: {},
      session,
      signal,
    });
  }

  async submitWebauthn(session: SessionRef, response: WebauthnResponseJSON, signal?: AbortSignal) {
    return statusOrUndefined(
      await this.request<unknown>(this.path(session, '/webauthn'), {
        method: 'POST',
        body: { response },
        session,
        signal,
      }),
    );
  }

  extend(session: SessionRef, signal?: AbortSignal) {
    return this.request<ExtendResponse>(this.path(session, '/extend'), { method: 'POST', body: {}, session, signal });
  }

  async cancel(session: SessionRef, signal?: AbortSignal) {
    await this.request<unknown>(this.path(session, '/cancel'), {
      method: 'POST',
      body: {},
      session,
      signal,
      keepalive: true,
    });
  }

  subscribe(session: SessionRef, afterSeq: number, handlers: StatusHandlers, signal: AbortSignal): StatusSubscription {
    return followStatus({
      ...this.followOptions,
      url: this.base + this.path(session, ''),
      token: session.token,
      afterSeq,
      handlers,
      signal,
      fetch: this.fetchImpl,
      clock: this.clock,
    });
  }

  private path(session: SessionRef, suffix: string) {
    return `/sessions/${encodeURIComponent(session.id)}${suffix}`;
  }

  private async request<T>(
    path: string,
    { method = 'GET', body, session, signal, keepalive = false }: RequestOptions,
  ): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (session) headers.authorization = `Bearer ${session.token}`;
    let response: Response;
    try {
      response = await this.fetchImpl(this.base + path, {
        method,
        headers,
        body: body === undefined ? null : JSON.stringify(body),
        signal: signal ?? null,
        credentials: 'omit',
        cache: 'no-store',
        keepalive,
      });
    } catch (error) {
      throw networkError(error, signal);
    }
    if (!response.ok) throw await toTransportError(response);
    if (response.status === 204) return undefined as T;
    try {
      return (await response.json()) as T;
    } catch (error) {
      if (signal?.aborted) throw networkError(error, signal);
      throw new TransportError('bad_response', 'The broker answered with something that is not JSON.', response.status);
    }
  }
}

function statusOrUndefined(value: unknown): SessionStatusEvent | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const candidate = (value as { status?: unknown }).status;
  // Some answers wrap the status ({ status: {...} }), others are the status itself.
  if (typeof candidate === 'object' && candidate !== null) return statusOrUndefined(candidate);
  return typeof (value as { seq?: unknown }).seq === 'number' && typeof candidate === 'string'
    ? (value as SessionStatusEvent)
    : undefined;
}
