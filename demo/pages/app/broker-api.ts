/** The simulated app's calls to the broker's App API (`/v1/app/...`), with the device token as a bearer token. */
import type {
  ActivateDeviceRequest,
  ActivateDeviceResponse,
  AppDecision,
  AppNotification,
  AppNotificationsResponse,
  AppOpenRequest,
  AppRequest,
  AppRequestsResponse,
  AuthenticatorsResponse,
  IdentitySettings,
} from '../../../protocol/app-api.js';
import { getJson, postJson } from '../shared/api.js';

export class AppApi {
  constructor(private readonly deviceToken: string) {}

  static activate(request: ActivateDeviceRequest): Promise<ActivateDeviceResponse> {
    return postJson<ActivateDeviceResponse>('/v1/app/activate', request);
  }

  private get auth() {
    return { authorization: `Bearer ${this.deviceToken}` };
  }

  /** The requests this device has scanned or opened. */
  async requests(): Promise<AppRequest[]> {
    return (await getJson<AppRequestsResponse>('/v1/app/requests', this.auth)).requests;
  }

  async notifications(): Promise<AppNotification[]> {
    return (await getJson<AppNotificationsResponse>('/v1/app/notifications', this.auth)).notifications;
  }

  /** The identity's own choices (a notice every time the MitID is used). */
  settings(): Promise<IdentitySettings> {
    return getJson<IdentitySettings>('/v1/app/settings', this.auth);
  }

  changeSettings(settings: IdentitySettings): Promise<IdentitySettings> {
    return postJson<IdentitySettings>('/v1/app/settings', settings, this.auth);
  }

  /** The identity's apps, code devices and keys with their states, and its history. */
  authenticators(): Promise<AuthenticatorsResponse> {
    return getJson<AuthenticatorsResponse>('/v1/app/authenticators', this.auth);
  }

  /** Removes this app, or an app or key added after it ("this was not me"). */
  revoke(id: string): Promise<unknown> {
    return postJson(`/v1/app/authenticators/${encodeURIComponent(id)}/revoke`, {}, this.auth);
  }

  scan(frame: string): Promise<AppRequest> {
    return postJson<AppRequest>('/v1/app/scan', { frame }, this.auth);
  }

  /** The pairing code the page shows, instead of a scan (`POST /v1/app/pair`). */
  pair(code: string): Promise<AppRequest> {
    return postJson<AppRequest>('/v1/app/pair', { code }, this.auth);
  }

  /** Opens a request: one this device scanned, or a same-device one with its link's one-time secret. */
  open(requestId: string, linkSecret?: string): Promise<AppRequest> {
    const body: AppOpenRequest = linkSecret === undefined ? {} : { link_secret: linkSecret };
    return postJson<AppRequest>(`/v1/app/requests/${encodeURIComponent(requestId)}/open`, body, this.auth);
  }

  decide(requestId: string, decision: AppDecision, signature: string): Promise<unknown> {
    return postJson(`/v1/app/requests/${encodeURIComponent(requestId)}/decision`, { decision, signature }, this.auth);
  }
}
