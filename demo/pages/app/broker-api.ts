/** The simulated app's calls to the broker's App API (`/v1/app/...`), with the device token as a bearer token. */
import type {
  ActivateDeviceRequest,
  ActivateDeviceResponse,
  AppDecision,
  AppNotification,
  AppRequest,
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

  requests(): Promise<AppRequest[]> {
    return getJson<AppRequest[] | { requests: AppRequest[] }>('/v1/app/requests', this.auth).then(unwrap('requests'));
  }

  notifications(): Promise<AppNotification[]> {
    return getJson<AppNotification[] | { notifications: AppNotification[] }>('/v1/app/notifications', this.auth).then(
      unwrap('notifications'),
    );
  }

  scan(frame: string): Promise<AppRequest> {
    return postJson<AppRequest>('/v1/app/scan', { frame }, this.auth);
  }

  open(requestId: string): Promise<AppRequest> {
    return postJson<AppRequest>(`/v1/app/requests/${encodeURIComponent(requestId)}/open`, {}, this.auth);
  }

  decide(requestId: string, decision: AppDecision, signature: string): Promise<unknown> {
    return postJson(`/v1/app/requests/${encodeURIComponent(requestId)}/decision`, { decision, signature }, this.auth);
  }
}

// The lists may come bare or wrapped in an object; accept both.
function unwrap<T>(key: string) {
  return (body: T[] | Record<string, T[]>): T[] => (Array.isArray(body) ? body : (body[key] ?? []));
}
