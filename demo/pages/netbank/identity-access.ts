/**
 * The net bank page's hold on its user's MitID after a login (protocol/identity-api.ts): the login's assertion is
 * kept in memory (never in storage) until the person first asks for something, then traded once at the broker, from
 * this page's origin, for a short access token; every call after that carries the token. When the access is used
 * up (the broker says `login_required`), it is forgotten, and the person logs in again.
 */
import type { ActivationTicketResponse } from '../../../protocol/page-api.js';
import type { IdentitySettings } from '../../../protocol/app-api.js';
import type {
  ChangeUserIdResponse,
  IdentityAccessResponse,
  IdentityOverview,
  RevokeResponse,
} from '../../../protocol/identity-api.js';
import { ApiError, getJson, postJson } from '../shared/api.js';

export class IdentityAccessClient {
  private assertion: string | undefined;
  private access: Promise<IdentityAccessResponse> | undefined;

  constructor(private readonly brokerUrl: () => string) {}

  /** After a verified login: the assertion the element handed over (undefined after a reload). */
  loggedIn(assertion: string | undefined): void {
    this.assertion = assertion;
    this.access = undefined;
  }

  loggedOut(): void {
    this.assertion = undefined;
    this.access = undefined;
  }

  /** Whether there is a login (or an access) to act with. */
  get usable(): boolean {
    return this.assertion !== undefined || this.access !== undefined;
  }

  overview(): Promise<IdentityOverview> {
    return this.call((headers) => getJson<IdentityOverview>(`${this.brokerUrl()}/v1/identity`, headers));
  }

  revoke(id: string): Promise<RevokeResponse> {
    const url = `${this.brokerUrl()}/v1/identity/authenticators/${encodeURIComponent(id)}/revoke`;
    return this.call((headers) => postJson<RevokeResponse>(url, undefined, headers));
  }

  changeSettings(next: IdentitySettings): Promise<IdentitySettings> {
    return this.call((headers) =>
      postJson<IdentitySettings>(`${this.brokerUrl()}/v1/identity/settings`, next, headers),
    );
  }

  changeUserId(userId: string): Promise<ChangeUserIdResponse> {
    return this.call((headers) =>
      postJson<ChangeUserIdResponse>(`${this.brokerUrl()}/v1/identity/user-id`, { user_id: userId }, headers),
    );
  }

  ticket(): Promise<ActivationTicketResponse> {
    return this.call((headers) =>
      postJson<ActivationTicketResponse>(`${this.brokerUrl()}/v1/identity/activation-ticket`, undefined, headers),
    );
  }

  private async call<T>(send: (headers: Record<string, string>) => Promise<T>): Promise<T> {
    try {
      const { access_token } = await this.open();
      return await send({ authorization: `Bearer ${access_token}` });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'login_required') this.loggedOut();
      throw error;
    }
  }

  /** The access, traded for the assertion on first use (once: two calls at once share the trade). */
  private open(): Promise<IdentityAccessResponse> {
    if (this.access) return this.access;
    const assertion = this.assertion;
    if (!assertion) return Promise.reject(new ApiError(401, 'login_required', 'no login to act with'));
    this.assertion = undefined;
    this.access = postJson<IdentityAccessResponse>(`${this.brokerUrl()}/v1/identity/access`, { assertion });
    this.access.catch(() => (this.access = undefined));
    return this.access;
  }
}
