/**
 * The app API: what the MitID app (and the chip enrolment of the test environment) says to the broker. Part of the
 * wire contract (`protocol/`), beside the page API (./page-api.ts); integrators' pages never need it, so the
 * package's main entry does not export it. Types and pure functions only: no DOM, no Node.
 */
import type { Mode } from './page-api.js';
import type { TransactionDetails } from './transaction.js';

// Device calls carry `Authorization: Bearer <device_token>` from activation. Approvals are also signed with the
// device's P-256 key (ES256, raw r‖s, base64url) over {@link approvalSigningInput}.

/**
 * `POST /v1/app/activate`. A new app needs proof, never a password alone: the activation code of the letter the
 * identity was sent (active at once), or a ticket a relying party's page got from a login a few minutes ago
 * (`POST /v1/activation-tickets`; active after the broker's waiting period). Exactly one of the two.
 */
export interface ActivateDeviceRequest {
  user_id: string;
  /** The letter's one-time activation code, `XXXX-XXXX-XXXX`. */
  activation_code?: string;
  /** A one-time activation ticket, `XXXX-XXXX`. */
  activation_ticket?: string;
  /** Public half of the device key, as a P-256 JWK. */
  device_public_key: JsonWebKeyP256;
  device_name: string;
}

export interface JsonWebKeyP256 {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
}

export interface ActivateDeviceResponse {
  device_id: string;
  device_token: string;
  name: string;
  /** `active`, or `pending` until `active_from` (a ticket's waiting period). */
  state: 'active' | 'pending';
  active_from: string;
}

/**
 * One request in the app. The app lists (`GET /v1/app/requests`) only requests this device has scanned or opened:
 * a cross-device request appears by scanning its QR code, a same-device one by its link.
 */
export interface AppRequest {
  request_id: string;
  client_name: string;
  mode: Mode;
  /** When the session was created (ISO 8601): the app shows it as "startet kl. 14:05". */
  started_at: string;
  /** Where it was created: the browser family of the creating request's User-Agent, never the header itself. */
  browser: BrowserFamily;
  /** In approve mode: the exact text to approve (for a payment or a batch, the broker's rendering of it). */
  transaction_text?: string;
  /** For a payment or a batch: what is approved, as data; the app shows its amounts and payees as their own fields. */
  transaction_details?: TransactionDetails;
  /** Cross-device requests can only be approved after a fresh QR frame was scanned. */
  needs_qr: boolean;
  qr_scanned: boolean;
  /** Server challenge; part of the signed approval so a signature can never be reused. */
  challenge: string;
  expires_at: string;
}

/**
 * A coarse browser and system, from a fixed list (`other` for anything else), so that nothing a page or a script
 * writes in its User-Agent reaches the app's screen. A script may send any User-Agent: this tells the user of a
 * request they did not start only when the script did not bother to copy theirs.
 */
export interface BrowserFamily {
  name: 'Chrome' | 'Edge' | 'Firefox' | 'Safari' | 'Opera' | 'Samsung Internet' | 'other';
  os: 'Windows' | 'macOS' | 'iOS' | 'Android' | 'ChromeOS' | 'Linux' | 'other';
}

/** `GET /v1/app/requests`. */
export interface AppRequestsResponse {
  requests: AppRequest[];
}

export type AppDecision = 'approve' | 'reject';

/**
 * `POST /v1/app/pair`: the pairing code the page shows beside its QR code (`QrFrameResponse.pairing_code`), typed by
 * a user who cannot scan; spaces are ignored. Answers with the {@link AppRequest}, as a scan does; `pairing_invalid`
 * (wrong), `pairing_expired` (too old or used already), `rate_limited` (too many wrong codes from this device).
 */
export interface AppPairRequest {
  code: string;
}

/** `POST /v1/app/requests/{id}/open`: same-device requests need the one-time secret of their app link. */
export interface AppOpenRequest {
  link_secret?: string;
}

export interface AppDecisionRequest {
  decision: AppDecision;
  /** base64url ES256 signature (raw r‖s) by the device key over `approvalSigningInput(...)`. */
  signature: string;
}

export type AppNotificationKind =
  | 'mitid-created' // a new MitID was made, with its first authenticator (`device_name`)
  | 'device-activated' // an app was activated (at once, by the letter)
  | 'device-pending' // an app was added and becomes active at `active_from` (revoke it if it was not you)
  | 'chip-enrolled' // a security key was added
  | 'authenticator-revoked' // an app or a key was removed (by its owner, or pushed out by a newer one)
  | 'factor-blocked' // too many wrong tries: codes, password and chip are blocked (until `until`, or support)
  | 'requests-stopped' // requests for this MitID were stopped (two at once, or too many pending)
  | 'mitid-used' // the MitID logged in or approved at `client_names[0]` (`mode`): sent when the identity asked for it
  | 'use-notices-off' // the notice for every use was turned off (by the app `device_name`)
  | 'user-id-changed'; // the user ID was changed, after a login at `client_names[0]` (the new one is not in the notice)

export interface AppNotification {
  id: string;
  kind: AppNotificationKind;
  at: string;
  /** The app or key the notice is about. */
  device_name?: string;
  /** For `device-pending`: when it becomes active. */
  active_from?: string;
  /** For `factor-blocked`: when the block ends; absent: until support. */
  until?: string;
  /**
   * For `requests-stopped`: the services whose requests were stopped; for `mitid-used`, the service it was used at;
   * for `user-id-changed`, the service it was changed at.
   */
  client_names?: string[];
  /** For `mitid-used`: a login or an approval. */
  mode?: Mode;
}

/**
 * `GET /v1/app/settings` and `POST /v1/app/settings` (an active app only): the identity's own choices. MitID's notices
 * about new devices, blocks and stopped requests are always sent; this only adds one.
 */
export interface IdentitySettings {
  /** Tell me every time my MitID is used (a notice to the apps and the contact channel after each login and approval). */
  notify_every_use: boolean;
}

/** `GET /v1/app/notifications`, newest first. */
export interface AppNotificationsResponse {
  notifications: AppNotification[];
}

// ---- The identity's authenticators, as its apps see them ---------------------------------------------------

export type AuthenticatorKind = 'app' | 'code-display' | 'code-reader' | 'chip';

export type AuthenticatorState = 'pending' | 'active' | 'temporarily-blocked' | 'blocked' | 'revoked';

export interface AuthenticatorInfo {
  id: string;
  kind: AuthenticatorKind;
  name: string;
  state: AuthenticatorState;
  added_at: string;
  /** When a pending app becomes active; when a block ends. */
  until?: string;
  /** The app asking. */
  this_device: boolean;
}

export type IdentityEventKind = 'activated' | 'added' | 'used' | 'blocked' | 'revoked' | 'requests-stopped';

export interface IdentityEvent {
  kind: IdentityEventKind;
  at: string;
  authenticator_name?: string;
  /** For `used`: the service and the method. */
  client_name?: string;
  method?: AuthenticatorKind;
}

/** `GET /v1/app/authenticators`: every authenticator of the identity and its history, newest first. */
export interface AuthenticatorsResponse {
  authenticators: AuthenticatorInfo[];
  history: IdentityEvent[];
}

// ---- Chip enrolment ------------------------------------------------------------------------------------------
// POST /v1/enrol/chip/options {user_id, activation_code | activation_ticket} (with the page's Origin)
//   → ChipEnrolmentStartResponse. A key is High: a ticket must come from a login at High (another key).
// POST /v1/enrol/chip {enrolment_token, response: RegistrationResponseJSON} → ChipEnrolmentResponse

export interface ChipEnrolmentStartRequest {
  user_id: string;
  activation_code?: string;
  activation_ticket?: string;
}

export interface ChipEnrolmentStartResponse {
  /** One-time token for the second call, valid for a few minutes. */
  enrolment_token: string;
  /** PublicKeyCredentialCreationOptionsJSON (from @simplewebauthn), for `navigator.credentials.create`. */
  options: unknown;
}

export interface ChipEnrolmentResponse {
  credential_id: string;
}

/**
 * The canonical text the device signs: one field a line, so no field can run into the next. `txnSha256` is the
 * hex SHA-256 of the transaction text, or `-` for a login. `detailsSha256`, for a payment or a batch, is the hex
 * SHA-256 of the details' canonical JSON (`canonicalJson` in ./transaction.ts); with it the input is
 * `mitid-approval-v2` and has that line before the decision, so a signature over other details never verifies.
 */
export function approvalSigningInput(fields: {
  requestId: string;
  challenge: string;
  clientName: string;
  mode: Mode;
  txnSha256: string | null;
  detailsSha256?: string | null;
  decision: AppDecision;
}): string {
  if (fields.detailsSha256) {
    return [
      'mitid-approval-v2',
      fields.requestId,
      fields.challenge,
      fields.clientName,
      fields.mode,
      fields.txnSha256 ?? '-',
      fields.detailsSha256,
      fields.decision,
    ].join('\n');
  }
  return [
    'mitid-approval-v1',
    fields.requestId,
    fields.challenge,
    fields.clientName,
    fields.mode,
    fields.txnSha256 ?? '-',
    fields.decision,
  ].join('\n');
}
