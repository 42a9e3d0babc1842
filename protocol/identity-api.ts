/**
 * The identity API: what a person may do with their MitID in a relying party's page right after logging in there
 * (the brochure: see and remove your devices, add the app on another device, change your user ID, be told every
 * time your MitID is used). Part of the wire contract, beside the page API (./page-api.ts). Types only.
 *
 * The page trades its fresh login's assertion, once, from the origin the assertion was made for and within the
 * broker's login-proof window, for an access token (`POST /v1/identity/access`); the other calls carry it as
 * `Authorization: Bearer <access_token>` from the same origin, for a few minutes. What they do is told to the
 * identity (its apps and its contact channel), as everything that changes a MitID is.
 */
import type { AuthenticatorInfo, IdentitySettings } from './app-api.js';

export type IdentityErrorCode =
  /**
   * 401: the assertion cannot be traded (used already, older than the login-proof window, from another origin, or
   * not a login), or the access token is unknown, expired or from another origin. The person logs in again.
   */
  | 'login_required'
  /** 409: removing it would leave the MitID without an app, a chip or a code device that can log in. */
  | 'last_authenticator';

/** `POST /v1/identity/access` */
export interface IdentityAccessRequest {
  assertion: string;
}

export interface IdentityAccessResponse {
  /** Opaque, for the calls below, from the same origin; never stored by the page beyond its memory. */
  access_token: string;
  expires_at: string;
  /** What this login may add on another device: an app at Substantial, also a chip after a login at High. */
  kinds: Array<'app' | 'chip'>;
}

/** `GET /v1/identity`: the MitID as its owner sees it in the bank's page. */
export interface IdentityOverview {
  /** The user ID as the person chose it last. */
  user_id: string;
  /** Every authenticator with its state (`this_device`: the app that approved this login). */
  authenticators: AuthenticatorInfo[];
  settings: IdentitySettings;
  /** When the access ends. */
  expires_at: string;
}

/** `POST /v1/identity/user-id` */
export interface ChangeUserIdRequest {
  user_id: string;
}

export interface ChangeUserIdResponse {
  user_id: string;
}

/**
 * `POST /v1/identity/authenticators/:id/revoke`: an app or a chip key. Not the app that approved this login's
 * elders: as in the app, the one that approved may remove itself and what was added after it (a device slipped in
 * after a phished login cannot throw out its owner's), and a login with a code device or a chip any app or key;
 * never the last authenticator that can log in.
 */
export interface RevokeResponse {
  id: string;
  state: 'revoked';
}
