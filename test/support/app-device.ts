/**
 * The MitID app played from Node: a real P-256 device key (node:crypto) and the app API over an {@link HttpPort}.
 * One implementation for the server tests (Fastify `inject`), the end-to-end tests (`fetch`), the browser tests'
 * child broker and the bench (its keep-alive client), so all of them read the wire contract the same way.
 *
 * The calls return an {@link AppReply}: tests of refusals read its status and error code, everyone else calls
 * `ok()`, which throws an {@link AppDeviceError} carrying the status and the broker's error code. Signing is
 * separate from sending ({@link AppDevice.signature}), so a timed decision call does only the HTTP.
 * No test-framework imports: this is meant to ship in a `mitid-login/testing` entry.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { SessionStatusEvent } from '../../protocol/page-api.js';
import type {
  ActivateDeviceRequest,
  ActivateDeviceResponse,
  AppDecision,
  AppRequest,
  AppRequestsResponse,
} from '../../protocol/app-api.js';
import { signDecision } from './device-signature.js';
import type { HttpMethod, HttpPort, HttpReply } from './http-port.js';

/** A broker answer that was not 2xx, where the caller needed one. */
export class AppDeviceError extends Error {
  constructor(
    /** `METHOD /path` of the call. */
    readonly call: string,
    readonly status: number,
    /** The broker's `error.code` (`qr_expired`, `invalid_signature`, …), when the body had one. */
    readonly code: string | undefined,
    readonly body: unknown,
  ) {
    super(`${call}: ${status}${code ? ` ${code}` : ''} ${JSON.stringify(body)}`);
    this.name = 'AppDeviceError';
  }
}

/** One answer of the broker to the app; `T` is the body of a successful one. */
export class AppReply<T> {
  constructor(
    private readonly call: string,
    private readonly reply: HttpReply,
  ) {}

  get status(): number {
    return this.reply.status;
  }

  /** The body as JSON text, for assertion messages. */
  get text(): string {
    return JSON.stringify(this.reply.json()) ?? '';
  }

  json<Body = T>(): Body {
    return this.reply.json() as Body;
  }

  /** The broker's error code (`{ error: { code } }`), or undefined for an answer without one. */
  errorCode(): string | undefined {
    const body = this.reply.json() as { error?: { code?: unknown } } | undefined;
    return typeof body?.error?.code === 'string' ? body.error.code : undefined;
  }

  /** The body of a 2xx answer; anything else throws an {@link AppDeviceError}. */
  ok(): T {
    if (this.status < 200 || this.status > 299)
      throw new AppDeviceError(this.call, this.status, this.errorCode(), this.reply.json());
    return this.json();
  }
}

export interface Activation {
  userId: string;
  password: string;
  /** The device name the user's notifications will show. */
  name: string;
}

export class AppDevice {
  private constructor(
    private readonly port: HttpPort,
    readonly userId: string,
    readonly deviceId: string,
    /** The device token of `Authorization: Bearer`, for tests that send their own app calls. */
    readonly token: string,
    private readonly privateKey: KeyObject,
  ) {}

  /**
   * Activates a new device for the user, as the app's first start does. The activation proof (today the user's
   * password) lives here alone, so that changing it changes one method.
   */
  static async activate(port: HttpPort, { userId, password, name }: Activation): Promise<AppDevice> {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' });
    const body: ActivateDeviceRequest = {
      user_id: userId,
      password,
      device_public_key: { kty: 'EC', crv: 'P-256', x: jwk.x ?? '', y: jwk.y ?? '' },
      device_name: name,
    };
    const reply = await send<ActivateDeviceResponse>(port, 'POST', '/v1/app/activate', { body });
    const activated = reply.ok();
    return new AppDevice(port, userId, activated.device_id, activated.device_token, privateKey);
  }

  /** The same phone talking to another broker instance (behind the same load balancer). */
  via(port: HttpPort): AppDevice {
    return new AppDevice(port, this.userId, this.deviceId, this.token, this.privateKey);
  }

  /** Any app call with this device's token. */
  call<T = unknown>(method: HttpMethod, path: string, body?: unknown): Promise<AppReply<T>> {
    return send<T>(this.port, method, path, { token: this.token, ...(body === undefined ? {} : { body }) });
  }

  /** The requests waiting in the app; throws unless the broker lists them. */
  async requests(): Promise<AppRequest[]> {
    return (await this.call<AppRequestsResponse>('GET', '/v1/app/requests')).ok().requests;
  }

  /** Scans a QR frame (the text of the code the page shows); a good scan answers with the request. */
  scan(frame: string): Promise<AppReply<AppRequest>> {
    return this.call('POST', '/v1/app/scan', { frame });
  }

  open(requestId: string): Promise<AppReply<AppRequest>> {
    return this.call('POST', `/v1/app/requests/${requestId}/open`);
  }

  /** Signs what the app showed: by default the request's own text; `shownText` simulates a tampered display. */
  signature(request: AppRequest, decision: AppDecision, shownText = request.transaction_text): string {
    return signDecision(this.privateKey, request, decision, shownText);
  }

  decide(
    request: AppRequest,
    decision: AppDecision,
    signature = this.signature(request, decision),
  ): Promise<AppReply<SessionStatusEvent>> {
    return this.call('POST', `/v1/app/requests/${request.request_id}/decision`, {
      decision,
      signature,
    });
  }

  /** Opens a request and decides it, as the user does after a same-device link; resolves with what was shown. */
  async answer(requestId: string, decision: AppDecision): Promise<AppRequest> {
    const request = (await this.open(requestId)).ok();
    (await this.decide(request, decision)).ok();
    return request;
  }
}

async function send<T>(
  port: HttpPort,
  method: HttpMethod,
  path: string,
  options: { token?: string; body?: unknown },
): Promise<AppReply<T>> {
  return new AppReply<T>(`${method} ${path}`, await port.request(method, path, options));
}
