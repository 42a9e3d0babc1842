/**
 * The MitID app played from Node: a real P-256 device key (node:crypto) and the app API over an {@link HttpPort}.
 * One implementation for the server tests (Fastify `inject`), the end-to-end tests (`fetch`), the browser tests'
 * child broker and the bench (its keep-alive client), so all of them read the wire contract the same way.
 *
 * The calls return an {@link AppReply}: tests of refusals read its status and error code, everyone else calls
 * `ok()`, which throws an {@link AppDeviceError} carrying the status and the broker's error code. Signing is
 * separate from sending ({@link AppDevice.signature}), so a timed decision call does only the HTTP.
 * No test-framework imports: it ships in `mitid-login/testing/node`.
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

/** How a new app proves it may join the identity: the letter's activation code, or a ticket from a recent login. */
export type Activation = {
  userId: string;
  /** The device name the user's notifications will show. */
  name: string;
} & ({ activationCode: string; activationTicket?: never } | { activationTicket: string; activationCode?: never });

export class AppDevice {
  private constructor(
    private readonly port: HttpPort,
    readonly userId: string,
    readonly deviceId: string,
    /** The device token of `Authorization: Bearer`, for tests that send their own app calls. */
    readonly token: string,
    private readonly privateKey: KeyObject,
    /** `pending` (a ticket's waiting period) until `activeFrom`, then active; `active` at once with the letter. */
    readonly state: 'active' | 'pending',
    /** ISO 8601. */
    readonly activeFrom: string,
  ) {}

  /** Activates a new device for the user, as the app's first start does; never with a password. */
  static async activate(port: HttpPort, activation: Activation): Promise<AppDevice> {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' });
    const body: ActivateDeviceRequest = {
      user_id: activation.userId,
      ...(activation.activationCode !== undefined
        ? { activation_code: activation.activationCode }
        : { activation_ticket: activation.activationTicket }),
      device_public_key: { kty: 'EC', crv: 'P-256', x: jwk.x ?? '', y: jwk.y ?? '' },
      device_name: activation.name,
    };
    const reply = await send<ActivateDeviceResponse>(port, 'POST', '/v1/app/activate', { body });
    const activated = reply.ok();
    return new AppDevice(
      port,
      activation.userId,
      activated.device_id,
      activated.device_token,
      privateKey,
      activated.state,
      activated.active_from,
    );
  }

  /** The same phone talking to another broker instance (behind the same load balancer). */
  via(port: HttpPort): AppDevice {
    return new AppDevice(port, this.userId, this.deviceId, this.token, this.privateKey, this.state, this.activeFrom);
  }

  /** Any app call with this device's token. */
  call<T = unknown>(method: HttpMethod, path: string, body?: unknown): Promise<AppReply<T>> {
    return send<T>(this.port, method, path, { token: this.token, ...(body === undefined ? {} : { body }) });
  }

  /** The pending requests this device has scanned or opened; throws unless the broker lists them. */
  async requests(): Promise<AppRequest[]> {
    return (await this.call<AppRequestsResponse>('GET', '/v1/app/requests')).ok().requests;
  }

  /** Scans a QR frame (the text of the code the page shows); a good scan answers with the request. */
  scan(frame: string): Promise<AppReply<AppRequest>> {
    return this.call('POST', '/v1/app/scan', { frame });
  }

  /** Types the page's pairing code instead of scanning; a good code answers with the request, as a scan does. */
  pair(code: string): Promise<AppReply<AppRequest>> {
    return this.call('POST', '/v1/app/pair', { code });
  }

  /** Opens a request: a scanned one, or a same-device one with its link's one-time secret. */
  open(requestId: string, linkSecret?: string): Promise<AppReply<AppRequest>> {
    return this.call(
      'POST',
      `/v1/app/requests/${requestId}/open`,
      linkSecret ? { link_secret: linkSecret } : undefined,
    );
  }

  /** Opens the request of a same-device app link (`…/app/#request=<id>&secret=<secret>`), as the app does. */
  openLink(appLink: string): Promise<AppReply<AppRequest>> {
    const { requestId, secret } = parseAppLink(appLink);
    return this.open(requestId, secret);
  }

  /**
   * Signs what the app showed: by default the request's own text and details; `shownText` and `shownDetails`
   * simulate a tampered display.
   */
  signature(
    request: AppRequest,
    decision: AppDecision,
    shownText = request.transaction_text,
    shownDetails: AppRequest['transaction_details'] | null = request.transaction_details,
  ): string {
    return signDecision(this.privateKey, request, decision, shownText, shownDetails);
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

  /** Opens a same-device link's request and decides it, as the user does; resolves with what was shown. */
  async answer(appLink: string, decision: AppDecision): Promise<AppRequest> {
    const request = (await this.openLink(appLink)).ok();
    (await this.decide(request, decision)).ok();
    return request;
  }
}

/** The request id and the one-time secret of a same-device app link's fragment. */
export function parseAppLink(appLink: string): { requestId: string; secret: string } {
  const fragment = new URLSearchParams(appLink.slice(appLink.indexOf('#') + 1));
  const requestId = fragment.get('request');
  const secret = fragment.get('secret');
  if (!requestId || !secret) throw new Error(`not a same-device app link: ${appLink}`);
  return { requestId, secret };
}

async function send<T>(
  port: HttpPort,
  method: HttpMethod,
  path: string,
  options: { token?: string; body?: unknown },
): Promise<AppReply<T>> {
  return new AppReply<T>(`${method} ${path}`, await port.request(method, path, options));
}
