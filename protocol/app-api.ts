/**
 * The app API: what the MitID app (and the chip enrolment of the test environment) says to the broker. Part of the
 * wire contract (`protocol/`), beside the page API (./page-api.ts); integrators' pages never need it, so the
 * package's main entry does not export it. Types and pure functions only: no DOM, no Node.
 */
import type { Mode } from './page-api.js';

// Device calls carry `Authorization: Bearer <device_token>` from activation. Approvals are also signed with the
// device's P-256 key (ES256, raw r‖s, base64url) over {@link approvalSigningInput}.

export interface ActivateDeviceRequest {
  user_id: string;
  password: string;
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
}

/** One request waiting in the app (`GET /v1/app/requests`). */
export interface AppRequest {
  request_id: string;
  client_name: string;
  mode: Mode;
  /** In approve mode: the exact text to approve. */
  transaction_text?: string;
  /** Cross-device requests can only be approved after a fresh QR frame was scanned. */
  needs_qr: boolean;
  qr_scanned: boolean;
  /** Server challenge; part of the signed approval so a signature can never be reused. */
  challenge: string;
  expires_at: string;
}

/** `GET /v1/app/requests`. */
export interface AppRequestsResponse {
  requests: AppRequest[];
}

export type AppDecision = 'approve' | 'reject';

export interface AppDecisionRequest {
  decision: AppDecision;
  /** base64url ES256 signature (raw r‖s) by the device key over `approvalSigningInput(...)`. */
  signature: string;
}

export interface AppNotification {
  id: string;
  kind: 'device-activated';
  device_name: string;
  at: string;
}

/** `GET /v1/app/notifications`, newest first. */
export interface AppNotificationsResponse {
  notifications: AppNotification[];
}

// ---- Chip enrolment (test environment) ----------------------------------------------------------------------
// POST /v1/enrol/chip/options {user_id, password} (with the page's Origin) → ChipEnrolmentStartResponse
// POST /v1/enrol/chip {enrolment_token, response: RegistrationResponseJSON} → ChipEnrolmentResponse

export interface ChipEnrolmentStartRequest {
  user_id: string;
  password: string;
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
 * hex SHA-256 of the transaction text, or `-` for a login.
 */
export function approvalSigningInput(fields: {
  requestId: string;
  challenge: string;
  clientName: string;
  mode: Mode;
  txnSha256: string | null;
  decision: AppDecision;
}): string {
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
